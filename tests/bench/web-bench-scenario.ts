import { defaultScenario, type OllamaScenario } from '@tauceti/mocks/ollama';

export const MODEL = 'llama3.2:latest';
/** Words the questions carry, so each scripted reply answers only its own turn. */
export const LIVE_MARK = 'LIVE-STREAM';
/** Reading turns: eight HTML pages in two turns, the same eight as text, and the tool-loop turn's one page. */
export type ReadMark = 'READ-HTML-A' | 'READ-HTML-B' | 'READ-TEXT-A' | 'READ-TEXT-B' | 'TOOL-LOOP';
/** The live answer: 400 tokens at 100 tokens/s, long enough to outlast eight page reads. */
export const LIVE_TOKENS = 400;

/** The person's question for a turn that reads `urls`: written by them, so no approval is asked. */
export const readQuestion = (mark: string, urls: string[]) => `${mark} Please read these pages and sum them up: ${urls.join(' ')}`;

/**
 * The scripted model of the web benchmarks: the live turn streams; a reading turn (its mark →
 * its URLs in `reads`) calls `fetch_page` on every page of its question at once, then answers
 * briefly from the results; background titles get a fixed word.
 */
export function webBenchScenario(reads: Record<ReadMark, string[]>): OllamaScenario {
  const scenario = defaultScenario();
  return {
    ...scenario,
    models: scenario.models.map((model) => ({ ...model, loaded: model.name === MODEL })),
    chat: [
      { match: { stream: false }, content: 'Benchmark' },
      { match: { stream: true, lastUserIncludes: LIVE_MARK }, chunks: Array.from({ length: LIVE_TOKENS }, (_, i) => ` w${i}`), intervalMs: 10 },
      { match: { stream: true, afterTool: true }, content: 'The pages say much the same thing [1].' },
      ...Object.entries(reads).map(([mark, urls]) => ({
        match: { stream: true, lastUserIncludes: mark },
        toolCalls: urls.map((url) => ({ name: 'fetch_page', arguments: { url } })),
      })),
    ],
  };
}
