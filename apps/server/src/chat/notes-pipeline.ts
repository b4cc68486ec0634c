import type { TurnTools } from './turn-tools.ts';
import { searchQuery, type WebContext } from './web-pipeline.ts';

export interface NotesPipelineOptions {
  question: string;
  previousQuestion?: string;
  /** The turn's tools; needs `search_notes`. */
  tools: TurnTools;
}

/**
 * Notes mode: the person's vault searched with the question, and the model answers from the
 * passages found, citing them, in one step (no tool calls: any model can). The browser sees the
 * search as a step, as for a tool call.
 */
export async function gatherNotesContext({ question, previousQuestion, tools }: NotesPipelineOptions): Promise<WebContext> {
  let found;
  try {
    found = await tools.run('search_notes', { query: searchQuery(question, previousQuestion) }, 'notes-search-0');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { prompt: `Searching the person's notes failed: ${reason}\nSay that the notes could not be searched and why.` };
  }
  if (found.sources.length === 0) {
    return { prompt: 'Nothing in the person\'s notes matches this question. Say so plainly; do not make up what the notes say.' };
  }
  return {
    prompt: [
      "Answer the question from the person's own notes below. Cite every fact you take from them with its number in square brackets, like [1].",
      'Use only these numbers. If the notes do not answer the question, say so plainly.',
      '',
      found.text,
    ].join('\n'),
  };
}
