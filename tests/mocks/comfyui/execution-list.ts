/**
 * `comfy_execution/graph.py` `ExecutionList` (a topological dissolve) with
 * `ux_friendly_pick_node`, so nodes run in the order ComfyUI runs them: for the default graph
 * 4, 5, 7, 6, 3, 8, 9. Cached nodes are not pulled in as dependencies; a cached output node that
 * is asked for still runs (and re-sends its cached UI output).
 */
import { NODE_CLASS_MAPPINGS } from './node-classes.ts';
import { isLink } from './node-cache.ts';
import { isDict, type PyDict } from './python-json.ts';

export class ExecutionList {
  readonly #pending = new Map<string, true>();
  readonly #blockCount = new Map<string, number>();
  readonly #blocking = new Map<string, Set<string>>();
  #staged: string | null = null;

  constructor(
    private readonly prompt: PyDict,
    private readonly isCached: (id: string) => boolean,
  ) {}

  /** `add_node`: the node and, depth first, every uncached node it depends on. */
  addNode(id: string): void {
    const stack = [id];
    const links: Array<[string, string]> = [];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (this.#pending.has(current)) continue;
      this.#pending.set(current, true);
      this.#blockCount.set(current, 0);
      this.#blocking.set(current, new Set());
      for (const value of this.#inputs(current).values()) {
        if (!isLink(value)) continue;
        if (!this.isCached(value[0])) stack.push(value[0]);
        links.push([value[0], current]);
      }
    }
    for (const [from, to] of links) this.#addStrongLink(from, to);
  }

  isEmpty(): boolean {
    return this.#pending.size === 0;
  }

  /** `stage_node_execution`: the next node to run. */
  stage(): string {
    const ready = [...this.#pending.keys()].filter((id) => this.#blockCount.get(id) === 0);
    if (ready.length === 0) throw new Error('Dependency cycle detected');
    this.#staged = this.#pick(ready);
    return this.#staged;
  }

  /** `complete_node_execution`. */
  complete(): void {
    const id = this.#staged!;
    this.#pending.delete(id);
    for (const blocked of this.#blocking.get(id) ?? []) this.#blockCount.set(blocked, (this.#blockCount.get(blocked) ?? 1) - 1);
    this.#blocking.delete(id);
    this.#staged = null;
  }

  #addStrongLink(from: string, to: string): void {
    if (this.isCached(from)) return;
    this.addNode(from);
    const blocked = this.#blocking.get(from)!;
    if (!blocked.has(to)) {
      blocked.add(to);
      this.#blockCount.set(to, (this.#blockCount.get(to) ?? 0) + 1);
    }
  }

  /** Output nodes first, then what feeds one, then what feeds a feeder, else the first ready node. */
  #pick(ready: string[]): string {
    const isOutput = (id: string) => NODE_CLASS_MAPPINGS.get(this.#classType(id))?.outputNode === true;
    const found =
      ready.find(isOutput) ??
      ready.find((id) => [...(this.#blocking.get(id) ?? [])].some(isOutput)) ??
      ready.find((id) => [...(this.#blocking.get(id) ?? [])].some((next) => [...(this.#blocking.get(next) ?? [])].some(isOutput)));
    return found ?? ready[0]!;
  }

  #classType(id: string): string {
    const node = this.prompt.get(id);
    return isDict(node) ? String(node.get('class_type')) : '';
  }

  #inputs(id: string): PyDict {
    const node = this.prompt.get(id);
    const inputs = isDict(node) ? node.get('inputs') : undefined;
    return isDict(inputs) ? inputs : new Map();
  }
}
