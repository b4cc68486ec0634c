/**
 * What every route handler receives, and the body decoding step they share.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeGo, type GoType } from './go-decode.ts';
import { sendError } from './http-util.ts';
import type { ModelResidency } from './model-residency.ts';
import type { RequestLog, RequestRecord } from './request-log.ts';
import type { ChatScript, OllamaScenario } from './scenario.ts';

/** The mock's mutable state. */
export interface MockState {
  scenario: OllamaScenario;
  residency: ModelResidency;
  /** One-shot chat scripts, consumed first-match in FIFO order. */
  queue: ChatScript[];
  log: RequestLog;
}

export interface HandlerContext {
  req: IncomingMessage;
  res: ServerResponse;
  body: string;
  record: RequestRecord;
  /** Aborts when the client closes the connection before the answer is complete. */
  signal: AbortSignal;
  state: MockState;
  /** `process.hrtime.bigint()` at arrival, for the duration metrics. */
  startNs: bigint;
}

/**
 * Decodes the body like gin's `ShouldBindJSON`; on failure answers 400 with Ollama's text
 * (`missing request body` or Go's decode error) and returns undefined.
 */
export function decodeBody<T>(context: HandlerContext, type: GoType): T | undefined {
  const result = decodeGo<T>(context.body, type);
  if (result.ok) return result.value;
  sendError(context.res, 400, result.empty ? 'missing request body' : result.message);
  return undefined;
}
