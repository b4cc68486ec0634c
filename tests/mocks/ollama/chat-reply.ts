/**
 * Picks the script that answers a request and turns it into the deltas Ollama would stream:
 * thinking first, then content, then the tool calls.
 */
import { fullModelName } from './models.ts';
import type { ChatScript } from './scenario.ts';

/** A tool call as Ollama sends it (`id` since v0.12.10, `function.index` since v0.12.6). */
export interface ToolCallOut {
  id: string;
  function: { index: number; name: string; arguments: Record<string, unknown> };
}

/** What one streamed chunk carries besides the envelope (one of the three per chunk). */
export interface ReplyDelta {
  content?: string;
  thinking?: string;
  toolCalls?: ToolCallOut[];
}

export interface ReplyPlan {
  deltas: ReplyDelta[];
  doneReason: 'stop' | 'length';
}

/** The request facts scripts match on. */
export interface ReplyRequest {
  model: string;
  /** Text of the last `user` message (the `prompt` for `/api/generate`). */
  lastUser: string;
  /** The request streams (`stream` omitted or true). */
  stream: boolean;
}

/** Splits text into word chunks that keep their leading whitespace: `"a b"` → `["a", " b"]`. */
export function splitWords(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\S)(?=\s+\S)/);
}

/** Ollama-ish token count for metrics: about four characters per token, at least one. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function matches(script: ChatScript, request: ReplyRequest): boolean {
  const { model, lastUserIncludes, stream } = script.match ?? {};
  if (stream !== undefined && stream !== request.stream) return false;
  if (model !== undefined && fullModelName(model).toLowerCase() !== fullModelName(request.model).toLowerCase()) return false;
  return lastUserIncludes === undefined || request.lastUser.includes(lastUserIncludes);
}

/**
 * The first matching one-shot script from `queue` (removed from it), else the first matching
 * scenario rule, else an echo of the last user message.
 */
export function pickScript(queue: ChatScript[], rules: readonly ChatScript[], request: ReplyRequest): ChatScript {
  const queued = queue.findIndex((script) => matches(script, request));
  if (queued >= 0) return queue.splice(queued, 1)[0]!;
  return rules.find((script) => matches(script, request)) ?? { content: `You said: ${request.lastUser}` };
}

function toolCallId(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `call_${Array.from({ length: 8 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')}`;
}

/**
 * The deltas for a script. Thinking is sent only when the model thinks for this request; tool
 * calls only when the request offered tools (Ollama parses calls only then).
 */
export function planReply(script: ChatScript, options: { thinking: boolean; tools: boolean }): ReplyPlan {
  const deltas: ReplyDelta[] = [];
  if (options.thinking) {
    for (const thinking of script.thinkingChunks ?? splitWords(script.thinking ?? '')) deltas.push({ thinking });
  }
  for (const content of script.chunks ?? splitWords(script.content ?? '')) deltas.push({ content });
  if (options.tools && script.toolCalls?.length) {
    deltas.push({
      toolCalls: script.toolCalls.map((call, index) => ({
        id: toolCallId(),
        function: { index, name: call.name, arguments: call.arguments },
      })),
    });
  }
  return { deltas, doneReason: script.doneReason ?? 'stop' };
}

/** Delay between chunks, in ms. */
export function chunkInterval(script: ChatScript): number {
  if (script.intervalMs !== undefined) return script.intervalMs;
  return script.tokensPerSecond ? 1000 / script.tokensPerSecond : 0;
}
