import { randomUUID } from 'node:crypto';
import { CHAT_LIMITS, id as idSchema } from '@tauceti/contracts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from '../deps.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import { isClientAbort } from '../http/client-abort.ts';
import { sniffImageType } from '../uploads/sniff-image-type.ts';

const MAX_MB = Math.round(CHAT_LIMITS.maxUploadBytes / 1024 / 1024);

/** Images attached to messages: uploaded before the message is sent, served back to the page. */
export function uploadRoutes({ store, uploadFiles }: Pick<Deps, 'store' | 'uploadFiles'>) {
  return new Hono()
    .post(
      '/api/uploads',
      bodyLimit({
        maxSize: CHAT_LIMITS.maxUploadBytes + 64 * 1024,
        onError: () => {
          throw new AppError('payload_too_large', 413, `The image is larger than ${MAX_MB} MB.`);
        },
      }),
      async (c) => {
        if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) {
          throw new AppError('unsupported_media_type', 415, 'Upload the image as multipart/form-data with a "file" field.');
        }
        const form = await c.req.parseBody().catch((error: unknown) => {
          if (isClientAbort(error, c.req.raw)) throw error;
          throw new AppError('bad_request', 400, 'The upload is not valid multipart/form-data: the Content-Type must name the boundary that separates its parts.', { cause: error });
        });
        const file = form.file;
        if (!(file instanceof File)) throw badRequest('Attach the image in a form field named "file".');
        if (file.size > CHAT_LIMITS.maxUploadBytes) throw new AppError('payload_too_large', 413, `The image is larger than ${MAX_MB} MB.`);
        const bytes = new Uint8Array(await file.arrayBuffer());
        const mediaType = sniffImageType(bytes);
        if (!mediaType) throw new AppError('unsupported_media_type', 415, 'Only PNG, JPEG, WebP and GIF images can be attached.');
        const uploadId = randomUUID();
        await uploadFiles.save(uploadId, bytes);
        const name = (file.name || 'image').replace(/[\r\n"\\/]/g, '_').slice(0, 200);
        return c.json(store.uploads.insert({ id: uploadId, name, mediaType, sizeBytes: bytes.byteLength, createdAt: Date.now() }), 201);
      },
    )
    .get('/api/uploads/:id', async (c) => {
      const uploadId = c.req.param('id');
      const upload = idSchema.safeParse(uploadId).success ? store.uploads.get(uploadId) : null;
      if (!upload) throw notFound('The image');
      const bytes = await uploadFiles.read(upload.id).catch(() => null);
      if (!bytes) throw notFound('The image');
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': upload.mediaType,
        'Content-Security-Policy': "sandbox; default-src 'none'",
        'Cache-Control': 'private, max-age=31536000, immutable',
      });
    });
}
