/**
 * `POST /prompt` and `GET /prompt` (`server.py` `post_prompt`, `get_prompt`). The queue number is
 * taken (and the counter moved on) before anything is checked, even for a request that then
 * fails; a repeated `prompt_id` is queued again, as ComfyUI does (the log flags it).
 */
import { randomUUID } from 'node:crypto';
import { delay, destroyedByMock, sendInternalError, sendJson, untilAborted } from './http-util.ts';
import { pyBool, pyFloat, PyException } from './python-format.ts';
import { isDict, pyJsonLoads, PyJsonDecodeError, type PyDict, type PyValue } from './python-json.ts';
import type { RouteContext } from './route-context.ts';
import { validatePrompt } from './validate-prompt.ts';

/** `execution.SENSITIVE_EXTRA_DATA_KEYS`. */
const SENSITIVE_EXTRA_DATA_KEYS = ['auth_token_comfy_org', 'api_key_comfy_org'];

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const errorBody = (type: string, message: string, details: string) => ({ error: { type, message, details, extra_info: {} }, node_errors: {} });

export function getPrompt({ res, process }: RouteContext): void {
  sendJson(res, 200, process.queueInfo());
}

export async function postPrompt(ctx: RouteContext): Promise<void> {
  try {
    await queuePrompt(ctx);
  } catch (caught) {
    // json.JSONDecodeError, TypeError… escape post_prompt: aiohttp's 500.
    if (caught instanceof PyJsonDecodeError || caught instanceof PyException) return sendInternalError(ctx.res);
    throw caught;
  }
}

async function queuePrompt(ctx: RouteContext): Promise<void> {
  const { res, process, state, record } = ctx;
  const json = pyJsonLoads(ctx.body.toString('utf8'));
  const body = asRequestDict(json);

  let number: number | ReturnType<typeof pyFloat>;
  if (body.has('number')) number = pyFloat(body.get('number')!);
  else {
    number = process.number;
    if (body.has('front') && pyBool(body.get('front')!)) number = -number;
    process.number++;
  }

  if (!body.has('prompt')) return sendJson(res, 400, errorBody('no_prompt', 'No prompt provided', 'No prompt provided'));
  const prompt = body.get('prompt')!;
  const requestedId = body.get('prompt_id') ?? null;
  let promptId: string;
  if (requestedId === null) promptId = randomUUID();
  else if (typeof requestedId === 'string' && CANONICAL_UUID.test(requestedId)) promptId = requestedId;
  else {
    return sendJson(
      res,
      400,
      errorBody(
        'invalid_prompt_id',
        'prompt_id must be a valid UUID',
        'prompt_id must be a UUID string in canonical lowercase hyphenated form; omit it to let the server generate one',
      ),
    );
  }

  const partial = body.has('partial_execution_targets') ? body.get('partial_execution_targets')! : undefined;
  const valid = validatePrompt(prompt, partial, process.classContext());
  const extraData = body.has('extra_data') ? body.get('extra_data')! : new Map();
  // A non-dict extra_data only fails once something is stored into it.
  if (!isDict(extraData) && (body.has('client_id') || valid.ok)) throw new PyException('TypeError', "'extra_data' does not support item assignment");
  if (body.has('client_id')) (extraData as PyDict).set('client_id', body.get('client_id')!);

  if (!valid.ok) return sendJson(res, 400, { error: valid.error, node_errors: valid.nodeErrors });
  if (!isDict(extraData)) return;

  const graph = prompt as PyDict;
  const sensitive: PyDict = new Map();
  for (const key of SENSITIVE_EXTRA_DATA_KEYS) {
    if (!extraData.has(key)) continue;
    sensitive.set(key, extraData.get(key)!);
    extraData.delete(key);
  }
  extraData.set('create_time', Date.now());
  const faults = state.faults.bind(state.scenario, graph, extraData.get('client_id'));
  if (faults.postPrompt?.crashBeforeQueue) {
    record.postPromptFault = 'crash';
    state.log.changed();
    return sendInternalError(res);
  }
  record.promptId = promptId;
  record.duplicatePromptId = state.promptIdsSeen.has(promptId);
  state.promptIdsSeen.add(promptId);
  const fault = faults.postPrompt;
  record.postPromptFault = fault?.drop ?? (fault?.delayMs !== undefined ? 'delay' : undefined);
  process.queue.put({ number, promptId, prompt: graph, extraData, outputsToExecute: valid.outputs, sensitive, faults });
  state.log.changed();

  const response = { prompt_id: promptId, number, node_errors: valid.nodeErrors };
  if (fault?.drop === 'reset') {
    destroyedByMock.add(res);
    res.socket?.destroy();
    return;
  }
  if (fault?.drop === 'hang') return untilAborted(ctx.signal);
  if (fault?.delayMs !== undefined && !(await delay(fault.delayMs, ctx.signal))) return;
  sendJson(res, 200, response);
}

/** The body as a dict; Python's `"x" in json_data` on other JSON values fails in its own ways. */
function asRequestDict(json: PyValue): PyDict {
  if (isDict(json)) return json;
  if ((Array.isArray(json) || typeof json === 'string') && !json.includes('prompt') && !json.includes('number')) return new Map();
  throw new PyException('TypeError', 'argument is not a dict');
}
