/**
 * `execution.py` `PromptExecutor.execute_async` and `execute`, with `comfy_execution/progress.py`
 * and `main.py`'s progress hook: the events of a run in ComfyUI's order and routing. Per-prompt
 * events go to the prompt's `client_id` socket; without one, `progress`, `progress_state`, type-1
 * previews and `execution_interrupted` are broadcast, while `execution_start`/`_cached`/`_success`/
 * `_error`, `executing` and `executed` are not sent at all.
 */
import { ExecutionList } from './execution-list.ts';
import { faultTargets, type BoundFaults } from './faults.ts';
import type { FileStore } from './file-store.ts';
import type { ModelResidency } from './model-residency.ts';
import { isLink, NodeCache } from './node-cache.ts';
import { getInputInfo, NODE_CLASS_MAPPINGS, SAMPLER_CLASSES, type NodeClassContext } from './node-classes.ts';
import { isChanged, NODE_RUNTIME, type NodeRunContext } from './node-runtime.ts';
import { isNodeValue, reprNodeValue } from './node-values.ts';
import { ProgressReporter } from './progress-reporter.ts';
import type { ExecutionStatus, QueueItem } from './prompt-queue.ts';
import { PyException, pyRepr } from './python-format.ts';
import { isDict, PyFloat, type PyDict } from './python-json.ts';
import type { ComfyScenario } from './scenario.ts';
import type { WsHub } from './ws-hub.ts';

/** `comfy.model_management.InterruptProcessingException`. */
class InterruptProcessing extends Error {}

/** Thrown through a run when the mock goes down or closes: the "process" is gone, nothing more is sent. */
export class Shutdown extends Error {}

const OOM_TIPS = 'This error means you ran out of memory on your GPU.\n\nTIPS: If the workflow worked before you might have accidentally set the batch_size to a large number.';
const OOM_MESSAGE =
  'CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 23.69 GiB of which 1.12 GiB is free. Including non-PyTorch memory, this process has 22.55 GiB memory in use. Of the allocated memory 21.80 GiB is allocated by PyTorch, and 412.33 MiB is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)';

export interface ExecutorDeps {
  hub: WsHub;
  files: FileStore;
  residency: ModelResidency;
  scenario: () => ComfyScenario;
  classContext: () => NodeClassContext;
  /** Aborts when the mock goes down or closes. */
  signal: AbortSignal;
}

export interface ExecutionResult {
  success: boolean;
  historyResult: { outputs: Map<string, unknown>; meta: Map<string, unknown> };
  status: ExecutionStatus;
}

type Failure = { nodeId: string; interrupted: true } | { nodeId: string; interrupted: false; details: Record<string, unknown> };

export class PromptExecutor {
  /** `server.client_id`: the running (or last) prompt's client. */
  clientId: string | null = null;
  /** `server.last_node_id`: re-sent as `executing` to that client when it reconnects mid-run. */
  lastNodeId: string | null = null;
  cache = new NodeCache();
  #interrupt = false;
  #messages: Array<[string, Record<string, unknown>]> = [];
  #progress!: ProgressReporter;
  #promptId = '';

  constructor(private readonly deps: ExecutorDeps) {}

  /** `PromptExecutor.reset` (`/free {free_memory}`): every cache dropped. */
  reset(): void {
    this.cache = new NodeCache();
  }

  /** `nodes.interrupt_processing()`: the running node stops at its next check. */
  interrupt(): void {
    this.#interrupt = true;
  }

  async execute(item: QueueItem): Promise<ExecutionResult> {
    const { prompt, promptId, extraData } = item;
    this.#interrupt = false;
    this.#promptId = promptId;
    const clientId = extraData.has('client_id') ? extraData.get('client_id') : null;
    this.clientId = typeof clientId === 'string' ? clientId : clientId === null ? null : String(clientId);
    this.#messages = [];
    this.#progress = new ProgressReporter(this.deps.hub, promptId, this.clientId);
    this.#addMessage('execution_start', { prompt_id: promptId }, false);

    this.cache.setPrompt(prompt, (_id, node) => isChanged(String(node.get('class_type')), node.get('inputs') as PyDict, this.deps.files));
    const cachedNodes = [...prompt.keys()].filter((id) => this.cache.get(id) !== undefined);
    this.#addMessage('execution_cached', { nodes: cachedNodes, prompt_id: promptId }, false);

    const executed = new Set<string>();
    const list = new ExecutionList(prompt, (id) => this.cache.get(id) !== undefined);
    for (const output of item.outputsToExecute) list.addNode(output);
    const firstSampler = [...prompt].find(([, node]) => isDict(node) && SAMPLER_CLASSES.has(String(node.get('class_type'))))?.[0];
    let success = true;
    while (!list.isEmpty()) {
      const nodeId = list.stage();
      const failure = await this.#executeNode(item, nodeId, executed, item.faults, firstSampler);
      if (failure) {
        success = false;
        this.#handleError(prompt, failure, executed);
        break;
      }
      list.complete();
    }
    if (success) this.#addMessage('execution_success', { prompt_id: promptId }, false);

    const outputs = new Map<string, unknown>();
    const meta = new Map<string, unknown>();
    for (const id of prompt.keys()) {
      const ui = this.cache.get(id)?.ui;
      if (!ui) continue;
      outputs.set(id, ui.output);
      meta.set(id, ui.meta);
    }
    this.lastNodeId = null;
    return {
      success,
      historyResult: { outputs, meta },
      status: { status_str: success ? 'success' : 'error', completed: success, messages: this.#messages },
    };
  }

  async #executeNode(item: QueueItem, nodeId: string, executed: Set<string>, faults: BoundFaults, firstSampler: string | undefined): Promise<Failure | null> {
    const { hub } = this.deps;
    const node = item.prompt.get(nodeId) as PyDict;
    const classType = String(node.get('class_type'));
    const cached = this.cache.get(nodeId);
    if (cached) {
      if (this.clientId !== null) {
        hub.sendJson('executed', { node: nodeId, display_node: nodeId, output: cached.ui?.output ?? null, prompt_id: this.#promptId }, this.clientId);
      }
      this.#progress.set(nodeId, 'finished');
      return null;
    }

    let inputData: Map<string, unknown[]> | null = null;
    try {
      this.#progress.set(nodeId, 'running', new PyFloat(0), new PyFloat(1));
      inputData = this.#inputData(item, node);
      if (this.clientId !== null) {
        this.lastNodeId = nodeId;
        hub.sendJson('executing', { node: nodeId, display_node: nodeId, prompt_id: this.#promptId }, this.clientId);
      }
      const object = this.cache.object(nodeId, node, () => ({}));
      this.#checkInterrupt();
      const isSampler = SAMPLER_CLASSES.has(classType);
      const errorHere = faults.executionError && faultTargets(faults.executionError.node, nodeId, classType, firstSampler) ? faults.executionError : undefined;
      const dropHere = faults.wsDrop && faultTargets(faults.wsDrop.node, nodeId, classType, firstSampler) ? faults.wsDrop : undefined;
      if (dropHere && !isSampler) this.#dropSockets(dropHere.sockets);
      if (errorHere && (!isSampler || errorHere.atStep === undefined)) this.#raise(errorHere);
      await this.#sleep(this.deps.scenario().nodeMs?.[classType] ?? 0);

      const visible = new Map<string, unknown[]>([...inputData].filter(([name]) => !['prompt', 'extra_pnginfo'].includes(name)));
      const ctx: NodeRunContext = {
        nodeId,
        classType,
        inputs: visible,
        prompt: item.prompt,
        extraData: item.extraData,
        scenario: this.deps.scenario(),
        files: this.deps.files,
        residency: this.deps.residency,
        object,
        hostileOutput: faults.hostileOutput,
        sleep: (ms) => this.#sleep(ms),
        outOfMemory: () => this.#raise({ oom: true }),
        progress: async (value, total, preview) => {
          if (dropHere && isSampler && value === (dropHere.atStep ?? 1)) this.#dropSockets(dropHere.sockets);
          if (errorHere && isSampler && value === errorHere.atStep) this.#raise(errorHere);
          await this.#progressHook(nodeId, value, total, preview);
        },
      };
      const result = await NODE_RUNTIME[classType]!(ctx);
      let ui: { meta: Record<string, unknown>; output: Map<string, unknown> } | undefined;
      if (result.ui && result.ui.size > 0) {
        ui = { meta: { node_id: nodeId, display_node: nodeId, parent_node: null, real_node_id: nodeId }, output: result.ui };
        if (this.clientId !== null) hub.sendJson('executed', { node: nodeId, display_node: nodeId, output: result.ui, prompt_id: this.#promptId }, this.clientId);
      }
      this.cache.set(nodeId, { outputs: result.outputs, ui });
    } catch (caught) {
      if (caught instanceof Shutdown) throw caught;
      if (caught instanceof InterruptProcessing) return { nodeId, interrupted: true };
      const ex = caught instanceof PyException ? caught : new PyException('RuntimeError', caught instanceof Error ? caught.message : String(caught));
      const oom = ex.pyType === 'torch.OutOfMemoryError';
      // OOM: "Got an OOM, unloading all loaded models."
      if (oom) this.deps.residency.unloadAll();
      const currentInputs = new Map<string, unknown[]>();
      for (const [name, values] of inputData ?? []) currentInputs.set(name, values.map(formatValue));
      return {
        nodeId,
        interrupted: false,
        details: {
          exception_message: `${ex.message}\n${oom ? OOM_TIPS : ''}`,
          exception_type: ex.pyType,
          traceback: nodeTraceback(classType),
          current_inputs: currentInputs,
        },
      };
    }
    this.#progress.set(nodeId, 'finished');
    executed.add(nodeId);
    return null;
  }

  /** `get_input_data`: links resolve to the upstream outputs, constants to `[value]`, plus hidden inputs. */
  #inputData(item: QueueItem, node: PyDict): Map<string, unknown[]> {
    const nodeClass = NODE_CLASS_MAPPINGS.get(String(node.get('class_type')))!;
    const types = nodeClass.inputTypes(this.deps.classContext());
    const inputs = node.get('inputs') as PyDict;
    const data = new Map<string, unknown[]>();
    for (const [name, value] of inputs) {
      if (isLink(value)) {
        const upstream = this.cache.get(value[0])?.outputs[Number(value[1] instanceof PyFloat ? value[1].value : value[1])];
        data.set(name, upstream ?? [null]);
      } else if (getInputInfo(types, name) || types.hidden?.[name]) data.set(name, [value]);
    }
    for (const [name, kind] of Object.entries(types.hidden ?? {})) {
      if (kind === 'PROMPT') data.set(name, [item.prompt]);
      if (kind === 'EXTRA_PNGINFO') data.set(name, [item.extraData.get('extra_pnginfo') ?? null]);
    }
    return data;
  }

  /** `main.py` `hijack_progress` hook: the interrupt check, then the step's events. */
  async #progressHook(nodeId: string, value: number, total: number, preview: (() => Promise<Buffer>) | null): Promise<void> {
    this.#checkInterrupt();
    const image = preview ? await preview() : null;
    this.#progress.step(nodeId, value, total, image);
  }

  /** `handle_execution_error`. */
  #handleError(prompt: PyDict, failure: Failure, executed: Set<string>): void {
    const nodeType = (prompt.get(failure.nodeId) as PyDict).get('class_type');
    const base = { prompt_id: this.#promptId, node_id: failure.nodeId, node_type: nodeType, executed: [...executed] };
    if (failure.interrupted) this.#addMessage('execution_interrupted', base, true);
    else this.#addMessage('execution_error', { ...base, ...failure.details, current_outputs: [...prompt.keys()] }, false);
  }

  /** `add_message`: into the history's status messages, and to the client (or everyone, for `broadcast`). */
  #addMessage(event: string, data: Record<string, unknown>, broadcast: boolean): void {
    const message = { ...data, timestamp: Date.now() };
    this.#messages.push([event, message]);
    if (this.clientId !== null || broadcast) this.deps.hub.sendJson(event, message, this.clientId);
  }

  /** `throw_exception_if_processing_interrupted`: raises once, clearing the flag. */
  #checkInterrupt(): void {
    if (!this.#interrupt) return;
    this.#interrupt = false;
    throw new InterruptProcessing();
  }

  #raise(fault: { oom?: boolean; exceptionType?: string; exceptionMessage?: string }): never {
    if (fault.oom) throw new PyException(fault.exceptionType ?? 'torch.OutOfMemoryError', fault.exceptionMessage ?? OOM_MESSAGE);
    throw new PyException(fault.exceptionType ?? 'RuntimeError', fault.exceptionMessage ?? 'Mock ComfyUI scripted failure');
  }

  #dropSockets(which: 'client' | 'all' | undefined): void {
    this.deps.hub.drop(which === 'all' || this.clientId === null ? null : this.clientId);
  }

  /** Waits (yielding at least once, so HTTP and /interrupt get through); throws `Shutdown` when the mock stops. */
  #sleep(ms: number): Promise<void> {
    const { signal } = this.deps;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new Shutdown());
      const onAbort = () => {
        clear();
        reject(new Shutdown());
      };
      const done = () => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) reject(new Shutdown());
        else resolve();
      };
      const timer = ms > 0 ? setTimeout(done, ms) : setImmediate(done);
      const clear = () => (ms > 0 ? clearTimeout(timer as NodeJS.Timeout) : clearImmediate(timer as NodeJS.Immediate));
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** `format_value`: None/int/float/bool/str as they are, anything else `str(x)`. */
function formatValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value instanceof PyFloat) return value;
  if (isNodeValue(value)) return reprNodeValue(value);
  return pyRepr(value);
}

/** A traceback shaped like `traceback.format_tb` of a failing node (illustrative lines). */
function nodeTraceback(classType: string): string[] {
  return [
    '  File "/ComfyUI/execution.py", line 496, in execute\n    output_data, output_ui, has_subgraph, has_pending_tasks = await get_output_data(prompt_id, unique_id, obj, input_data_all, execution_block_cb=execution_block_cb, pre_execute_cb=pre_execute_cb, hidden_inputs=hidden_inputs)\n',
    '  File "/ComfyUI/execution.py", line 315, in get_output_data\n    return_values = await _async_map_node_over_list(prompt_id, unique_id, obj, input_data_all, obj.FUNCTION, allow_interrupt=True, execution_block_cb=execution_block_cb, pre_execute_cb=pre_execute_cb, hidden_inputs=hidden_inputs)\n',
    `  File "/ComfyUI/nodes.py", line 1525, in ${classType === 'KSampler' ? 'sample' : 'run'}\n    return common_ksampler(model, seed, steps, cfg, sampler_name, scheduler, positive, negative, latent_image, denoise=denoise)\n`,
  ];
}
