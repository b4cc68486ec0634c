/**
 * `GET /history/{prompt_id}`: a finished prompt's outputs and status. ComfyUI answers `{}` for an id
 * it does not know and for one still queued or running; that is `null` here.
 */
import { z } from 'zod';
import { imagesOfOutput, type ImageRef } from './image-ref.ts';
import { requestJson, type RequestContext } from './request.ts';

/** Why a finished prompt did not succeed, from its status messages. */
export type HistoryFailure =
  | { kind: 'error'; nodeId: string | null; nodeType: string | null; exceptionMessage: string; exceptionType: string | null }
  | { kind: 'interrupted'; nodeId: string | null; nodeType: string | null };

/** A finished prompt. */
export interface HistoryEntry {
  promptId: string;
  /** Its queue number, or null when the entry does not say. */
  number: number | null;
  /** `success` or `error` (interrupted prompts are `error` too: see `failure`). Old servers without a status: `success`. */
  status: 'success' | 'error';
  /** Every node's ui output, as ComfyUI sent it, by node id. */
  outputs: Record<string, unknown>;
  /** The images of all outputs, in node id order. */
  images: ImageRef[];
  /** Set when `status` is `error`, if the messages say why. */
  failure: HistoryFailure | null;
}

const entrySchema = z
  .object({
    prompt: z.array(z.unknown()).catch([]),
    outputs: z.record(z.string(), z.unknown()).catch({}),
    status: z
      .object({ status_str: z.string().nullable().catch(null), messages: z.array(z.unknown()).catch([]) })
      .loose()
      .nullable()
      .optional()
      .catch(null),
  })
  .loose();

const historySchema = z.record(z.string(), z.unknown());

export async function fetchHistory(context: RequestContext, promptId: string, signal?: AbortSignal): Promise<HistoryEntry | null> {
  const path = `/history/${encodeURIComponent(promptId)}`;
  const body = await requestJson(context, { method: 'GET', path, schema: historySchema, signal });
  const raw = body[promptId];
  if (raw === undefined) return null;
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) return null;
  const { prompt, outputs, status } = parsed.data;
  const messages = status?.messages ?? [];
  return {
    promptId,
    number: typeof prompt[0] === 'number' ? prompt[0] : null,
    status: status?.status_str === 'error' ? 'error' : 'success',
    outputs,
    images: Object.values(outputs).flatMap(imagesOfOutput),
    failure: status?.status_str === 'error' ? failureOf(messages) : null,
  };
}

/** Messages are `[type, data]` pairs; the error or interrupt one says where it stopped. */
function failureOf(messages: unknown[]): HistoryFailure | null {
  for (const message of messages) {
    if (!Array.isArray(message) || typeof message[0] !== 'string') continue;
    const data = (message[1] && typeof message[1] === 'object' ? message[1] : {}) as Record<string, unknown>;
    const nodeId = data.node_id === undefined || data.node_id === null ? null : String(data.node_id);
    const nodeType = typeof data.node_type === 'string' ? data.node_type : null;
    if (message[0] === 'execution_error') {
      const exceptionMessage = typeof data.exception_message === 'string' ? data.exception_message : '';
      const exceptionType = typeof data.exception_type === 'string' ? data.exception_type : null;
      return { kind: 'error', nodeId, nodeType, exceptionMessage, exceptionType };
    }
    if (message[0] === 'execution_interrupted') return { kind: 'interrupted', nodeId, nodeType };
  }
  return null;
}
