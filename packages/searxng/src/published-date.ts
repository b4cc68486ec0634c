/**
 * `publishedDate` as an ISO 8601 UTC string. Current SearXNG sends Python's `isoformat()`; searx 1.1
 * sends a localized human string ("Feb 3, 2023", "2 hour(s), 5 minute(s) ago") plus a machine
 * `pubdate` ("2023-02-03 10:00:00+0000"). Anything that does not parse cleanly becomes null.
 */

// Python `isoformat()` and `strftime('%Y-%m-%d %H:%M:%S%z')`, with an optional offset.
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

// Babel's English medium date, the format searx 1.1 uses for anything older than a day.
const ENGLISH_MEDIUM = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2}), (\d{4})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The first of `publishedDate` (ISO), `pubdate`, `publishedDate` (English medium date) that parses,
 * as `toISOString()`; null when none does. `pubdate` goes before the human string because it keeps
 * the time and offset that the human string dropped.
 */
export function normalisePublishedDate(publishedDate: unknown, pubdate: unknown): string | null {
  const published = typeof publishedDate === 'string' ? publishedDate.trim() : '';
  const machine = typeof pubdate === 'string' ? pubdate.trim() : '';
  return parseIsoLike(published) ?? parseIsoLike(machine) ?? parseEnglishMediumDate(published);
}

/** Naive times (no offset) are read as UTC: SearXNG's engines mostly give UTC, and a server's local zone means nothing to a client. */
function parseIsoLike(text: string): string | null {
  const match = ISO_LIKE.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset = 'Z'] = match;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const time = utc(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), ms);
  if (time === null) return null;
  const offsetMinutes = parseOffset(offset);
  if (offsetMinutes === null) return null;
  return new Date(time - offsetMinutes * 60_000).toISOString();
}

function parseEnglishMediumDate(text: string): string | null {
  const match = ENGLISH_MEDIUM.exec(text);
  if (!match) return null;
  const [, monthName = '', day, year] = match;
  const time = utc(Number(year), MONTHS.indexOf(monthName.toLowerCase()) + 1, Number(day), 0, 0, 0, 0);
  return time === null ? null : new Date(time).toISOString();
}

/** Epoch ms, or null when a field is out of range (`2023-02-30`, `25:00`). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number | null {
  if (hour > 23 || minute > 59 || second > 59) return null;
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(time);
  const isExact = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return isExact && year >= 1000 ? time : null;
}

/** Minutes east of UTC for `Z`, `+02`, `+0200`, `-05:30`. */
function parseOffset(offset: string): number | null {
  if (offset === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
