/**
 * `GET|POST /queue`, `GET|POST /history`, `POST /interrupt`, `POST /free` (`server.py`). They
 * all read the body with `request.json()`, so a body that is not JSON is aiohttp's 500, except
 * `/interrupt`, which treats it as `{}` (a global interrupt).
 */
import { sendEmpty, sendInternalError, sendJson } from './http-util.ts';
import { queueTuple } from './prompt-queue.ts';
import { pyBool, pyInt, PyException } from './python-format.ts';
import { isDict, pyJsonLoads, PyJsonDecodeError, type PyDict, type PyValue } from './python-json.ts';
import type { RouteContext, RouteHandler } from './route-context.ts';

/** Runs `handle` with the JSON body as a dict; the exceptions Python would raise become 500s. */
function withJsonBody(handle: (ctx: RouteContext, body: PyDict) => void): RouteHandler {
  return (ctx) => {
    try {
      const json = pyJsonLoads(ctx.body.toString('utf8'));
      if (!isDict(json)) throw new PyException('AttributeError', `'${typeof json}' object has no attribute 'get'`);
      handle(ctx, json);
    } catch (caught) {
      if (caught instanceof PyJsonDecodeError || caught instanceof PyException) return sendInternalError(ctx.res);
      throw caught;
    }
  };
}

/** `for x in value` over the JSON kinds a `delete` list could be. */
function iterate(value: PyValue): PyValue[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (isDict(value)) return [...value.keys()];
  throw new PyException('TypeError', 'object is not iterable');
}

export function getQueue({ res, process }: RouteContext): void {
  sendJson(res, 200, {
    queue_running: [...process.queue.running.values()].map(queueTuple),
    // The heap array itself (`copy.copy(self.queue)`), not sorted.
    queue_pending: process.queue.pending.map(queueTuple),
  });
}

export const postQueue = withJsonBody(({ res, process }, body) => {
  if (body.has('clear') && pyBool(body.get('clear')!)) process.queue.wipeQueue();
  if (body.has('delete')) for (const id of iterate(body.get('delete')!)) process.queue.deleteQueueItem((item) => item.promptId === id);
  sendEmpty(res);
});

export function getHistory({ res, url, process }: RouteContext): void {
  try {
    const maxItems = url.searchParams.has('max_items') ? Number(pyInt(url.searchParams.get('max_items')!)) : undefined;
    const offset = url.searchParams.has('offset') ? Number(pyInt(url.searchParams.get('offset')!)) : -1;
    sendJson(res, 200, process.queue.getHistory({ maxItems, offset }));
  } catch (caught) {
    if (caught instanceof PyException) return sendInternalError(res);
    throw caught;
  }
}

export function getHistoryItem({ res, params, process }: RouteContext): void {
  sendJson(res, 200, process.queue.getHistory({ promptId: params.prompt_id! }));
}

export const postHistory = withJsonBody(({ res, process }, body) => {
  if (body.has('clear') && pyBool(body.get('clear')!)) process.queue.wipeHistory();
  if (body.has('delete')) for (const id of iterate(body.get('delete')!)) if (typeof id === 'string') process.queue.deleteHistoryItem(id);
  sendEmpty(res);
});

export function postInterrupt(ctx: RouteContext): void {
  const { res, process } = ctx;
  let json: PyValue;
  try {
    json = pyJsonLoads(ctx.body.toString('utf8'));
  } catch {
    json = new Map();
  }
  if (!isDict(json)) return sendInternalError(res); // json_data.get: AttributeError
  const promptId = json.get('prompt_id');
  if (promptId !== undefined && pyBool(promptId)) {
    // Only the running prompt; a pending or finished one is left alone ("skipping interrupt").
    if ([...process.queue.running.values()].some((item) => item.promptId === promptId)) process.executor.interrupt();
  } else process.executor.interrupt();
  sendEmpty(res);
}

export const postFree = withJsonBody(({ res, process }, body) => {
  process.requestFree(body.get('unload_models') ?? false, body.get('free_memory') ?? false);
  sendEmpty(res);
});
