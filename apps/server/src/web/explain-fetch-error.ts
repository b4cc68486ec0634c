import { FetchPageError, findFetchPageError } from './errors.ts';
import { formatSeconds } from './format-units.ts';

export interface ExplainContext {
  host: string;
  /** The caller's own signal: its abort is passed on as is, not turned into a fetch_page error. */
  callerSignal: AbortSignal | undefined;
  deadline: AbortSignal;
  timeoutMs: number;
  connectTimeoutMs: number;
}

const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

/**
 * Turns whatever undici threw into something the model can act on. A refusal from the connect-time
 * lookup arrives wrapped (`TypeError: fetch failed` → cause → …), so the cause chain is walked.
 */
export function explainFetchError(error: unknown, context: ExplainContext): unknown {
  if (context.callerSignal?.aborted) return context.callerSignal.reason;
  const known = findFetchPageError(error);
  if (known) return known;
  if (context.deadline.aborted) {
    return new FetchPageError('timeout', `no answer within ${formatSeconds(context.timeoutMs)}`, { cause: error });
  }
  const code = findCode(error);
  const { host } = context;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new FetchPageError('timeout', `no answer within ${formatSeconds(context.timeoutMs)}`, { cause: error });
  }
  const detail =
    code === 'UND_ERR_CONNECT_TIMEOUT'
      ? `could not connect to ${host} within ${formatSeconds(context.connectTimeoutMs)}`
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA'
        ? `the host ${host} was not found`
        : code === 'ECONNREFUSED'
          ? `${host} refused the connection`
          : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
            ? `${host} closed the connection`
            : code !== undefined && CERTIFICATE_ERROR.test(code)
              ? `the TLS certificate of ${host} is not valid (${code})`
              : `could not fetch from ${host}${code ? ` (${code})` : ''}`;
  return new FetchPageError('unreachable', detail, { cause: error });
}

function findCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
