/**
 * The image routes: a job (`/api/images/jobs/:id`), its live progress (SSE), the card's actions (vary,
 * edit and re-run, stop), the gallery and the workflows the composer may pick from.
 */
import {
  imageJob,
  imageListResponse,
  stopResponse,
  workflowsResponse,
  type ImageJob,
  type ImageListResponse,
  type RerunImageRequest,
  type WorkflowsResponse,
} from '@tauceti/contracts';
import { requestJson } from './http.ts';

const jobPath = (id: string) => `/api/images/jobs/${encodeURIComponent(id)}`;

export function getImageJob(id: string, signal?: AbortSignal): Promise<ImageJob> {
  return requestJson(jobPath(id), { schema: imageJob, signal });
}

/** Same parameters, a new seed: the new job joins the same message and card. */
export function varyImageJob(id: string): Promise<ImageJob> {
  return requestJson(`${jobPath(id)}/vary`, { method: 'POST', json: {}, schema: imageJob });
}

/** The card's "edit and re-run": fields left out keep the job's. */
export function rerunImageJob(id: string, changes: RerunImageRequest): Promise<ImageJob> {
  return requestJson(`${jobPath(id)}/rerun`, { method: 'POST', json: changes, schema: imageJob });
}

/** Resolves with whether a job was still running to be stopped. */
export async function stopImageJob(id: string): Promise<boolean> {
  const result = await requestJson(`${jobPath(id)}/stop`, { method: 'POST', json: {}, schema: stopResponse });
  return result.stopped;
}

export interface ListImagesOptions {
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** @default 60 (the server's) */
  limit?: number;
  signal?: AbortSignal;
}

/** `GET /api/images`: the gallery, newest first. */
export function listImages(options: ListImagesOptions = {}): Promise<ImageListResponse> {
  const params = new URLSearchParams();
  if (options.cursor !== undefined) params.set('cursor', options.cursor);
  if (options.limit !== undefined) params.set('limit', String(options.limit));
  const query = params.size > 0 ? `?${params}` : '';
  return requestJson(`/api/images${query}`, { schema: imageListResponse, signal: options.signal });
}

export function listWorkflows(signal?: AbortSignal): Promise<WorkflowsResponse> {
  return requestJson('/api/images/workflows', { schema: workflowsResponse, signal });
}

/** A download link for a generated image (`Content-Disposition: attachment`). */
export const imageDownloadUrl = (url: string) => `${url}?download=1`;
