/**
 * Whether Ollama answers, for the banner and the status page. Polls `/api/status` only while it is
 * down; when it comes back, `onRecovered` lets the app reload the model list.
 */
import type { StatusResponse } from '@tauceti/contracts';
import { errorMessage } from '../api/http.ts';
import { getStatus } from '../api/status.ts';

export interface OllamaStatusOptions {
  /** @default getStatus (`GET /api/status`) */
  load?: () => Promise<StatusResponse>;
  /** @default 10000 */
  pollMs?: number;
  onRecovered?: () => void;
}

export class OllamaStatusState {
  #status = $state.raw<StatusResponse | null>(null);
  #error = $state<string | null>(null);
  #checking = $state(false);
  #checkedAt = $state<number | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #options: OllamaStatusOptions;

  constructor(options: OllamaStatusOptions = {}) {
    this.#options = options;
  }

  get status(): StatusResponse | null { return this.#status; }
  /** The status request itself failed (the Tau Ceti server is down or unreachable). */
  get error(): string | null { return this.#error; }
  get isChecking(): boolean { return this.#checking; }
  get checkedAt(): number | null { return this.#checkedAt; }
  get isOllamaDown(): boolean { return this.#status?.ollama.reachable === false; }

  /** The banner's sentence while Ollama is down; null when it is fine. */
  get bannerText(): string | null {
    const ollama = this.#status?.ollama;
    if (!ollama || ollama.reachable) return null;
    const reason = ollama.error ?? 'no answer';
    return `Ollama is not reachable at ${ollama.url}: ${reason}. Chats are saved; replies resume when it is back.`;
  }

  async check() {
    clearTimeout(this.#timer);
    const wasDown = this.isOllamaDown;
    this.#checking = true;
    try {
      this.#status = await (this.#options.load ?? getStatus)();
      this.#error = null;
    } catch (error) {
      this.#error = errorMessage(error);
    } finally {
      this.#checking = false;
      this.#checkedAt = Date.now();
    }
    if (wasDown && !this.isOllamaDown && this.#status) this.#options.onRecovered?.();
    if (this.#running && (this.isOllamaDown || this.#error)) {
      this.#timer = setTimeout(() => void this.check(), this.#options.pollMs ?? 10_000);
    }
  }

  start() {
    this.#running = true;
    void this.check();
  }

  stop() {
    this.#running = false;
    clearTimeout(this.#timer);
  }
}
