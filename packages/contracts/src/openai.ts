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

export const openAiMessage = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(contentPart)]).nullable().optional(),
  name: z.string().optional(),
});
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
  /** The client's own tools: when given, the server runs none of its own for this request. */
  tools: z.array(z.unknown()).nullable().optional(),
  tool_choice: z.unknown().optional(),
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
