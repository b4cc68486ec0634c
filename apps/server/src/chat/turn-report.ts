import type { CitationCheck, ContextReport, Source } from '@tauceti/contracts';
import { checkCitations } from '../sources/check-citations.ts';

export interface ContextOutcome {
  /** How the prompt was fitted before the model was called. */
  fitted: ContextReport;
  /** Tool results cut while the loop ran (by the tools' budget and between steps). */
  resultsCut: number;
  /** Ollama's `prompt_eval_count` of the last step, when it said. */
  lastPromptTokens: number | null;
}

/**
 * The context report of a finished answer, or null when nothing was cut. A last prompt within 5%
 * of the window means Ollama filled it and may have cut the start: our estimate can be short of
 * the real tokenizer, and Ollama says nothing.
 */
export function contextOutcome({ fitted, resultsCut, lastPromptTokens }: ContextOutcome): ContextReport | null {
  const report: ContextReport = {
    ...fitted,
    truncatedResults: fitted.truncatedResults + resultsCut,
    promptTokens: lastPromptTokens,
    overflowed: lastPromptTokens !== null && lastPromptTokens >= fitted.window * 0.95,
  };
  return report.droppedMessages > 0 || report.truncatedResults > 0 || report.overflowed ? report : null;
}

/** The answer's citations checked against the turn's sources; null for an answer that had none of either. */
export function citationOutcome(text: string, sources: readonly Source[]): CitationCheck | null {
  const check = checkCitations(text, (n) => sources.some((source) => source.n === n));
  return sources.length > 0 || check.dangling.length > 0 ? check : null;
}
