/**
 * Picks the script that answers a request and turns it into the deltas Ollama would stream:
 * thinking first, then content, then the tool calls.
 */
import { fullModelName } from './models.ts';
import type { ChatScript, ScriptedToolCall } from './scenario.ts';

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
  /** Text of the last `tool` message, or null when the last message is not a tool result. */
  lastTool?: string | null;
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
  const { model, lastUserIncludes, lastToolIncludes, afterTool, stream } = script.match ?? {};
  if (stream !== undefined && stream !== request.stream) return false;
  const lastTool = request.lastTool ?? null;
  if (afterTool !== undefined && afterTool !== (lastTool !== null)) return false;
  if (lastToolIncludes !== undefined && !(lastTool ?? '').includes(lastToolIncludes)) return false;
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
/** The calls a tool result tells a gullible model to make: `call name("text")` or `call name({json})`. */
export function callsRequestedBy(text: string): ScriptedToolCall[] {
  const calls: ScriptedToolCall[] = [];
  for (const match of text.matchAll(/call\s+([a-z_]+)\(\s*("(?:[^"\\]|\\.)*"|\{[^()]*\})\s*\)/g)) {
    const [, name, raw] = match as unknown as [string, string, string];
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value === 'string') calls.push({ name, arguments: name === 'web_search' ? { query: value } : { url: value } });
      else if (value && typeof value === 'object') calls.push({ name, arguments: value as Record<string, unknown> });
    } catch {
      // Not a call it can read: a real model would garble it too.
    }
  }
  return calls;
}

export function planReply(script: ChatScript, options: { thinking: boolean; tools: boolean; lastTool?: string | null }): ReplyPlan {
  const deltas: ReplyDelta[] = [];
  if (options.thinking) {
    for (const thinking of script.thinkingChunks ?? splitWords(script.thinking ?? '')) deltas.push({ thinking });
  }
  for (const content of script.chunks ?? splitWords(script.content ?? '')) deltas.push({ content });
  const calls = [...(script.toolCalls ?? []), ...(script.obeyToolResult ? callsRequestedBy(options.lastTool ?? '') : [])];
  if (options.tools && calls.length > 0) {
    deltas.push({
      toolCalls: calls.map((call, index) => ({
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
