/**
 * `ImageRef`: how ComfyUI names a file it wrote (`executed` events, history outputs, `/view`).
 */
import { z } from 'zod';

/** A file in one of ComfyUI's folders: fetch it with `client.view(ref)`. */
export interface ImageRef {
  filename: string;
  /** Relative to the folder; often `''`. */
  subfolder: string;
  /** `output` (SaveImage), `temp` (PreviewImage) or `input`. */
  type: string;
}

export const imageRefSchema = z
  .object({ filename: z.string().min(1), subfolder: z.string().optional().default(''), type: z.string().optional().default('output') })
  .loose();

/** The images of one node's ui output (`{"images":[…]}`); other keys (text, gifs) are left alone. */
export function imagesOfOutput(output: unknown): ImageRef[] {
  if (!output || typeof output !== 'object' || !('images' in output) || !Array.isArray(output.images)) return [];
  const images: ImageRef[] = [];
  for (const item of output.images) {
    const parsed = imageRefSchema.safeParse(item);
    if (parsed.success) images.push({ filename: parsed.data.filename, subfolder: parsed.data.subfolder, type: parsed.data.type });
  }
  return images;
}

/**
 * The images a run produced: the saved ones (`type: output`) when there are any, so a PreviewImage
 * beside a SaveImage does not double the result; otherwise all of them. Duplicates are dropped.
 */
export function resultImages(images: ImageRef[]): ImageRef[] {
  const saved = images.filter((image) => image.type === 'output');
  const chosen = saved.length > 0 ? saved : images;
  const seen = new Set<string>();
  return chosen.filter((image) => {
    const key = `${image.type}/${image.subfolder}/${image.filename}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
