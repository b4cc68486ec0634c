import { type LanguageModel, type ModelMessage, stepCountIs, streamText, type ToolChoice, type ToolSet } from 'ai';
import { ollamaProviderOptions, type SamplingOptions } from '../llm/ollama-options.ts';
import { fitToolRounds } from './context-budget.ts';
import type { TurnTools } from './turn-tools.ts';

export interface RunChatOptions {
  model: LanguageModel;
  messages: ModelMessage[];
  system?: string | undefined;
  /** Let a thinking model reason before answering. */
  think?: boolean;
  sampling?: SamplingOptions;
  /** Ends the upstream request (and so Ollama's generation) when aborted. */
  abortSignal: AbortSignal;
  /** The tools offered this turn, from the caller (the loop never picks tools itself). */
  tools?: TurnTools | null;
  /**
   * Tools the caller runs itself (an OpenAI client's own): offered without `execute`, so the answer
   * ends at the model's calls and they go back to the caller. Not combined with `tools`.
   */
  clientTools?: { tools: ToolSet; toolChoice?: ToolChoice<ToolSet> };
  /** Most model steps (each tool round is one); the last one is offered no tools, so it answers. @default 8 */
  maxSteps?: number;
  /** Tokens the messages of one step may take (the window less the answer, system and tools). */
  messageBudget?: number;
  /** Earlier tool results were cut so a step fits its budget. */
  onResultsCut?: (count: number) => void;
  onStepFinish?: Parameters<typeof streamText>[0]['onStepFinish'];
  onFinish?: Parameters<typeof streamText>[0]['onFinish'];
}

/**
 * One answer from a local model: the agent loop shared by `/api/chat` and `/v1/chat/completions`.
 * With tools, `streamText` runs up to `maxSteps` steps: the model calls tools, their results are
 * fed back, and it goes on until it answers. Before each step the request is refitted to the
 * context window and tools whose budget is spent are no longer offered.
 */
export function runChat(options: RunChatOptions) {
  const { model, messages, system, think = false, sampling, abortSignal, tools, maxSteps = 8, messageBudget } = options;
  const hasTools = !!tools && Object.keys(tools.toolSet).length > 0;
  return streamText({
    model,
    system,
    messages,
    abortSignal,
    // A refused connection or a 404 will not get better by retrying; fail at once, clearly.
    maxRetries: 0,
    providerOptions: ollamaProviderOptions({ think, ...(sampling ? { sampling } : {}) }),
    ...(hasTools
      ? {
          tools: tools.toolSet,
          stopWhen: stepCountIs(maxSteps),
          prepareStep: ({ stepNumber, messages: stepMessages }) => {
            const last = stepNumber >= maxSteps - 1;
            const fitted = messageBudget === undefined ? { messages: stepMessages, truncated: 0 } : fitToolRounds(stepMessages, messageBudget);
            if (fitted.truncated > 0) options.onResultsCut?.(fitted.truncated);
            return { activeTools: last ? [] : tools.activeTools(), messages: fitted.messages };
          },
        }
      : options.clientTools
        ? { tools: options.clientTools.tools, ...(options.clientTools.toolChoice ? { toolChoice: options.clientTools.toolChoice } : {}) }
        : {}),
    // Errors reach the caller as stream parts; it reports them (streamText would console.error them).
    onError: () => {},
    ...(options.onStepFinish ? { onStepFinish: options.onStepFinish } : {}),
    ...(options.onFinish ? { onFinish: options.onFinish } : {}),
  });
}
