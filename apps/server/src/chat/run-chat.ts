import { type LanguageModel, type ModelMessage, streamText } from 'ai';
import { ollamaProviderOptions, type SamplingOptions } from '../llm/ollama-options.ts';

export interface RunChatOptions {
  model: LanguageModel;
  messages: ModelMessage[];
  system?: string | undefined;
  /** Let a thinking model reason before answering. */
  think?: boolean;
  sampling?: SamplingOptions;
  /** Ends the upstream request (and so Ollama's generation) when aborted. */
  abortSignal: AbortSignal;
  onFinish?: Parameters<typeof streamText>[0]['onFinish'];
}

/**
 * One answer from a local model: the chat engine shared by `/api/chat` and `/v1/chat/completions`.
 * Tools join here in a later issue (with `stopWhen`).
 */
export function runChat({ model, messages, system, think = false, sampling, abortSignal, onFinish }: RunChatOptions) {
  return streamText({
    model,
    system,
    messages,
    abortSignal,
    // A refused connection or a 404 will not get better by retrying; fail at once, clearly.
    maxRetries: 0,
    providerOptions: ollamaProviderOptions({ think, ...(sampling ? { sampling } : {}) }),
    // Errors reach the caller as stream parts; it reports them (streamText would console.error them).
    onError: () => {},
    ...(onFinish ? { onFinish } : {}),
  });
}
