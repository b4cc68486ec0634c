import { gzipSync } from 'node:zlib';

const MIB = 1024 * 1024;
let huge: Buffer | undefined;
let bomb: Buffer | undefined;

/** About 6 MB of plain, valid HTML: a long page of numbered paragraphs (built once, on first use). */
export function hugeHtml(): Buffer {
  if (huge) return huge;
  const paragraph = (n: number) =>
    `<p>Paragraph ${n}. The survey logged one more reading from every sensor, and nothing unusual happened in any of the eleven neighbourhoods.</p>\n`;
  const parts = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A very long page</title></head><body><article>\n'];
  let length = parts[0]?.length ?? 0;
  for (let n = 1; length < 6 * MIB; n++) {
    const line = paragraph(n);
    parts.push(line);
    length += line.length;
  }
  parts.push('</article></body></html>\n');
  huge = Buffer.from(parts.join(''));
  return huge;
}

/**
 * About 1 MB on the wire that inflates to 1 GiB of HTML whitespace: one gzip member of 1 MiB,
 * repeated (gzip decoders read concatenated members as one stream), so it costs nothing to build.
 */
export function gzipBomb(): Buffer {
  if (bomb) return bomb;
  const member = gzipSync(Buffer.concat([Buffer.from('<!doctype html><html><body><p>'), Buffer.alloc(MIB - 30, 0x20)]), { level: 9 });
  bomb = Buffer.concat(Array.from({ length: 1024 }, () => member));
  return bomb;
}

/** The first bytes real files of these types start with; the rest is filler. */
export const SIGNATURES = {
  pdf: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  zip: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
} as const;

/** `Café Crème … naïve façade` in windows-1252 bytes, which are not valid UTF-8. */
export function latin1Html(withMeta: boolean): Buffer {
  const meta = withMeta ? '<meta charset="windows-1252">' : '';
  return Buffer.from(
    `<!doctype html><html><head>${meta}<title>Café Crème</title></head><body><article><h1>Café Crème</h1>` +
      `<p>The naïve façade of the old Café Crème on Harbour Street was repainted this spring, and the owners kept the original lettering above the door.</p>` +
      `<p>Inside, the menu still lists crème brûlée at the same price as in 1998, which regulars say is the real reason they keep coming back.</p></article></body></html>`,
    'latin1',
  );
}
