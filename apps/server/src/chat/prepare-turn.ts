import { randomUUID } from 'node:crypto';
import type { ChatMode, ParsedChatRequest } from '@tauceti/contracts';
import { AppError, badRequest, conflict, notFound } from '../http/errors.ts';
import type { ModelCatalog } from '../models/model-catalog.ts';
import type { Store } from '../storage/create-store.ts';
import type { ConversationRecord } from '../storage/conversation-store.ts';
import type { ActiveGenerations, Generation } from './active-generations.ts';
import { provisionalTitle } from './clean-title.ts';

export interface PrepareTurnDeps {
  store: Store;
  catalog: ModelCatalog;
  generations: ActiveGenerations;
  now?: () => number;
}

/** A chat turn ready to stream: its rows exist and its generation is registered. */
export interface Turn {
  conversation: ConversationRecord;
  /** The turn started this conversation. */
  created: boolean;
  model: string;
  /** The model reasons before answering (it has the `thinking` capability). */
  think: boolean;
  /** What `/api/show` says the model can do (`tools`, `vision`…); empty when unknown. */
  capabilities: string[];
  mode: ChatMode;
  /** Image mode's settings beside the prompt. */
  image: ParsedChatRequest['image'];
  userMessageId: string;
  assistantMessageId: string;
  startedAt: number;
  generation: Generation;
  /** Whether Ollama holds the model in memory (null: could not tell); asked while the rows are written. */
  modelLoaded: Promise<boolean | null>;
}

/**
 * Checks a chat request against what is stored, then writes the user message and an empty
 * `streaming` assistant row in one transaction, before anything is asked of Ollama: whatever
 * happens next, the question and the partial answer are kept.
 */
export async function prepareTurn(deps: PrepareTurnDeps, request: ParsedChatRequest): Promise<Turn> {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const existing = request.conversationId ? store.conversations.get(request.conversationId) : null;
  if (request.conversationId && !existing) throw notFound('The conversation');

  // Asked now so the answer to /api/ps is in by the time the rows are written.
  const modelLoaded = deps.catalog.isLoaded(request.model);
  // Only the capabilities are checked here; an unknown model goes to Ollama, whose own message
  // ("model 'x' not found") then ends the turn in the conversation.
  const { model } = await deps.catalog.find(request.model);
  const attachmentIds = request.message?.attachmentIds ?? [];
  // In Image mode an attachment is the picture to start from, for ComfyUI: no model has to see it.
  if (request.mode !== 'image' && model && attachmentIds.length > 0 && model.capabilities.length > 0 && !model.capabilities.includes('vision')) {
    throw new AppError(
      'model_unsupported',
      400,
      `${model.name} cannot see images. Pick a model with vision (such as llava) or remove the attachments.`,
    );
  }

  const conversationId = existing?.id ?? randomUUID();
  const generation = deps.generations.begin(conversationId);
  if (!generation) throw conflict('An answer is still being written in this conversation; stop it or wait for it to finish.');

  try {
    const startedAt = now();
    const assistantMessageId = randomUUID();
    const userMessageId = request.trigger === 'submit-message' ? (request.message?.id as string) : (request.parentId as string);

    const conversation = store.transactionUnsynced(() => {
      if (request.trigger === 'submit-message') {
        checkParent(store, conversationId, request.parentId, existing !== null);
        if (store.messages.get(userMessageId)) throw conflict(`A message with id ${userMessageId} already exists.`);
      } else {
        const question = store.messages.get(userMessageId);
        if (!question || question.conversationId !== conversationId || question.role !== 'user') {
          throw badRequest('parentId must be a question (user message) of this conversation.');
        }
      }
      const record =
        existing ??
        store.conversations.create({
          id: conversationId,
          title: provisionalTitle(request.message?.text ?? ''),
          model: request.model,
          createdAt: startedAt,
          ...(request.disabledTools ? { disabledTools: [...new Set(request.disabledTools)] } : {}),
        });
      if (request.trigger === 'submit-message' && request.message) {
        store.messages.insert({
          id: userMessageId,
          conversationId,
          parentId: request.parentId,
          role: 'user',
          text: request.message.text,
          model: request.model,
          status: 'done',
          createdAt: startedAt,
        });
        if (!store.uploads.attach(userMessageId, attachmentIds)) {
          throw badRequest('An attachment is missing or was already sent with another message; attach the image again.');
        }
      }
      store.messages.insert({
        id: assistantMessageId,
        conversationId,
        parentId: userMessageId,
        role: 'assistant',
        text: '',
        model: request.model,
        status: 'streaming',
        createdAt: startedAt + (request.trigger === 'submit-message' ? 1 : 0),
      });
      return store.conversations.update(conversationId, {
        model: request.model,
        activeLeafId: assistantMessageId,
        updatedAt: startedAt,
        ...(existing && request.disabledTools ? { disabledTools: [...new Set(request.disabledTools)] } : {}),
      }) ?? record;
    });

    return {
      conversation,
      created: existing === null,
      model: request.model,
      think: model?.capabilities.includes('thinking') ?? false,
      capabilities: model?.capabilities ?? [],
      mode: request.mode,
      image: request.image,
      userMessageId,
      assistantMessageId,
      startedAt,
      generation,
      modelLoaded,
    };
  } catch (error) {
    generation.end();
    throw error;
  }
}

/** A new question hangs under an answer of the same conversation, or starts it (null). */
function checkParent(store: Store, conversationId: string, parentId: string | null, conversationExists: boolean) {
  if (parentId === null) return;
  if (!conversationExists) throw badRequest('parentId must be null for the first message of a new conversation.');
  const parent = store.messages.get(parentId);
  if (!parent || parent.conversationId !== conversationId) throw badRequest('parentId is not a message of this conversation.');
  if (parent.role !== 'assistant') throw badRequest('parentId must be an answer: a question follows an answer.');
}
