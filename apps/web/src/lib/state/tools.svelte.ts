/**
 * The tools the server offers (`GET /api/tools`) and whether Web, Notes and image mode can run, for the
 * tools menu, the mode toggles and the labels of tool steps.
 */
import type { ToolsResponse } from '@tauceti/contracts';
import { errorMessage } from '../api/http.ts';
import { listTools } from '../api/tools.ts';

export type ToolInfo = ToolsResponse['tools'][number];

export interface ToolsStateOptions {
  /** @default listTools (`GET /api/tools`) */
  load?: () => Promise<ToolsResponse>;
}

/** `web_search` → "Web search", for a step of a tool the list does not name. */
export function humanizeToolName(name: string): string {
  const words = name.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export class ToolsState {
  #tools = $state.raw<ToolInfo[]>([]);
  #webMode = $state.raw<ToolsResponse['webMode']>({ available: false, reason: 'Checking whether Web mode can run…' });
  #notesMode = $state.raw<ToolsResponse['notesMode']>({ available: false, reason: 'Checking whether Notes mode can run…' });
  #imageMode = $state.raw<ToolsResponse['imageMode']>({ available: false, reason: 'Checking whether images can be made…' });
  #error = $state<string | null>(null);
  #load: () => Promise<ToolsResponse>;

  /** Tool labels by name, for the steps of an answer. */
  readonly labels: Record<string, string> = $derived(Object.fromEntries(this.#tools.map((tool) => [tool.name, tool.label])));

  constructor(options: ToolsStateOptions = {}) {
    this.#load = options.load ?? (() => listTools());
  }

  get tools(): ToolInfo[] { return this.#tools; }
  get webMode(): ToolsResponse['webMode'] { return this.#webMode; }
  get notesMode(): ToolsResponse['notesMode'] { return this.#notesMode; }
  /** Whether the composer's image mode can run (it needs ComfyUI). */
  get imageMode(): ToolsResponse['imageMode'] { return this.#imageMode; }
  /** Why the list could not be loaded. */
  get error(): string | null { return this.#error; }

  async load() {
    try {
      const response = await this.#load();
      this.#tools = response.tools;
      this.#webMode = response.webMode;
      this.#notesMode = response.notesMode;
      this.#imageMode = response.imageMode;
      this.#error = null;
    } catch (error) {
      this.#error = errorMessage(error);
      const unavailable = { available: false, reason: `The tools could not be listed: ${this.#error}` };
      this.#webMode = unavailable;
      this.#notesMode = unavailable;
      this.#imageMode = unavailable;
    }
  }
}
