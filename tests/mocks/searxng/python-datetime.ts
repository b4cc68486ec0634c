/**
 * The date texts SearXNG and searx derive from a result's `publishedDate` (a Python `datetime`):
 * `isoformat()`, `strftime('%Y-%m-%d %H:%M:%S%z')` for `pubdate`, and searx 1.1's localized
 * display string (flask-babel `format_date`, English, or "N hour(s), M minute(s) ago").
 */

/** A Python datetime's wall-clock fields and its UTC offset in minutes (null when naive). */
export interface PythonDatetime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  offsetMinutes: number | null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (value: number) => String(value).padStart(2, '0');

/** Reads a scenario's ISO 8601 `publishedDate`; throws on anything else, since that is a scenario bug. */
export function parseScenarioDate(text: string): PythonDatetime {
  const match = ISO.exec(text);
  if (!match) throw new Error(`Mock SearXNG scenario: publishedDate ${JSON.stringify(text)} is not ISO 8601`);
  const [, year, month, day, hour = '0', minute = '0', second = '0', micro = '', offset] = match;
  let offsetMinutes: number | null = null;
  if (offset === 'Z') offsetMinutes = 0;
  else if (offset !== undefined) {
    const digits = offset.slice(1).replace(':', '');
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    microsecond: Number(micro.padEnd(6, '0')),
    offsetMinutes,
  };
}

/** `datetime.isoformat()`: `2024-05-01T12:00:00`, `2024-05-01T12:00:00.250000+00:00`. */
export function isoformat(dt: PythonDatetime): string {
  const micro = dt.microsecond ? `.${String(dt.microsecond).padStart(6, '0')}` : '';
  return `${dt.year}-${two(dt.month)}-${two(dt.day)}T${two(dt.hour)}:${two(dt.minute)}:${two(dt.second)}${micro}${offset(dt, ':')}`;
}

/** `strftime('%Y-%m-%d %H:%M:%S%z')`: `%z` is empty for a naive datetime. */
export function pubdate(dt: PythonDatetime): string {
  return `${dt.year}-${two(dt.month)}-${two(dt.day)} ${two(dt.hour)}:${two(dt.minute)}:${two(dt.second)}${offset(dt, '')}`;
}

/**
 * searx 1.1's display date: within a day of `now` (compared by wall clock, the offset dropped, as
 * `replace(tzinfo=None)` does; the server is taken to run on UTC) "N hour(s), M minute(s) ago",
 * else Babel's English medium date "Feb 3, 2023".
 */
export function searxDisplayDate(dt: PythonDatetime, now: Date): string {
  const wallClock = Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second);
  const diffSeconds = Math.floor((now.getTime() - wallClock) / 1000);
  if (diffSeconds > 86_400) return `${MONTHS[dt.month - 1]} ${dt.day}, ${dt.year}`;
  // timedelta.seconds: the part below a day, non-negative even for a date in the future.
  const seconds = ((diffSeconds % 86_400) + 86_400) % 86_400;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor(seconds / 60) % 60;
  return hours === 0 ? `${minutes} minute(s) ago` : `${hours} hour(s), ${minutes} minute(s) ago`;
}

function offset(dt: PythonDatetime, separator: string): string {
  if (dt.offsetMinutes === null) return '';
  const sign = dt.offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(dt.offsetMinutes);
  return `${sign}${two(Math.floor(absolute / 60))}${separator}${two(absolute % 60)}`;
}
