import type { GeneratedImage, ImageJob, ImageJobState, ImageParams } from '@tauceti/contracts';
import type { Db } from './open-database.ts';

interface JobRow {
  id: string;
  conversation_id: string | null;
  message_id: string | null;
  variant_of: string | null;
  state: ImageJobState;
  params: string;
  workflow: string;
  checkpoint: string | null;
  seed: number | null;
  prompt_id: string | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

interface ImageRow {
  id: string;
  job_id: string;
  position: number;
  sha256: string;
  media_type: GeneratedImage['mediaType'];
  width: number;
  height: number;
  size_bytes: number;
  prompt: string;
  negative_prompt: string;
  seed: number;
  steps: number | null;
  cfg: number | null;
  workflow: string;
  checkpoint: string | null;
  duration_ms: number | null;
  created_at: number;
  conversation_id: string | null;
  message_id: string | null;
}

/** A job as stored; the live fields of `ImageJob` (queue position, step, preview) are the runner's. */
export interface StoredImageJob {
  id: string;
  conversationId: string | null;
  messageId: string | null;
  variantOf: string | null;
  state: ImageJobState;
  params: ImageParams;
  workflow: string;
  checkpoint: string | null;
  seed: number | null;
  /** ComfyUI's prompt id, stored before the prompt is sent. */
  promptId: string | null;
  error: ImageJob['error'];
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export type NewImage = Omit<GeneratedImage, 'url' | 'thumbnailUrl' | 'conversationId' | 'messageId'> & { sha256: string; position: number };

export const imageUrl = (imageId: string) => `/api/images/${imageId}`;

const toJob = (row: JobRow): StoredImageJob => ({
  id: row.id,
  conversationId: row.conversation_id,
  messageId: row.message_id,
  variantOf: row.variant_of,
  state: row.state,
  params: JSON.parse(row.params) as ImageParams,
  workflow: row.workflow,
  checkpoint: row.checkpoint,
  seed: row.seed,
  promptId: row.prompt_id,
  error: row.error ? (JSON.parse(row.error) as ImageJob['error']) : null,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

const toImage = (row: ImageRow): GeneratedImage & { sha256: string } => ({
  id: row.id,
  jobId: row.job_id,
  url: imageUrl(row.id),
  thumbnailUrl: `${imageUrl(row.id)}/thumbnail`,
  mediaType: row.media_type,
  width: row.width,
  height: row.height,
  sizeBytes: row.size_bytes,
  prompt: row.prompt,
  negativePrompt: row.negative_prompt,
  seed: row.seed,
  steps: row.steps,
  cfg: row.cfg,
  workflow: row.workflow,
  checkpoint: row.checkpoint,
  durationMs: row.duration_ms,
  conversationId: row.conversation_id,
  messageId: row.message_id,
  createdAt: row.created_at,
  sha256: row.sha256,
});

const IMAGE_COLUMNS = 'i.*, j.conversation_id, j.message_id';

/** Rows of image jobs and of the images they made; the bytes live in `DATA_DIR/images`. */
export function createImageStore(db: Db) {
  const insertJob = db.prepare(
    `INSERT INTO image_jobs (id, conversation_id, message_id, variant_of, state, params, workflow, checkpoint, seed, prompt_id, created_at)
     VALUES (@id, @conversationId, @messageId, @variantOf, @state, @params, @workflow, @checkpoint, @seed, @promptId, @createdAt)`,
  );
  const jobById = db.prepare<[string], JobRow>('SELECT * FROM image_jobs WHERE id = ?');
  const jobsOfMessage = db.prepare<[string], JobRow>('SELECT * FROM image_jobs WHERE message_id = ? ORDER BY created_at, rowid');
  const unfinished = db.prepare<[], JobRow>("SELECT * FROM image_jobs WHERE state IN ('queued', 'waiting-gpu', 'running') ORDER BY created_at");
  const insertImage = db.prepare(
    `INSERT INTO images (id, job_id, position, sha256, media_type, width, height, size_bytes, prompt, negative_prompt, seed, steps, cfg, workflow, checkpoint, duration_ms, created_at)
     VALUES (@id, @jobId, @position, @sha256, @mediaType, @width, @height, @sizeBytes, @prompt, @negativePrompt, @seed, @steps, @cfg, @workflow, @checkpoint, @durationMs, @createdAt)`,
  );
  const imageById = db.prepare<[string], ImageRow>(`SELECT ${IMAGE_COLUMNS} FROM images i JOIN image_jobs j ON j.id = i.job_id WHERE i.id = ?`);
  const imagesOfJob = db.prepare<[string], ImageRow>(`SELECT ${IMAGE_COLUMNS} FROM images i JOIN image_jobs j ON j.id = i.job_id WHERE i.job_id = ? ORDER BY i.position`);
  const newest = db.prepare<[number, number, string, number], ImageRow>(
    `SELECT ${IMAGE_COLUMNS} FROM images i JOIN image_jobs j ON j.id = i.job_id
     WHERE (i.created_at < ? OR (i.created_at = ? AND i.id < ?)) ORDER BY i.created_at DESC, i.id DESC LIMIT ?`,
  );

  return {
    insertJob(job: Omit<StoredImageJob, 'error' | 'startedAt' | 'finishedAt'>): StoredImageJob {
      insertJob.run({ ...job, params: JSON.stringify(job.params) });
      return { ...job, error: null, startedAt: null, finishedAt: null };
    },

    getJob(id: string): StoredImageJob | null {
      const row = jobById.get(id);
      return row ? toJob(row) : null;
    },

    /** Updates what changed of a job; returns it as now stored. */
    updateJob(id: string, change: Partial<Pick<StoredImageJob, 'state' | 'workflow' | 'checkpoint' | 'seed' | 'promptId' | 'error' | 'startedAt' | 'finishedAt'>>): StoredImageJob | null {
      const columns: Record<string, string> = { state: 'state', workflow: 'workflow', checkpoint: 'checkpoint', seed: 'seed', promptId: 'prompt_id', error: 'error', startedAt: 'started_at', finishedAt: 'finished_at' };
      const entries = Object.entries(change).filter(([key]) => key in columns);
      if (entries.length > 0) {
        const sets = entries.map(([key]) => `${columns[key]} = @${key}`).join(', ');
        const values = Object.fromEntries(entries.map(([key, value]) => [key, key === 'error' && value ? JSON.stringify(value) : value]));
        db.prepare(`UPDATE image_jobs SET ${sets} WHERE id = @id`).run({ ...values, id });
      }
      return this.getJob(id);
    },

    jobsOfMessage(messageId: string): StoredImageJob[] {
      return jobsOfMessage.all(messageId).map(toJob);
    },

    /** Jobs a restart left queued or running: to be reconciled with ComfyUI's history. */
    unfinishedJobs(): StoredImageJob[] {
      return unfinished.all().map(toJob);
    },

    insertImage(image: NewImage): void {
      insertImage.run(image);
    },

    getImage(id: string): (GeneratedImage & { sha256: string }) | null {
      const row = imageById.get(id);
      return row ? toImage(row) : null;
    },

    imagesOfJob(jobId: string): (GeneratedImage & { sha256: string })[] {
      return imagesOfJob.all(jobId).map(toImage);
    },

    /** The gallery, newest first; the cursor is the last image's `createdAt:id`. */
    listImages(options: { cursor?: string | undefined; limit: number }): { images: (GeneratedImage & { sha256: string })[]; nextCursor: string | null } {
      const [at, lastId] = options.cursor ? splitCursor(options.cursor) : [Number.MAX_SAFE_INTEGER, ''];
      const rows = newest.all(at, at, lastId || '\uffff', options.limit + 1);
      const images = rows.slice(0, options.limit).map(toImage);
      const last = images.at(-1);
      return { images, nextCursor: rows.length > options.limit && last ? `${last.createdAt}:${last.id}` : null };
    },
  };
}

function splitCursor(cursor: string): [number, string] {
  const at = cursor.indexOf(':');
  const time = Number(cursor.slice(0, at));
  if (at < 0 || !Number.isSafeInteger(time)) throw new RangeError('cursor is not one this server gave out');
  return [time, cursor.slice(at + 1)];
}

export type ImageStore = ReturnType<typeof createImageStore>;
