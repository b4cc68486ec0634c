/**
 * One life of the ComfyUI process: its queue, history, executor caches, loaded models and
 * WebSockets, and `main.py`'s `prompt_worker` loop that runs one prompt at a time and then applies
 * the `/free` flags. `down()` ends a life (everything here is lost, as in a crash or restart);
 * only the files on "disk" outlive it.
 */
import { PromptExecutor, Shutdown } from './executor.ts';
import type { FileStore } from './file-store.ts';
import { ModelResidency } from './model-residency.ts';
import type { NodeClassContext } from './node-classes.ts';
import { PromptQueue, type QueueItem } from './prompt-queue.ts';
import { pyBool } from './python-format.ts';
import type { PyValue } from './python-json.ts';
import { scenarioDefaults, type ComfyScenario } from './scenario.ts';
import { WsHub, type EventLog } from './ws-hub.ts';

/** One `POST /free` and when the worker applied it. */
export interface FreeRecord {
  requestedAt: number;
  unloadModels: boolean;
  freeMemory: boolean;
  /** When the worker loop took the flags (after the running prompt, or at once when idle); unset while pending or when both flags were false. */
  appliedAt?: number;
}

export interface ProcessDeps {
  scenario: () => ComfyScenario;
  files: FileStore;
  events: EventLog;
  changed: () => void;
}

export class ComfyProcess {
  readonly hub: WsHub;
  readonly queue: PromptQueue;
  readonly residency: ModelResidency;
  readonly executor: PromptExecutor;
  readonly freeLog: FreeRecord[] = [];
  /** `server.number`: the next prompt's queue number. */
  number = 0;
  readonly #abort = new AbortController();
  #worker: Promise<void> | undefined;

  constructor(private readonly deps: ProcessDeps) {
    this.hub = new WsHub({
      log: deps.events,
      featureFlags: () => scenarioDefaults(deps.scenario()).featureFlags,
      queueInfo: () => this.queueInfo(),
      onConnected: (sid) => {
        // server.py: "On reconnect if we are the currently executing client send the current node".
        if (this.executor.clientId === sid && this.executor.lastNodeId !== null) this.hub.sendJson('executing', { node: this.executor.lastNodeId }, sid);
      },
      changed: deps.changed,
    });
    this.queue = new PromptQueue(() => {
      this.hub.sendJson('status', { status: this.queueInfo() }, null);
      deps.changed();
    });
    this.residency = new ModelResidency(deps.changed);
    this.residency.reset(deps.scenario());
    this.executor = new PromptExecutor({
      hub: this.hub,
      files: deps.files,
      residency: this.residency,
      scenario: deps.scenario,
      classContext: () => this.classContext(),
      signal: this.#abort.signal,
    });
  }

  /** `get_queue_info`. */
  queueInfo(): Record<string, unknown> {
    return { exec_info: { queue_remaining: this.queue.tasksRemaining() } };
  }

  /** What `INPUT_TYPES` depends on right now. */
  classContext(): NodeClassContext {
    return {
      checkpoints: this.deps.scenario().checkpoints.map((checkpoint) => checkpoint.name),
      inputImages: this.deps.files.inputImages(),
      comboFormat: scenarioDefaults(this.deps.scenario()).comboFormat,
      inputFileExists: (name) => this.deps.files.exists(name),
    };
  }

  /** The prompt running now, if any. */
  runningItem(): QueueItem | undefined {
    return this.queue.running.values().next().value;
  }

  /** `POST /free`: the flags wait for the worker loop. */
  requestFree(unloadModels: PyValue, freeMemory: PyValue): void {
    const record: FreeRecord = { requestedAt: Date.now(), unloadModels: pyBool(unloadModels), freeMemory: pyBool(freeMemory) };
    this.freeLog.push(record);
    if (record.unloadModels) this.queue.setFlag('unload_models', unloadModels);
    if (record.freeMemory) this.queue.setFlag('free_memory', freeMemory);
    this.deps.changed();
  }

  start(): void {
    this.#worker ??= this.#work();
  }

  /** Ends this life: the worker stops mid-prompt without another event, sockets are reset. */
  async stop(): Promise<void> {
    this.#abort.abort(new Shutdown());
    this.hub.drop(null);
    await this.#worker;
  }

  /** `main.py` `prompt_worker`. */
  async #work(): Promise<void> {
    const signal = this.#abort.signal;
    for (;;) {
      let next;
      try {
        next = await this.queue.get(signal);
      } catch {
        return;
      }
      if (next) {
        const { item, taskId } = next;
        try {
          const result = await this.executor.execute(item);
          this.queue.taskDone(taskId, result.historyResult, result.status);
        } catch (error) {
          if (error instanceof Shutdown || signal.aborted) return;
          // A mock bug: keep the worker alive and leave a trace, rather than hanging every later test.
          console.error('mock ComfyUI: prompt execution failed', error);
          this.queue.taskDone(taskId, { outputs: new Map(), meta: new Map() }, { status_str: 'error', completed: false, messages: [] });
        }
        if (this.executor.clientId !== null) this.hub.sendJson('executing', { node: null, prompt_id: item.promptId }, this.executor.clientId);
      }
      this.#applyFlags();
      this.deps.changed();
    }
  }

  #applyFlags(): void {
    const flags = this.queue.takeFlags();
    if (flags.size === 0) return;
    const freeMemory = flags.get('free_memory') ?? false;
    if (pyBool((flags.has('unload_models') ? flags.get('unload_models') : freeMemory) as PyValue)) this.residency.unloadAll();
    if (pyBool(freeMemory as PyValue)) this.executor.reset();
    const now = Date.now();
    for (const record of this.freeLog) if (record.appliedAt === undefined && (record.unloadModels || record.freeMemory)) record.appliedAt = now;
  }
}
