/**
 * The bits of Python semantics that leak into ComfyUI's answers: `str()`/`repr()` of values (in
 * validation details and `current_inputs`), the `int()`/`float()`/`str()`/`bool()` conversions
 * `validate_inputs` applies (with CPython's error texts), and exceptions as `{type, message}`.
 */
import { PyFloat, pyFloatRepr, type PyValue } from './python-json.ts';

/** A Python exception: `type` as `full_type_name` prints it (`KeyError`, `torch.OutOfMemoryError`). */
export class PyException extends Error {
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(message);
  }
}

/** `repr(value)`. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value instanceof PyFloat) return pyFloatRepr(value.value).replace('Infinity', 'inf').replace('NaN', 'nan');
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (typeof value === 'string') return stringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value instanceof Map) return `{${[...value].map(([key, item]) => `${pyRepr(key)}: ${pyRepr(item)}`).join(', ')}}`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as object).map(([key, item]) => `${pyRepr(key)}: ${pyRepr(item)}`).join(', ')}}`;
  }
  return String(value);
}

/** `str(value)`: strings as they are, everything else as `repr`. */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    if (char === '\\') out += '\\\\';
    else if (char === quote) out += `\\${quote}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char < ' ' || char === '\x7f') out += `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}

/** Python's type name of a parsed value, as TypeError messages print it. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (value instanceof PyFloat) return 'float';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

/** `int(value)`: a safe integer as `number`, a larger one as `bigint`. */
export function pyInt(value: PyValue): number | bigint {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value : Math.trunc(value);
  if (value instanceof PyFloat) {
    if (Number.isNaN(value.value)) throw new PyException('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(value.value)) throw new PyException('OverflowError', 'cannot convert float infinity to integer');
    return normaliseInt(BigInt(Math.trunc(value.value)));
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (!/^[-+]?\d+(_\d+)*$/.test(text)) throw new PyException('ValueError', `invalid literal for int() with base 10: ${pyRepr(value)}`);
    return normaliseInt(BigInt(text.replaceAll('_', '')));
  }
  throw new PyException('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`);
}

/** `float(value)`. */
export function pyFloat(value: PyValue): PyFloat {
  if (value instanceof PyFloat) return value;
  if (typeof value === 'boolean') return new PyFloat(value ? 1 : 0);
  if (typeof value === 'number' || typeof value === 'bigint') return new PyFloat(Number(value));
  if (typeof value === 'string') {
    const text = value.trim().replace(/(\d)_(?=\d)/g, '$1');
    const special = /^([-+]?)(inf|infinity|nan)$/i.exec(text);
    if (special) return new PyFloat(special[2]!.toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity);
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return new PyFloat(Number(text));
    throw new PyException('ValueError', `could not convert string to float: ${pyRepr(value)}`);
  }
  throw new PyException('TypeError', `float() argument must be a string or a real number, not '${pyTypeName(value)}'`);
}

/** `bool(value)`: Python truthiness. */
export function pyBool(value: PyValue): boolean {
  if (value === null || value === false || value === '' || value === 0 || value === 0n) return false;
  if (value instanceof PyFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map) return value.size > 0;
  return true;
}

function normaliseInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** A number of any of the parsed kinds, for comparisons and arithmetic. */
export function numeric(value: unknown): number | bigint {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return NaN;
}

/** `a < b` for Python numbers (int, big int, float). */
export function pyLess(a: unknown, b: unknown): boolean {
  return numeric(a) < numeric(b);
}
