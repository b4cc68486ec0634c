import { z } from 'zod';
import { id, timestamp } from './ids.ts';

/**
 * Images made through ComfyUI: what a request asks for, the job that makes it (queued, waiting for
 * the GPU, rendering, done), the images it made, and the gallery. A job belongs to the assistant
 * message whose card shows it; variants made from the card join the same message.
 */

/** Limits the composer and the tool are held to. */
export const IMAGE_LIMITS = {
  maxPromptChars: 2000,
  minSide: 64,
  maxSide: 2048,
  maxCount: 4,
} as const;

const side = z.number().int().min(IMAGE_LIMITS.minSide).max(IMAGE_LIMITS.maxSide);

/** Workflow names: a built-in (`sdxl`, `sd15`, `img2img`) or a user file's name without `.json`. */
export const workflowName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,79}$/, 'must be a workflow name such as sdxl');

/** What a person (the composer's image button) or the model (`generate_image`) asks for. */
export const imageParams = z.strictObject({
  prompt: z.string().trim().min(1, 'is empty: describe the picture').max(IMAGE_LIMITS.maxPromptChars),
  negativePrompt: z.string().max(IMAGE_LIMITS.maxPromptChars).optional(),
  width: side.optional(),
  height: side.optional(),
  /** Images made in one job (the workflow's batch size). @default 1 */
  count: z.number().int().min(1).max(IMAGE_LIMITS.maxCount).optional(),
  /** Omitted: a new random seed. */
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /** @default the default workflow (`sdxl`, or `img2img` when an input image is given) */
  workflow: workflowName.optional(),
  /** An image of this server (generated, or an upload of the conversation) to start from: image-to-image. */
  inputImageId: id.optional(),
  /** How far image-to-image may move away from the input (0..1). @default 0.6 */
  denoise: z.number().min(0).max(1).optional(),
});
export type ImageParams = z.infer<typeof imageParams>;

/**
 * - `queued`: accepted; waiting for its turn (another image job) or for ComfyUI's queue.
 * - `waiting-gpu`: waiting for the GPU to be handed over (the chat model unloading, a chat finishing).
 * - `running`: ComfyUI is rendering it.
 * - `done` / `failed` / `stopped` (Stop pressed) / `interrupted` (the server went down and ComfyUI
 *   no longer knows it): finished.
 */
export const imageJobState = z.enum(['queued', 'waiting-gpu', 'running', 'done', 'failed', 'stopped', 'interrupted']);
export type ImageJobState = z.infer<typeof imageJobState>;
export const FINISHED_IMAGE_JOB_STATES: readonly ImageJobState[] = ['done', 'failed', 'stopped', 'interrupted'];

/** One image as stored under `DATA_DIR/images`, with the figures that made it. */
export const generatedImage = z.object({
  id,
  jobId: id,
  /** Same-origin URL of the full-size image: `/api/images/<id>`; `?download=1` saves it. */
  url: z.string(),
  /** A WebP thumbnail: `/api/images/<id>/thumbnail`. */
  thumbnailUrl: z.string(),
  mediaType: z.enum(['image/png', 'image/jpeg', 'image/webp']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  sizeBytes: z.number().int().nonnegative(),
  prompt: z.string(),
  negativePrompt: z.string(),
  seed: z.number().int().nonnegative(),
  steps: z.number().int().positive().nullable(),
  cfg: z.number().nullable(),
  workflow: z.string(),
  checkpoint: z.string().nullable(),
  /** How long the job took in ComfyUI (queue wait not counted). */
  durationMs: z.number().int().nonnegative().nullable(),
  conversationId: id.nullable(),
  messageId: id.nullable(),
  createdAt: timestamp,
});
export type GeneratedImage = z.infer<typeof generatedImage>;

/** An image job as its card shows it. Streamed again (at most ~10 times a second) as it changes. */
export const imageJob = z.object({
  id,
  conversationId: id.nullable(),
  messageId: id.nullable(),
  state: imageJobState,
  /** What was asked for, as asked. */
  params: imageParams,
  /** The workflow and checkpoint used (known once the job is built). */
  workflow: z.string(),
  checkpoint: z.string().nullable(),
  /** The seed used (asked for or drawn): `vary` draws another. */
  seed: z.number().int().nonnegative().nullable(),
  /** The job this one varies or re-runs (same card); null for the first of a card. */
  variantOf: id.nullable(),
  /** Jobs ahead of this one, while `queued`. */
  queuePosition: z.number().int().nonnegative().nullable(),
  /** Sampler progress while `running`: step x of y. */
  step: z.number().int().nonnegative().nullable(),
  steps: z.number().int().positive().nullable(),
  /** What it waits for, in words, while `waiting-gpu` ("the chat model to unload"). */
  waitingFor: z.string().nullable(),
  /** The latest live preview, when ComfyUI sends them: `/api/images/jobs/<id>/preview?n=<count>`. */
  previewUrl: z.string().nullable(),
  images: z.array(generatedImage),
  /** Why it failed: ComfyUI down, a validation error, or the node that failed (`execution_error`). */
  error: z
    .object({
      message: z.string(),
      /** The failing node, when ComfyUI named one. */
      node: z.string().nullable(),
      nodeType: z.string().nullable(),
    })
    .nullable(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});
export type ImageJob = z.infer<typeof imageJob>;

/** `POST /api/images/jobs/:id/rerun`: the card's "edit and re-run" (fields left out keep the job's). */
export const rerunImageRequest = imageParams.partial();
export type RerunImageRequest = z.infer<typeof rerunImageRequest>;

/** `GET /api/images?cursor=&limit=`: the gallery, newest first. */
export const listImagesQuery = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(60),
});
export const imageListResponse = z.object({
  images: z.array(generatedImage),
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
});
export type ImageListResponse = z.infer<typeof imageListResponse>;

/** `GET /api/images/workflows`: what the composer and the model may pick from. */
export const workflowsResponse = z.object({
  workflows: z.array(
    z.object({
      name: z.string(),
      source: z.enum(['builtin', 'user']),
      /** It takes an input image (image-to-image). */
      takesImage: z.boolean(),
      description: z.string(),
    }),
  ),
  /** The workflow used when none is named. */
  defaultWorkflow: z.string(),
  /** User workflow files that could not be used, and why. */
  errors: z.array(z.object({ file: z.string(), message: z.string() })),
});
export type WorkflowsResponse = z.infer<typeof workflowsResponse>;

/** What `/api/status` says of ComfyUI and of the GPU everyone shares. */
export const imagesStatus = z.object({
  comfyui: z.object({
    url: z.string(),
    reachable: z.boolean(),
    version: z.string().nullable(),
    error: z.string().nullable(),
    /** The checkpoint used by default, and whether `COMFYUI_CHECKPOINT` named it or it was picked from those installed. */
    checkpoint: z.string().nullable(),
    checkpointSource: z.enum(['setting', 'auto']).nullable(),
  }),
  gpu: z.object({
    policy: z.enum(['exclusive', 'shared']),
    /** Who has the card now. */
    holder: z.enum(['idle', 'chat', 'embedding', 'image']),
    /** Chat turns, embedding batches and image jobs waiting for it. */
    waiting: z.number().int().nonnegative(),
  }),
});
export type ImagesStatus = z.infer<typeof imagesStatus>;
