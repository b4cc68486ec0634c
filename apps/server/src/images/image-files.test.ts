import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createImageFiles } from './image-files.ts';

const png = (width: number, height: number, color = '#c86432') =>
  sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();

describe('stored image files', () => {
  it('keeps an image under its hash with a WebP thumbnail that fits in 384 px', async () => {
    const files = createImageFiles(mkdtempSync(join(tmpdir(), 'images-')));
    const stored = await files.save(await png(1024, 768));
    expect(stored).toMatchObject({ mediaType: 'image/png', width: 1024, height: 768 });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    const thumbnail = await sharp(await files.readThumbnail(stored.sha256)).metadata();
    expect(thumbnail).toMatchObject({ format: 'webp', width: 384, height: 288 });
    expect((await files.read(stored)).subarray(0, 4).toString('latin1')).toBe('\x89PNG');
  });

  it('keeps the same bytes once', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'images-'));
    const files = createImageFiles(directory);
    const bytes = await png(64, 64);
    const [first, second] = [await files.save(bytes), await files.save(bytes)];
    expect(second.sha256).toBe(first.sha256);
    expect(readdirSync(join(directory, first.sha256.slice(0, 2)))).toHaveLength(2);
  });

  it('refuses bytes that are not an image, whatever they claim to be', async () => {
    const files = createImageFiles(mkdtempSync(join(tmpdir(), 'images-')));
    await expect(files.save(new TextEncoder().encode('<svg onload="alert(1)"></svg>'))).rejects.toThrow(/not a PNG, JPEG or WebP/);
  });

  it('never turns a name from outside into a path', async () => {
    const files = createImageFiles(mkdtempSync(join(tmpdir(), 'images-')));
    await expect(files.readThumbnail('../../etc/passwd')).rejects.toThrow(/invalid image hash/);
  });
});
