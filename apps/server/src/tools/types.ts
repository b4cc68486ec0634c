/**
 * The shape every tool has, and what a turn lends a tool while it runs. A tool is one folder under
 * `tools/` plus one line in `create-tools.ts`; the agent loop only ever sees these interfaces.
 */
import type { ImageJob } from '@tauceti/contracts';
import type { SearxngClient } from '@tauceti/searxng';
import type { z } from 'zod';
import type { TurnSources } from '../sources/turn-sources.ts';
import type { GpuLease } from '../gpu/gpu-scheduler.ts';
import type { ImageJobs } from '../images/image-jobs.ts';
import type { VaultService } from '../notes/vault-service.ts';
import type { PageReader } from '../web/read-page.ts';

/** The clients tools are built with (`deps.ts` wires them); null when not configured. */
export interface ToolDeps {
  searxng: Pick<SearxngClient, 'search'> | null;
  readPage: PageReader | null;
  /** Null without a vault (`VAULT_PATH`). */
  vault: VaultService | null;
  /** Null without ComfyUI (`COMFYUI_URL`). */
  images: { jobs: ImageJobs; unavailableReason(): string | null } | null;
}

/** Where the images a turn makes go: the answer's cards (the app) or its Markdown (the API). */
export interface TurnImages {
  conversationId: string | null;
  /** The answer being written; its cards show the jobs. */
  messageId: string | null;
  /** The turn's GPU lease, lent to its image jobs so they do not wait for the turn itself. */
  gpuLease: GpuLease | null;
  show(job: ImageJob): void;
}

/** What a tool may use of the turn it runs in. */
export interface ToolContext {
  toolCallId: string;
  /** Aborted by Stop, a closed tab, shutdown: pass it to every request. */
  signal: AbortSignal;
  /** The turn's numbered sources: add what was found or read, cite by number. */
  sources: TurnSources;
  /** Most characters of a result the model can be given (the context budget). */
  maxResultChars: number;
  /** Whether the person wrote this URL in the conversation, or this turn's search found it. */
  isKnownUrl(url: string): boolean;
  /** URLs this call found (search results): known for the rest of the turn. */
  addKnownUrls(urls: Iterable<string>): void;
  /**
   * Asks the person to allow something the turn may not do on its own (reading a URL nobody gave).
   * Resolves false when declined, when nobody can be asked (API mode), or after a while.
   */
  requestApproval(request: { url: string; host: string }): Promise<boolean>;
  /**
   * Results had (or being had) this turn, by a key the tool picks (a page by URL), so the same
   * thing is never fetched twice, not even by two calls of one step running side by side.
   */
  memo: Map<string, Promise<ToolResult>>;
  /** Null where nothing can show an image. */
  images: TurnImages | null;
}

/** What a call gives back. */
export interface ToolResult {
  /** What the model reads. Untrusted content is quoted as data, never as instructions. */
  text: string;
  /** One line for people: "5 results for “tides”", "Read example.org (1,204 words)". */
  summary: string;
  /** Numbers of the sources this call added or used. */
  sources: number[];
  /** The readable content itself (a page's text), for Web mode to pick passages from. */
  content?: string;
}

/** A tool the agent loop can offer a model. */
export interface AgentTool<Input extends Record<string, unknown> = Record<string, unknown>> {
  /** Short label for the UI, e.g. "Web search". */
  label: string;
  /** Written for the model: when to use it, what it returns. */
  description: string;
  inputSchema: z.ZodType<Input>;
  /** Calls allowed in one turn; a turn that wants more is told to answer with what it has. */
  maxCallsPerTurn: number;
  /** Null when the tool can run; otherwise why not, for people (it is then not offered). Read each turn. */
  readonly unavailableReason: string | null;
  /**
   * Runs one call. Throws an `Error` whose message is written for the model ("SearXNG is
   * unreachable: answer without web results and say so"); the loop goes on. `ToolDeclinedError`
   * means the person did not allow it.
   */
  execute(input: Input, context: ToolContext): Promise<ToolResult>;
}

/** Tools by their model-facing name; each has its own input type. */
export type AgentTools = Record<string, AgentTool<any>>;

/** The person (or API mode) did not allow the call; the model is told so. */
export class ToolDeclinedError extends Error {
  override name = 'ToolDeclinedError';
}
