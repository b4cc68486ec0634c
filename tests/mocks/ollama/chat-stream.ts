/**
 * Writes a planned reply as Ollama does: NDJSON chunks then a final `done:true` chunk with metrics,
 * or one object for `stream:false`; with the script's timing and faults.
 */
import type { ServerResponse } from 'node:http';
import { chunkInterval, type ReplyDelta, type ReplyPlan } from './chat-reply.ts';
import { goNow } from './go-time.ts';
import { destroyedByMock, sendError, sleep, untilAborted } from './http-util.ts';
import type { RequestLog, RequestRecord } from './request-log.ts';
import type { ChatScript } from './scenario.ts';

export interface WriteReplyOptions {
  res: ServerResponse;
  /** Aborts when the client closes the connection. */
  signal: AbortSignal;
  record: RequestRecord;
  log: RequestLog;
  /** `chat` puts text in `message.content`, `generate` in `response`. */
  shape: 'chat' | 'generate';
  stream: boolean;
  /** The model name as the request spelled it (Ollama echoes it). */
  model: string;
  plan: ReplyPlan;
  script: ChatScript;
  /** `process.hrtime.bigint()` when the request arrived and when the model was ready. */
  clock: { startNs: bigint; loadedNs: bigint };
  promptTokens: number;
}

type Fault = { kind: 'error'; message: string } | { kind: 'disconnect' } | { kind: 'stall' };

/** The fault due before writing chunk `index` (`index === total` is the final chunk). */
function faultAt(script: ChatScript, index: number, total: number): Fault | undefined {
  const due = (count: number | undefined) => count !== undefined && Math.min(count, total) === index;
  if (script.errorAfterChunks && due(script.errorAfterChunks.count)) return { kind: 'error', message: script.errorAfterChunks.message };
  if (due(script.disconnectAfterChunks)) return { kind: 'disconnect' };
  if (due(script.stallAfterChunks)) return { kind: 'stall' };
  return undefined;
}

/** A chunk without its `done` fields; `content` is always present, empty parts are left out. */
function envelope(options: WriteReplyOptions, delta: ReplyDelta) {
  const content = delta.content ?? '';
  if (options.shape === 'generate') {
    return { model: options.model, created_at: goNow(), response: content, thinking: delta.thinking || undefined };
  }
  const message = { role: 'assistant', content, thinking: delta.thinking || undefined, tool_calls: delta.toolCalls?.length ? delta.toolCalls : undefined };
  return { model: options.model, created_at: goNow(), message };
}

/** Metrics of the final chunk, in ns; zero values are left out (Go `omitempty`). */
function metrics(options: WriteReplyOptions, prefilledNs: bigint) {
  const now = process.hrtime.bigint();
  const { startNs, loadedNs } = options.clock;
  const values = {
    total_duration: Number(now - startNs),
    load_duration: Number(loadedNs - startNs),
    prompt_eval_count: options.promptTokens,
    prompt_eval_duration: Number(prefilledNs - loadedNs),
    eval_count: Math.max(1, options.plan.deltas.length),
    eval_duration: Number(now - prefilledNs),
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value > 0));
}

function finalChunk(options: WriteReplyOptions, prefilledNs: bigint, delta: ReplyDelta = {}) {
  // `/api/generate` also returns the token context of the exchange (deprecated, still sent).
  const context = options.shape === 'generate' ? Array.from({ length: options.promptTokens + 1 }, (_, i) => 128_000 + i) : undefined;
  return { ...envelope(options, delta), done_reason: options.plan.doneReason, done: true, context, ...metrics(options, prefilledNs) };
}

function writeLine(options: WriteReplyOptions, value: unknown): void {
  const { res, record } = options;
  if (!res.headersSent) res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  res.write(`${JSON.stringify(value)}\n`);
  record.status = 200;
  record.chunks++;
  options.log.changed();
}

async function applyFault(options: WriteReplyOptions, fault: Fault): Promise<void> {
  const { res } = options;
  if (fault.kind === 'stall') return untilAborted(options.signal);
  if (fault.kind === 'disconnect') {
    destroyedByMock.add(res);
    res.destroy();
    return;
  }
  // Ollama's streamResponse: before the first write the real status goes out; after it, a last line.
  if (!options.stream || !res.headersSent) return sendError(res, 500, fault.message);
  writeLine(options, { error: fault.message });
  res.end();
}

/** Writes the reply; rejects with an AbortError when the client goes away. */
export async function writeReply(options: WriteReplyOptions): Promise<void> {
  const { plan, script, signal } = options;
  const total = plan.deltas.length;
  await sleep(script.prefillMs ?? 0, signal);
  const prefilledNs = process.hrtime.bigint();
  for (let index = 0; index <= total; index++) {
    if (index > 0) await sleep(chunkInterval(script), signal);
    const fault = faultAt(script, index, total);
    if (fault) return applyFault(options, fault);
    if (index === total) break;
    if (options.stream) writeLine(options, { ...envelope(options, plan.deltas[index]!), done: false });
  }
  if (options.stream) {
    writeLine(options, finalChunk(options, prefilledNs));
    options.res.end();
    return;
  }
  // stream:false concatenates content and thinking and gathers the tool calls (writeChatResponse).
  const merged: Required<ReplyDelta> = { content: '', thinking: '', toolCalls: [] };
  for (const delta of plan.deltas) {
    merged.content += delta.content ?? '';
    merged.thinking += delta.thinking ?? '';
    merged.toolCalls.push(...(delta.toolCalls ?? []));
  }
  options.record.status = 200;
  options.res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  options.res.end(JSON.stringify(finalChunk(options, prefilledNs, merged)));
}
