import { z } from 'zod';

/**
 * Ids of conversations, messages and uploads. The server makes them (UUIDs); the browser may
 * propose one for a message it is about to send, so the format is checked, never trusted.
 */
export const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, "-" or "_"');
export type Id = z.infer<typeof id>;

/** An Ollama model name, `name[:tag]`, optionally with a namespace (`library/llama3.2:3b`). */
export const modelName = z
  .string()
  .min(1)
  .max(200)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*(:[A-Za-z0-9._-]+)?$/,
    'is not a valid Ollama model name (expected name[:tag])',
  );

/** Milliseconds since the Unix epoch, as stored and sent. */
export const timestamp = z.number().int().nonnegative();
