import type { ChatDataTypes, ContextReport, MessageMetadata, MessageStatus, Usage } from '@tauceti/contracts';
import { createUIMessageStream, type LanguageModelUsage, type UIMessage, type UIMessageChunk } from 'ai';
import type { Env } from '../env.ts';
import type { GpuLease, GpuScheduler } from '../gpu/gpu-scheduler.ts';
import type { ImageJobs } from '../images/image-jobs.ts';
import type { ConversationEvents } from '../events/conversation-events.ts';
import type { Logger } from '../http/logger.ts';
import type { LanguageModels } from '../llm/create-language-models.ts';
import type { ModelCatalog } from '../models/model-catalog.ts';
import { findUrls } from '../sources/find-urls.ts';
import type { Store } from '../storage/create-store.ts';
import { toSummary } from '../storage/conversation-store.ts';
import type { AgentTools, TurnImages } from '../tools/types.ts';
import type { Generation } from './active-generations.ts';
import { prepareAgentTurn, ModeUnavailableError } from './agent-turn.ts';
import { AnswerRecorder } from './answer-recorder.ts';
import type { Approvals } from './approvals.ts';
import { buildHistory } from './build-history.ts';
import { createDeltaCoalescer } from './coalesce-deltas.ts';
import { describeError } from './describe-error.ts';
import type { Turn } from './prepare-turn.ts';
import { runChat } from './run-chat.ts';
import { systemPrompt } from './system-prompt.ts';
import type { TitleGenerator } from './title-generator.ts';
import { citationOutcome, contextOutcome } from './turn-report.ts';

export type ChatUIMessage = UIMessage<MessageMetadata, ChatDataTypes>;
type Chunk = UIMessageChunk<MessageMetadata, ChatDataTypes>;

export interface StreamAnswerDeps {
  store: Store;
  languageModels: LanguageModels;
  titles: TitleGenerator;
  events: ConversationEvents;
  logger: Logger;
  catalog: ModelCatalog;
  tools: AgentTools;
  approvals: Approvals;
  env: Pick<Env, 'AGENT_MAX_STEPS' | 'OLLAMA_CONTEXT_LENGTH'>;
  readAttachment: (id: string) => Promise<string>;
  gpu: GpuScheduler;
  imageJobs: ImageJobs;
  now?: () => number;
}

/** The AI SDK's tool chunks: the loop reports tool steps as `data-tool` parts of its own instead. */
const TOOL_CHUNKS = new Set(['tool-input-start', 'tool-input-delta', 'tool-input-available', 'tool-input-error', 'tool-output-available', 'tool-output-error', 'tool-output-denied', 'tool-approval-request']);

/**
 * Streams one answer as AI SDK UI message chunks while recording it: text and tool steps are saved
 * as they come, the final status (`done`, `stopped`, `error`, `interrupted`) when it ends, however
 * it ends.
 */
export function streamAnswer(deps: StreamAnswerDeps, turn: Turn): ReadableStream<UIMessageChunk> {
  const now = deps.now ?? Date.now;
  const { generation } = turn;
  const recorder = new AnswerRecorder({
    messages: deps.store.messages,
    messageId: turn.assistantMessageId,
    now,
    interim: (save) => deps.store.transactionUnsynced(save),
  });

  const stream = createUIMessageStream<ChatUIMessage>({
    execute: async ({ writer }) => {
      // Writes after the reader left are dropped by the AI SDK; a reader still there (Stop pressed
      // in another tab) gets the final status. Everything goes through the coalescer, in order.
      const coalescer = createDeltaCoalescer<Chunk>((chunk) => writer.write(chunk));
      const emit = (chunk: Chunk) => coalescer.push(chunk);
      const outcome: TurnOutcome = { errorText: null, usage: null, lastPromptTokens: null, answering: false, context: null, resultsCut: () => 0 };
      try {
        emit({
          type: 'data-conversation',
          data: { id: turn.conversation.id, title: turn.conversation.title, created: turn.created },
          transient: true,
        });
        emit({
          type: 'start',
          messageId: turn.assistantMessageId,
          messageMetadata: { parentId: turn.userMessageId, model: turn.model, status: 'streaming', createdAt: turn.startedAt },
        });
        // Not awaited before calling Ollama: the answer starts at once, and the loading notice shows
        // only if Ollama says the model is cold before the first token has come.
        void turn.modelLoaded.then((loaded) => {
          if (loaded === false && !outcome.answering) emit({ type: 'data-status', data: { state: 'loading-model', model: turn.model }, transient: true });
        });
        await answer({ deps, turn, recorder, emit, outcome });
      } catch (error) {
        if (!generation.signal.aborted) {
          outcome.errorText = error instanceof ModeUnavailableError ? error.message : describeError(error, deps.logger);
          emit({ type: 'error', errorText: outcome.errorText });
        }
      } finally {
        coalescer.flush();
      }
      outcome.answering = true;

      const context = outcome.context && contextOutcome({ fitted: outcome.context, resultsCut: outcome.resultsCut(), lastPromptTokens: outcome.lastPromptTokens });
      if (context) {
        recorder.annotate({ context });
        writer.write({ type: 'data-context', id: 'context', data: context });
      }
      const citations = citationOutcome(recorder.text, recorder.annotations.sources);
      if (citations) {
        recorder.annotate({ citations });
        writer.write({ type: 'data-citations', id: 'citations', data: citations });
      }
      const { errorText, usage } = outcome;
      const status = finalStatus(generation, errorText);
      try {
        // One synced commit for the answer and its conversation: the turn's only disk flush.
        const updated = deps.store.transaction(() => {
          recorder.finish(status, { error: errorText, usage });
          return deps.store.conversations.update(turn.conversation.id, { updatedAt: now() });
        });
        if (updated) deps.events.publish({ type: 'upserted', conversation: toSummary(updated) });
      } finally {
        // `execute` runs whether or not anyone reads the stream, so the turn always ends here.
        generation.end();
        if (status !== 'interrupted' && recorder.text.trim() && turn.conversation.titleSource === 'provisional') {
          deps.titles.schedule(turn.conversation.id, turn.model);
        } else deps.titles.resume();
      }
      writer.write({ type: 'finish', messageMetadata: { status, error: errorText, usage } });
    },
    onError: (error) => describeError(error, deps.logger),
  });

  return onCancel(stream, () => generation.stop('stop'));
}

/** What the turn learnt while answering, for its final save. */
interface TurnOutcome {
  errorText: string | null;
  usage: Usage | null;
  lastPromptTokens: number | null;
  /** Set by the first token, and at the end: a late "loading" notice must not follow either. */
  answering: boolean;
  context: ContextReport | null;
  resultsCut: () => number;
}

interface AnswerOptions {
  deps: StreamAnswerDeps;
  turn: Turn;
  recorder: AnswerRecorder;
  emit: (chunk: Chunk) => void;
  outcome: TurnOutcome;
}

/** The answer's image cards: each job is streamed as a `data-image` part and its place kept in the message. */
function turnImages({ turn, recorder, emit }: AnswerOptions): TurnImages {
  return {
    conversationId: turn.conversation.id,
    messageId: turn.assistantMessageId,
    gpuLease: null,
    show(job) {
      recorder.recordImage(job.id);
      emit({ type: 'data-image', id: job.id, data: job });
    },
  };
}

/**
 * Image mode: the person's words go to ComfyUI as the prompt, with no language model involved;
 * the card is the answer. A failed job also ends the message in error, so Retry is offered.
 */
async function answerWithImage(options: AnswerOptions): Promise<void> {
  const { deps, turn, outcome } = options;
  const tool = deps.tools.generate_image;
  const unavailable = tool ? tool.unavailableReason : 'making images is not set up on this server.';
  if (unavailable) throw new ModeUnavailableError(`Image mode cannot run: ${unavailable}`);
  const question = deps.store.messages.path(turn.userMessageId).at(-1);
  const inputImageId = turn.image?.inputImageId ?? question?.attachments[0]?.id;
  const images = turnImages(options);
  const started = deps.imageJobs.start({
    params: { ...turn.image, prompt: question?.text.trim() || 'an image', ...(inputImageId ? { inputImageId } : {}) },
    conversationId: turn.conversation.id,
    messageId: turn.assistantMessageId,
    signal: turn.generation.signal,
  });
  images.show(started);
  const job = (await deps.imageJobs.finished(started.id)) ?? started;
  images.show(job);
  outcome.answering = true;
  if (job.state === 'failed') outcome.errorText = job.error?.message ?? 'The image could not be made.';
}

/** Sets the agent turn up (tools, sources, Web mode, the fitted history) and relays the model's answer. */
async function answer(options: AnswerOptions): Promise<void> {
  if (options.turn.mode === 'image') return answerWithImage(options);
  const { deps, turn, recorder, emit, outcome } = options;
  const { generation } = turn;
  const reported = new Set<string>();
  const images = turnImages(options);
  const path = deps.store.messages.path(turn.userMessageId);
  const questions = path.filter((message) => message.role === 'user');
  const [history, window] = await Promise.all([
    buildHistory({ path, readAttachment: deps.readAttachment }),
    deps.catalog.contextWindow(turn.model, deps.env.OLLAMA_CONTEXT_LENGTH, turn.modelLoaded),
  ]);
  const agent = await prepareAgentTurn({
    model: turn.model,
    capabilities: turn.capabilities,
    history,
    question: questions.at(-1)?.text ?? '',
    ...(questions.length > 1 ? { previousQuestion: questions.at(-2)?.text ?? '' } : {}),
    system: systemPrompt(new Date(turn.startedAt)),
    mode: turn.mode,
    tools: deps.tools,
    disabledTools: turn.conversation.disabledTools,
    knownUrls: questions.flatMap((message) => findUrls(message.text)),
    signal: generation.signal,
    window,
    onStep: (step) => {
      // One line per finished call: what ran and how it ended.
      if (step.state !== 'running' && step.state !== 'awaiting-approval') {
        deps.logger.info('tool call', { conversationId: turn.conversation.id, tool: step.tool, state: step.state, ms: step.durationMs, error: step.error ?? undefined });
      }
      reported.add(step.id);
      recorder.recordStep(step);
      emit({ type: 'data-tool', id: step.id, data: step });
    },
    onSources: (sources) => {
      recorder.annotate({ sources });
      emit({ type: 'data-sources', id: 'sources', data: { sources } });
    },
    askPerson: (step) => deps.approvals.ask(turn.conversation.id, step.id, generation.signal),
    images,
  });
  let resultsCut = 0;
  outcome.context = agent.context;
  outcome.resultsCut = () => resultsCut + (agent.tools?.truncatedResults ?? 0);
  for (const notice of agent.notices) emit({ type: 'data-notice', id: notice.code, data: notice });
  recorder.annotate({ notices: agent.notices });
  if (agent.context.droppedMessages > 0) emit({ type: 'data-context', id: 'context', data: agent.context });

  // The model runs on the GPU: wait for it while an image job has it, and say so.
  const lease = await deps.gpu.acquire('chat', {
    signal: generation.signal,
    model: turn.model,
    onWait: (reason) => {
      if (!outcome.answering) emit({ type: 'data-status', data: { state: 'waiting-gpu', model: turn.model, detail: reason }, transient: true });
    },
  });
  images.gpuLease = lease;
  try {
    await relayModel({ ...options, agent, reported, resultsCut: (count) => (resultsCut += count) });
  } finally {
    lease.release();
  }
}

interface RelayOptions extends AnswerOptions {
  agent: Awaited<ReturnType<typeof prepareAgentTurn>>;
  reported: Set<string>;
  resultsCut: (count: number) => void;
}

/** Runs the model through the agent loop and relays its answer, chunk by chunk. */
async function relayModel({ deps, turn, recorder, emit, outcome, agent, reported, resultsCut }: RelayOptions): Promise<void> {
  const { generation } = turn;
  const upstream = deps.languageModels.open(turn.model);
  const result = runChat({
    model: upstream.model,
    system: agent.system,
    messages: agent.messages,
    think: turn.think,
    abortSignal: generation.signal,
    tools: agent.tools,
    maxSteps: deps.env.AGENT_MAX_STEPS,
    messageBudget: agent.messageBudget,
    onResultsCut: resultsCut,
    onStepFinish: (step) => {
      outcome.lastPromptTokens = step.usage.inputTokens ?? outcome.lastPromptTokens;
    },
    onFinish: ({ totalUsage }) => {
      outcome.usage = toUsage(totalUsage);
    },
  });
  const chunks = result.toUIMessageStream<ChatUIMessage>({
    sendStart: false,
    sendFinish: false,
    sendReasoning: true,
    onError: (error) => describeError(error, deps.logger),
  });
  for await (const chunk of chunks) {
    if (TOOL_CHUNKS.has(chunk.type)) {
      // A call the AI SDK refused before running it (bad arguments, no such tool) is shown failed.
      if ((chunk.type === 'tool-input-error' || chunk.type === 'tool-output-error') && !reported.has(chunk.toolCallId)) {
        reported.add(chunk.toolCallId);
        agent.tools?.reportRefused({
          toolCallId: chunk.toolCallId,
          toolName: chunk.type === 'tool-input-error' ? chunk.toolName : 'unknown_tool',
          input: chunk.type === 'tool-input-error' ? chunk.input : {},
          error: chunk.errorText,
        });
      }
      continue;
    }
    outcome.answering ||= chunk.type === 'text-delta' || chunk.type === 'reasoning-delta';
    if (chunk.type === 'text-delta') recorder.appendText(chunk.delta);
    else if (chunk.type === 'reasoning-delta') recorder.appendReasoning(chunk.delta);
    else if (chunk.type === 'error') outcome.errorText = chunk.errorText;
    else if (chunk.type === 'abort') continue;
    emit(chunk);
  }
  const failure = upstream.failure();
  if (failure && outcome.errorText === null && !generation.signal.aborted) {
    outcome.errorText = failure.message;
    emit({ type: 'error', errorText: outcome.errorText });
  }
}

/** Calls `stop` when the reader goes away (the tab closed, the AI SDK's `stop()`). */
function onCancel<T>(source: ReadableStream<T>, stop: () => void): ReadableStream<T> {
  const reader = source.getReader();
  return new ReadableStream<T>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      stop();
      await reader.cancel(reason);
    },
  });
}

/** How the answer ended: shutdown and Stop win over an error their abort may have caused. */
function finalStatus(generation: Generation, errorText: string | null): Exclude<MessageStatus, 'streaming'> {
  if (generation.stopReason === 'shutdown') return 'interrupted';
  if (generation.signal.aborted) return 'stopped';
  return errorText === null ? 'done' : 'error';
}

function toUsage(usage: LanguageModelUsage): Usage {
  return { inputTokens: usage.inputTokens ?? null, outputTokens: usage.outputTokens ?? null };
}
