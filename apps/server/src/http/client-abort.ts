/**
 * Whether a failure is the client hanging up while it was still sending the body: Node then errors
 * the body stream with `Error: aborted` (code `ECONNRESET`), and the request's signal is aborted.
 * Nobody is left to answer, so this is no server failure.
 */
export function isClientAbort(error: unknown, request: Request): boolean {
  if (request.signal.aborted) return true;
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.name === 'AbortError' || (current as NodeJS.ErrnoException).code === 'ECONNRESET') return true;
  }
  return false;
}
