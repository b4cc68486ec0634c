import type { ChatMode, ContextReport, Source, ToolStep, TurnNotice } from '@tauceti/contracts';
import type { ModelMessage } from 'ai';
import type { ContextWindow } from '../models/model-catalog.ts';
import { createTurnSources, type TurnSources } from '../sources/turn-sources.ts';
import type { AgentTools, TurnImages } from '../tools/types.ts';
import { estimateTokens, fitHistory, planContext } from './context-budget.ts';
import { toolsPrompt } from './system-prompt.ts';
import { createTurnTools, type TurnTools } from './turn-tools.ts';
import { gatherNotesContext } from './notes-pipeline.ts';
import { gatherWebContext } from './web-pipeline.ts';

export interface AgentTurnOptions {
  model: string;
  /** The model's capabilities from `/api/show`; empty when the server did not say. */
  capabilities: readonly string[];
  /** The branch to answer, ending with the question. */
  history: ModelMessage[];
  /** The question's text (the search query of Web mode). */
  question: string;
  /** The person's question before it, if any (Web mode searches a short follow-up with it). */
  previousQuestion?: string;
  /** The system prompt before any tool guidance. */
  system: string | undefined;
  mode: ChatMode;
  /** Every tool of the server; this turn offers those available, switched on, and usable by the model. */
  tools: AgentTools;
  disabledTools: readonly string[];
  /** URLs the person wrote in this conversation. */
  knownUrls: readonly string[];
  signal: AbortSignal;
  window: ContextWindow;
  onStep: (step: ToolStep) => void;
  onSources: (sources: Source[]) => void;
  /** Null where nobody can be asked (the OpenAI-compatible API). */
  askPerson: ((step: ToolStep) => Promise<boolean>) | null;
  /** Where images made this turn are shown; null where nothing can show them. */
  images?: TurnImages | null;
}

/** Everything `runChat` needs for one turn, and what the turn reports beside the answer. */
export interface AgentTurn {
  system: string | undefined;
  messages: ModelMessage[];
  tools: TurnTools | null;
  sources: TurnSources;
  /** Tokens one step's messages may take. */
  messageBudget: number;
  notices: TurnNotice[];
  /** How the prompt was fitted so far; `promptTokens` and `overflowed` are filled in after the answer. */
  context: ContextReport;
}

/** Web or Notes mode was asked for but cannot run; the message says why, for people. */
export class ModeUnavailableError extends Error {
  override name = 'ModeUnavailableError';
}

/** The fixed pipelines of the composer's modes, and the tools each needs. */
const PIPELINES: Partial<Record<ChatMode, { label: string; needs: string[] }>> = {
  web: { label: 'Web mode', needs: ['web_search', 'fetch_page'] },
  notes: { label: 'Notes mode', needs: ['search_notes'] },
  image: { label: 'Image mode', needs: ['generate_image'] },
};

/** Rough cost of one tool's definition in the prompt (name, description, JSON schema). */
const toolTokens = (tools: AgentTools) =>
  Object.values(tools).reduce((sum, tool) => sum + estimateTokens(tool.description) + 60, 0);

/**
 * Sets a turn up: which tools it offers (none to a model without the `tools` capability, which
 * then simply chats and is told so), the turn's numbered sources, Web mode's gathered pages, and
 * the history fitted to the context window the model runs with.
 */
export async function prepareAgentTurn(options: AgentTurnOptions): Promise<AgentTurn> {
  const plan = planContext(options.window.tokens);
  const sources = createTurnSources(options.onSources);
  const usable = Object.fromEntries(Object.entries(options.tools).filter(([, tool]) => tool.unavailableReason === null));
  const notices: TurnNotice[] = [];

  let offered: AgentTools = {};
  const pipeline = PIPELINES[options.mode];
  if (pipeline) {
    const missing = pipeline.needs.find((name) => options.tools[name]?.unavailableReason !== null);
    if (missing !== undefined) {
      const reason = options.tools[missing]?.unavailableReason ?? 'it is not available on this server yet.';
      throw new ModeUnavailableError(`${pipeline.label} cannot run: ${reason}`);
    }
  } else {
    const switchedOn = Object.fromEntries(Object.entries(usable).filter(([name]) => !options.disabledTools.includes(name)));
    const canCall = options.capabilities.includes('tools');
    if (canCall) offered = switchedOn;
    else if (Object.keys(switchedOn).length > 0) {
      notices.push({
        code: 'tools-unsupported',
        message: `${options.model} cannot call tools, so its tools are off. Pick Web mode to answer from the web with any model.`,
      });
    }
  }

  const turnTools =
    pipeline || Object.keys(offered).length > 0
      ? createTurnTools({
          tools: pipeline ? usable : offered,
          sources,
          signal: options.signal,
          knownUrls: options.knownUrls,
          maxResultChars: plan.maxResultChars,
          onStep: options.onStep,
          askPerson: options.askPerson,
          images: options.images ?? null,
        })
      : null;

  let system = options.system;
  if (Object.keys(offered).length > 0) system = [system, toolsPrompt(Object.keys(offered))].filter(Boolean).join('\n\n');
  if (pipeline && turnTools) {
    // The gathered sources may take about half of what is left once the question is in.
    const left = plan.promptTokens - estimateTokens(system ?? '') - estimateTokens(options.question) - 50;
    const budgetChars = Math.max(1500, Math.floor(left * 0.5 * 3.3));
    const previous = options.previousQuestion ? { previousQuestion: options.previousQuestion } : {};
    const gathered =
      options.mode === 'web'
        ? await gatherWebContext({ question: options.question, ...previous, tools: turnTools, sources, budgetChars })
        : await gatherNotesContext({ question: options.question, ...previous, tools: turnTools });
    system = [system, gathered.prompt].filter(Boolean).join('\n\n');
  }

  const fixedTokens = estimateTokens(system ?? '') + toolTokens(offered);
  const fitted = fitHistory({ messages: options.history, budget: plan.promptTokens, fixedTokens });
  return {
    system,
    messages: fitted.messages,
    tools: pipeline ? null : turnTools,
    sources,
    messageBudget: Math.max(256, plan.promptTokens - fixedTokens),
    notices,
    context: {
      window: options.window.tokens,
      windowSource: options.window.source,
      droppedMessages: fitted.dropped,
      // A pipeline's reads are over; results cut during a tool loop are counted by `tools` as it runs.
      truncatedResults: pipeline ? (turnTools?.truncatedResults ?? 0) : 0,
      promptTokens: null,
      overflowed: false,
    },
  };
}
