import { randomUUID } from 'node:crypto';
import { openAiChatRequest } from '@tauceti/contracts';
import { InvalidPromptError, type TextStreamPart, type ToolSet } from 'ai';
import { type Context, Hono } from 'hono';
import { describeError, ollamaErrorOf } from '../chat/describe-error.ts';
import type { Deps } from '../deps.ts';
import { isClientAbort } from '../http/client-abort.ts';
import { describeZodError } from '../http/errors.ts';
import { ollamaFailure } from '../http/error-handler.ts';
import {
  type CompletionIdentity,
  completion,
  completionChunk,
  finishReasonOf,
  openAiError,
  toolCallOf,
  usageChunk,
  usageOf,
} from '../openai/completion-objects.ts';
import { type CompletionDeps, imagesFooter, sourcesFooter, startCompletion } from '../openai/start-completion.ts';
import { toModelMessages } from '../openai/to-model-messages.ts';

type OpenAiDeps = CompletionDeps & Pick<Deps, 'logger' | 'startedAt'>;
type Part = TextStreamPart<ToolSet>;

const hasContent = (part: Part) => part.type === 'text-delta' || part.type === 'reasoning-delta' || part.type === 'tool-call';

/**
 * The OpenAI-compatible surface: any OpenAI client can list the chat models and chat through the
 * same engine as the app. Closing a streaming request stops Ollama's generation, as Stop does.
 * These calls are not stored as conversations.
 */
export function openAiRoutes(deps: OpenAiDeps) {
  return new Hono()
    .get('/v1/models', async (c) => {
      const listing = await deps.catalog.list();
      if (listing.error) return c.json(openAiError(listing.error, 'api_error', 'upstream_unreachable'), 502);
      const created = Math.floor(deps.startedAt / 1000);
      return c.json({
        object: 'list',
        data: listing.models.map((model) => ({ id: model.name, object: 'model', created, owned_by: 'ollama' })),
      });
    })
    .post('/v1/chat/completions', async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch (error) {
        if (isClientAbort(error, c.req.raw)) throw error;
        return c.json(openAiError('The request body is not valid JSON.', 'invalid_request_error', null), 400);
      }
      const parsed = openAiChatRequest.safeParse(body);
      if (!parsed.success) return c.json(openAiError(`Invalid request: ${describeZodError(parsed.error)}`, 'invalid_request_error', null), 400);
      const request = parsed.data;

      let prompt: ReturnType<typeof toModelMessages>;
      try {
        prompt = toModelMessages(request.messages);
      } catch (error) {
        return c.json(openAiError((error as Error).message, 'invalid_request_error', null, 'messages'), 400);
      }
      const abort = new AbortController();
      c.req.raw.signal.addEventListener('abort', () => abort.abort(), { once: true });
      const { result, upstream, sources, images } = await startCompletion(deps, { request, prompt, signal: abort.signal });
      const origin = deps.env.PUBLIC_URL ?? new URL(c.req.url).origin;
      const footerOf = () => imagesFooter(images(), origin) + sourcesFooter(sources);
      // Calls to the client's own tools go back to it; the server's own tools ran server-side.
      const forClient = (part: Part): part is Extract<Part, { type: 'tool-call' }> => part.type === 'tool-call' && !!request.tools?.length;

      // Read until the answer starts, so a failure before it (unknown model, Ollama down) is an
      // HTTP error the client's library understands rather than a broken stream.
      const parts = errorsAsParts(result.fullStream, upstream.failure)[Symbol.asyncIterator]();
      const early: Part[] = [];
      for (;;) {
        const next = await parts.next();
        if (next.done) break;
        if (next.value.type === 'error') return failure(c, next.value.error, deps);
        early.push(next.value);
        if (hasContent(next.value) || next.value.type === 'finish') break;
      }
      const identity: CompletionIdentity = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model: request.model };
      const rest = (async function* () {
        yield* early;
        for (let next = await parts.next(); !next.done; next = await parts.next()) yield next.value;
      })();

      if (!request.stream) {
        let content = '';
        let reasoning = '';
        const toolCalls: ReturnType<typeof toolCallOf>[] = [];
        let finish: Extract<Part, { type: 'finish' }> | undefined;
        for await (const part of rest) {
          if (forClient(part)) toolCalls.push(toolCallOf(part));
          else if (part.type === 'text-delta') content += part.text;
          else if (part.type === 'reasoning-delta') reasoning += part.text;
          else if (part.type === 'finish') finish = part;
          else if (part.type === 'error') return failure(c, part.error, deps);
        }
        content += footerOf();
        return c.json(
          completion(identity, { content, reasoning, toolCalls, finishReason: finishReasonOf(finish?.finishReason), usage: usageOf(finish?.totalUsage) }),
        );
      }

      const includeUsage = request.stream_options?.include_usage === true;
      const encoder = new TextEncoder();
      const sse = (value: unknown) => encoder.encode(`data: ${JSON.stringify(value)}\n\n`);
      async function* events() {
        yield sse(completionChunk(identity, { role: 'assistant', content: '' }));
        let calls = 0;
        for await (const part of rest) {
          if (forClient(part)) yield sse(completionChunk(identity, { tool_calls: [{ index: calls++, ...toolCallOf(part) }] }));
          else if (part.type === 'text-delta') yield sse(completionChunk(identity, { content: part.text }));
          else if (part.type === 'reasoning-delta') yield sse(completionChunk(identity, { reasoning_content: part.text }));
          else if (part.type === 'error') {
            // openai-node raises an APIError for an `error` event mid-stream.
            yield sse(openAiError(describeError(part.error, deps.logger), 'api_error', 'upstream_error'));
            return;
          } else if (part.type === 'finish') {
            const footer = footerOf();
            if (footer) yield sse(completionChunk(identity, { content: footer }));
            yield sse(completionChunk(identity, {}, finishReasonOf(part.finishReason)));
            if (includeUsage) yield sse(usageChunk(identity, usageOf(part.totalUsage)));
            yield encoder.encode('data: [DONE]\n\n');
          }
        }
      }
      const source = events();
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await source.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
        async cancel() {
          abort.abort();
          await source.return(undefined);
        },
      });
      return new Response(stream, {
        headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' },
      });
    });
}

/**
 * Every way an answer can fail as an error part: thrown by the AI SDK, or reported by our fetch
 * after the answer began (the stream then ends normally: the failure replaces its `finish`).
 */
async function* errorsAsParts(stream: AsyncIterable<Part>, failure: () => Error | null): AsyncGenerator<Part> {
  try {
    for await (const part of stream) {
      const failed = part.type === 'finish' ? failure() : null;
      yield failed ? { type: 'error', error: failed } : part;
    }
  } catch (error) {
    yield { type: 'error', error };
  }
}

function failure(c: Context, error: unknown, deps: OpenAiDeps) {
  // A prompt the AI SDK refuses is the client's to fix, not a server failure.
  if (InvalidPromptError.isInstance(error)) return c.json(openAiError(error.message, 'invalid_request_error', 'invalid_prompt', 'messages'), 400);
  const ollama = ollamaErrorOf(error);
  const message = describeError(error, deps.logger);
  if (!ollama) return c.json(openAiError(message, 'api_error', 'internal_error'), 500);
  const { status, code } = ollamaFailure(ollama);
  return c.json(openAiError(message, status === 404 || status === 400 ? 'invalid_request_error' : 'api_error', code), status);
}
