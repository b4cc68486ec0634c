import type { ToolStep } from '@tauceti/contracts';
import { type FlexibleSchema, tool, type ToolSet, zodSchema } from 'ai';
import { type TurnSources, urlKey } from '../sources/turn-sources.ts';
import { type AgentTool, type AgentTools, type ToolContext, ToolDeclinedError, type ToolResult, type TurnImages } from '../tools/types.ts';
import { cutToChars } from './context-budget.ts';

export interface TurnToolsOptions {
  /** The tools offered this turn (already filtered: available, switched on, model able). */
  tools: AgentTools;
  sources: TurnSources;
  signal: AbortSignal;
  /** URLs the person wrote in this conversation: readable without asking. */
  knownUrls: Iterable<string>;
  /** Most characters of one result given to the model. */
  maxResultChars: number;
  /** Tool calls allowed in the whole turn, whatever the tool. @default 8 */
  maxCalls?: number;
  /** Every change of a step: streamed to the browser and recorded with the answer. */
  onStep: (step: ToolStep) => void;
  /** Asks the person; null where nobody can be asked (the OpenAI-compatible API refuses instead). */
  askPerson: ((step: ToolStep) => Promise<boolean>) | null;
  /** Where images made this turn are shown. @default null */
  images?: TurnImages | null;
  now?: () => number;
}

export interface TurnTools {
  /** The tools as the AI SDK runs them: each call is budgeted, timed and reported as a step. */
  toolSet: ToolSet;
  /** Names that still have calls left this turn (`activeTools` of the next step). */
  activeTools(): string[];
  /** Runs a tool outside a model's tool call (Web mode), reported as the same kind of step; throws as the tool does. */
  run(name: string, input: Record<string, unknown>, toolCallId: string): Promise<ToolResult>;
  /** A call the AI SDK refused before running it (bad arguments, unknown tool): shown failed. */
  reportRefused(call: { toolCallId: string; toolName: string; input: unknown; error: string }): void;
  /** Results cut to fit the context window so far. */
  readonly truncatedResults: number;
}

/**
 * Each tool's input schema as the AI SDK reads it, made once: converting zod to JSON Schema on
 * every turn would sit on the first token's path.
 */
const schemas = new WeakMap<AgentTool, FlexibleSchema<Record<string, unknown>>>();
function inputSchemaOf(agentTool: AgentTool): FlexibleSchema<Record<string, unknown>> {
  let schema = schemas.get(agentTool);
  if (!schema) schemas.set(agentTool, (schema = zodSchema(agentTool.inputSchema)));
  return schema;
}

const oneLine = (text: string, max = 160) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/**
 * The turn's tools: wraps each tool's `execute` so every call is counted against the tool's and
 * the turn's budget, reported as a `ToolStep` (running, waiting for the person, done, failed),
 * timed, and cut to the context budget. A failing tool becomes a message for the model (the AI SDK
 * turns a throw into a `tool-error` part) and the loop goes on.
 */
export function createTurnTools(options: TurnToolsOptions): TurnTools {
  const now = options.now ?? Date.now;
  const maxCalls = options.maxCalls ?? 8;
  const known = new Set([...options.knownUrls].map(urlKey));
  const memo = new Map<string, Promise<ToolResult>>();
  const calls = new Map<string, number>();
  let totalCalls = 0;
  let truncatedResults = 0;

  const remaining = (name: string) => {
    const limit = options.tools[name]?.maxCallsPerTurn ?? 0;
    return Math.min(limit - (calls.get(name) ?? 0), maxCalls - totalCalls);
  };

  async function execute(name: string, input: Record<string, unknown>, toolCallId: string): Promise<ToolResult> {
    const agentTool = options.tools[name];
    let step: ToolStep = {
      id: toolCallId,
      tool: name,
      input,
      state: 'running',
      startedAt: now(),
      durationMs: null,
      summary: `${agentTool?.label ?? name}…`,
      output: null,
      error: null,
      sources: [],
      approval: null,
    };
    const report = (patch: Partial<ToolStep>) => {
      step = { ...step, ...patch };
      options.onStep(step);
    };
    const fail = (error: string, state: 'failed' | 'declined' = 'failed') =>
      report({ state, error, summary: oneLine(error), durationMs: now() - step.startedAt, approval: null });

    if (!agentTool) {
      const error = `There is no tool named ${name}; use only the tools offered.`;
      fail(error);
      throw new Error(error);
    }
    if (remaining(name) <= 0) {
      const error =
        totalCalls >= maxCalls
          ? `This answer already used its ${maxCalls} tool calls: answer now with what you have.`
          : `${name} may run at most ${agentTool.maxCallsPerTurn} times per answer: answer with what you have.`;
      fail(error);
      throw new Error(error);
    }
    calls.set(name, (calls.get(name) ?? 0) + 1);
    totalCalls += 1;
    report({});

    const context: ToolContext = {
      toolCallId,
      signal: options.signal,
      sources: options.sources,
      maxResultChars: options.maxResultChars,
      isKnownUrl: (url) => known.has(urlKey(url)),
      addKnownUrls: (urls) => {
        for (const url of urls) known.add(urlKey(url));
      },
      requestApproval: async ({ url, host }) => {
        if (!options.askPerson) return false;
        report({ state: 'awaiting-approval', approval: { url, host }, summary: `Asking to read ${host}` });
        const allowed = await options.askPerson(step);
        if (allowed) report({ state: 'running', approval: null, summary: `${agentTool.label}…` });
        return allowed;
      },
      memo,
      images: options.images ?? null,
    };
    try {
      const result = await agentTool.execute(input, context);
      const cut = cutToChars(result.text, options.maxResultChars);
      if (cut.truncated) truncatedResults += 1;
      report({ state: 'done', durationMs: now() - step.startedAt, summary: oneLine(result.summary), output: cut.text, sources: result.sources });
      return { ...result, text: cut.text };
    } catch (error) {
      const message = options.signal.aborted
        ? 'The answer was stopped.'
        : error instanceof Error
          ? error.message
          : String(error);
      // Stopping the answer ends a call that waits for the person too: that is not their "no".
      fail(message, error instanceof ToolDeclinedError && !options.signal.aborted ? 'declined' : 'failed');
      throw error instanceof Error ? error : new Error(message);
    }
  }

  const toolSet: ToolSet = {};
  for (const [name, agentTool] of Object.entries(options.tools)) {
    toolSet[name] = tool({
      description: agentTool.description,
      inputSchema: inputSchemaOf(agentTool),
      execute: async (input: Record<string, unknown>, { toolCallId }) => (await execute(name, input, toolCallId)).text,
    });
  }

  return {
    toolSet,
    activeTools: () => Object.keys(options.tools).filter((name) => remaining(name) > 0),
    run: execute,
    reportRefused({ toolCallId, toolName, input, error }) {
      const at = now();
      options.onStep({
        id: toolCallId,
        tool: /^[a-z][a-z0-9_]{1,39}$/.test(toolName) ? toolName : 'unknown_tool',
        input: input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {},
        state: 'failed',
        startedAt: at,
        durationMs: 0,
        summary: oneLine(error),
        output: null,
        error,
        sources: [],
        approval: null,
      });
    },
    get truncatedResults() {
      return truncatedResults;
    },
  };
}
