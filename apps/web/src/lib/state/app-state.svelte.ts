/**
 * The app's state, built once by `App.svelte` and handed down by context: routing, models, the
 * conversation list, Ollama's health, the chat on screen, the notes (search, viewer, index status)
 * and the images (jobs being followed, workflows, gallery), wired together here and nowhere else.
 */
import { createContext } from 'svelte';
import type { ChatMode, ConversationEvent, GeneratedImage } from '@tauceti/contracts';
import { subscribeConversationEvents } from '../api/events.ts';
import { ActiveChat } from './active-chat.svelte.ts';
import { ChatSessions } from './chat-sessions.svelte.ts';
import { ComposerState } from './composer.svelte.ts';
import { ConversationsState } from './conversations.svelte.ts';
import { ImageGalleryState } from './image-gallery.svelte.ts';
import { ImageJobsState } from './image-jobs.svelte.ts';
import { ImageWorkflowsState } from './image-workflows.svelte.ts';
import { ModelsState } from './models.svelte.ts';
import { NoteViewerState } from './note-viewer.svelte.ts';
import { NotesSearchState } from './notes-search.svelte.ts';
import { OllamaStatusState } from './ollama-status.svelte.ts';
import { conversationPath, type Route } from './route.ts';
import { Router } from './router.svelte.ts';
import { ToolsState } from './tools.svelte.ts';
import { VaultStatusState } from './vault-status.svelte.ts';

export class AppState {
  readonly router: Router;
  readonly models = new ModelsState();
  readonly conversations = new ConversationsState();
  readonly composer = new ComposerState();
  readonly tools = new ToolsState();
  readonly vault = new VaultStatusState();
  readonly notesSearch = new NotesSearchState();
  readonly noteViewer = new NoteViewerState();
  readonly imageJobs = new ImageJobsState();
  readonly workflows = new ImageWorkflowsState();
  readonly gallery = new ImageGalleryState();
  readonly ollama: OllamaStatusState;
  readonly sessions: ChatSessions;
  /** The sidebar drawer on narrow screens. */
  isSidebarOpen = $state(false);
  /** Stops checking the notes index, while no page showing it is open. */
  #stopVaultWatch: (() => void) | null = null;

  constructor() {
    this.ollama = new OllamaStatusState({ onRecovered: () => void this.models.load() });
    this.sessions = new ChatSessions({ createChat: (id) => this.#createChat(id) });
    this.router = new Router({ onChange: (route) => this.#show(route) });
  }

  get chat(): ActiveChat {
    return this.sessions.current;
  }

  /** How the next turn is answered: Web, Notes or image mode when asked for and the server can run it. */
  get mode(): ChatMode {
    const { webMode, notesMode, imageMode } = this.tools;
    return this.composer.modeFor({ web: webMode.available, notes: notesMode.available, image: imageMode.available });
  }

  /** Starts loading and listening; returns the teardown. */
  start(): () => void {
    void this.models.load();
    void this.conversations.refresh();
    void this.tools.load();
    this.ollama.start();
    const unsubscribe = subscribeConversationEvents({
      onEvent: (event) => this.#onEvent(event),
      onOpen: (isReconnect) => {
        if (isReconnect) void this.conversations.refresh();
      },
    });
    this.#show(this.router.route);
    return () => {
      unsubscribe();
      this.#stopVaultWatch?.();
      this.notesSearch.dispose();
      this.imageJobs.dispose();
      this.ollama.stop();
      this.conversations.dispose();
      this.router.destroy();
    };
  }

  newChat() {
    this.isSidebarOpen = false;
    if (this.router.route.name === 'new') this.sessions.open(null, { fresh: true });
    else this.router.navigate('/');
  }

  openConversation(id: string) {
    this.router.navigate(conversationPath(id));
  }

  send() {
    if (!this.composer.canSend || this.chat.isBusy) return;
    const isImage = this.mode === 'image';
    const { image, ...message } = this.composer.take();
    void this.chat.send(isImage && image ? { ...message, image } : message);
  }

  /** "Use as input" on an image card: image mode, starting from that picture, in this chat's composer. */
  useImageAsInput(image: GeneratedImage) {
    this.composer.useAsInput({ id: image.id, thumbnailUrl: image.thumbnailUrl, prompt: image.prompt });
  }

  async deleteConversation(id: string) {
    await this.conversations.remove(id);
    this.sessions.forget(id);
    if (this.chat.conversationId === id) this.router.navigate('/', { replace: true });
  }

  #show(route: Route) {
    this.isSidebarOpen = false;
    this.#stopVaultWatch?.();
    this.#stopVaultWatch = route.name === 'status' || route.name === 'notes' ? this.vault.watch() : null;
    if (route.name === 'note') void this.noteViewer.open(route.id);
    else this.noteViewer.close();
    if (route.name === 'status') void this.ollama.check();
    if (route.name === 'images') void this.gallery.refresh();
    if (route.name === 'new') this.sessions.open(null);
    if (route.name !== 'conversation') return;
    void this.sessions.open(route.id)?.then((chat) => {
      if (this.sessions.isCurrent(chat)) this.models.selectForConversation(chat.latestModel);
    });
  }

  #createChat(conversationId: string | null): ActiveChat {
    return new ActiveChat({
      conversationId,
      getModel: () => this.models.selected,
      getMode: () => this.mode,
      onImageJobs: (jobs) => this.imageJobs.offer(jobs),
      onConversation: (chat, conversation) => {
        const now = Date.now();
        const known = this.conversations.find(conversation.id);
        this.conversations.upsert({
          id: conversation.id,
          // The title the turn started with; one generated or renamed since (its event may have come
          // first on a busy machine) is newer, so a row already listed keeps its own.
          title: known?.title ?? conversation.title,
          model: this.models.selected,
          createdAt: known?.createdAt ?? now,
          updatedAt: now,
        });
        if (conversation.created && this.sessions.isCurrent(chat)) {
          this.router.navigate(conversationPath(conversation.id), { replace: true });
        }
      },
      onSettled: (chat, outcome) => {
        this.sessions.settled(chat);
        // Ollama may have gone away mid-answer: let the banner say so.
        if (outcome.isError) void this.ollama.check();
        // A model was loaded for this answer: its "loaded" badge changed.
        if (outcome.loadedModel) void this.models.load();
      },
    });
  }

  #onEvent(event: ConversationEvent) {
    this.conversations.apply(event);
    if (event.type === 'upserted' && this.chat.conversationId === event.conversation.id) {
      this.chat.setTitle(event.conversation.title);
    } else if (event.type === 'deleted') {
      this.sessions.forget(event.id);
      if (this.chat.conversationId === event.id) this.router.navigate('/', { replace: true });
    }
  }
}

export const [getAppState, setAppState] = createContext<AppState>();
