/**
 * Real images, made with sharp: outputs are PNGs whose colours come from the seed and the prompt
 * text (same inputs, same bytes), carrying the `prompt`/`workflow` tEXt chunks SaveImage writes;
 * previews are small JPEGs that move from noise towards the final image step by step.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** What decides an image's look. */
export interface ImageRecipe {
  width: number;
  height: number;
  /** The sampler seed (plus the batch index), as text so 64-bit seeds stay exact. */
  seed: string;
  /** The positive prompt text. */
  text: string;
  /** Index in the batch. */
  index: number;
}

/** `(width, height)` scaled down so the longest side is at most `cap` (aspect kept). */
export function capSize(width: number, height: number, cap: number | undefined): { width: number; height: number } {
  if (!cap || Math.max(width, height) <= cap) return { width, height };
  const scale = cap / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** `ImageOps.contain(image, (size, size))`: fit in the square, up or down, aspect kept. */
export function containSize(width: number, height: number, size: number): { width: number; height: number } {
  const scale = Math.min(size / width, size / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function palette(recipe: ImageRecipe): [number[], number[]] {
  const seedHash = createHash('sha256').update(`${recipe.seed}:${recipe.index}`).digest();
  const textHash = createHash('sha256').update(recipe.text).digest();
  return [[seedHash[0]!, seedHash[1]!, seedHash[2]!], [textHash[0]!, textHash[1]!, textHash[2]!]];
}

/** Raw RGB of the final image at `width`×`height`, blended with seed noise by `1 - progress`. */
function pixels(recipe: ImageRecipe, width: number, height: number, progress: number): Buffer {
  const [from, to] = palette(recipe);
  const out = Buffer.alloc(width * height * 3);
  let noise = Number.parseInt(createHash('sha256').update(recipe.seed).digest('hex').slice(0, 8), 16) || 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / Math.max(1, width - 1) + y / Math.max(1, height - 1)) / 2;
      for (let c = 0; c < 3; c++) {
        noise ^= noise << 13;
        noise ^= noise >>> 17;
        noise ^= noise << 5;
        const clean = from[c]! + (to[c]! - from[c]!) * t;
        out[(y * width + x) * 3 + c] = Math.round(clean * progress + ((noise >>> 0) & 0xff) * (1 - progress));
      }
    }
  }
  return out;
}

/** The output PNG (capped to `maxPx` on its longest side), with tEXt chunks like PIL's PngInfo. */
export async function renderPng(recipe: ImageRecipe, text: Array<[string, string]>, maxPx?: number): Promise<Buffer> {
  const size = capSize(recipe.width, recipe.height, maxPx);
  const png = await sharp(pixels(recipe, size.width, size.height, 1), { raw: { width: size.width, height: size.height, channels: 3 } })
    .png({ compressionLevel: 4 })
    .toBuffer();
  return addPngText(png, text);
}

/** A preview JPEG for sampler progress `progress` (0..1), fitted into `previewSize`. */
export async function renderPreviewJpeg(recipe: ImageRecipe, progress: number, previewSize: number): Promise<Buffer> {
  const size = containSize(recipe.width, recipe.height, previewSize);
  return sharp(pixels(recipe, size.width, size.height, progress), { raw: { width: size.width, height: size.height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** Inserts `tEXt` chunks after IHDR (PIL writes text chunks before the image data). */
export function addPngText(png: Buffer, entries: Array<[string, string]>): Buffer {
  if (entries.length === 0) return png;
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  const chunks = entries.map(([keyword, value]) => chunk('tEXt', Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(value, 'latin1')])));
  return Buffer.concat([png.subarray(0, ihdrEnd), ...chunks, png.subarray(ihdrEnd)]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
  return Buffer.concat([head, data, crc]);
}

/** Width and height of an image file, or null when sharp cannot read it (PIL's UnidentifiedImageError). */
export async function imageSize(bytes: Buffer): Promise<{ width: number; height: number } | null> {
  try {
    const meta = await sharp(bytes).metadata();
    return meta.width && meta.height ? { width: meta.width, height: meta.height } : null;
  } catch {
    return null;
  }
}

/** `/view?preview=webp;90` / `channel=rgb|a`: re-encodes a stored image. */
export async function reencode(bytes: Buffer, options: { format?: 'webp' | 'jpeg' | 'png'; quality?: number; channel?: 'rgb' | 'a' }): Promise<Buffer> {
  let image = sharp(bytes);
  if (options.channel === 'a') {
    // Python: a new RGBA image (0, 0, 0, 0) given the source's alpha (255 everywhere when it has none).
    const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const rgba = Buffer.alloc(info.width * info.height * 4);
    for (let i = 0; i < info.width * info.height; i++) rgba[i * 4 + 3] = data[i * info.channels + info.channels - 1]!;
    image = sharp(rgba, { raw: { width: info.width, height: info.height, channels: 4 } });
  } else if (options.channel === 'rgb' || options.format === 'jpeg') image = image.removeAlpha();
  if (options.format === 'webp') return image.webp({ quality: options.quality ?? 90 }).toBuffer();
  if (options.format === 'jpeg') return image.jpeg({ quality: options.quality ?? 90 }).toBuffer();
  return image.png().toBuffer();
}

/** Bodies for `hostileOutput`: not PNGs, whatever the file name says. */
export function hostileBytes(kind: 'svg' | 'html' | 'empty'): Buffer {
  if (kind === 'empty') return Buffer.alloc(0);
  if (kind === 'svg') return Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(1)</script></svg>');
  return Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
}
