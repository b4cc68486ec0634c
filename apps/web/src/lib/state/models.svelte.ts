import type { ChatModel, ModelsResponse } from '@tauceti/contracts';
import { errorMessage } from '../api/http.ts';
import { listModels } from '../api/models.ts';

const STORAGE_KEY = 'tauceti.model';

export interface ModelsStateOptions {
  /** @default listModels (`GET /api/models`) */
  load?: () => Promise<ModelsResponse>;
  /** Where the last choice is remembered. @default localStorage */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/** The installed chat models and the one chosen for the next message. */
export class ModelsState {
  #models = $state.raw<ChatModel[]>([]);
  #defaultModel = $state<string | null>(null);
  #error = $state<string | null>(null);
  #loading = $state(false);
  #loaded = $state(false);
  #selected = $state<string | null>(null);
  /** The model of the conversation being opened, applied once the list is known. */
  #conversationModel: string | null = null;
  #load: () => Promise<ModelsResponse>;
  #storage: Pick<Storage, 'getItem' | 'setItem'> | null;

  constructor(options: ModelsStateOptions = {}) {
    this.#load = options.load ?? (() => listModels());
    this.#storage = options.storage === undefined ? safeLocalStorage() : options.storage;
  }

  get models(): ChatModel[] { return this.#models; }
  get error(): string | null { return this.#error; }
  get isLoading(): boolean { return this.#loading; }
  get isLoaded(): boolean { return this.#loaded; }
  get selected(): string | null { return this.#selected; }
  get selectedModel(): ChatModel | undefined {
    return this.#models.find((model) => model.name === this.#selected);
  }

  has(name: string | null | undefined): name is string {
    return !!name && this.#models.some((model) => model.name === name);
  }

  async load() {
    this.#loading = true;
    try {
      const response = await this.#load();
      this.#models = response.models;
      this.#defaultModel = response.defaultModel;
      this.#error = response.error;
    } catch (error) {
      this.#error = errorMessage(error);
    } finally {
      this.#loading = false;
      this.#loaded = true;
    }
    if (this.has(this.#conversationModel)) this.#selected = this.#conversationModel;
    else if (!this.has(this.#selected)) this.#selected = this.#initialChoice();
    this.#conversationModel = null;
  }

  /** The user picked a model: use it and remember it. */
  select(name: string) {
    if (!this.has(name)) return;
    this.#selected = name;
    this.#conversationModel = null;
    try {
      this.#storage?.setItem(STORAGE_KEY, name);
    } catch {
      // Private mode or full storage: the choice just is not remembered.
    }
  }

  /** A reopened conversation uses the model of its latest answer, if still installed (not remembered). */
  selectForConversation(name: string | null) {
    if (this.has(name)) this.#selected = name;
    else if (!this.#loaded) this.#conversationModel = name;
  }

  #initialChoice(): string | null {
    const remembered = this.#storage?.getItem(STORAGE_KEY) ?? null;
    if (this.has(remembered)) return remembered;
    if (this.has(this.#defaultModel)) return this.#defaultModel;
    return this.#models[0]?.name ?? null;
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
