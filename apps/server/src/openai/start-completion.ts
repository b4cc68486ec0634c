import type { ImageJob, OpenAiChatRequest } from '@tauceti/contracts';
import { jsonSchema, tool, type ToolChoice, type ToolSet } from 'ai';
import { prepareAgentTurn } from '../chat/agent-turn.ts';
import { runChat } from '../chat/run-chat.ts';
import type { Deps } from '../deps.ts';
import { findUrls } from '../sources/find-urls.ts';
import type { GpuLease } from '../gpu/gpu-scheduler.ts';
import type { TurnSources } from '../sources/turn-sources.ts';
import type { toModelMessages } from './to-model-messages.ts';

export type CompletionDeps = Pick<Deps, 'catalog' | 'languageModels' | 'tools' | 'env' | 'gpu'>;

export interface StartCompletionOptions {
  request: OpenAiChatRequest;
  prompt: ReturnType<typeof toModelMessages>;
  signal: AbortSignal;
}

/**
 * One `/v1/chat/completions` answer through the same agent loop as the app. A request that brings
 * no tools of its own gets the server's tools (when the model can call tools), run server-side; a
 * URL nobody gave in the messages is refused rather than asked about, since nobody can be asked.
 * The history is fitted to the context window the model runs with, as in the app.
 */
export async function startCompletion(deps: CompletionDeps, { request, prompt, signal }: StartCompletionOptions) {
  const loaded = deps.catalog.isLoaded(request.model);
  const [{ model }, window] = await Promise.all([
    deps.catalog.find(request.model),
    deps.catalog.contextWindow(request.model, deps.env.OLLAMA_CONTEXT_LENGTH, loaded),
  ]);
  const userText = prompt.messages.filter((message) => message.role === 'user').map((message) => textOf(message.content));
  // Images made by `generate_image` travel in the answer as Markdown images (a client has no cards).
  const images = new Map<string, ImageJob>();
  const turnImages = { conversationId: null, messageId: null, gpuLease: null as GpuLease | null, show: (job: ImageJob) => void images.set(job.id, job) };
  const agent = await prepareAgentTurn({
    model: request.model,
    capabilities: model?.capabilities ?? [],
    history: prompt.messages,
    question: userText.at(-1) ?? '',
    system: prompt.system,
    mode: 'chat',
    tools: request.tools?.length ? {} : deps.tools,
    disabledTools: [],
    knownUrls: userText.flatMap(findUrls),
    signal,
    window,
    onStep: () => {},
    onSources: () => {},
    askPerson: null,
    images: turnImages,
  });
  // The model runs on the GPU: wait while an image job has it; give it back when the answer ends.
  const lease = await deps.gpu.acquire('chat', { signal, model: request.model });
  turnImages.gpuLease = lease;
  signal.addEventListener('abort', () => lease.release(), { once: true });
  const upstream = deps.languageModels.open(request.model);
  const result = runChat({
    model: upstream.model,
    system: agent.system,
    messages: agent.messages,
    think: model?.capabilities.includes('thinking') ?? false,
    sampling: {
      temperature: request.temperature ?? undefined,
      topP: request.top_p ?? undefined,
      maxTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
      stop: typeof request.stop === 'string' ? [request.stop] : (request.stop ?? undefined),
      seed: request.seed ?? undefined,
    },
    abortSignal: signal,
    tools: agent.tools,
    ...(request.tools?.length ? { clientTools: clientToolsOf(request) } : {}),
    maxSteps: deps.env.AGENT_MAX_STEPS,
    messageBudget: agent.messageBudget,
  });
  Promise.resolve(result.finishReason).then(
    () => lease.release(),
    () => lease.release(),
  );
  return { result, upstream, sources: agent.sources, images: () => [...images.values()] };
}

/** The client's tools as the AI SDK offers them: no `execute`, so their calls end the answer. */
function clientToolsOf(request: OpenAiChatRequest): { tools: ToolSet; toolChoice?: ToolChoice<ToolSet> } {
  const tools: ToolSet = {};
  for (const { function: fn } of request.tools ?? []) {
    tools[fn.name] = tool({
      ...(fn.description ? { description: fn.description } : {}),
      inputSchema: jsonSchema((fn.parameters ?? { type: 'object', properties: {} }) as Parameters<typeof jsonSchema>[0]),
    });
  }
  const choice = request.tool_choice;
  const toolChoice: ToolChoice<ToolSet> | undefined =
    choice === 'none' || choice === 'auto' || choice === 'required' ? choice : choice ? { type: 'tool', toolName: choice.function.name } : undefined;
  return { tools, ...(toolChoice ? { toolChoice } : {}) };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { type?: string; text?: string }) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
}

/**
 * The images an answer made, as Markdown images served by Tau Ceti at `origin` (a client renders
 * them where it renders Markdown). Empty when the turn made none.
 */
export function imagesFooter(jobs: readonly ImageJob[], origin: string): string {
  const images = jobs.flatMap((job) => job.images);
  if (images.length === 0) return '';
  const alt = (text: string) => text.replace(/[\[\]\\\n\r]+/g, ' ').trim().slice(0, 120);
  return `\n\n${images.map((image) => `![${alt(image.prompt)}](${origin}${image.url})`).join('\n')}`;
}

/**
 * The sources an answer ends with on the OpenAI-compatible API, one line each: `[1]: Title - URL`
 * (a client renders no sources panel, so they travel in the text). Empty when the turn had none.
 */
export function sourcesFooter(sources: TurnSources): string {
  const list = sources.list();
  if (list.length === 0) return '';
  return `\n\n${list.map((source) => `[${source.n}]: ${source.title.replace(/\s+/g, ' ')} - ${source.url}`).join('\n')}`;
}
