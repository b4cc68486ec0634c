import { FINISHED_IMAGE_JOB_STATES, imageJob, type ImageJob } from '@tauceti/contracts';

export interface ImageJobEventsOptions {
  /** Every snapshot of the job: the current one first, then each change. */
  onJob: (job: ImageJob) => void;
  /**
   * The stream is closed for good without a finished job: the server refused it (an error status),
   * so EventSource will not try again by itself.
   */
  onClosed?: () => void;
}

/** Subscribes to one job's progress; returns the unsubscribe. */
export type SubscribeImageJob = (id: string, options: ImageJobEventsOptions) => () => void;

/**
 * `GET /api/images/jobs/:id/events` (event `job`). A dropped connection is reopened by EventSource,
 * which starts again with the current snapshot; the stream is closed here once the job has finished,
 * since the server ends it then and EventSource would otherwise reconnect.
 */
export const subscribeImageJob: SubscribeImageJob = (id, options) => {
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource(`/api/images/jobs/${encodeURIComponent(id)}/events`);
  source.addEventListener('job', (message) => {
    const parsed = imageJob.safeParse(parseJson(message.data));
    if (!parsed.success || parsed.data.id !== id) return;
    if (FINISHED_IMAGE_JOB_STATES.includes(parsed.data.state)) source.close();
    options.onJob(parsed.data);
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) options.onClosed?.();
  });
  return () => source.close();
};

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
