/**
 * `json.dumps` as Python writes it (SearXNG and searx both use the defaults): `", "` and `": "`
 * separators, non-ASCII escaped as `\uXXXX`, floats always with a fraction (`3.0`). Clients see the
 * same bytes as from the real server.
 */

/** A number Python holds as a float, so it is written `3.0` rather than `3`. */
export class PythonFloat {
  constructor(readonly value: number) {}
}

/** Serialises plain JSON data (and `PythonFloat`s) the way `json.dumps(data)` does. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof PythonFloat) return pythonFloat(value.value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonJsonDumps(item)}`).join(', ')}}`;
}

function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  return String(value);
}

// ensure_ascii: everything outside space..tilde is escaped, astral characters as surrogate pairs.
function pythonString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
