/**
 * `execution.py` `PromptQueue`: a heap of pending prompts ordered by `(number, prompt_id)`, the
 * running ones, the history (insertion-ordered, at most 10,000), and the `/free` flags. `get`
 * returns `null` when woken with nothing to run (`set_flag` notifies the worker), which is how a
 * `/free` posted while idle takes effect at once and one posted mid-job only after it.
 */
import { heapify, heappop, heappush } from './heapq.ts';
import { numeric } from './python-format.ts';
import type { PyDict, PyFloat } from './python-json.ts';
import type { BoundFaults } from './faults.ts';

/** One queued prompt: the tuple `(number, prompt_id, prompt, extra_data, outputs_to_execute, sensitive)`. */
export interface QueueItem {
  /** The server counter, negated for `front`, or the client's `number` as a float. */
  number: number | PyFloat;
  promptId: string;
  /** The graph as validated (values converted). */
  prompt: PyDict;
  /** The request's `extra_data` plus `client_id` and `create_time`. */
  extraData: PyDict;
  outputsToExecute: string[];
  /** `auth_token_comfy_org` / `api_key_comfy_org`, kept out of every listing. */
  sensitive: PyDict;
  /** The mock's scripted faults bound to this prompt when it was queued. */
  faults: BoundFaults;
}

/** `[number, prompt_id, prompt, extra_data, outputs_to_execute]` as `/queue` and history show it. */
export function queueTuple(item: QueueItem): unknown[] {
  return [item.number, item.promptId, item.prompt, item.extraData, item.outputsToExecute];
}

export interface ExecutionStatus {
  status_str: 'success' | 'error';
  completed: boolean;
  messages: Array<[string, Record<string, unknown>]>;
}

export interface HistoryEntry {
  prompt: unknown[];
  outputs: Map<string, unknown>;
  status: ExecutionStatus;
  meta: Map<string, unknown>;
}

/** `MAXIMUM_HISTORY_SIZE`. */
const MAXIMUM_HISTORY_SIZE = 10_000;

const itemLess = (a: QueueItem, b: QueueItem): boolean => {
  const [x, y] = [numeric(a.number), numeric(b.number)];
  if (x !== y) return x < y;
  return a.promptId < b.promptId;
};

export class PromptQueue {
  readonly pending: QueueItem[] = [];
  readonly running = new Map<number, QueueItem>();
  readonly history = new Map<string, HistoryEntry>();
  #taskCounter = 0;
  #flags = new Map<string, unknown>();
  #waiters: Array<() => void> = [];

  /** @param queueUpdated `server.queue_updated`: broadcasts `status`. */
  constructor(private readonly queueUpdated: () => void) {}

  put(item: QueueItem): void {
    heappush(this.pending, item, itemLess);
    this.queueUpdated();
    this.#notify();
  }

  /** The next prompt to run, or `null` when woken (by `/free`) with none; rejects when `signal` aborts. */
  async get(signal: AbortSignal): Promise<{ item: QueueItem; taskId: number } | null> {
    while (this.pending.length === 0) {
      await this.#wait(signal);
      if (this.pending.length === 0) return null;
    }
    const item = heappop(this.pending, itemLess)!;
    const taskId = this.#taskCounter++;
    this.running.set(taskId, item);
    this.queueUpdated();
    return { item, taskId };
  }

  taskDone(taskId: number, result: { outputs: Map<string, unknown>; meta: Map<string, unknown> }, status: ExecutionStatus): void {
    const item = this.running.get(taskId);
    if (!item) return;
    this.running.delete(taskId);
    if (this.history.size > MAXIMUM_HISTORY_SIZE) this.history.delete(this.history.keys().next().value!);
    // A re-run prompt_id keeps its old place in the dict, as a Python dict assignment does.
    this.history.set(item.promptId, { prompt: queueTuple(item), outputs: result.outputs, status, meta: result.meta });
    this.queueUpdated();
  }

  tasksRemaining(): number {
    return this.pending.length + this.running.size;
  }

  wipeQueue(): void {
    this.pending.length = 0;
    this.queueUpdated();
  }

  /** Removes the first pending prompt `matches` picks; like Python, removing the last one reports twice. */
  deleteQueueItem(matches: (item: QueueItem) => boolean): boolean {
    const index = this.pending.findIndex(matches);
    if (index === -1) return false;
    if (this.pending.length === 1) this.wipeQueue();
    else {
      this.pending.splice(index, 1);
      heapify(this.pending, itemLess);
    }
    this.queueUpdated();
    return true;
  }

  /** `get_history`: one prompt, or the last `maxItems` (from `offset` when given). */
  getHistory(options: { promptId?: string; maxItems?: number; offset?: number } = {}): Map<string, HistoryEntry> {
    if (options.promptId !== undefined) {
      const entry = this.history.get(options.promptId);
      return entry ? new Map([[options.promptId, entry]]) : new Map();
    }
    const { maxItems } = options;
    let offset = options.offset ?? -1;
    if (offset < 0 && maxItems !== undefined) offset = this.history.size - maxItems;
    const out = new Map<string, HistoryEntry>();
    let i = 0;
    for (const [id, entry] of this.history) {
      if (i >= offset) {
        out.set(id, entry);
        if (maxItems !== undefined && out.size >= maxItems) break;
      }
      i++;
    }
    return out;
  }

  wipeHistory(): void {
    this.history.clear();
  }

  deleteHistoryItem(promptId: string): void {
    this.history.delete(promptId);
  }

  setFlag(name: string, value: unknown): void {
    this.#flags.set(name, value);
    this.#notify();
  }

  /** Takes the flags set since the last call (`get_flags(reset=True)`). */
  takeFlags(): Map<string, unknown> {
    const flags = this.#flags;
    this.#flags = new Map();
    return flags;
  }

  #notify(): void {
    const waiter = this.#waiters.shift();
    waiter?.();
  }

  #wait(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const wake = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.#waiters = this.#waiters.filter((waiter) => waiter !== wake);
        reject(signal.reason);
      };
      this.#waiters.push(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
