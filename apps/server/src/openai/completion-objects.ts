import type { OpenAiError } from '@tauceti/contracts';

/** OpenAI's finish reasons for the AI SDK's. */
export function finishReasonOf(reason: string | undefined): 'stop' | 'length' | 'content_filter' | 'tool_calls' {
  if (reason === 'length') return 'length';
  if (reason === 'tool-calls') return 'tool_calls';
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

/** A call to one of the client's tools, as OpenAI writes it (arguments as a JSON string). */
export interface CompletionToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export function toolCallOf(part: { toolCallId: string; toolName: string; input: unknown }): CompletionToolCall {
  return { id: part.toolCallId, type: 'function', function: { name: part.toolName, arguments: JSON.stringify(part.input ?? {}) } };
}

export function completionChunk(
  identity: CompletionIdentity,
  delta: { role?: 'assistant'; content?: string; reasoning_content?: string; tool_calls?: (CompletionToolCall & { index: number })[] },
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
  answer: { content: string; reasoning: string; toolCalls?: CompletionToolCall[]; finishReason: string; usage: CompletionUsage },
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
          // OpenAI sends null content beside tool calls when the model wrote nothing.
          content: answer.toolCalls?.length && !answer.content ? null : answer.content,
          refusal: null,
          ...(answer.toolCalls?.length ? { tool_calls: answer.toolCalls } : {}),
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
