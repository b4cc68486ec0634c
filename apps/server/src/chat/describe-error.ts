import { OllamaError } from '@tauceti/ollama';
import type { Logger } from '../http/logger.ts';

/** The Ollama failure behind an error, if there is one (the AI SDK may wrap it). */
export function ollamaErrorOf(error: unknown): OllamaError | null {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof OllamaError) return current;
  }
  return null;
}

/** The sentence shown to people: Ollama's own words when it spoke, a safe generic one otherwise. */
export function describeError(error: unknown, logger: Logger): string {
  const ollama = ollamaErrorOf(error);
  if (ollama) return ollama.message;
  logger.error('answer failed', { error, stack: error instanceof Error ? error.stack : undefined });
  return 'The answer failed because of an internal error; see the server log for details.';
}
