import type { MessageStatus, Usage } from '@tauceti/contracts';
import type { MessageStore } from '../storage/message-store.ts';

export interface AnswerRecorderOptions {
  messages: MessageStore;
  messageId: string;
  /** How often streamed text is written while the answer is still coming. @default 1000 */
  flushEveryMs?: number;
  /**
   * Runs the interim saves; pass the store's `transactionUnsynced` so they survive a crash without
   * a disk flush each second per stream. @default runs them as they are (synced)
   */
  interim?: (save: () => void) => void;
  now?: () => number;
}

/**
 * Collects an answer as it streams and writes it to its row about once a second and at the end, so
 * a crash loses at most a second of text and a finished answer is always stored whole.
 */
export class AnswerRecorder {
  text = '';
  reasoning = '';
  #lastFlush = 0;
  #finished = false;
  readonly #options: Required<Omit<AnswerRecorderOptions, 'messages' | 'messageId'>> & AnswerRecorderOptions;

  constructor(options: AnswerRecorderOptions) {
    this.#options = { flushEveryMs: 1000, now: Date.now, interim: (save) => save(), ...options };
    this.#lastFlush = this.#options.now();
  }

  appendText(delta: string): void {
    this.text += delta;
    this.#touch();
  }

  appendReasoning(delta: string): void {
    this.reasoning += delta;
    this.#touch();
  }

  /** Writes the final state once; later calls are ignored. */
  finish(status: Exclude<MessageStatus, 'streaming'>, details: { error?: string | null; usage?: Usage | null } = {}): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#write(status, details);
  }

  #touch(): void {
    if (this.#options.now() - this.#lastFlush >= this.#options.flushEveryMs) this.#options.interim(() => this.#write('streaming'));
  }

  #write(status: MessageStatus, details: { error?: string | null; usage?: Usage | null } = {}): void {
    const now = this.#options.now();
    this.#options.messages.saveProgress(this.#options.messageId, {
      text: this.text,
      reasoning: this.reasoning,
      status,
      error: details.error ?? null,
      usage: details.usage ?? null,
      updatedAt: now,
    });
    this.#lastFlush = now;
  }
}
