/**
 * JSON as ComfyUI's Python sees it. `aiohttp`'s `request.json()` is `json.loads`, and both
 * `web.json_response` and `WebSocketResponse.send_json` use `json.dumps` with its defaults
 * (`", "`/`": "` separators, `ensure_ascii`, floats always with a fraction), so the mock parses
 * and writes the same way:
 *
 * - objects become `Map`s, because Python dicts keep insertion order even for keys like `"4"`,
 *   which a plain JS object would sort (node ids are such keys, and the order shows in
 *   `execution_cached`, history and validation);
 * - `8.0` stays a float (`PyFloat`) and `8` an int, as they do in Python (`str(8.0)` is `'8.0'`);
 * - integers past 2^53 stay exact as `bigint` (seeds go up to 2^64 - 1);
 * - `NaN`, `Infinity` and `-Infinity` are accepted, as `json.loads` does.
 */

/** A number Python holds as a float: written `8.0`, never `8`. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A Python dict, in insertion order. */
export type PyDict = Map<string, PyValue>;

/** What `json.loads` can return. */
export type PyValue = null | boolean | number | bigint | PyFloat | string | PyValue[] | PyDict;

/** `json.JSONDecodeError`: aiohttp lets it escape `post_prompt`, so the client gets a 500. */
export class PyJsonDecodeError extends Error {
  override readonly name = 'JSONDecodeError';
}

/** Parses text the way `json.loads` does (see the module comment for the value types). */
export function pyJsonLoads(text: string): PyValue {
  const parser = new Parser(text);
  parser.skipWhitespace();
  const value = parser.value();
  parser.skipWhitespace();
  if (parser.pos !== text.length) throw new PyJsonDecodeError(`Extra data: char ${parser.pos}`);
  return value;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  value(): PyValue {
    const char = this.text[this.pos];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    for (const [literal, value] of LITERALS) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return value;
      }
    }
    return this.number();
  }

  object(): PyDict {
    const dict: PyDict = new Map();
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return dict;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') throw this.error('Expecting property name enclosed in double quotes');
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') throw this.error("Expecting ':' delimiter");
      this.pos++;
      this.skipWhitespace();
      // A repeated key keeps its first position and takes the last value, as a dict does.
      dict.set(key, this.value());
      this.skipWhitespace();
      const next = this.text[this.pos++];
      if (next === '}') return dict;
      if (next !== ',') throw this.error("Expecting ',' delimiter", -1);
    }
  }

  array(): PyValue[] {
    const list: PyValue[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return list;
    }
    for (;;) {
      this.skipWhitespace();
      list.push(this.value());
      this.skipWhitespace();
      const next = this.text[this.pos++];
      if (next === ']') return list;
      if (next !== ',') throw this.error("Expecting ',' delimiter", -1);
    }
  }

  string(): string {
    let out = '';
    this.pos++;
    for (;;) {
      const char = this.text[this.pos++];
      if (char === undefined) throw this.error('Unterminated string starting at');
      if (char === '"') return out;
      if (char < ' ') throw this.error('Invalid control character at', -1);
      if (char !== '\\') {
        out += char;
        continue;
      }
      const escape = this.text[this.pos++];
      const simple = escape === undefined ? undefined : ESCAPES[escape];
      if (simple !== undefined) out += simple;
      else if (escape === 'u') {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.error('Invalid \\uXXXX escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 4;
      } else throw this.error('Invalid \\escape', -2);
    }
  }

  number(): PyValue {
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) throw this.error('Expecting value');
    this.pos += match[0].length;
    if (match[1] !== undefined || match[2] !== undefined) return new PyFloat(Number(match[0]));
    const exact = BigInt(match[0]);
    return exact >= BigInt(Number.MIN_SAFE_INTEGER) && exact <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(exact) : exact;
  }

  error(message: string, offset = 0): PyJsonDecodeError {
    return new PyJsonDecodeError(`${message}: char ${this.pos + offset}`);
  }
}

const LITERALS: Array<[string, PyValue]> = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['NaN', new PyFloat(NaN)],
  ['Infinity', new PyFloat(Infinity)],
  ['-Infinity', new PyFloat(-Infinity)],
];

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Serialises a value as `json.dumps` does. Accepts `PyValue`s and plain JS data (objects, arrays,
 * numbers: integers are ints, others floats); `undefined` object members are left out.
 */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return asciiString(value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>);
  const members = entries.filter(([, item]) => item !== undefined).map(([key, item]) => `${asciiString(String(key))}: ${pyJsonDumps(item)}`);
  return `{${members.join(', ')}}`;
}

/** `repr(float)`: the shortest round-trip digits, `1e+16` / `1e-05` outside [1e-4, 1e16). */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${body}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1) || '0';
  return `${sign}${whole}.${fraction}`;
}

// ensure_ascii: everything outside space..tilde is escaped; astral characters are already
// surrogate pairs in a JS string, which is exactly how Python writes them.
function asciiString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A plain JS copy for tests and the handle: Maps become objects, floats numbers (bigints stay). */
export function toPlain(value: unknown): unknown {
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) out[key] = toPlain(item);
    return out;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toPlain(item);
    return out;
  }
  return value;
}

/** True for a dict parsed from JSON. */
export function isDict(value: unknown): value is PyDict {
  return value instanceof Map;
}

/** A deep copy (`copy.deepcopy`) of parsed JSON. */
export function pyDeepCopy<T extends PyValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => pyDeepCopy(item)) as T;
  if (value instanceof Map) return new Map([...(value as PyDict)].map(([key, item]) => [key, pyDeepCopy(item)])) as T;
  return value;
}
