import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NoteView, NotesSearchResponse, Source, ToolStep, VaultStatusResponse } from '@tauceti/contracts';
import { defaultScenario, type MockOllama, startMockOllama } from '@tauceti/mocks/ollama';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api } from './support/api.ts';
import { type RunningServer, startServer } from './support/start-server.ts';
import { type UiChunk, collectUiStream } from './support/ui-stream.ts';

const FIXTURE_VAULT = fileURLToPath(new URL('../../packages/vault/src/__fixtures__/vault', import.meta.url));

let mock: MockOllama;
let server: RunningServer;
let vaultPath: string;
let client: ReturnType<typeof api>;

const json = async <T>(path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: (await response.json()) as T };
};
const vaultStatus = async () => (await json<VaultStatusResponse>('/api/vault/status')).body;
const search = async (q: string) => (await json<NotesSearchResponse>(`/api/vault/search?q=${encodeURIComponent(q)}`)).body;

/** Polls until `check` holds: the index syncs in the background. */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms; last: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  vaultPath = join(mkdtempSync(join(tmpdir(), 'tauceti-vault-')), 'Household');
  cpSync(FIXTURE_VAULT, vaultPath, { recursive: true });
  mock = await startMockOllama();
  // Polling with a short interval: the temp folder stands in for a NAS mount, where file events never come.
  server = await startServer({ ollamaUrl: mock.url, env: { VAULT_PATH: vaultPath, VAULT_POLL: 'true' } });
  client = api(server.url);
  await until(vaultStatus, (status) => (status.state?.notes ?? 0) > 20 && status.state?.syncing === false, 'the first sync');
});
afterAll(async () => {
  await server?.stop();
  await mock?.close();
  rmSync(join(vaultPath, '..'), { recursive: true, force: true });
});
beforeEach(() => {
  mock.setScenario(defaultScenario());
  mock.clearRequests();
});

describe('the notes index behind the app', () => {
  it('indexes the vault and says how much of it is embedded', async () => {
    const { configured, state } = await vaultStatus();
    expect(configured).toBe(true);
    expect(state).toMatchObject({ name: 'Household', online: true, watching: 'polling', embeddingModel: 'nomic-embed-text' });
    expect(state?.embeddedChunks).toBe(state?.chunks);
  });

  it('finds the right note for a question phrased in other words, at its heading', async () => {
    const { results } = await search('what pressure should the heating be at');
    expect(results[0]).toMatchObject({ path: 'Home/Boiler.md', title: 'Boiler', heading: 'Pressure', anchor: 'pressure' });
    expect(results[0]?.snippet).toMatch(/1\.5 bar/);
  });

  it('serves a note the index knows for the viewer, its links resolved, comments left out', async () => {
    const { results } = await search('boiler pressure');
    const { status, body: note } = await json<NoteView>(`/api/vault/notes/${results[0]?.noteId}`);
    expect(status).toBe(200);
    expect(note).toMatchObject({ path: 'Home/Boiler.md', title: 'Boiler', aliases: ['Heating', 'Central heating'] });
    expect(note.markdown).toContain('The pressure gauge on the front panel');
    expect(note.markdown).not.toContain('COMMENTED-OUT-SECRET');
    expect(note.headings.map((heading) => heading.anchor)).toContain('annual-service');
    const contacts = note.links.find((link) => link.target === 'Emergency contacts');
    expect(contacts?.noteId).toEqual(expect.any(String));
    expect(note.obsidianUri).toBe('obsidian://open?vault=Household&file=Home%2FBoiler');
  });

  it('answers 404 for an id it does not know, whatever the id looks like', async () => {
    for (const id of ['nope', '..%2F..%2Fetc%2Fpasswd', encodeURIComponent('../../etc/passwd'), encodeURIComponent('/etc/passwd')]) {
      expect((await fetch(`${server.url}/api/vault/notes/${id}`)).status).toBe(404);
    }
  });

  it('answers in Notes mode from the passages found, citing notes that open in the viewer', async () => {
    mock.enqueueChat({ match: { stream: true }, content: 'Keep it at 1.5 bar when cold [1].' });
    const chunks: UiChunk[] = await collectUiStream(await client.ask('What pressure should the heating be at?', 'llava:7b', { mode: 'notes' }));
    const steps = chunks.filter((chunk) => chunk.type === 'data-tool').map((chunk) => chunk.data as ToolStep);
    expect(steps.at(-1)).toMatchObject({ tool: 'search_notes', state: 'done' });
    const sources = (chunks.filter((chunk) => chunk.type === 'data-sources').at(-1)?.data as { sources: Source[] }).sources;
    expect(sources[0]).toMatchObject({ n: 1, kind: 'note', status: 'read', title: 'Boiler › Pressure', domain: 'Household' });
    expect(sources[0]?.url).toMatch(/^\/notes\/[^/#]+#pressure$/);
    const sent = mock.requests.find((request) => request.path === '/api/chat')?.body as { messages: { role: string; content: string }[] };
    expect(sent.messages[0]?.content).toContain('should read 1.5 bar when the system is cold');
    expect(chunks.find((chunk) => chunk.type === 'data-citations')?.data).toEqual({ cited: [1], dangling: [] });
  });

  it('lets a model with tools search the notes itself', async () => {
    mock.enqueueChat(
      { match: { stream: true, afterTool: false }, toolCalls: [{ name: 'search_notes', arguments: { query: 'when are the bins collected' } }] },
      { match: { stream: true, afterTool: true }, content: 'On the day your notes say [1].' },
    );
    const chunks = await collectUiStream(await client.ask('When do the bins go out?'));
    const step = chunks.filter((chunk) => chunk.type === 'data-tool').at(-1)?.data as ToolStep;
    expect(step).toMatchObject({ tool: 'search_notes', state: 'done' });
    const toolResult = (mock.requests.filter((request) => request.path === '/api/chat').at(-1)?.body as { messages: { content: string }[] }).messages.at(-1)?.content;
    expect(toolResult).toMatch(/\[1\] Bins/);
  });
});

describe('staying in sync with the vault', () => {
  it('picks up an edit, a new note, a rename and a delete without a restart', async () => {
    writeFileSync(join(vaultPath, 'Home/Bins.md'), '# Bins\n\nThe green bin for garden waste now goes out on ZEPHYRDAY mornings.\n');
    await until(() => search('zephyrday'), (found) => found.results[0]?.path === 'Home/Bins.md', 'the edit to be found');

    writeFileSync(join(vaultPath, 'Home/Doorbell.md'), '# Doorbell\n\nThe doorbell battery is a CR2032, replaced QUOKKATIME.\n');
    await until(() => search('quokkatime doorbell'), (found) => found.results[0]?.path === 'Home/Doorbell.md', 'the new note to be found');

    renameSync(join(vaultPath, 'Home/Doorbell.md'), join(vaultPath, 'Home/Front door bell.md'));
    await until(() => search('quokkatime'), (found) => found.results[0]?.path === 'Home/Front door bell.md', 'the rename to be seen');

    rmSync(join(vaultPath, 'Home/Front door bell.md'));
    await until(() => search('quokkatime'), (found) => found.results.every((hit) => !hit.path.includes('door bell')), 'the delete to be seen');
  });

  it('keeps the whole index while the vault is unmounted, says it is offline, and resumes when it is back', async () => {
    const before = (await vaultStatus()).state?.notes ?? 0;
    const away = `${vaultPath}-unmounted`;
    renameSync(vaultPath, away);
    try {
      await until(vaultStatus, (status) => status.state?.online === false, 'the vault to be seen offline');
      expect((await vaultStatus()).state?.notes).toBe(before);
      expect((await search('boiler pressure')).results[0]?.path).toBe('Home/Boiler.md');
    } finally {
      renameSync(away, vaultPath);
    }
    await until(vaultStatus, (status) => status.state?.online === true, 'the vault to be seen back');
    expect((await vaultStatus()).state?.notes).toBe(before);
  });
});
