import type { MessagePart, MessageStatus, ToolStep, Usage } from '@tauceti/contracts';
import { type MessageAnnotations, NO_ANNOTATIONS } from '../storage/message-columns.ts';
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
 * Collects an answer as it streams (text and reasoning of each step, tool steps between them, the
 * turn's sources) and writes it to its row about once a second and at the end, so a crash loses at
 * most a second of it and a finished answer is always stored whole.
 */
export class AnswerRecorder {
  text = '';
  reasoning = '';
  readonly parts: MessagePart[] = [];
  #annotations: MessageAnnotations = NO_ANNOTATIONS;
  #lastFlush = 0;
  #finished = false;
  readonly #options: Required<Omit<AnswerRecorderOptions, 'messages' | 'messageId'>> & AnswerRecorderOptions;

  constructor(options: AnswerRecorderOptions) {
    this.#options = { flushEveryMs: 1000, now: Date.now, interim: (save) => save(), ...options };
    this.#lastFlush = this.#options.now();
  }

  get annotations(): MessageAnnotations {
    return this.#annotations;
  }

  appendText(delta: string): void {
    this.text += delta;
    this.#append('text', delta);
  }

  appendReasoning(delta: string): void {
    this.reasoning += delta;
    this.#append('reasoning', delta);
  }

  /** A tool step, new or changed: kept where it first appeared. Written at once (it is rare and matters). */
  recordStep(step: ToolStep): void {
    const index = this.parts.findIndex((part) => part.type === 'tool' && part.step.id === step.id);
    if (index === -1) this.parts.push({ type: 'tool', step });
    else this.parts[index] = { type: 'tool', step };
    this.#save();
  }

  /** Where an image card sits in the answer. Written at once, so a reload finds the card. */
  recordImage(jobId: string): void {
    if (!this.parts.some((part) => part.type === 'image' && part.jobId === jobId)) this.parts.push({ type: 'image', jobId });
    this.#save();
  }

  annotate(patch: Partial<MessageAnnotations>): void {
    this.#annotations = { ...this.#annotations, ...patch };
  }

  /** Writes the final state once; later calls are ignored. */
  finish(status: Exclude<MessageStatus, 'streaming'>, details: { error?: string | null; usage?: Usage | null } = {}): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#write(status, details);
  }

  #append(type: 'text' | 'reasoning', delta: string): void {
    const last = this.parts.at(-1);
    if (last?.type === type) last.text += delta;
    else this.parts.push({ type, text: delta });
    if (this.#options.now() - this.#lastFlush >= this.#options.flushEveryMs) this.#save();
  }

  #save(): void {
    if (!this.#finished) this.#options.interim(() => this.#write('streaming'));
  }

  #write(status: MessageStatus, details: { error?: string | null; usage?: Usage | null } = {}): void {
    const now = this.#options.now();
    this.#options.messages.saveProgress(this.#options.messageId, {
      text: this.text,
      reasoning: this.reasoning,
      parts: this.parts,
      annotations: this.#annotations,
      status,
      error: details.error ?? null,
      usage: details.usage ?? null,
      updatedAt: now,
    });
    this.#lastFlush = now;
  }
}
