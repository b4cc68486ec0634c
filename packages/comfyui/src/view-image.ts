/**
 * `GET /view` and `POST /upload/image`: fetching what ComfyUI made, and giving it an input image.
 */
import { z } from 'zod';
import type { ImageRef } from './image-ref.ts';
import { ComfyuiError } from './errors.ts';
import { httpError, parseAnswer, request, type RequestContext } from './request.ts';

export interface ViewResult {
  bytes: Uint8Array;
  /** From ComfyUI's Content-Type header, e.g. `image/png`; check the bytes before trusting it. */
  contentType: string;
}

export async function viewImage(context: RequestContext, image: ImageRef, signal?: AbortSignal): Promise<ViewResult> {
  const query = new URLSearchParams({ filename: image.filename, subfolder: image.subfolder, type: image.type });
  const req = { method: 'GET', path: `/view?${query}`, signal } as const;
  const answer = await request(context, req);
  if (answer.status !== 200) {
    if (answer.status !== 404) throw httpError(context, req, answer);
    const name = `${image.subfolder ? `${image.subfolder}/` : ''}${image.filename}`;
    const message = `ComfyUI at ${context.baseUrl} has no ${image.type} image '${name}': it was deleted, or the reference is wrong.`;
    throw new ComfyuiError(message, { url: answer.url, status: 404, code: 'http' });
  }
  return { bytes: answer.bytes, contentType: answer.headers.get('content-type') ?? 'application/octet-stream' };
}

export interface UploadImageOptions {
  /** Replace a file of the same name instead of getting `name (1).png`. @default false */
  overwrite?: boolean;
  /** The folder: `input` (for LoadImage), `temp` or `output`. @default 'input' */
  type?: 'input' | 'temp' | 'output';
  /** A subfolder of it. @default '' */
  subfolder?: string;
  /** The part's content type. @default guessed from the file name */
  contentType?: string;
  signal?: AbortSignal;
}

/** What LoadImage's `image` input takes: `subfolder/name`, or `name`. */
export interface UploadImageResult {
  name: string;
  subfolder: string;
  type: string;
}

const uploadSchema = z.object({ name: z.string().min(1), subfolder: z.string().catch(''), type: z.string().catch('input') }).loose();

export async function uploadImage(context: RequestContext, bytes: Uint8Array, filename: string, options: UploadImageOptions = {}): Promise<UploadImageResult> {
  const form = new FormData();
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: options.contentType ?? guessImageType(filename) });
  form.append('image', blob, filename);
  form.append('type', options.type ?? 'input');
  if (options.subfolder) form.append('subfolder', options.subfolder);
  if (options.overwrite) form.append('overwrite', 'true');
  const req = { method: 'POST', path: '/upload/image', form, signal: options.signal } as const;
  const answer = await request(context, req);
  if (answer.status !== 200) throw httpError(context, req, answer);
  const { name, subfolder, type } = parseAnswer(context, req, answer, uploadSchema);
  return { name, subfolder, type };
}

function guessImageType(filename: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (extension === 'png') return 'image/png';
  if (extension === 'jpg' || extension === 'jpeg') return 'image/jpeg';
  if (extension === 'webp') return 'image/webp';
  return 'application/octet-stream';
}
