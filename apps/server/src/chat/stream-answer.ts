import type { ChatDataTypes, MessageMetadata, MessageStatus, Usage } from '@tauceti/contracts';
import { createUIMessageStream, type LanguageModelUsage, type UIMessage, type UIMessageChunk } from 'ai';
import type { ConversationEvents } from '../events/conversation-events.ts';
import type { Logger } from '../http/logger.ts';
import type { LanguageModels } from '../llm/create-language-models.ts';
import type { Store } from '../storage/create-store.ts';
import { toSummary } from '../storage/conversation-store.ts';
import type { Generation } from './active-generations.ts';
import { AnswerRecorder } from './answer-recorder.ts';
import { buildHistory } from './build-history.ts';
import { createDeltaCoalescer } from './coalesce-deltas.ts';
import { describeError } from './describe-error.ts';
import type { Turn } from './prepare-turn.ts';
import { runChat } from './run-chat.ts';
import { systemPrompt } from './system-prompt.ts';
import type { TitleGenerator } from './title-generator.ts';

export type ChatUIMessage = UIMessage<MessageMetadata, ChatDataTypes>;

export interface StreamAnswerDeps {
  store: Store;
  languageModels: LanguageModels;
  titles: TitleGenerator;
  events: ConversationEvents;
  logger: Logger;
  readAttachment: (id: string) => Promise<string>;
  now?: () => number;
}

/**
 * Streams one answer as AI SDK UI message chunks while recording it: the text is saved as it comes,
 * the final status (`done`, `stopped`, `error`, `interrupted`) when it ends, however it ends.
 */
export function streamAnswer(deps: StreamAnswerDeps, turn: Turn): ReadableStream<UIMessageChunk> {
  const now = deps.now ?? Date.now;
  const { generation } = turn;
  const recorder = new AnswerRecorder({
    messages: deps.store.messages,
    messageId: turn.assistantMessageId,
    now,
    interim: (save) => deps.store.transactionUnsynced(save),
  });

  const stream = createUIMessageStream<ChatUIMessage>({
    execute: async ({ writer }) => {
      // Writes after the reader left are dropped by the AI SDK; a reader still there (Stop pressed
      // in another tab) gets the final status.
      const write = (chunk: UIMessageChunk<MessageMetadata, ChatDataTypes>) => writer.write(chunk);
      let errorText: string | null = null;
      let usage: Usage | null = null;
      // Set by the first token, and at the end: a late "loading" notice must not follow either.
      let answering = false;
      try {
        write({
          type: 'data-conversation',
          data: { id: turn.conversation.id, title: turn.conversation.title, created: turn.created },
          transient: true,
        });
        write({
          type: 'start',
          messageId: turn.assistantMessageId,
          messageMetadata: { parentId: turn.userMessageId, model: turn.model, status: 'streaming', createdAt: turn.startedAt },
        });
        // Not awaited before calling Ollama: the answer starts at once, and the loading notice shows
        // only if Ollama says the model is cold before the first token has come.
        void turn.modelLoaded.then((loaded) => {
          if (loaded === false && !answering) write({ type: 'data-status', data: { state: 'loading-model', model: turn.model }, transient: true });
        });
        const messages = await buildHistory({
          path: deps.store.messages.path(turn.userMessageId),
          readAttachment: deps.readAttachment,
        });
        const upstream = deps.languageModels.open(turn.model);
        const result = runChat({
          model: upstream.model,
          system: systemPrompt(new Date(turn.startedAt)),
          messages,
          think: turn.think,
          abortSignal: generation.signal,
          onFinish: ({ totalUsage }) => {
            usage = toUsage(totalUsage);
          },
        });
        const chunks = result.toUIMessageStream<ChatUIMessage>({
          sendStart: false,
          sendFinish: false,
          sendReasoning: true,
          onError: (error) => describeError(error, deps.logger),
        });
        const coalescer = createDeltaCoalescer(write);
        try {
          for await (const chunk of chunks) {
            answering ||= chunk.type === 'text-delta' || chunk.type === 'reasoning-delta';
            if (chunk.type === 'text-delta') recorder.appendText(chunk.delta);
            else if (chunk.type === 'reasoning-delta') recorder.appendReasoning(chunk.delta);
            else if (chunk.type === 'error') errorText = chunk.errorText;
            else if (chunk.type === 'abort') continue;
            coalescer.push(chunk);
          }
        } finally {
          coalescer.flush();
        }
        const failure = upstream.failure();
        if (failure && errorText === null && !generation.signal.aborted) {
          errorText = failure.message;
          write({ type: 'error', errorText });
        }
      } catch (error) {
        if (!generation.signal.aborted) {
          errorText = describeError(error, deps.logger);
          write({ type: 'error', errorText });
        }
      }

      answering = true;
      const status = finalStatus(generation, errorText);
      try {
        // One synced commit for the answer and its conversation: the turn's only disk flush.
        const updated = deps.store.transaction(() => {
          recorder.finish(status, { error: errorText, usage });
          return deps.store.conversations.update(turn.conversation.id, { updatedAt: now() });
        });
        if (updated) deps.events.publish({ type: 'upserted', conversation: toSummary(updated) });
      } finally {
        // `execute` runs whether or not anyone reads the stream, so the turn always ends here.
        generation.end();
        if (status !== 'interrupted' && recorder.text.trim() && turn.conversation.titleSource === 'provisional') {
          deps.titles.schedule(turn.conversation.id, turn.model);
        } else deps.titles.resume();
      }
      write({ type: 'finish', messageMetadata: { status, error: errorText, usage } });
    },
    onError: (error) => describeError(error, deps.logger),
  });

  return onCancel(stream, () => generation.stop('stop'));
}

/** Calls `stop` when the reader goes away (the tab closed, the AI SDK's `stop()`). */
function onCancel<T>(source: ReadableStream<T>, stop: () => void): ReadableStream<T> {
  const reader = source.getReader();
  return new ReadableStream<T>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      stop();
      await reader.cancel(reason);
    },
  });
}

/** How the answer ended: shutdown and Stop win over an error their abort may have caused. */
function finalStatus(generation: Generation, errorText: string | null): Exclude<MessageStatus, 'streaming'> {
  if (generation.stopReason === 'shutdown') return 'interrupted';
  if (generation.signal.aborted) return 'stopped';
  return errorText === null ? 'done' : 'error';
}

function toUsage(usage: LanguageModelUsage): Usage {
  return { inputTokens: usage.inputTokens ?? null, outputTokens: usage.outputTokens ?? null };
}
