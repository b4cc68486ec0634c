import { z } from 'zod';

/** Capabilities as Ollama's `/api/show` reports them. */
export const modelCapability = z.string();

/** A model the chat can use: listed by `/api/tags`, able to complete text (not embedding-only). */
export const chatModel = z.object({
  name: z.string(),
  family: z.string().nullable(),
  parameterSize: z.string().nullable(),
  quantization: z.string().nullable(),
  sizeBytes: z.number().nonnegative(),
  /** e.g. `completion`, `tools`, `vision`, `thinking` */
  capabilities: z.array(modelCapability),
  contextLength: z.number().int().positive().nullable(),
  /** Whether Ollama holds it in memory right now (`/api/ps`): if not, the first reply waits for a load. */
  loaded: z.boolean(),
});
export type ChatModel = z.infer<typeof chatModel>;

/** `GET /api/models` */
export const modelsResponse = z.object({
  models: z.array(chatModel),
  /** `DEFAULT_MODEL` when it is installed, else null (the browser then keeps the user's last choice). */
  defaultModel: z.string().nullable(),
  /** Null when Ollama answered; otherwise why the list is empty. */
  error: z.string().nullable(),
});
export type ModelsResponse = z.infer<typeof modelsResponse>;
