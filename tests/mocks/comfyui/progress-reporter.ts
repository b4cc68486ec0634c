/**
 * Progress of one prompt as ComfyUI reports it: `comfy_execution/progress.py`'s registry and
 * `WebUIProgressHandler` (every change sends `progress_state` with all non-pending nodes, plus a
 * type-4 preview for clients that declared `supports_preview_metadata`), and `main.py`'s hook
 * (`progress`, then a type-1 preview for everyone else). All of it goes to the prompt's client,
 * or to every socket when the prompt has none.
 */
import { pyJsonDumps } from './python-json.ts';
import { BINARY_EVENT, type WsHub } from './ws-hub.ts';

export class ProgressReporter {
  readonly #nodes = new Map<string, { state: string; value: unknown; max: unknown }>();

  constructor(
    private readonly hub: WsHub,
    private readonly promptId: string,
    private readonly clientId: string | null,
  ) {}

  /** `start_progress` / `update_progress` / `finish_progress`. */
  set(nodeId: string, state: 'running' | 'finished', value?: unknown, max?: unknown): void {
    // ensure_entry starts a node at value 0, max 1 (ints); start_progress uses 0.0 / 1.0.
    const entry = this.#nodes.get(nodeId) ?? { state: 'pending', value: 0, max: 1 };
    entry.state = state;
    if (state === 'finished') entry.value = entry.max;
    else {
      entry.value = value;
      entry.max = max;
    }
    this.#nodes.set(nodeId, entry);
    const nodes = new Map<string, unknown>();
    for (const [id, progress] of this.#nodes) {
      nodes.set(id, {
        value: progress.value,
        max: progress.max,
        state: progress.state,
        node_id: id,
        prompt_id: this.promptId,
        display_node_id: id,
        parent_node_id: null,
        real_node_id: id,
      });
    }
    this.hub.sendJson('progress_state', { prompt_id: this.promptId, nodes }, this.clientId);
  }

  /** One sampler step: progress_state (+ type-4 preview), then progress (+ type-1 preview). */
  step(nodeId: string, value: number, total: number, image: Buffer | null): void {
    this.set(nodeId, 'running', value, total);
    const withMetadata = this.hub.supportsFeature(this.clientId, 'supports_preview_metadata');
    if (image && withMetadata) {
      const metadata = { node_id: nodeId, prompt_id: this.promptId, display_node_id: nodeId, parent_node_id: null, real_node_id: nodeId, image_type: 'image/jpeg' };
      const json = Buffer.from(pyJsonDumps(metadata));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(json.length);
      this.hub.sendBytes(BINARY_EVENT.PREVIEW_IMAGE_WITH_METADATA, Buffer.concat([length, json, image]), this.clientId, metadata);
    }
    this.hub.sendJson('progress', { value, max: total, prompt_id: this.promptId, node: nodeId }, this.clientId);
    if (image && !withMetadata) {
      const imageType = Buffer.alloc(4);
      imageType.writeUInt32BE(1); // 1 = JPEG
      this.hub.sendBytes(BINARY_EVENT.PREVIEW_IMAGE, Buffer.concat([imageType, image]), this.clientId);
    }
  }
}
