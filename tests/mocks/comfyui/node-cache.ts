/**
 * The executor's caches (`comfy_execution/caching.py`, the CLASSIC cache of 0.3.64): node outputs
 * and UI outputs keyed by the node's *input signature* (its class, `IS_CHANGED`, its constant
 * inputs, and the same for every ancestor), node objects keyed by `(id, class_type)`. Each prompt
 * keeps only the entries its own nodes use, so re-running a graph with only the seed changed finds
 * the loader, text encoders and latent cached, and `/free {free_memory}` drops everything.
 */
import { isDict, PyFloat, type PyDict, type PyValue } from './python-json.ts';

/** A node's outputs: one list per output slot (a batch of values, usually one). */
export type NodeOutputs = unknown[][];

export interface CacheEntry {
  outputs: NodeOutputs;
  /** `{"meta": {...}, "output": {...}}` when the node had UI output. */
  ui?: { meta: Record<string, unknown>; output: Map<string, unknown> };
}

/** `graph_utils.is_link`: `[str, int|float]`. */
export function isLink(value: unknown): value is [string, number | PyFloat] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && (typeof value[1] === 'number' || value[1] instanceof PyFloat);
}

export class NodeCache {
  readonly #entries = new Map<string, CacheEntry>();
  /** The current prompt's node id → signature. */
  #keys = new Map<string, string>();
  /** Node objects per `(id, class_type)` (PreviewImage keeps its random prefix in one). */
  readonly #objects = new Map<string, Record<string, unknown>>();

  /** `set_prompt` + `clean_unused`: keys for every node, then drop entries no node uses. */
  setPrompt(prompt: PyDict, isChanged: (id: string, node: PyDict) => unknown): void {
    this.#keys = new Map();
    for (const id of prompt.keys()) this.#keys.set(id, signature(prompt, id, isChanged));
    const used = new Set(this.#keys.values());
    for (const key of this.#entries.keys()) if (!used.has(key)) this.#entries.delete(key);
    const objectKeys = new Set([...prompt].map(([id, node]) => objectKey(id, node)));
    for (const key of this.#objects.keys()) if (!objectKeys.has(key)) this.#objects.delete(key);
  }

  get(id: string): CacheEntry | undefined {
    const key = this.#keys.get(id);
    return key === undefined ? undefined : this.#entries.get(key);
  }

  set(id: string, entry: CacheEntry): void {
    const key = this.#keys.get(id);
    if (key !== undefined) this.#entries.set(key, entry);
  }

  /** The node object for `(id, class_type)`, created on first use. */
  object(id: string, node: PyDict, create: () => Record<string, unknown>): Record<string, unknown> {
    const key = objectKey(id, node);
    let object = this.#objects.get(key);
    if (!object) {
      object = create();
      this.#objects.set(key, object);
    }
    return object;
  }

  /** Whether anything is cached at all (for tests of `/free`). */
  get size(): number {
    return this.#entries.size;
  }
}

function objectKey(id: string, node: PyValue): string {
  return `${id}\u0000${isDict(node) ? String(node.get('class_type')) : ''}`;
}

/** `CacheKeySetInputSignature.get_node_signature`, as a canonical string. */
function signature(prompt: PyDict, id: string, isChanged: (id: string, node: PyDict) => unknown): string {
  const ancestors: string[] = [];
  const order = new Map<string, number>();
  collectAncestors(prompt, id, ancestors, order);
  const parts = [immediate(prompt, id, order, isChanged), ...ancestors.map((ancestor) => immediate(prompt, ancestor, order, isChanged))];
  return canonical(parts);
}

function collectAncestors(prompt: PyDict, id: string, ancestors: string[], order: Map<string, number>): void {
  const inputs = inputsOf(prompt.get(id));
  for (const key of [...inputs.keys()].sort()) {
    const value = inputs.get(key);
    if (!isLink(value) || order.has(value[0])) continue;
    ancestors.push(value[0]);
    order.set(value[0], ancestors.length - 1);
    collectAncestors(prompt, value[0], ancestors, order);
  }
}

function immediate(prompt: PyDict, id: string, order: Map<string, number>, isChanged: (id: string, node: PyDict) => unknown): unknown[] {
  const node = prompt.get(id);
  // A node that does not exist can never be cached (NaN != NaN).
  if (!isDict(node)) return [`NaN:${Math.random()}`];
  const parts: unknown[] = [node.get('class_type'), isChanged(id, node)];
  const inputs = inputsOf(node);
  for (const key of [...inputs.keys()].sort()) {
    const value = inputs.get(key);
    parts.push(isLink(value) ? [key, ['ANCESTOR', order.get(value[0]), value[1]]] : [key, value]);
  }
  return parts;
}

function inputsOf(node: PyValue | undefined): PyDict {
  const inputs = isDict(node) ? node.get('inputs') : undefined;
  return isDict(inputs) ? inputs : new Map();
}

/** Like `to_hashable`: dicts by sorted keys, and `8 == 8.0` as in Python. */
function canonical(value: unknown): string {
  if (value instanceof PyFloat) return Number.isNaN(value.value) ? `NaN:${Math.random()}` : String(value.value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Map) return `{${[...value.keys()].sort().map((key) => `${JSON.stringify(key)}:${canonical(value.get(key))}`).join(',')}}`;
  if (value === true) return '1';
  if (value === false) return '0';
  return JSON.stringify(value ?? null);
}
