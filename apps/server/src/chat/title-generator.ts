import { generateText } from 'ai';
import type { Logger } from '../http/logger.ts';
import type { LanguageModels } from '../llm/create-language-models.ts';
import { ollamaProviderOptions } from '../llm/ollama-options.ts';
import type { Store } from '../storage/create-store.ts';
import { toSummary } from '../storage/conversation-store.ts';
import type { ConversationEvents } from '../events/conversation-events.ts';
import { cleanTitle } from './clean-title.ts';

export interface TitleGeneratorOptions {
  store: Store;
  languageModels: LanguageModels;
  events: ConversationEvents;
  logger: Logger;
  /** True while an answer is being written: titles wait so they never delay a reply. */
  isBusy: () => boolean;
}

const INSTRUCTION =
  'Write a title of at most six words for the conversation below. Reply with the title only: no quotes, no punctuation at the end.';

/**
 * Names conversations after their first answer, in the background. It uses the conversation's own
 * model with the same load options as the chat (no reload), runs only while no answer is being
 * written, and is cancelled the moment a new turn starts; cancelled titles are retried when idle.
 */
export function createTitleGenerator({ store, languageModels, events, logger, isBusy }: TitleGeneratorOptions) {
  const queue = new Map<string, string>();
  let running: AbortController | null = null;
  // True from the first check of the queue to the last: a `resume` meanwhile is picked up by the loop.
  let draining = false;
  let closed = false;

  async function titleFor(conversationId: string, model: string, signal: AbortSignal): Promise<string | null> {
    const conversation = store.conversations.get(conversationId);
    if (!conversation || conversation.titleSource !== 'provisional' || !conversation.activeLeafId) return null;
    const [question, answer] = store.messages.path(conversation.activeLeafId);
    if (!question || !answer?.text.trim()) return null;
    const { text } = await generateText({
      model: languageModels(model),
      maxRetries: 0,
      abortSignal: signal,
      providerOptions: ollamaProviderOptions({ sampling: { maxTokens: 32, temperature: 0.2 } }),
      messages: [
        {
          role: 'user',
          content: `${INSTRUCTION}\n\nUser: ${question.text.slice(0, 1500)}\n\nAssistant: ${answer.text.slice(0, 1500)}`,
        },
      ],
    });
    return cleanTitle(text);
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      // Checked again after every title, cancelled ones included: a reply that cancelled a title
      // may already be over by the time the cancellation lands, and then nobody else would resume.
      while (queue.size > 0 && !isBusy() && !closed) {
        const [conversationId, model] = queue.entries().next().value as [string, string];
        const controller = (running = new AbortController());
        try {
          const title = await titleFor(conversationId, model, controller.signal);
          queue.delete(conversationId);
          const current = store.conversations.get(conversationId);
          // A rename while the title was being written wins.
          if (title && current?.titleSource === 'provisional') {
            const updated = store.conversations.update(conversationId, { title, titleSource: 'generated' });
            if (updated) events.publish({ type: 'upserted', conversation: toSummary(updated) });
          }
        } catch (error) {
          if (controller.signal.aborted) continue; // cancelled for a reply: stays queued for later
          queue.delete(conversationId);
          logger.warn('title generation failed; the conversation keeps its provisional title', { conversationId, error });
        } finally {
          running = null;
        }
      }
    } finally {
      draining = false;
    }
  }

  return {
    /** Queues a title for a conversation still named after its first question. */
    schedule(conversationId: string, model: string): void {
      queue.set(conversationId, model);
      this.resume();
    },
    /** Starts working through the queue if nothing else needs the model. */
    resume(): void {
      if (draining || closed || queue.size === 0 || isBusy()) return;
      void drain();
    },
    /** Aborts the title being written (its request to Ollama is closed) so a reply can start at once. */
    cancel(): void {
      running?.abort();
    },
    /** At shutdown: aborts the title being written and starts no other. */
    close(): void {
      closed = true;
      running?.abort();
    },
  };
}

export type TitleGenerator = ReturnType<typeof createTitleGenerator>;
