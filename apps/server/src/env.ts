/**
 * The only reader of `process.env`: every setting Tau Ceti takes, validated once at start-up. A bad
 * value stops the process with a message naming the variable and what it expects.
 */
import { resolve } from 'node:path';
import { modelName } from '@tauceti/contracts';
import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const seconds = (fallback: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'expected a number of seconds' })
      .positive('expected a positive number of seconds')
      .default(fallback),
  );

const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'expected an http:// or https:// URL, e.g. http://127.0.0.1:11434',
  })
  .transform((value) => value.replace(/\/+$/, ''));

const envSchema = z.object({
  /** Address to listen on. Keep 127.0.0.1 behind a reverse proxy or Tailscale Serve. */
  HOST: z.preprocess(emptyAsUndefined, z.string().trim().min(1).default('127.0.0.1')),
  /** Port to listen on (0 picks a free one). */
  PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'expected a port number from 0 to 65535' })
      .int('expected a whole port number from 0 to 65535')
      .min(0, 'expected a port number from 0 to 65535')
      .max(65535, 'expected a port number from 0 to 65535')
      .default(8080),
  ),
  /** Where the database and uploads live (local disk: SQLite's WAL does not work on network shares). */
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).default('./data')),
  /** Base URL of Ollama. */
  OLLAMA_URL: z.preprocess(emptyAsUndefined, httpUrl.default('http://127.0.0.1:11434')),
  /** Model preselected for people who have not picked one yet. */
  DEFAULT_MODEL: z.preprocess(emptyAsUndefined, modelName.optional()),
  /** How long a reply may wait for its first token (a cold model load can take minutes). */
  OLLAMA_FIRST_TOKEN_TIMEOUT: seconds(300),
  /** How long a reply may go without a new token before it is ended as stalled. */
  OLLAMA_STALL_TIMEOUT: seconds(60),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')),
});

export type Env = Omit<z.output<typeof envSchema>, 'DATA_DIR'> & {
  /** Absolute path of `DATA_DIR`. */
  DATA_DIR: string;
};

/** Thrown when the environment holds a value Tau Ceti cannot use; the message lists each one. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** Reads and validates the settings; throws `EnvError` naming every bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const got = source[name];
      return `  ${name}: ${issue.message}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`;
    });
    throw new EnvError(`Invalid configuration; fix these environment variables:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, DATA_DIR: resolve(parsed.data.DATA_DIR) };
}
