import { z } from 'zod';

/**
 * The OpenAI-compatible surface (`/v1`), so any OpenAI client can use Tau Ceti. Requests are parsed
 * leniently (clients send many optional fields); what Ollama cannot honour is ignored, as OpenAI-
 * compatible servers commonly do.
 */
const textPart = z.object({ type: z.literal('text'), text: z.string() });
const imagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.union([z.string(), z.object({ url: z.string(), detail: z.string().optional() })]),
});
const contentPart = z.union([textPart, imagePart]);

/** A call the model made to one of the client's tools; `arguments` is a JSON string. */
export const openAiToolCall = z.object({
  id: z.string().min(1).max(200),
  type: z.literal('function').default('function'),
  function: z.object({ name: z.string().min(1).max(64), arguments: z.string().max(100_000) }),
});
export type OpenAiToolCall = z.infer<typeof openAiToolCall>;

export const openAiMessage = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(contentPart)]).nullable().optional(),
  name: z.string().optional(),
  /** Assistant messages: the calls it made to the client's tools. */
  tool_calls: z.array(openAiToolCall).max(64).nullable().optional(),
  /** Tool messages: the call this is the result of. */
  tool_call_id: z.string().max(200).optional(),
});

/** A tool of the client's own: the model may call it, and the client runs it. */
export const openAiTool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'),
    description: z.string().max(10_000).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});
export type OpenAiTool = z.infer<typeof openAiTool>;
export type OpenAiMessage = z.infer<typeof openAiMessage>;

export const openAiChatRequest = z.object({
  model: z.string().min(1),
  messages: z.array(openAiMessage).min(1),
  stream: z.boolean().nullable().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
  stop: z.union([z.string(), z.array(z.string())]).nullable().optional(),
  seed: z.number().int().nullable().optional(),
  n: z.literal(1).nullable().optional(),
  /** The client's own tools: when given, the server runs none of its own; calls go back to the client. */
  tools: z.array(openAiTool).max(128).nullable().optional(),
  tool_choice: z
    .union([z.enum(['none', 'auto', 'required']), z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) })])
    .nullable()
    .optional(),
  parallel_tool_calls: z.boolean().nullable().optional(),
  user: z.string().optional(),
});
export type OpenAiChatRequest = z.infer<typeof openAiChatRequest>;

/** OpenAI's error body: `{ "error": { message, type, param, code } }`. */
export const openAiError = z.object({
  error: z.object({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.string().nullable(),
  }),
});
export type OpenAiError = z.infer<typeof openAiError>;
