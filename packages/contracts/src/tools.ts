import { z } from 'zod';
import { timestamp } from './ids.ts';

/**
 * What the agent loop shows of its work: tool steps, the numbered sources an answer may cite, the
 * check of its citations, and how the prompt was fitted to the model's context window. They stream
 * as `data-*` parts (see `chatDataParts`) and are stored with the message.
 */

/** Model-facing tool names are snake_case verbs: `web_search`, `fetch_page`. */
export const toolName = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a tool name such as web_search');

/**
 * - `running`: executing now.
 * - `awaiting-approval`: held until the person allows it (a page nobody asked for, see `approval`).
 * - `done` / `failed`: finished; a failure's `error` is what the model was told.
 * - `declined`: the person (or API mode) did not allow it.
 */
export const toolStepState = z.enum(['running', 'awaiting-approval', 'done', 'failed', 'declined']);
export type ToolStepState = z.infer<typeof toolStepState>;

/** One step of an answer: a tool call and how it went. Streamed again each time it changes. */
export const toolStep = z.object({
  /** The tool call id; data parts with the same id replace each other. */
  id: z.string().min(1).max(100),
  tool: toolName,
  /** The arguments, as the model (or Web mode) gave them. */
  input: z.record(z.string(), z.unknown()),
  state: toolStepState,
  startedAt: timestamp,
  /** Null while running or waiting. */
  durationMs: z.number().nonnegative().nullable(),
  /** One line for people: "5 results for “tide tables”", "Read example.org (1,204 words)". */
  summary: z.string(),
  /** The full result, as the model read it; null until done. */
  output: z.string().nullable(),
  /** Why it failed or was declined, in the words the model was given. */
  error: z.string().nullable(),
  /** Numbers of the sources this step added to the turn. */
  sources: z.array(z.number().int().positive()),
  /** Set while `awaiting-approval`: what the person is asked to allow. */
  approval: z.object({ url: z.string(), host: z.string() }).nullable(),
});
export type ToolStep = z.infer<typeof toolStep>;

/**
 * A source the answer may cite as `[n]`. `read`: the page was fetched (or the note passage
 * retrieved) and its text given to the model. `snippet`: only a search result's snippet was seen;
 * the UI marks it so. A note's `url` is the in-app viewer (`/notes/<id>#<heading anchor>`).
 */
export const source = z.object({
  n: z.number().int().positive(),
  kind: z.enum(['web', 'note']),
  status: z.enum(['read', 'snippet']),
  url: z.string(),
  title: z.string(),
  /** Host of a web source, or the vault's name for a note, shown beside the title. */
  domain: z.string(),
  snippet: z.string().nullable(),
  /** The step that found or read it. */
  toolCallId: z.string().nullable(),
});
export type Source = z.infer<typeof source>;

/** The answer's `[n]` markers checked against the turn's sources, after the answer. */
export const citationCheck = z.object({
  /** Numbers cited that point at a source of the turn. */
  cited: z.array(z.number().int().positive()),
  /** Numbers cited that point at no source: flagged, never shown as working links. */
  dangling: z.array(z.number().int().positive()),
});
export type CitationCheck = z.infer<typeof citationCheck>;

/** How the prompt was fitted to the context window the model runs with (Ollama cuts silently). */
export const contextReport = z.object({
  /** Tokens of the context window, and where that figure came from. */
  window: z.number().int().positive(),
  windowSource: z.enum(['ollama-ps', 'model-parameters', 'setting']),
  /** Earlier messages of the branch left out of what was sent (they stay stored). */
  droppedMessages: z.number().int().nonnegative(),
  /** Tool results cut to fit. */
  truncatedResults: z.number().int().nonnegative(),
  /** Ollama's own count of the prompt (`prompt_eval_count`) of the last step, when it said. */
  promptTokens: z.number().int().nonnegative().nullable(),
  /** The prompt still filled the window: Ollama may have cut its start. */
  overflowed: z.boolean(),
});
export type ContextReport = z.infer<typeof contextReport>;

/** Something about the turn the person should know, said once: this model cannot call tools. */
export const turnNotice = z.object({
  code: z.enum(['tools-unsupported']),
  message: z.string(),
});
export type TurnNotice = z.infer<typeof turnNotice>;

/**
 * How a turn is answered: `chat` lets a model with `tools` call them; `web` and `notes` run a fixed
 * pipeline (search, then answer from the passages found) for any model; `image` sends the person's
 * words straight to ComfyUI as the prompt, with no language model involved.
 */
export const chatMode = z.enum(['chat', 'web', 'notes', 'image']);
export type ChatMode = z.infer<typeof chatMode>;

/** `GET /api/tools`: the tools this server offers, and why one cannot be used. */
export const toolsResponse = z.object({
  tools: z.array(
    z.object({
      name: toolName,
      /** Short label for the UI, e.g. "Web search". */
      label: z.string(),
      description: z.string(),
      available: z.boolean(),
      /** Why it is unavailable (e.g. SEARXNG_URL is not set); null when available. */
      reason: z.string().nullable(),
    }),
  ),
  /** Whether Web mode can run (it needs search and page reading); why not otherwise. */
  webMode: z.object({ available: z.boolean(), reason: z.string().nullable() }),
  /** Whether Notes mode can run (it needs the vault, `VAULT_PATH`); why not otherwise. */
  notesMode: z.object({ available: z.boolean(), reason: z.string().nullable() }),
  /** Whether the composer's image button can run (it needs ComfyUI, `COMFYUI_URL`); why not otherwise. */
  imageMode: z.object({ available: z.boolean(), reason: z.string().nullable() }),
});
export type ToolsResponse = z.infer<typeof toolsResponse>;

/** `POST /api/conversations/:id/approvals/:toolCallId`: the person's answer to a held tool call. */
export const approvalRequest = z.strictObject({ approve: z.boolean() });
export type ApprovalRequest = z.infer<typeof approvalRequest>;
export const approvalResponse = z.object({ ok: z.literal(true) });
export type ApprovalResponse = z.infer<typeof approvalResponse>;
