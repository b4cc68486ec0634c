/**
 * The message being written: its text and the images attached to it, uploaded as soon as they are
 * added so sending is instant, and whether it goes out in Web, Notes or image mode (with image
 * mode's size, workflow and input image). Limits come from `CHAT_LIMITS` and `IMAGE_LIMITS`, shown
 * before the server must refuse.
 */
import { CHAT_LIMITS, IMAGE_LIMITS, type Attachment, type ChatMode, type ChatRequest } from '@tauceti/contracts';
import { errorMessage } from '../api/http.ts';
import { uploadImage } from '../api/uploads.ts';
import { randomId } from '../utils/random-id.ts';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

export interface PendingAttachment {
  localId: string;
  name: string;
  /** `blob:` URL of the local file, shown while (and after) it uploads. */
  previewUrl: string;
  status: 'uploading' | 'ready' | 'error';
  attachment?: Attachment;
  error?: string;
}

export interface ComposerStateOptions {
  /** @default uploadImage (`POST /api/uploads`) */
  upload?: (file: File, signal: AbortSignal) => Promise<Attachment>;
  createPreview?: (file: File) => string;
  revokePreview?: (url: string) => void;
}

export interface ComposedMessage {
  text: string;
  attachments: Attachment[];
  /** Image mode's settings, when the message was written in image mode. */
  image?: ImageRequestSettings;
}

/** What image mode sends beside the prompt. */
export type ImageRequestSettings = NonNullable<ChatRequest['image']>;

export interface ImageSize {
  width: number;
  height: number;
}

/** A generated image chosen with "use as input": image mode starts from it (image-to-image). */
export interface InputImage {
  id: string;
  /** Its thumbnail, shown in the composer. */
  thumbnailUrl: string;
  prompt: string;
}

export class ComposerState {
  text = $state('');
  /**
   * The mode asked for with the toggles: one at a time (Web, Notes and Image each replace the others), kept
   * across messages and chats until turned off (not cleared by `take`).
   */
  #requestedMode = $state<ChatMode>('chat');
  /** Image mode's size; null: the workflow's own. */
  imageSize = $state.raw<ImageSize | null>(null);
  /** Image mode's workflow; null: the server's default (`img2img` when there is an input image). */
  imageWorkflow = $state<string | null>(null);
  #inputImage = $state.raw<InputImage | null>(null);
  #attachments = $state.raw<PendingAttachment[]>([]);
  #notice = $state<string | null>(null);
  #uploads = new Map<string, AbortController>();
  #upload: (file: File, signal: AbortSignal) => Promise<Attachment>;
  #createPreview: (file: File) => string;
  #revokePreview: (url: string) => void;

  constructor(options: ComposerStateOptions = {}) {
    this.#upload = options.upload ?? uploadImage;
    this.#createPreview = options.createPreview ?? ((file) => URL.createObjectURL(file));
    this.#revokePreview = options.revokePreview ?? ((url) => URL.revokeObjectURL(url));
  }

  get attachments(): PendingAttachment[] { return this.#attachments; }
  /** Why a file was not added (type, size, count); cleared by the next change. */
  get notice(): string | null { return this.#notice; }
  get isUploading(): boolean { return this.#attachments.some((item) => item.status === 'uploading'); }
  /** Image mode sends the text as the prompt, which has a smaller limit. */
  get maxChars(): number { return this.isImageMode ? IMAGE_LIMITS.maxPromptChars : CHAT_LIMITS.maxMessageChars; }
  get isTooLong(): boolean { return this.text.length > this.maxChars; }
  get hasContent(): boolean {
    // A picture needs words: the text is its prompt.
    if (this.isImageMode) return this.text.trim() !== '';
    return this.text.trim() !== '' || this.#attachments.some((item) => item.status === 'ready');
  }
  get canSend(): boolean {
    return this.hasContent && !this.isUploading && !this.isTooLong;
  }

  get requestedMode(): ChatMode { return this.#requestedMode; }
  get isWebMode(): boolean { return this.#requestedMode === 'web'; }
  get isNotesMode(): boolean { return this.#requestedMode === 'notes'; }
  get isImageMode(): boolean { return this.#requestedMode === 'image'; }
  get inputImage(): InputImage | null { return this.#inputImage; }

  toggleWebMode() {
    this.#requestedMode = this.isWebMode ? 'chat' : 'web';
  }

  toggleNotesMode() {
    this.#requestedMode = this.isNotesMode ? 'chat' : 'notes';
  }

  toggleImageMode() {
    this.#requestedMode = this.isImageMode ? 'chat' : 'image';
  }

  /** How the next turn goes out: the mode asked for when the server can run it, else a plain chat turn. */
  modeFor(available: { web: boolean; notes: boolean; image?: boolean }): ChatMode {
    const mode = this.#requestedMode;
    const isAvailable = mode === 'chat' || (mode === 'web' && available.web) || (mode === 'notes' && available.notes) || (mode === 'image' && available.image === true);
    return isAvailable ? mode : 'chat';
  }

  /** "Use as input" on an image card: the next image starts from that picture. */
  useAsInput(image: InputImage) {
    this.#inputImage = image;
    this.#requestedMode = 'image';
  }

  clearInputImage() {
    this.#inputImage = null;
  }

  /** Image mode's settings as the request carries them (nothing set: the server's defaults). */
  get imageSettings(): ImageRequestSettings {
    return {
      ...(this.imageSize ? { width: this.imageSize.width, height: this.imageSize.height } : {}),
      ...(this.imageWorkflow ? { workflow: this.imageWorkflow } : {}),
      ...(this.#inputImage ? { inputImageId: this.#inputImage.id } : {}),
    };
  }

  addFiles(files: Iterable<File>) {
    this.#notice = null;
    for (const file of files) {
      if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
        this.#notice = `${file.name || 'That file'} is not a PNG, JPEG, WebP or GIF image.`;
      } else if (file.size > CHAT_LIMITS.maxUploadBytes) {
        this.#notice = `${file.name} is larger than ${CHAT_LIMITS.maxUploadBytes / 1024 / 1024} MB.`;
      } else if (this.#attachments.length >= CHAT_LIMITS.maxAttachments) {
        this.#notice = `At most ${CHAT_LIMITS.maxAttachments} images per message.`;
        return;
      } else {
        this.#start(file);
      }
    }
  }

  remove(localId: string) {
    this.#uploads.get(localId)?.abort();
    this.#uploads.delete(localId);
    const item = this.#attachments.find((entry) => entry.localId === localId);
    if (item) this.#revokePreview(item.previewUrl);
    this.#attachments = this.#attachments.filter((entry) => entry.localId !== localId);
  }

  /** Takes the message out of the composer (text and uploaded images) and empties it. */
  take(): ComposedMessage {
    const message: ComposedMessage = {
      text: this.text,
      attachments: this.#attachments.flatMap((item) => (item.attachment ? [item.attachment] : [])),
      ...(this.isImageMode ? { image: this.imageSettings } : {}),
    };
    this.clear();
    return message;
  }

  /** Empties the message; the mode and image mode's size and workflow stay for the next one. */
  clear() {
    for (const item of this.#attachments) this.remove(item.localId);
    this.text = '';
    this.#inputImage = null;
    this.#notice = null;
  }

  #start(file: File) {
    const localId = randomId();
    const controller = new AbortController();
    this.#uploads.set(localId, controller);
    const item: PendingAttachment = { localId, name: file.name, previewUrl: this.#createPreview(file), status: 'uploading' };
    this.#attachments = [...this.#attachments, item];
    this.#upload(file, controller.signal).then(
      (attachment) => this.#update(localId, { status: 'ready', attachment }),
      (error: unknown) => {
        if (!controller.signal.aborted) this.#update(localId, { status: 'error', error: errorMessage(error) });
      },
    ).finally(() => this.#uploads.delete(localId));
  }

  #update(localId: string, patch: Partial<PendingAttachment>) {
    this.#attachments = this.#attachments.map((item) => (item.localId === localId ? { ...item, ...patch } : item));
  }
}
