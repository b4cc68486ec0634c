/**
 * Decodes a request body into a described Go struct the way `encoding/json` does, returning Go's
 * error text: `json: cannot unmarshal array into Go struct field Message.messages.content of type string`.
 * Semantics kept: unknown keys ignored, keys matched case-insensitively, `null` leaves a field unset,
 * type errors remembered (first one wins) while decoding goes on, custom `UnmarshalJSON` errors abort.
 */
import { goKind, parseGoJson, toPlain, type JsonNode } from './go-json.ts';

/** A Go type the decoder knows. `name` is Go's `Type.String()`, e.g. `[]api.Message`. */
export type GoType =
  | { kind: 'string' | 'bool' | 'int' | 'float64' | 'any' }
  | { kind: 'map'; name: string }
  | { kind: 'bytes'; name: string }
  | { kind: 'slice'; name: string; elem: GoType }
  | { kind: 'struct'; name: string; fields: Record<string, GoType> }
  /** A type with its own `UnmarshalJSON`: returns the value, or an error that aborts decoding. */
  | { kind: 'custom'; decode: (node: JsonNode) => { value: unknown } | { error: string } };

export type GoDecodeResult<T> =
  | { ok: true; value: T }
  /** `empty`: the body was empty (Ollama answers "missing request body"). */
  | { ok: false; empty: boolean; message: string };

class GoFatal extends Error {}

interface Place {
  struct?: string;
  path: string[];
}

/** Parses `text` and decodes it as `type`; the result has canonical keys only. */
export function decodeGo<T>(text: string, type: GoType): GoDecodeResult<T> {
  const parsed = parseGoJson(text);
  if (!parsed.ok) return parsed;
  const state: { saved?: string } = {};
  try {
    const value = decodeNode(parsed.node, type, { path: [] }, state);
    if (state.saved) return { ok: false, empty: false, message: state.saved };
    return { ok: true, value: (value ?? {}) as T };
  } catch (error) {
    if (error instanceof GoFatal) return { ok: false, empty: false, message: error.message };
    throw error;
  }
}

function typeName(type: GoType): string {
  return 'name' in type ? type.name : type.kind;
}

function mismatch(state: { saved?: string }, place: Place, what: string, type: GoType | string): undefined {
  const target = place.struct ? `Go struct field ${place.struct}.${place.path.join('.')}` : 'Go value';
  state.saved ??= `json: cannot unmarshal ${what} into ${target} of type ${typeof type === 'string' ? type : typeName(type)}`;
  return undefined;
}

function decodeNode(node: JsonNode, type: GoType, place: Place, state: { saved?: string }): unknown {
  if (node.type === 'null') return undefined;
  switch (type.kind) {
    case 'any':
      return toPlain(node);
    case 'custom': {
      const result = type.decode(node);
      if ('error' in result) throw new GoFatal(result.error);
      return result.value;
    }
    case 'string':
      return node.type === 'string' ? node.value : mismatch(state, place, goKind(node), type);
    case 'bool':
      return node.type === 'bool' ? node.value : mismatch(state, place, goKind(node), type);
    case 'float64':
      return node.type === 'number' ? Number(node.raw) : mismatch(state, place, goKind(node), type);
    case 'int':
      if (node.type !== 'number') return mismatch(state, place, goKind(node), type);
      return /^-?\d+$/.test(node.raw) ? Number(node.raw) : mismatch(state, place, `number ${node.raw}`, type);
    case 'map':
      return node.type === 'object' ? toPlain(node) : mismatch(state, place, goKind(node), type);
    case 'bytes':
      return decodeBytes(node, type, place, state);
    case 'slice':
      if (node.type !== 'array') return mismatch(state, place, goKind(node), type);
      return node.items.map((item) => decodeNode(item, type.elem, place, state));
    case 'struct':
      return decodeStruct(node, type, place, state);
  }
}

function decodeStruct(
  node: JsonNode,
  type: Extract<GoType, { kind: 'struct' }>,
  place: Place,
  state: { saved?: string },
): unknown {
  if (node.type !== 'object') return mismatch(state, place, goKind(node), type);
  const result: Record<string, unknown> = {};
  const structName = type.name.replace(/^.*\./, '');
  for (const [key, child] of node.entries) {
    const field = key in type.fields ? key : Object.keys(type.fields).find((name) => name.toLowerCase() === key.toLowerCase());
    if (field === undefined) continue;
    const value = decodeNode(child, type.fields[field]!, { struct: structName, path: [...place.path, field] }, state);
    if (value !== undefined) result[field] = value;
  }
  return result;
}

/** `[]byte`: a base64 string (checked like `base64.StdEncoding`) or an array of 0..255. */
function decodeBytes(node: JsonNode, type: GoType, place: Place, state: { saved?: string }): unknown {
  if (node.type === 'string') {
    const offset = base64ErrorOffset(node.value);
    if (offset !== null) state.saved ??= `illegal base64 data at input byte ${offset}`;
    return node.value;
  }
  if (node.type !== 'array') return mismatch(state, place, goKind(node), type);
  for (const item of node.items) {
    if (item.type !== 'number') mismatch(state, place, goKind(item), 'uint8');
    else if (!/^\d+$/.test(item.raw) || Number(item.raw) > 255) mismatch(state, place, `number ${item.raw}`, 'uint8');
  }
  return toPlain(node);
}

/** Go's `base64.StdEncoding.Decode` error offset (`CorruptInputError`), or null when valid. */
export function base64ErrorOffset(text: string): number | null {
  let at = 0;
  const skipNewlines = () => {
    while (text[at] === '\n' || text[at] === '\r') at++;
  };
  for (;;) {
    for (let slot = 0; slot < 4; slot++) {
      skipNewlines();
      if (at === text.length) return slot === 0 ? null : at - slot;
      const char = text[at++]!;
      if (/[A-Za-z0-9+/]/.test(char)) continue;
      if (char !== '=' || slot < 2) return at - 1;
      if (slot === 2) {
        skipNewlines();
        if (at === text.length) return text.length;
        if (text[at] !== '=') return at - 1;
        at++;
      }
      skipNewlines();
      return at < text.length ? at : null;
    }
  }
}
