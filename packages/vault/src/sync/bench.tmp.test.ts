import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { hashEmbedder, makeTempDir } from '../testing/index.ts';
import { createVaultIndex } from './create-vault-index.ts';
import { openVaultSearch } from './open-vault-search.ts';

it('bench', async () => {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const vocab = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}${'abcdefghij'[i % 10]}`);
  const pick = () => vocab[Math.floor(Math.pow(rand(), 2) * vocab.length)]!;
  const sentence = () => Array.from({ length: 8 + Math.floor(rand() * 12) }, pick).join(' ') + '.';
  const temp = makeTempDir();
  const root = path.join(temp.dir, 'vault');
  const N = 7000;
  console.log('start');
  for (let i = 0; i < N; i++) {
    const folder = `F${i % 40}`;
    mkdirSync(path.join(root, folder), { recursive: true });
    const sections = 2 + Math.floor(rand() * 6);
    const body = [`# Note ${i} ${pick()}`, sentence(), ...Array.from({ length: sections }, (_, s) => `## ${pick()} ${pick()}\n\n${Array.from({ length: 3 + Math.floor(rand() * 6) }, sentence).join(' ')} [[Note ${Math.floor(rand() * N)}]]`)].join('\n\n');
    writeFileSync(path.join(root, folder, `Note ${i}.md`), `---\ntags: [t${i % 30}]\n---\n${body}\n`);
  }
  const embed = hashEmbedder(768);
  let t0 = performance.now();
  const index = await createVaultIndex({ root, dataDir: path.join(temp.dir, 'idx'), embedder: { embed, model: 'hash-768' }, watch: 'off', onProgress: (e) => { const t = Math.round(performance.now() - t0); if (e.phase !== last) { console.log('phase', e.phase, 'at', t); last = e.phase; } } });
  let last = '';
  const report = await index.sync();
  console.log('full sync', Math.round(performance.now() - t0), 'ms', JSON.stringify(report), index.status().chunks, 'chunks');
  t0 = performance.now();
  const again = await index.sync();
  console.log('unchanged sync', Math.round(performance.now() - t0), 'ms', again.unchanged);
  const q = `${vocab[5]} ${vocab[17]} ${vocab[300]}`;
  for (let k = 0; k < 3; k++) { t0 = performance.now(); await index.search(q); console.log('warm search', Math.round(performance.now() - t0)); }
  await index.close();
  for (let k = 0; k < 3; k++) {
    t0 = performance.now();
    const s = await openVaultSearch({ dataDir: path.join(temp.dir, 'idx'), embedder: { embed, model: 'hash-768' } });
    const t1 = performance.now();
    const hits = await s.search(q);
    const t2 = performance.now();
    await s.search(q + ' ' + vocab[9]);
    console.log('fresh open', Math.round(t1 - t0), 'first search', Math.round(t2 - t1), 'second', Math.round(performance.now() - t2), hits.length);
    await s.close();
  }
  const { openVaultStore } = await import('../store/open-vault-store.ts');
  const { buildNoteCatalog } = await import('../query/note-catalog.ts');
  const st = await openVaultStore({ dataDir: path.join(temp.dir, 'idx'), readOnly: true });
  t0 = performance.now(); const notes = await st.loadNotes('catalog'); const t1 = performance.now(); buildNoteCatalog(notes); console.log('catalog load', Math.round(t1 - t0), 'build', Math.round(performance.now() - t1));
  for (let k = 0; k < 3; k++) { t0 = performance.now(); await st.fullText(q, 40); console.log('fts', Math.round(performance.now() - t0)); }
  const v = (await embed([q], {}))[0] as Float32Array;
  for (let k = 0; k < 3; k++) { t0 = performance.now(); await st.nearest(v, 40); console.log('vector', Math.round(performance.now() - t0)); }
  st.close();
  const s = await openVaultSearch({ dataDir: path.join(temp.dir, 'idx'), embedder: null });
  t0 = performance.now(); await s.search(q); console.log('fresh fts-only first search', Math.round(performance.now() - t0));
  await s.close();
  temp.remove();
}, 600_000);
