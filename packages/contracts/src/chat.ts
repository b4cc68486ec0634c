import { z } from 'zod';
import { id, modelName } from './ids.ts';
import { imageJob, imageParams } from './images.ts';
import { chatMode, citationCheck, contextReport, source, toolName, toolStep, turnNotice } from './tools.ts';

/** Limits a request is held to; the composer shows them before the server has to refuse. */
export const CHAT_LIMITS = {
  /** Characters in one user message. */
  maxMessageChars: 100_000,
  /** Images attached to one message. */
  maxAttachments: 8,
  /** Bytes of one uploaded image. */
  maxUploadBytes: 20 * 1024 * 1024,
} as const;

/**
 * `POST /api/chat`. The server holds the history: the browser names the parent message and sends
 * only what is new, so the answer is always built from what is stored.
 *
 * - `submit-message`: add `message` under `parentId` (null: the first message). Editing a question
 *   is the same call with the edited question's parent: it becomes a sibling version.
 * - `regenerate-message`: answer the user message `parentId` again, as a new sibling version.
 *
 * The response is an AI SDK UI message stream (SSE, header `x-vercel-ai-ui-message-stream: v1`) whose
 * `start` chunk carries the new assistant message id, with the data parts of `chatDataParts`.
 */
export const chatRequest = z
  .strictObject({
    /** Omitted to start a new conversation; the stream then announces it in `data-conversation`. */
    conversationId: id.optional(),
    model: modelName,
    trigger: z.enum(['submit-message', 'regenerate-message']),
    /** `web`: search, read the best pages and answer from them with citations (any model). @default 'chat' */
    mode: chatMode.default('chat'),
    /** Image mode's settings beside the prompt (the message text); an attachment is its input image. */
    image: imageParams.omit({ prompt: true }).optional(),
    /** Tools switched off for this conversation (stored with it); omitted: keep what is stored. */
    disabledTools: z.array(toolName).max(20).optional(),
    parentId: id.nullable(),
    message: z
      .strictObject({
        /** Proposed by the browser so it can show the message before the server answers. */
        id,
        text: z.string().max(CHAT_LIMITS.maxMessageChars),
        attachmentIds: z.array(id).max(CHAT_LIMITS.maxAttachments).default([]),
      })
      .optional(),
  })
  .superRefine((body, ctx) => {
    if (body.trigger === 'submit-message') {
      if (!body.message) ctx.addIssue({ code: 'custom', path: ['message'], message: 'is required to submit a message' });
      else if (!body.message.text.trim() && body.message.attachmentIds.length === 0)
        ctx.addIssue({ code: 'custom', path: ['message', 'text'], message: 'is empty: write something or attach an image' });
    } else {
      if (body.message) ctx.addIssue({ code: 'custom', path: ['message'], message: 'must be omitted when regenerating' });
      if (body.parentId === null) ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'must name the user message to answer again' });
      if (!body.conversationId) ctx.addIssue({ code: 'custom', path: ['conversationId'], message: 'is required when regenerating' });
    }
  });
export type ChatRequest = z.input<typeof chatRequest>;
export type ParsedChatRequest = z.output<typeof chatRequest>;

/**
 * Data parts of the chat stream (`data-<name>` chunks). `conversation` and `status` are transient:
 * they steer the UI while the answer streams. The others are part of the message and stored with
 * it; a part streamed again with the same id replaces the earlier one (a tool step going from
 * `running` to `done`, the sources list growing).
 */
export const chatDataParts = {
  /** First chunk of every stream: which conversation the turn belongs to (new or existing). */
  conversation: z.object({ id, title: z.string(), created: z.boolean() }),
  /**
   * What the server is waiting for before the first token. `loading-model`: the model is not in
   * memory (`/api/ps`), so Ollama loads it first, which can take a while on a cold GPU.
   * `waiting-gpu`: an image job has the GPU; `detail` says how far it is ("image, step 12 of 30").
   */
  status: z.object({ state: z.enum(['loading-model', 'generating', 'waiting-gpu']), model: z.string(), detail: z.string().optional() }),
  /** A tool step (id: the tool call id). */
  tool: toolStep,
  /** The turn's numbered sources so far (id: `sources`). */
  sources: z.object({ sources: z.array(source) }),
  /** The citation check, after the answer (id: `citations`). */
  citations: citationCheck,
  /** The prompt was fitted to the context window (id: `context`). */
  context: contextReport,
  /** A notice about the turn (id: its code). */
  notice: turnNotice,
  /** An image job of the answer (id: the job id); its progress comes from `/api/images/jobs/:id/events`. */
  image: imageJob,
};
export type ChatDataTypes = { [K in keyof typeof chatDataParts]: z.infer<(typeof chatDataParts)[K]> };

/** `POST /api/conversations/:id/stop`: ends the answer being written, keeping what was written. */
export const stopResponse = z.object({ stopped: z.boolean() });
