/**
 * `POST /prompt` that never queues a job twice. The prompt id is made here, before the POST, so
 * that when the answer is lost (time limit, broken connection, a 5xx) ComfyUI's queue and history
 * can be asked whether it arrived before anything is sent again.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ComfyuiError } from './errors.ts';
import { locatePrompt, type PromptLookup } from './locate-prompt.ts';
import { parseNodeErrors, type NodeError } from './node-errors.ts';
import { httpError, parseJson, request, type HttpRequest, type RequestContext } from './request.ts';
import { validationErrorFrom } from './validation-error.ts';
import type { ApiGraph } from './workflows/api-graph.ts';

export interface QueuePromptOptions {
  /** A canonical lowercase UUID (what the newest ComfyUI demands). @default crypto.randomUUID() */
  promptId?: string;
  /** Put it at the head of the queue. @default false */
  front?: boolean;
  /** Sent as `extra_data`, e.g. `{ extra_pnginfo: { workflow } }` to embed the editor graph in the PNG. */
  extraData?: Record<string, unknown>;
  /** Aborting rejects with the signal's reason; the prompt may then have been queued (cancel it by id). */
  signal?: AbortSignal;
}

export interface QueuePromptResult {
  /** ComfyUI's id for it: the one asked for, unless the server is too old to take ids from clients. */
  promptId: string;
  /** ComfyUI's queue number. */
  number: number;
  /** Outputs ComfyUI found invalid but skipped while queueing the others (usually empty). */
  nodeErrors: NodeError[];
}

/** Lowercase, hyphenated: the newest server.py answers 400 `invalid_prompt_id` to anything else. */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const acceptedSchema = z
  .object({ prompt_id: z.string(), number: z.number().catch(0), node_errors: z.unknown().optional() })
  .loose();

type Attempt = { kind: 'queued'; result: QueuePromptResult } | { kind: 'unknown'; error: ComfyuiError };

export async function queuePrompt(
  context: RequestContext,
  lookup: PromptLookup,
  clientId: string,
  graph: ApiGraph,
  options: QueuePromptOptions = {},
): Promise<QueuePromptResult> {
  const promptId = options.promptId ?? randomUUID();
  if (!CANONICAL_UUID.test(promptId)) {
    throw new RangeError(`promptId must be a lowercase hyphenated UUID such as crypto.randomUUID() makes; got '${promptId}'.`);
  }
  const json: Record<string, unknown> = { prompt: graph, client_id: clientId, prompt_id: promptId };
  if (options.front) json.front = true;
  if (options.extraData) json.extra_data = options.extraData;
  const req: HttpRequest = { method: 'POST', path: '/prompt', json, signal: options.signal };

  let lastError: ComfyuiError | undefined;
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const outcome = await postOnce(context, req);
    if (outcome.kind === 'queued') return outcome.result;
    lastError = outcome.error;
    // The POST may have arrived: ask before sending it again, so the job is never queued twice.
    let location;
    try {
      location = await locatePrompt(lookup, promptId, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      const message =
        `ComfyUI did not confirm prompt ${promptId} (${outcome.error.message}) and could not be asked whether it was queued ` +
        `(${error instanceof Error ? error.message : String(error)}). Look for it in ComfyUI's queue before trying again.`;
      throw new ComfyuiError(message, { url: context.baseUrl, code: 'outcome_unknown', cause: error, retryable: false });
    }
    if (location.state !== 'unknown') {
      const number = location.state === 'done' ? (location.entry.number ?? 0) : location.entry.number;
      return { promptId, number, nodeErrors: [] };
    }
  }
  const message = `ComfyUI did not take prompt ${promptId}, twice: ${lastError?.message ?? 'no answer'} It is not in ComfyUI's queue or history, so nothing was queued.`;
  throw new ComfyuiError(message, { url: `${context.baseUrl}/prompt`, status: lastError?.status ?? null, code: lastError?.code ?? 'timeout', cause: lastError });
}

/** One POST. A lost answer is `unknown`; a refusal (400, unreachable, other 4xx) throws. */
async function postOnce(context: RequestContext, req: HttpRequest): Promise<Attempt> {
  let answer;
  try {
    answer = await request(context, req);
  } catch (error) {
    if (error instanceof ComfyuiError && (error.code === 'timeout' || error.code === 'connection_lost')) return { kind: 'unknown', error };
    throw error;
  }
  const body = parseJson(new TextDecoder().decode(answer.bytes));
  if (answer.status === 400) throw validationErrorFrom(answer.url, body);
  // A 5xx (a crash, or a proxy's 502/504) may come after ComfyUI queued it.
  if (answer.status >= 500) return { kind: 'unknown', error: httpError(context, req, answer) };
  if (answer.status < 200 || answer.status >= 300) throw httpError(context, req, answer);
  const accepted = acceptedSchema.safeParse(body);
  if (!accepted.success) {
    const error = new ComfyuiError(`ComfyUI at ${context.baseUrl} answered POST /prompt with a body this client cannot read.`, {
      url: answer.url,
      status: answer.status,
      code: 'invalid_response',
    });
    return { kind: 'unknown', error };
  }
  const { prompt_id, number, node_errors } = accepted.data;
  return { kind: 'queued', result: { promptId: prompt_id, number, nodeErrors: parseNodeErrors(node_errors) } };
}
