/**
 * Go's time formats as Ollama writes them: RFC 3339 with up to nine fractional digits and the
 * trailing zeros trimmed (`time.RFC3339Nano`), and `time.ParseDuration` for `keep_alive`.
 */

/** `time.Duration(math.MaxInt64)` in ms: what a negative `keep_alive` ("forever") becomes. */
export const FOREVER_MS = 9_223_372_036_854.775;

/**
 * Formats an instant like Go's `time.Time` JSON encoding.
 * `subMsNanos` adds the nanoseconds below the millisecond (0..999999).
 */
export function formatGoTime(epochMs: number, options: { utc?: boolean; subMsNanos?: number } = {}): string {
  const { utc = true, subMsNanos = 0 } = options;
  const wholeMs = Math.floor(epochMs);
  const offsetMinutes = utc ? 0 : -new Date(wholeMs).getTimezoneOffset();
  const shifted = new Date(wholeMs + offsetMinutes * 60_000);
  const seconds = shifted.toISOString().slice(0, 19);
  const fraction = (String(shifted.getUTCMilliseconds()).padStart(3, '0') + String(subMsNanos).padStart(6, '0')).replace(/0+$/, '');
  return `${seconds}${fraction ? `.${fraction}` : ''}${formatOffset(offsetMinutes)}`;
}

/** The current time as Ollama's `created_at` (UTC, nanosecond digits). */
export function goNow(): string {
  return formatGoTime(Date.now(), { subMsNanos: Number(process.hrtime.bigint() % 1_000_000n) });
}

/** A local time with its zone offset, as `/api/ps` writes `expires_at`. */
export function goLocalTime(epochMs: number): string {
  return formatGoTime(epochMs, { utc: false, subMsNanos: Math.round((epochMs % 1) * 1e6) });
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes > 0 ? '+' : '-';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Go's `time.ParseDuration`, in ms. Throws an Error with Go's message
 * (`time: invalid duration "abc"`, `time: missing unit in duration "10"`, `time: unknown unit "d" in duration "1d"`).
 */
export function parseGoDuration(input: string): number {
  const quoted = JSON.stringify(input);
  let rest = input;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new Error(`time: invalid duration ${quoted}`);
  let total = 0;
  while (rest !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if (!number[1] && !number[2]) throw new Error(`time: invalid duration ${quoted}`);
    rest = rest.slice(number[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === '') throw new Error(`time: missing unit in duration ${quoted}`);
    const unitMs = UNIT_MS[unit];
    if (unitMs === undefined) throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    total += Number(`${number[1] || '0'}.${number[2] || '0'}`) * unitMs;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}
