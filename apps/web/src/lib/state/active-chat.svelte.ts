/**
 * One conversation on screen: the AI SDK `Chat` (runes state, streaming, stop) holding the branch
 * shown, plus the stored message tree for versions. The server keeps the history; after each turn the
 * tree is fetched again so it stays authoritative.
 */
import { Chat } from '@ai-sdk/svelte';
import {
  chatDataParts,
  messageMetadata,
  type Attachment,
  type ChatDataTypes,
  type ChatMode,
  type ConversationDetail,
  type ImageJob,
  type StoredMessage,
} from '@tauceti/contracts';
import type { ChatTransport, DataUIPart } from 'ai';
import { chatApi, type ChatApi } from '../api/chat-api.ts';
import type { ChatTurnBody, ChatUIMessage } from '../api/chat-request.ts';
import { createChatTransport } from '../api/chat-transport.ts';
import { errorMessage } from '../api/http.ts';
import { buildTree, newestLeaf, pathToLeaf, switchVersion } from '../utils/message-tree.ts';
import { randomId } from '../utils/random-id.ts';
import { attachmentToFilePart, storedToUIMessage, toViewMessages, type StatusOverride, type ViewMessage } from '../utils/view-messages.ts';
import { ConversationTools } from './conversation-tools.svelte.ts';

export interface ActiveChatOptions {
  /** Null for a new chat; the server announces the id in `data-conversation`. */
  conversationId: string | null;
  /** The model chosen in the picker, read when a turn starts. */
  getModel: () => string | null;
  /** How turns are answered (the Web toggle), read when a turn starts. @default () => 'chat' */
  getMode?: () => ChatMode;
  /** The turn's conversation, first chunk of every stream (`created` for a new one). */
  onConversation?: (chat: ActiveChat, conversation: { id: string; title: string; created: boolean }) => void;
  /** A turn ended (done, stopped or failed); `loadedModel` when Ollama had to load the model first. */
  onSettled?: (chat: ActiveChat, outcome: { isError: boolean; error?: Error; loadedModel: string | null }) => void;
  /** Image jobs seen in the stream or in the stored conversation, so their progress can be followed. */
  onImageJobs?: (jobs: ImageJob[]) => void;
  /** @default chatApi */
  api?: ChatApi;
  /** @default createChatTransport() */
  transport?: ChatTransport<ChatUIMessage>;
  /** Delay between reloads while a stored answer is still being written elsewhere. @default 1500 */
  followUpMs?: number;
}

/** A question as the composer hands it over. */
export interface OutgoingMessage {
  text: string;
  attachments: Attachment[];
  /** Image mode's settings (the text is the prompt); sent only when the turn goes out in image mode. */
  image?: ChatTurnBody['image'];
}

export class ActiveChat {
  readonly #chat: Chat<ChatUIMessage>;
  readonly #options: ActiveChatOptions;
  readonly #api: ChatApi;
  #conversationId = $state<string | null>(null);
  #title = $state<string | null>(null);
  #stored = $state.raw<StoredMessage[]>([]);
  #tree = $derived(buildTree(this.#stored));
  #loadState = $state<'idle' | 'loading' | 'loaded' | 'error'>('idle');
  #loadError = $state<string | null>(null);
  #notice = $state<string | null>(null);
  #loadingModel = $state<string | null>(null);
  #waitingForGpu = $state.raw<{ detail: string | null } | null>(null);
  #loadedModel: string | null = null;
  #overrides = $state.raw<ReadonlyMap<string, StatusOverride>>(new Map());
  /** The last submitted question, to send again if the server never accepted it. */
  #lastSubmit: OutgoingMessage | null = null;
  #turnAccepted = false;
  /** The branch the turn just produced: shown after the reload even if the server's leaf lags behind. */
  #preferredLeaf: string | null = null;
  #followUp: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  /** Tools switched off here, and answers to steps held for approval. */
  readonly tools: ConversationTools;

  /** The branch on screen as the message list shows it (live while an answer streams). */
  readonly messages: ViewMessage[] = $derived(this.#views());

  constructor(options: ActiveChatOptions) {
    this.#options = options;
    this.#api = options.api ?? chatApi;
    this.#conversationId = options.conversationId;
    this.tools = new ConversationTools({
      api: this.#api,
      getConversationId: () => this.#conversationId,
      onNotice: (notice) => (this.#notice = notice),
    });
    this.#chat = new Chat<ChatUIMessage>({
      transport: options.transport ?? createChatTransport(),
      generateId: randomId,
      messageMetadataSchema: messageMetadata,
      dataPartSchemas: chatDataParts,
      onData: (part) => this.#onData(part),
      onFinish: ({ message, isAbort, isError }) => this.#onFinish(message, isAbort, isError),
    });
  }

  get conversationId(): string | null { return this.#conversationId; }
  get title(): string | null { return this.#title; }
  get isBusy(): boolean { return this.#chat.status === 'submitted' || this.#chat.status === 'streaming'; }
  get isLoading(): boolean { return this.#loadState === 'loading'; }
  get loadError(): string | null { return this.#loadError; }
  /** A problem that is not part of a message (e.g. a version switch that could not be saved). */
  get notice(): string | null { return this.#notice; }
  get isEmpty(): boolean { return this.#chat.messages.length === 0 && this.#loadState !== 'loading'; }
  /** The model of the latest answer on the branch shown. */
  get latestModel(): string | null {
    return this.#chat.messages.findLast((message) => message.role === 'assistant')?.metadata?.model ?? null;
  }

  setTitle(title: string) {
    this.#title = title;
  }

  async load(signal?: AbortSignal) {
    const id = this.#conversationId;
    if (!id) return;
    clearTimeout(this.#followUp);
    if (this.#chat.messages.length === 0) this.#loadState = 'loading';
    try {
      this.#applyDetail(await this.#api.getConversation(id, signal));
      this.#loadState = 'loaded';
      this.#loadError = null;
    } catch (error) {
      if (signal?.aborted || this.#disposed) return;
      this.#loadState = 'error';
      this.#loadError = errorMessage(error);
    }
  }

  async send(message: OutgoingMessage) {
    if (this.isBusy) return;
    if (this.#chat.status === 'error' && !this.#turnAccepted && this.#chat.lastMessage?.role === 'user') {
      // The failed question never reached the server: the new one replaces it.
      this.#chat.messages = this.#chat.messages.slice(0, -1);
    }
    await this.#submit(message);
  }

  /** Edits a question in place: the edit becomes a new version beside it, answered anew. */
  async edit(messageId: string, text: string) {
    const index = this.#chat.messages.findIndex((message) => message.id === messageId);
    if (this.isBusy || index === -1 || this.#chat.messages[index]?.role !== 'user') return;
    const attachments = this.#tree.byId.get(messageId)?.attachments ?? [];
    this.#chat.messages = this.#chat.messages.slice(0, index);
    await this.#submit({ text, attachments });
  }

  /** A new version of the answer `messageId`. */
  async regenerate(messageId: string) {
    const index = this.#chat.messages.findIndex((message) => message.id === messageId);
    if (this.isBusy || index < 1 || this.#chat.messages[index - 1]?.role !== 'user') return;
    this.#chat.messages = this.#chat.messages.slice(0, index);
    await this.#regenerateLast();
  }

  /** Retry of a failed answer: regenerate it, or send the question again if the server never got it. */
  async retry(messageId: string) {
    if (this.isBusy) return;
    if (this.#chat.messages.some((message) => message.id === messageId && message.role === 'assistant')) {
      return this.regenerate(messageId);
    }
    const last = this.#chat.lastMessage;
    if (last?.role !== 'user') return;
    if (!this.#turnAccepted && this.#lastSubmit) {
      this.#chat.messages = this.#chat.messages.slice(0, -1);
      return this.#submit(this.#lastSubmit);
    }
    await this.#regenerateLast();
  }

  /** Stops the answer: closes the stream and asks the server to save the partial text as `stopped`. */
  async stop() {
    if (!this.isBusy) return;
    const last = this.#chat.lastMessage;
    if (last?.role === 'assistant') this.#override(last.id, { status: 'stopped', error: null });
    this.#preferredLeaf = last?.id ?? null;
    this.#loadingModel = null;
    this.#waitingForGpu = null;
    await this.#chat.stop();
    const id = this.#conversationId;
    if (!id) return;
    try {
      await this.#api.stopConversation(id);
    } catch {
      // Already finished, or the server is gone: the reload below shows what was saved.
    }
    await this.load();
  }

  /** Shows another version of a message (‹ ›) and the newest answers below it; remembered on the server. */
  async switchVersion(messageId: string, delta: number) {
    if (this.isBusy) return;
    const leaf = switchVersion(this.#tree, messageId, delta);
    if (!leaf) return;
    this.#showBranch(leaf);
    const id = this.#conversationId;
    if (!id) return;
    try {
      await this.#api.setActiveLeaf(id, leaf);
      this.#notice = null;
    } catch (error) {
      this.#notice = `This version could not be saved as the one shown: ${errorMessage(error)}`;
    }
  }

  dispose() {
    this.#disposed = true;
    clearTimeout(this.#followUp);
  }

  async #submit(message: OutgoingMessage) {
    const model = this.#options.getModel();
    const parentId = this.#chat.lastMessage?.id ?? null;
    this.#beginTurn();
    this.#lastSubmit = message;
    const body: ChatTurnBody = {
      ...this.#turnBody(),
      attachmentIds: message.attachments.map((attachment) => attachment.id),
      ...(message.image ? { image: message.image } : {}),
    };
    await this.#chat.sendMessage(
      {
        text: message.text,
        files: message.attachments.map(attachmentToFilePart),
        metadata: { parentId, model, status: 'done', createdAt: Date.now() },
      },
      { body: { ...body } },
    );
  }

  async #regenerateLast() {
    this.#beginTurn();
    this.#lastSubmit = null;
    await this.#chat.regenerate({ body: { ...this.#turnBody() } });
  }

  /** What every turn sends beside its message. */
  #turnBody(): ChatTurnBody {
    const isNew = this.#conversationId === null;
    return {
      conversationId: this.#conversationId,
      model: this.#options.getModel() ?? '',
      mode: this.#options.getMode?.() ?? 'chat',
      // A conversation that exists has its tools stored (PATCHed as they change).
      ...(isNew && this.tools.disabled.length > 0 ? { disabledTools: [...this.tools.disabled] } : {}),
    };
  }

  #beginTurn() {
    clearTimeout(this.#followUp);
    this.#turnAccepted = false;
    this.#loadingModel = null;
    this.#waitingForGpu = null;
    this.#loadedModel = null;
    this.#notice = null;
  }

  #onData(part: DataUIPart<ChatDataTypes>) {
    // The AI SDK looks data schemas up by chunk type (`data-conversation`) while the contract keys them
    // by name (`conversation`), so validate here as well.
    if (part.type === 'data-conversation') {
      const parsed = chatDataParts.conversation.safeParse(part.data);
      if (!parsed.success) return;
      this.#turnAccepted = true;
      // A title event for this conversation may already have been applied: it is newer.
      if (this.#conversationId !== parsed.data.id || this.#title === null) this.#title = parsed.data.title;
      this.#conversationId = parsed.data.id;
      this.#options.onConversation?.(this, parsed.data);
    } else if (part.type === 'data-status') {
      const parsed = chatDataParts.status.safeParse(part.data);
      if (!parsed.success) return;
      this.#loadingModel = parsed.data.state === 'loading-model' ? parsed.data.model : null;
      this.#loadedModel = this.#loadingModel ?? this.#loadedModel;
      this.#waitingForGpu = parsed.data.state === 'waiting-gpu' ? { detail: parsed.data.detail ?? null } : null;
    } else if (part.type === 'data-image') {
      const parsed = chatDataParts.image.safeParse(part.data);
      if (parsed.success) this.#options.onImageJobs?.([parsed.data]);
    }
  }

  #onFinish(message: ChatUIMessage, isAbort: boolean, isError: boolean) {
    this.#loadingModel = null;
    this.#waitingForGpu = null;
    const error = this.#chat.error;
    if (isError && message.role === 'assistant') {
      this.#override(message.id, { status: 'error', error: error ? errorMessage(error) : null });
    }
    this.#preferredLeaf = this.#chat.lastMessage?.id ?? null;
    this.#options.onSettled?.(this, { isError, error, loadedModel: this.#loadedModel });
    // A stop reloads once the server confirms the save; a refused request has nothing stored to show.
    if (!isAbort && this.#turnAccepted && !this.#disposed) void this.load();
  }

  #views(): ViewMessage[] {
    return toViewMessages({
      messages: this.#chat.messages,
      tree: this.#tree,
      chatStatus: this.#chat.status,
      chatError: this.#chat.error ? errorMessage(this.#chat.error) : null,
      loadingModel: this.#loadingModel,
      waitingForGpu: this.#waitingForGpu,
      overrides: this.#overrides,
      approvals: this.tools.approvals,
    });
  }

  #override(id: string, override: StatusOverride) {
    this.#overrides = new Map(this.#overrides).set(id, override);
  }

  #applyDetail(detail: ConversationDetail) {
    this.#title = detail.title;
    this.#stored = detail.messages;
    this.tools.applyStored(detail.disabledTools);
    const jobs = detail.messages.flatMap((message) => message.imageJobs);
    if (jobs.length > 0) this.#options.onImageJobs?.(jobs);
    if (this.isBusy) return;
    const preferred = this.#preferredLeaf === null ? null : newestLeaf(this.#tree, this.#preferredLeaf);
    this.#preferredLeaf = null;
    const useLocal = preferred !== null && preferred !== detail.activeLeafId && this.#tree.byId.has(preferred);
    this.#showBranch(useLocal ? preferred : detail.activeLeafId);
    if (useLocal) void this.#api.setActiveLeaf(detail.id, preferred).catch(() => undefined);
    const path = this.#chat.messages;
    // Written by another tab or still being saved: look again shortly.
    if (path.some((message) => message.metadata?.status === 'streaming' && !this.#overrides.has(message.id))) {
      this.#followUp = setTimeout(() => void this.load(), this.#options.followUpMs ?? 1500);
    }
  }

  #showBranch(leafId: string | null) {
    this.#chat.messages = pathToLeaf(this.#tree, leafId).map(storedToUIMessage);
    this.#chat.clearError();
  }
}
