/**
 * An answer's content as the AI SDK chat holds it (live from the stream, or a stored message mapped
 * to the same parts), read into what the message shows: text, reasoning, tool steps and image cards
 * in order, and the turn's sources, citation check, context report, notices and image jobs.
 */
import {
  chatDataParts,
  type CitationCheck,
  type ContextReport,
  type ImageJob,
  type Source,
  type ToolStep,
  type ToolStepState,
  type TurnNotice,
} from '@tauceti/contracts';
import type { z } from 'zod';
import type { ChatUIMessage } from '../api/chat-request.ts';

/** A step's state as shown: `unfinished` is a step left running or waiting by an answer that ended. */
export type ShownStepState = ToolStepState | 'unfinished';

/** The person's answer to a held step, known here before the stream says so. */
export interface ApprovalAnswer {
  approve: boolean;
  status: 'sending' | 'sent' | 'failed';
  error: string | null;
}

export type ViewPart =
  | { kind: 'text'; key: string; text: string }
  | { kind: 'reasoning'; key: string; text: string }
  | { kind: 'tool'; key: string; step: ToolStep; state: ShownStepState; answer: ApprovalAnswer | null }
  /** An image card, where the job's part sits; its variants are in `imageJobs`. */
  | { kind: 'image'; key: string; job: ImageJob };

export interface MessageContent {
  content: ViewPart[];
  sources: Source[];
  citations: CitationCheck | null;
  context: ContextReport | null;
  notices: TurnNotice[];
  /** Every image job of the answer as streamed or stored (cards and their variants), oldest first. */
  imageJobs: ImageJob[];
}

// The AI SDK looks data schemas up by chunk type (`data-tool`) while the contract keys them by name,
// so it validates nothing: each payload is checked here, once per object the chat holds.
const checked = new WeakMap<object, unknown>();

function parseData<T>(schema: z.ZodType<T>, data: unknown): T | null {
  if (typeof data !== 'object' || data === null) return null;
  if (checked.has(data)) return checked.get(data) as T | null;
  const parsed = schema.safeParse(data);
  const value = parsed.success ? parsed.data : null;
  checked.set(data, value);
  return value;
}

/** Adds streamed text to the content, joining it to the part before when that is of the same kind. */
function appendText(content: ViewPart[], kind: 'text' | 'reasoning', text: string) {
  if (!text) return;
  const last = content.at(-1);
  // The server stores consecutive deltas as one part; live, each model step is a part of its own.
  if (last?.kind === kind) last.text += text;
  else content.push({ kind, key: `${kind}-${content.length}`, text });
}

export function readContent(parts: ChatUIMessage['parts']): MessageContent {
  const result: MessageContent = { content: [], sources: [], citations: null, context: null, notices: [], imageJobs: [] };
  for (const part of parts) {
    if (part.type === 'text' || part.type === 'reasoning') {
      appendText(result.content, part.type, part.text);
    } else if (part.type === 'data-tool') {
      const step = parseData(chatDataParts.tool, part.data);
      if (step) result.content.push({ kind: 'tool', key: `tool-${step.id}`, step, state: step.state, answer: null });
    } else if (part.type === 'data-sources') {
      result.sources = parseData(chatDataParts.sources, part.data)?.sources ?? result.sources;
    } else if (part.type === 'data-citations') {
      result.citations = parseData(chatDataParts.citations, part.data) ?? result.citations;
    } else if (part.type === 'data-context') {
      result.context = parseData(chatDataParts.context, part.data) ?? result.context;
    } else if (part.type === 'data-image') {
      const job = parseData(chatDataParts.image, part.data);
      if (!job) continue;
      result.content.push({ kind: 'image', key: `image-${job.id}`, job });
      result.imageJobs.push(job);
    } else if (part.type === 'data-notice') {
      const notice = parseData(chatDataParts.notice, part.data);
      if (notice && !result.notices.some((known) => known.code === notice.code)) result.notices.push(notice);
    }
  }
  return result;
}

/**
 * Steps as the message's final state shows them: a step still `running` or `awaiting-approval` in an
 * answer that is no longer being written did not finish (the server stopped or the answer was stopped).
 */
export function settleSteps(content: ViewPart[], options: { isStreaming: boolean; answers: ReadonlyMap<string, ApprovalAnswer> }) {
  for (const part of content) {
    if (part.kind !== 'tool') continue;
    const isOpen = part.step.state === 'running' || part.step.state === 'awaiting-approval';
    part.state = isOpen && !options.isStreaming ? 'unfinished' : part.step.state;
    part.answer = options.answers.get(part.step.id) ?? null;
  }
}
