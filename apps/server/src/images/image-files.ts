import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { sniffImageType } from '../uploads/sniff-image-type.ts';

/** Longest side of a thumbnail: sharp for a card or a gallery tile on a phone's screen. */
const THUMBNAIL_PX = 384;
const SHA256 = /^[0-9a-f]{64}$/;

/** A stored image: the file's hash names it, so the same bytes are kept once. */
export interface StoredImageFile {
  sha256: string;
  mediaType: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  sizeBytes: number;
}

/**
 * Generated images under `DATA_DIR/images`, content-addressed (`ab/abcdef….png`), each with a WebP
 * thumbnail beside it. Only bytes whose first bytes say PNG, JPEG or WebP are kept, whatever
 * ComfyUI's headers claim; paths are built from a checked hash, never from a request.
 */
export function createImageFiles(directory: string) {
  mkdirSync(directory, { recursive: true });
  const base = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new Error(`invalid image hash ${JSON.stringify(sha256)}`);
    return join(directory, sha256.slice(0, 2), sha256);
  };
  const extension = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' } as const;

  /** Writes through a temporary name, so a crash never leaves half a file under the final one. */
  async function writeOnce(path: string, bytes: Uint8Array) {
    if (await exists(path)) return;
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  }

  return {
    directory,
    async save(bytes: Uint8Array): Promise<StoredImageFile> {
      const mediaType = sniffImageType(bytes);
      if (mediaType !== 'image/png' && mediaType !== 'image/jpeg' && mediaType !== 'image/webp') {
        throw new Error('ComfyUI sent something that is not a PNG, JPEG or WebP image; it was not kept.');
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const { width, height } = await sharp(bytes).metadata();
      if (!width || !height) throw new Error('ComfyUI sent an image without a size; it was not kept.');
      mkdirSync(join(directory, sha256.slice(0, 2)), { recursive: true });
      const path = `${base(sha256)}.${extension[mediaType]}`;
      await writeOnce(path, bytes);
      const thumbnail = await sharp(bytes).resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
      await writeOnce(`${base(sha256)}.thumb.webp`, thumbnail);
      return { sha256, mediaType, width, height, sizeBytes: bytes.byteLength };
    },
    async read(file: Pick<StoredImageFile, 'sha256' | 'mediaType'>): Promise<Buffer> {
      return readFile(`${base(file.sha256)}.${extension[file.mediaType]}`);
    },
    async readThumbnail(sha256: string): Promise<Buffer> {
      return readFile(`${base(sha256)}.thumb.webp`);
    },
  };
}

export type ImageFiles = ReturnType<typeof createImageFiles>;

const exists = (path: string) => stat(path).then(() => true, () => false);
