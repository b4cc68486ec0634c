import { id as idSchema, type ImageJob, imageParams, listImagesQuery, rerunImageRequest } from '@tauceti/contracts';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Deps } from '../deps.ts';
import { AppError, badRequest, describeZodError, notFound } from '../http/errors.ts';
import { readJson, readQuery } from '../http/read-json.ts';
import { sniffImageType } from '../uploads/sniff-image-type.ts';

type ImageDeps = Pick<Deps, 'store' | 'imageJobs' | 'imageFiles' | 'tools' | 'comfyui'>;

const PING_MS = 15_000;
/** Generated images never change: a content hash names their bytes. */
const IMMUTABLE = 'private, max-age=31536000, immutable';

/**
 * Images and image jobs: the bytes (checked by their first bytes before they are served), the
 * gallery, a job's snapshot and live events, and the card's actions (vary, edit and re-run, stop).
 */
export function imageRoutes({ store, imageJobs, imageFiles, tools, comfyui }: ImageDeps) {
  const jobOf = (jobId: string): ImageJob => {
    const job = idSchema.safeParse(jobId).success ? imageJobs.get(jobId) : null;
    if (!job) throw notFound('The image job');
    return job;
  };
  const imageOf = (imageId: string) => {
    const image = idSchema.safeParse(imageId).success ? store.images.getImage(imageId) : null;
    if (!image) throw notFound('The image');
    return image;
  };
  const requireComfyui = () => {
    const tool = tools.generate_image;
    const reason = tool ? tool.unavailableReason : 'Making images is not set up on this server.';
    if (reason) throw new AppError('upstream_unreachable', 503, reason);
  };
  /** A new job on the same card: the same message, marked as a variant of the card's first job. */
  const restart = (source: ImageJob, params: ImageJob['params']) => {
    requireComfyui();
    return imageJobs.start({ params, conversationId: source.conversationId, messageId: source.messageId, variantOf: source.variantOf ?? source.id });
  };

  return new Hono()
    .get('/api/images', (c) => {
      const query = readQuery(c, listImagesQuery);
      try {
        const page = store.images.listImages(query);
        return c.json({ images: page.images.map(({ sha256: _sha256, ...image }) => image), nextCursor: page.nextCursor });
      } catch (error) {
        if (error instanceof RangeError) throw badRequest(`The gallery ${error.message}; start again without it.`);
        throw error;
      }
    })
    .get('/api/images/workflows', async (c) => {
      if (!comfyui) throw new AppError('upstream_unreachable', 503, 'Making images needs ComfyUI: set COMFYUI_URL to your ComfyUI server.');
      return c.json(await comfyui.workflowList());
    })
    .get('/api/images/jobs/:id', (c) => c.json(jobOf(c.req.param('id'))))
    .get('/api/images/jobs/:id/events', (c) => {
      const first = jobOf(c.req.param('id'));
      c.header('Cache-Control', 'no-cache, no-transform');
      c.header('X-Accel-Buffering', 'no');
      return streamSSE(c, async (stream) => {
        const pending: ImageJob[] = [first];
        let wake: (() => void) | null = null;
        const unsubscribe = imageJobs.subscribe(first.id, (job) => {
          // Only the newest state matters: a slow reader skips the ones in between.
          pending.splice(0, pending.length, job);
          wake?.();
        });
        stream.onAbort(() => {
          unsubscribe();
          wake?.();
        });
        // A job that ended between the snapshot and the subscription would otherwise be missed.
        const latest = imageJobs.get(first.id);
        if (latest && latest.state !== first.state) pending.splice(0, pending.length, latest);
        while (!stream.aborted && !stream.closed) {
          const job = pending.shift();
          if (job) {
            await stream.writeSSE({ event: 'job', data: JSON.stringify(job) });
            if (imageJobs.isFinished(job)) break;
            continue;
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, PING_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
          if (pending.length === 0 && !stream.aborted) await stream.write(': ping\n\n');
        }
        unsubscribe();
      });
    })
    .get('/api/images/jobs/:id/preview', (c) => {
      const job = jobOf(c.req.param('id'));
      const preview = imageJobs.preview(job.id);
      const mediaType = preview && sniffImageType(preview.bytes);
      if (!preview || (mediaType !== 'image/jpeg' && mediaType !== 'image/png')) throw notFound('A preview of this job');
      return c.body(new Uint8Array(preview.bytes), 200, { 'Content-Type': mediaType, 'Cache-Control': 'no-store', 'Content-Security-Policy': "sandbox; default-src 'none'" });
    })
    .post('/api/images/jobs/:id/vary', (c) => {
      const source = jobOf(c.req.param('id'));
      const { seed: _seed, ...params } = source.params;
      return c.json(restart(source, params), 201);
    })
    .post('/api/images/jobs/:id/rerun', async (c) => {
      const source = jobOf(c.req.param('id'));
      const change = await readJson(c, rerunImageRequest);
      const merged = imageParams.safeParse({ ...source.params, ...change });
      if (!merged.success) throw badRequest(`The edited image settings are not valid: ${describeZodError(merged.error)}`);
      return c.json(restart(source, merged.data), 201);
    })
    .post('/api/images/jobs/:id/stop', (c) => c.json({ stopped: imageJobs.stop(jobOf(c.req.param('id')).id) }))
    .get('/api/images/:id', async (c) => {
      const image = imageOf(c.req.param('id'));
      const bytes = await imageFiles.read(image).catch(() => null);
      // The bytes must still be what the row says they are: nothing else is served as an image.
      if (!bytes || sniffImageType(bytes) !== image.mediaType) throw notFound('The image file');
      const extension = image.mediaType.split('/')[1] === 'jpeg' ? 'jpg' : image.mediaType.split('/')[1];
      const name = `${image.prompt.replace(/[^A-Za-z0-9 _-]+/g, '').trim().slice(0, 60).replace(/\s+/g, '-') || 'image'}-${image.seed}.${extension}`;
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': image.mediaType,
        'Cache-Control': IMMUTABLE,
        'Content-Security-Policy': "sandbox; default-src 'none'",
        ...(c.req.query('download') ? { 'Content-Disposition': `attachment; filename="${name}"` } : {}),
      });
    })
    .get('/api/images/:id/thumbnail', async (c) => {
      const image = imageOf(c.req.param('id'));
      const bytes = await imageFiles.readThumbnail(image.sha256).catch(() => null);
      if (!bytes || sniffImageType(bytes) !== 'image/webp') throw notFound('The thumbnail');
      return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'image/webp', 'Cache-Control': IMMUTABLE, 'Content-Security-Policy': "sandbox; default-src 'none'" });
    });
}
