import {
  citationCheck,
  contextReport,
  messagePart,
  source,
  turnNotice,
  type CitationCheck,
  type ContextReport,
  type MessagePart,
  type Source,
  type TurnNotice,
} from '@tauceti/contracts';
import { z } from 'zod';

/** What a turn found out beside its text, kept in the `annotations` column. */
export interface MessageAnnotations {
  sources: Source[];
  citations: CitationCheck | null;
  context: ContextReport | null;
  notices: TurnNotice[];
}

export const NO_ANNOTATIONS: MessageAnnotations = { sources: [], citations: null, context: null, notices: [] };

const partsColumn = z.array(messagePart);
const annotationsColumn = z.object({
  sources: z.array(source).catch([]),
  citations: citationCheck.nullable().catch(null),
  context: contextReport.nullable().catch(null),
  notices: z.array(turnNotice).catch([]),
});

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * The parts of a stored message. Rows written before tool steps existed (or plain answers) have
 * none stored: their reasoning and text are the parts. A row that cannot be read falls back the
 * same way, so its text is never lost to a bad JSON column.
 */
export function readParts(raw: string | null, text: string, reasoning: string): MessagePart[] {
  const parsed = raw === null ? null : partsColumn.safeParse(parseJson(raw));
  if (parsed?.success) return parsed.data;
  const parts: MessagePart[] = [];
  if (reasoning) parts.push({ type: 'reasoning', text: reasoning });
  if (text || parts.length === 0) parts.push({ type: 'text', text });
  return parts;
}

/** Parts worth a column: null when they say no more than `text` and `reasoning` do. */
export function writeParts(parts: readonly MessagePart[]): string | null {
  return parts.some((part) => part.type === 'tool' || part.type === 'image') ? JSON.stringify(parts) : null;
}

export function readAnnotations(raw: string | null): MessageAnnotations {
  if (raw === null) return NO_ANNOTATIONS;
  const parsed = annotationsColumn.safeParse(parseJson(raw));
  return parsed.success ? parsed.data : NO_ANNOTATIONS;
}

export function writeAnnotations(annotations: MessageAnnotations): string | null {
  const { sources, citations, context, notices } = annotations;
  return sources.length === 0 && citations === null && context === null && notices.length === 0 ? null : JSON.stringify(annotations);
}
