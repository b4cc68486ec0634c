import { z } from 'zod';
import { id, timestamp } from './ids.ts';
import { imageJob } from './images.ts';
import { citationCheck, contextReport, source, toolStep, turnNotice } from './tools.ts';

/**
 * Where an assistant message stands. A row exists (as `streaming`) before Ollama is called, so a
 * crash never loses what was already shown: at start-up leftover `streaming` rows become `interrupted`.
 */
export const messageStatus = z.enum(['streaming', 'done', 'stopped', 'error', 'interrupted']);
export type MessageStatus = z.infer<typeof messageStatus>;

/** An image the user attached, stored under `DATA_DIR/uploads`. */
export const attachment = z.object({
  id,
  name: z.string(),
  mediaType: z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/gif']),
  sizeBytes: z.number().int().nonnegative(),
  /** Same-origin URL of the bytes: `/api/uploads/<id>`. */
  url: z.string(),
});
export type Attachment = z.infer<typeof attachment>;

export const usage = z.object({
  inputTokens: z.number().int().nonnegative().nullable(),
  outputTokens: z.number().int().nonnegative().nullable(),
});
export type Usage = z.infer<typeof usage>;

/**
 * An answer's content in the order it was produced: text and reasoning of each model step, and the
 * tool steps between them. `text` and `reasoning` of the message are these joined.
 */
export const messagePart = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('reasoning'), text: z.string() }),
  z.object({ type: z.literal('tool'), step: toolStep }),
  /** Where an image card sits in the answer; the job itself is in `imageJobs`. */
  z.object({ type: z.literal('image'), jobId: id }),
]);
export type MessagePart = z.infer<typeof messagePart>;

/**
 * One message as stored. Messages form a tree: regenerating an answer or editing a question adds a
 * sibling under the same parent, so earlier versions stay reachable.
 */
export const storedMessage = z.object({
  id,
  parentId: id.nullable(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  /** Reasoning of thinking models, shown collapsed above the answer; '' when there is none. */
  reasoning: z.string(),
  attachments: z.array(attachment),
  /** The model that wrote it (assistant) or that it was sent to (user). */
  model: z.string().nullable(),
  status: messageStatus,
  /** Why the answer ended in `error`, in words for people. */
  error: z.string().nullable(),
  usage: usage.nullable(),
  /** Text, reasoning and tool steps in order (a plain answer: one text part). */
  parts: z.array(messagePart),
  /** The numbered sources of the turn (pages read, search snippets), `[n]` in the text. */
  sources: z.array(source),
  /** The answer's citations checked against `sources`; null for answers without sources. */
  citations: citationCheck.nullable(),
  /** How the prompt was fitted to the model's context window; null when nothing was cut. */
  context: contextReport.nullable(),
  notices: z.array(turnNotice),
  /** The image jobs of the answer, oldest first: those its parts name, then the variants made from their cards. */
  imageJobs: z.array(imageJob),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type StoredMessage = z.infer<typeof storedMessage>;

/**
 * `metadata` of the AI SDK UI messages the browser holds and the chat stream updates
 * (`messageMetadata` on `start` and `finish`).
 */
export const messageMetadata = z.object({
  parentId: id.nullable().optional(),
  model: z.string().nullable().optional(),
  status: messageStatus.optional(),
  error: z.string().nullable().optional(),
  usage: usage.nullable().optional(),
  createdAt: timestamp.optional(),
});
export type MessageMetadata = z.infer<typeof messageMetadata>;
