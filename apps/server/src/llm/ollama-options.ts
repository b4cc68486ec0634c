/**
 * Per-request sampling settings. These never force Ollama to reload a model; load-affecting options
 * (`num_ctx`, `num_gpu`, `num_batch`…) are deliberately never sent, so chat, titles and every other
 * call to a model load it the same way and a background call can't trigger a reload (ollama #6148).
 */
export interface SamplingOptions {
  temperature?: number | undefined;
  topP?: number | undefined;
  /** Most tokens to generate (Ollama `num_predict`). */
  maxTokens?: number | undefined;
  stop?: string[] | undefined;
  seed?: number | undefined;
}

export interface OllamaCallOptions {
  /** Ask a thinking model to think (its reasoning streams separately). The provider sends `false` by default. */
  think?: boolean;
  sampling?: SamplingOptions;
}

/** `providerOptions.ollama` for `ollama-ai-provider-v2`: model options only work through `options` there. */
export function ollamaProviderOptions({ think, sampling = {} }: OllamaCallOptions) {
  const options: Record<string, number | string[]> = {};
  if (sampling.temperature !== undefined) options.temperature = sampling.temperature;
  if (sampling.topP !== undefined) options.top_p = sampling.topP;
  if (sampling.maxTokens !== undefined) options.num_predict = sampling.maxTokens;
  if (sampling.stop !== undefined && sampling.stop.length > 0) options.stop = sampling.stop;
  if (sampling.seed !== undefined) options.seed = sampling.seed;
  return {
    ollama: {
      ...(think ? { think: true } : {}),
      ...(Object.keys(options).length > 0 ? { options } : {}),
    },
  };
}
