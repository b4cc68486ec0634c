import type { OpenAiError } from '@tauceti/contracts';

/** OpenAI's finish reasons for the AI SDK's. */
export function finishReasonOf(reason: string | undefined): 'stop' | 'length' | 'content_filter' {
  if (reason === 'length') return 'length';
  if (reason === 'content-filter') return 'content_filter';
  return 'stop';
}

export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export function usageOf(usage: { inputTokens?: number | undefined; outputTokens?: number | undefined } | undefined): CompletionUsage {
  const prompt = usage?.inputTokens ?? 0;
  const completion = usage?.outputTokens ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
}

export function completionChunk(
  identity: CompletionIdentity,
  delta: { role?: 'assistant'; content?: string; reasoning_content?: string },
  finishReason: string | null = null,
) {
  return {
    ...identity,
    object: 'chat.completion.chunk' as const,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

export function usageChunk(identity: CompletionIdentity, usage: CompletionUsage) {
  return { ...identity, object: 'chat.completion.chunk' as const, system_fingerprint: null, choices: [], usage };
}

export function completion(
  identity: CompletionIdentity,
  answer: { content: string; reasoning: string; finishReason: string; usage: CompletionUsage },
) {
  return {
    ...identity,
    object: 'chat.completion' as const,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant' as const,
          content: answer.content,
          refusal: null,
          ...(answer.reasoning ? { reasoning_content: answer.reasoning } : {}),
        },
        logprobs: null,
        finish_reason: answer.finishReason,
      },
    ],
    usage: answer.usage,
  };
}

/** OpenAI's error body, which its clients turn into typed exceptions. */
export function openAiError(message: string, type: string, code: string | null, param: string | null = null): OpenAiError {
  return { error: { message, type, param, code } };
}
