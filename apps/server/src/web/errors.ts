/**
 * Why `fetch_page` did not return a page. `refused` reasons are decisions of the policy (nothing,
 * or nothing more, was sent); `failed` reasons are what the network or the page did.
 */
export type FetchPageRefusal =
  | 'malformed_url'
  | 'scheme'
  | 'credentials'
  | 'port'
  | 'host_name'
  | 'private_address'
  | 'redirect'
  | 'content_type';

export type FetchPageFailure =
  | 'too_many_redirects'
  | 'too_large'
  | 'timeout'
  | 'http_status'
  | 'unreachable'
  | 'extraction_failed'
  | 'extraction_timeout';

export type FetchPageReason = FetchPageRefusal | FetchPageFailure;

/**
 * The one error `safeFetch`, the extraction pool and `readPage` throw. Its message is written for the
 * model (`fetch_page refused: port 11434 is not allowed`), so a tool can pass it on unchanged.
 */
export class FetchPageError extends Error {
  override name = 'FetchPageError';
  /** `refused` when the policy said no, `failed` when the fetch or the extraction went wrong. */
  readonly kind: 'refused' | 'failed';

  constructor(
    readonly reason: FetchPageReason,
    /** The message without its `fetch_page refused: ` prefix. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    const kind = isRefusal(reason) ? 'refused' : 'failed';
    super(`fetch_page ${kind}: ${detail}`, options);
    this.kind = kind;
  }
}

const REFUSALS: ReadonlySet<string> = new Set<FetchPageRefusal>([
  'malformed_url',
  'scheme',
  'credentials',
  'port',
  'host_name',
  'private_address',
  'redirect',
  'content_type',
]);

const isRefusal = (reason: FetchPageReason): reason is FetchPageRefusal => REFUSALS.has(reason);

/** `refused('port', 'port 11434 is not allowed')`: shorthand used by the policy checks. */
export const refused = (reason: FetchPageRefusal, detail: string) => new FetchPageError(reason, detail);

/** The first `FetchPageError` in an error's `cause` chain (undici wraps lookup errors in `TypeError: fetch failed`). */
export function findFetchPageError(error: unknown): FetchPageError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    if (current instanceof FetchPageError) return current;
  }
  return undefined;
}
