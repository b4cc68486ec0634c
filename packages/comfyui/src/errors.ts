/**
 * The errors of `@tauceti/comfyui`: one base class, `ComfyuiError`, and a subclass for each failure a
 * caller handles differently. Messages are written for people: what failed, and what to do.
 */
import type { NodeError } from './node-errors.ts';

/** Why a call to ComfyUI failed. Branch on this (or on the subclass), not on the message. */
export type ComfyuiErrorCode =
  /** No connection (refused, DNS). Nothing reached ComfyUI. `status` is null. */
  | 'unreachable'
  /** No answer within the request time limit. `status` is null. */
  | 'timeout'
  /** The connection broke after it was made, before a whole answer came. `status` is null. */
  | 'connection_lost'
  /** ComfyUI answered with a non-2xx status; `status` holds it. */
  | 'http'
  /** A 2xx answer this client cannot read. */
  | 'invalid_response'
  /** `POST /prompt` answered 400: the graph is not valid on this server. */
  | 'validation'
  /** A node raised while the prompt ran (`execution_error`). */
  | 'execution'
  /** The prompt was interrupted (by someone else, or by `POST /interrupt`). */
  | 'interrupted'
  /** `runPrompt` gave up after its `timeoutMs`. */
  | 'run_timeout'
  /** ComfyUI no longer knows a prompt it had accepted (it restarted and lost its queue). */
  | 'lost'
  /** It is not known whether ComfyUI queued the prompt, even after looking. */
  | 'outcome_unknown'
  /** A workflow file or its parameters are unusable. */
  | 'workflow';

export interface ComfyuiErrorOptions {
  /** The URL that was called, or ComfyUI's base URL when the failure is not one request's. */
  url: string;
  /** HTTP status, or null when there was no answer. @default null */
  status?: number | null;
  code: ComfyuiErrorCode;
  cause?: unknown;
  /** Whether trying again later may succeed. @default true for unreachable, timeout, connection_lost, lost and HTTP 408/429/5xx */
  retryable?: boolean;
}

export class ComfyuiError extends Error {
  override readonly name: string = 'ComfyuiError';
  readonly url: string;
  readonly status: number | null;
  readonly code: ComfyuiErrorCode;
  readonly retryable: boolean;

  constructor(message: string, options: ComfyuiErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.url = options.url;
    this.status = options.status ?? null;
    this.code = options.code;
    this.retryable = options.retryable ?? defaultRetryable(options.code, this.status);
  }
}

function defaultRetryable(code: ComfyuiErrorCode, status: number | null): boolean {
  if (code === 'unreachable' || code === 'timeout' || code === 'connection_lost' || code === 'lost') return true;
  if (code !== 'http' || status === null) return false;
  return status === 408 || status === 429 || status >= 500;
}

/** Nothing answered at ComfyUI's address. The message names `COMFYUI_URL` and the URL. */
export class ComfyuiUnreachableError extends ComfyuiError {
  override readonly name: string = 'ComfyuiUnreachableError';
}

/** What `POST /prompt` answered 400 with, parsed. */
export interface ComfyuiValidationDetails {
  url: string;
  /** `error.type`, e.g. `prompt_outputs_failed_validation`, `invalid_prompt`, `prompt_no_outputs`. */
  type: string;
  /** ComfyUI's own `error.message`, e.g. "Prompt outputs failed validation". */
  serverMessage: string;
  /** ComfyUI's own `error.details`. */
  details: string;
  nodeErrors: NodeError[];
}

/** ComfyUI refused the graph (HTTP 400 from `POST /prompt`); nothing was queued. */
export class ComfyuiValidationError extends ComfyuiError {
  override readonly name: string = 'ComfyuiValidationError';
  readonly type: string;
  readonly serverMessage: string;
  readonly details: string;
  readonly nodeErrors: NodeError[];

  constructor(message: string, details: ComfyuiValidationDetails) {
    super(message, { url: details.url, status: 400, code: 'validation', retryable: false });
    this.type = details.type;
    this.serverMessage = details.serverMessage;
    this.details = details.details;
    this.nodeErrors = details.nodeErrors;
  }
}

/** Where and how a running prompt failed (`execution_error`). */
export interface ComfyuiExecutionDetails {
  url: string;
  promptId: string;
  nodeId: string | null;
  nodeType: string | null;
  exceptionMessage: string;
  exceptionType: string | null;
}

/** A node raised while the prompt ran: "ComfyUI failed in KSampler (node 3): CUDA out of memory…". */
export class ComfyuiExecutionError extends ComfyuiError {
  override readonly name: string = 'ComfyuiExecutionError';
  readonly promptId: string;
  readonly nodeId: string | null;
  readonly nodeType: string | null;
  readonly exceptionMessage: string;
  readonly exceptionType: string | null;

  constructor(details: ComfyuiExecutionDetails) {
    const where = details.nodeType ? `${details.nodeType} (node ${details.nodeId ?? '?'})` : details.nodeId ? `node ${details.nodeId}` : 'a node';
    const message = `ComfyUI failed in ${where}: ${details.exceptionMessage.trim() || details.exceptionType || 'no message'}`;
    // Out of memory may pass on a retry once the card is free; a broken graph never does.
    const retryable = /out of memory|OutOfMemory/i.test(`${details.exceptionMessage} ${details.exceptionType ?? ''}`);
    super(message, { url: details.url, code: 'execution', retryable });
    this.promptId = details.promptId;
    this.nodeId = details.nodeId;
    this.nodeType = details.nodeType;
    this.exceptionMessage = details.exceptionMessage;
    this.exceptionType = details.exceptionType;
  }
}

/** The prompt was interrupted while it ran, and not by this run's own abort or timeout. */
export class ComfyuiInterruptedError extends ComfyuiError {
  override readonly name: string = 'ComfyuiInterruptedError';
  readonly promptId: string;
  readonly nodeId: string | null;
  readonly nodeType: string | null;

  constructor(details: { url: string; promptId: string; nodeId: string | null; nodeType: string | null }) {
    const where = details.nodeType ? ` in ${details.nodeType} (node ${details.nodeId ?? '?'})` : '';
    super(`ComfyUI interrupted prompt ${details.promptId}${where}: someone pressed Cancel in ComfyUI or another client interrupted it.`, {
      url: details.url,
      code: 'interrupted',
      retryable: true,
    });
    this.promptId = details.promptId;
    this.nodeId = details.nodeId;
    this.nodeType = details.nodeType;
  }
}

/** A workflow file, its mapping, or the parameters given for it are unusable. */
export class ComfyuiWorkflowError extends ComfyuiError {
  override readonly name: string = 'ComfyuiWorkflowError';
  /** The workflow's name (its file name without `.json`). */
  readonly workflow: string;

  constructor(workflow: string, message: string, options: { cause?: unknown } = {}) {
    super(message, { url: `workflow:${workflow}`, code: 'workflow', retryable: false, cause: options.cause });
    this.workflow = workflow;
  }
}
