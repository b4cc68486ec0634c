/**
 * A JSON reader that fails the way Go's `json.Decoder` does, so the mock's 400 bodies carry
 * Ollama's exact text (`invalid character '}' looking for beginning of object key string`,
 * `unexpected EOF`). Like the Decoder, it reads the first value and ignores what follows.
 * Numbers keep their source text, because Go's int errors quote it (`number 1.5`).
 */

/** A parsed JSON value; objects keep duplicate keys in order (Go assigns them in turn). */
export type JsonNode =
  | { type: 'object'; entries: Array<[string, JsonNode]> }
  | { type: 'array'; items: JsonNode[] }
  | { type: 'string'; value: string }
  | { type: 'number'; raw: string }
  | { type: 'bool'; value: boolean }
  | { type: 'null' };

export type GoJsonResult =
  | { ok: true; node: JsonNode }
  /** `empty`: nothing but whitespace, which Go reports as io.EOF (Ollama: "missing request body"). */
  | { ok: false; empty: boolean; message: string };

class GoSyntaxError extends Error {}

interface Cursor {
  readonly text: string;
  at: number;
}

/** Parses the first JSON value of `text`. */
export function parseGoJson(text: string): GoJsonResult {
  const cursor: Cursor = { text, at: 0 };
  skipSpace(cursor);
  if (cursor.at >= text.length) return { ok: false, empty: true, message: 'EOF' };
  try {
    return { ok: true, node: readValue(cursor, 'looking for beginning of value') };
  } catch (error) {
    if (error instanceof GoSyntaxError) return { ok: false, empty: false, message: error.message };
    throw error;
  }
}

/** Converts a node to a plain value (numbers become JS numbers; the last duplicate key wins). */
export function toPlain(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(node.entries.map(([key, value]) => [key, toPlain(value)]));
    case 'array':
      return node.items.map(toPlain);
    case 'number':
      return Number(node.raw);
    case 'null':
      return null;
    default:
      return node.value;
  }
}

/** Go's name for the JSON kind in `cannot unmarshal <kind> into ...`. */
export function goKind(node: JsonNode): string {
  return node.type === 'bool' ? 'bool' : node.type;
}

function fail(cursor: Cursor, context: string): never {
  const char = cursor.text[cursor.at];
  if (char === undefined) throw new GoSyntaxError('unexpected EOF');
  throw new GoSyntaxError(`invalid character ${quoteChar(char)} ${context}`);
}

/** Go's `quoteChar`: `'x'`, `'\''`, `'"'`, `'\n'`, `'\x01'`. */
function quoteChar(char: string): string {
  if (char === "'") return `'\\''`;
  if (char === '"') return `'"'`;
  const escapes: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\x07': '\\a' };
  const code = char.charCodeAt(0);
  if (escapes[char]) return `'${escapes[char]}'`;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${char}'`;
}

function skipSpace(cursor: Cursor): void {
  while (' \t\n\r'.includes(cursor.text[cursor.at] ?? 'x')) cursor.at++;
}

function readValue(cursor: Cursor, context: string): JsonNode {
  skipSpace(cursor);
  const char = cursor.text[cursor.at];
  if (char === '{') return readObject(cursor);
  if (char === '[') return readArray(cursor);
  if (char === '"') return { type: 'string', value: readString(cursor) };
  if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return readNumber(cursor);
  if (char === 't') return readLiteral(cursor, 'true', { type: 'bool', value: true });
  if (char === 'f') return readLiteral(cursor, 'false', { type: 'bool', value: false });
  if (char === 'n') return readLiteral(cursor, 'null', { type: 'null' });
  return fail(cursor, context);
}

function readObject(cursor: Cursor): JsonNode {
  const entries: Array<[string, JsonNode]> = [];
  cursor.at++;
  skipSpace(cursor);
  if (cursor.text[cursor.at] === '}') {
    cursor.at++;
    return { type: 'object', entries };
  }
  for (;;) {
    skipSpace(cursor);
    if (cursor.text[cursor.at] !== '"') fail(cursor, 'looking for beginning of object key string');
    const key = readString(cursor);
    skipSpace(cursor);
    if (cursor.text[cursor.at] !== ':') fail(cursor, 'after object key');
    cursor.at++;
    entries.push([key, readValue(cursor, 'looking for beginning of value')]);
    skipSpace(cursor);
    const next = cursor.text[cursor.at];
    cursor.at++;
    if (next === ',') continue;
    if (next === '}') return { type: 'object', entries };
    cursor.at--;
    fail(cursor, 'after object key:value pair');
  }
}

function readArray(cursor: Cursor): JsonNode {
  const items: JsonNode[] = [];
  cursor.at++;
  skipSpace(cursor);
  if (cursor.text[cursor.at] === ']') {
    cursor.at++;
    return { type: 'array', items };
  }
  for (;;) {
    items.push(readValue(cursor, 'looking for beginning of value'));
    skipSpace(cursor);
    const next = cursor.text[cursor.at];
    cursor.at++;
    if (next === ',') continue;
    if (next === ']') return { type: 'array', items };
    cursor.at--;
    fail(cursor, 'after array element');
  }
}

function readString(cursor: Cursor): string {
  const start = cursor.at;
  cursor.at++;
  for (;;) {
    const char = cursor.text[cursor.at];
    if (char === undefined) fail(cursor, '');
    if (char === '"') break;
    if (char === '\\') {
      cursor.at++;
      const escape = cursor.text[cursor.at];
      if (escape === 'u') {
        for (let digit = 0; digit < 4; digit++) {
          cursor.at++;
          if (!/^[0-9a-fA-F]$/.test(cursor.text[cursor.at] ?? '')) fail(cursor, 'in \\u hexadecimal character escape');
        }
      } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) {
        fail(cursor, 'in string escape code');
      }
    } else if (char.charCodeAt(0) < 0x20) {
      fail(cursor, 'in string literal');
    }
    cursor.at++;
  }
  cursor.at++;
  // The literal was checked above, so the built-in parser only decodes the escapes.
  return JSON.parse(cursor.text.slice(start, cursor.at)) as string;
}

function readNumber(cursor: Cursor): JsonNode {
  const { text } = cursor;
  const start = cursor.at;
  const isDigit = () => {
    const char = text[cursor.at];
    return char !== undefined && char >= '0' && char <= '9';
  };
  const digits = () => {
    while (isDigit()) cursor.at++;
  };
  if (text[cursor.at] === '-') cursor.at++;
  if (text[cursor.at] === '0') cursor.at++;
  else if (isDigit()) digits();
  else fail(cursor, 'in numeric literal');
  if (text[cursor.at] === '.') {
    cursor.at++;
    if (!isDigit()) fail(cursor, 'after decimal point in numeric literal');
    digits();
  }
  if (text[cursor.at] === 'e' || text[cursor.at] === 'E') {
    cursor.at++;
    if (text[cursor.at] === '+' || text[cursor.at] === '-') cursor.at++;
    if (!isDigit()) fail(cursor, 'in exponent of numeric literal');
    digits();
  }
  return { type: 'number', raw: text.slice(start, cursor.at) };
}

function readLiteral(cursor: Cursor, word: string, node: JsonNode): JsonNode {
  for (let index = 1; index < word.length; index++) {
    cursor.at++;
    if (cursor.text[cursor.at] !== word[index]) fail(cursor, `in literal ${word} (expecting ${quoteChar(word[index]!)})`);
  }
  cursor.at++;
  return node;
}
