/**
 * A short name for why a connection failed, for messages: `ECONNREFUSED`, `ENOTFOUND`, or the
 * innermost message when Node gave no code. undici hides the cause under `TypeError: fetch failed`.
 */
export function describeNetworkError(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  if (current instanceof AggregateError && current.errors.length > 0) current = current.errors[0];
  if (current instanceof Error) {
    const { code } = current as Error & { code?: unknown };
    return typeof code === 'string' && code !== '' ? code : current.message;
  }
  return String(current);
}
