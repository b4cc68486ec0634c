/**
 * `POST /api/chat` and `POST /api/generate`, checked in the order of Ollama's `ChatHandler`:
 * decode, model name, unload form, thinking, capabilities, (cold) load, load form, then the reply.
 */
import { estimateTokens, pickScript, planReply } from './chat-reply.ts';
import { writeReply } from './chat-stream.ts';
import { goNow } from './go-time.ts';
import { decodeBody, type HandlerContext } from './handler-context.ts';
import { sendError, sendJson } from './http-util.ts';
import { findModel, fullModelName, hasCapability, parseModelName } from './models.ts';
import { CHAT_REQUEST, GENERATE_REQUEST, type ChatRequest, type GenerateRequest, type InferenceRequest } from './request-types.ts';

/** What differs between a chat and a generate request. */
interface Inference {
  shape: 'chat' | 'generate';
  request: InferenceRequest;
  /** No messages (chat) or no prompt (generate): a load or unload request. */
  isEmpty: boolean;
  /** The capabilities the request needs besides `completion`. */
  needs: Array<'tools' | 'insert'>;
  lastUser: string;
  /** Text of the last message when it is a tool result. */
  lastTool: string | null;
  /** All prompt text, for `prompt_eval_count`. */
  promptText: string;
}

export async function handleChat(context: HandlerContext): Promise<void> {
  const request = decodeBody<ChatRequest>(context, CHAT_REQUEST);
  if (!request) return;
  const messages = request.messages ?? [];
  const lastUser = messages.findLast((message) => message.role?.toLowerCase() === 'user')?.content ?? '';
  const last = messages.at(-1);
  const lastTool = last?.role?.toLowerCase() === 'tool' ? (last.content ?? '') : null;
  await runInference(context, {
    shape: 'chat',
    request,
    isEmpty: messages.length === 0,
    needs: request.tools?.length ? ['tools'] : [],
    lastUser,
    lastTool,
    promptText: messages.map((message) => message.content ?? '').join('\n') + (request.tools ? JSON.stringify(request.tools) : ''),
  });
}

export async function handleGenerate(context: HandlerContext): Promise<void> {
  const request = decodeBody<GenerateRequest>(context, GENERATE_REQUEST);
  if (!request) return;
  const prompt = request.prompt ?? '';
  await runInference(context, {
    shape: 'generate',
    request,
    isEmpty: prompt === '',
    needs: request.suffix ? ['insert'] : [],
    lastUser: prompt,
    lastTool: null,
    promptText: prompt,
  });
}

/** The bodies of the load and unload forms. */
function doneBody(inference: Inference, model: string, doneReason: 'load' | 'unload') {
  if (inference.shape === 'generate') return { model, created_at: goNow(), response: '', done: true, done_reason: doneReason };
  return { model, created_at: goNow(), message: { role: 'assistant', content: '' }, done_reason: doneReason, done: true };
}

async function runInference(context: HandlerContext, inference: Inference): Promise<void> {
  const { res, state, signal } = context;
  const { request } = inference;
  if (request.top_logprobs !== undefined && (request.top_logprobs < 0 || request.top_logprobs > 20)) {
    return sendError(res, 400, 'top_logprobs must be between 0 and 20');
  }
  const name = request.model ?? '';
  if (name === '') return sendError(res, 400, 'model is required');
  if (!parseModelName(name)) return sendError(res, 400, 'invalid model name');
  const model = findModel(state.scenario.models, name);
  if (!model) return sendError(res, 404, `model '${name}' not found`);

  if (inference.isEmpty && request.keep_alive === 0) {
    state.residency.unload(model);
    return sendJson(res, 200, doneBody(inference, name, 'unload'));
  }
  // A model without the capability accepts `think: false` (the AI SDK provider always sends it).
  const thinkRequested = request.think !== undefined && request.think !== false;
  const thinks = hasCapability(model, 'thinking');
  if (thinkRequested && !thinks) return sendError(res, 400, `${JSON.stringify(name)} does not support thinking`);
  if (!hasCapability(model, 'completion')) {
    return sendError(res, 400, `${JSON.stringify(name)} does not support ${inference.shape}`);
  }
  const missing = inference.needs.filter((capability) => !hasCapability(model, capability));
  if (missing.length > 0) return sendError(res, 400, `${fullModelName(model.name)} does not support ${missing.join(', ')}`);

  await state.residency.ensureLoaded(model, { numCtx: request.options?.num_ctx, keepAliveMs: request.keep_alive, signal });
  const loadedNs = process.hrtime.bigint();
  if (inference.isEmpty) return sendJson(res, 200, doneBody(inference, name, 'load'));

  const script = pickScript(state.queue, state.scenario.chat, {
    model: name,
    lastUser: inference.lastUser,
    lastTool: inference.lastTool,
    stream: request.stream !== false,
  });
  // Ollama cuts the start of a prompt that does not fit the context it runs with, silently.
  const window = state.residency.list().find((entry) => entry.name === model.name)?.contextLength ?? Number.POSITIVE_INFINITY;
  const wanted = estimateTokens(inference.promptText);
  if (wanted > window) {
    context.record.promptTruncated = true;
    state.log.changed();
  }
  try {
    if (script.status !== undefined) {
      return sendError(res, script.status, script.error ?? 'llama runner process has terminated: exit status 2');
    }
    await writeReply({
      res,
      signal,
      record: context.record,
      log: state.log,
      shape: inference.shape,
      stream: request.stream !== false,
      model: name,
      // Ollama thinks by default on a thinking model unless the request says `think: false`.
      plan: planReply(script, { thinking: thinks && request.think !== false, tools: inference.needs.includes('tools'), lastTool: inference.lastTool }),
      script,
      clock: { startNs: context.startNs, loadedNs },
      promptTokens: Math.min(wanted, window),
    });
  } finally {
    state.residency.touch(model, request.keep_alive);
  }
}
