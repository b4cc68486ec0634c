/**
 * The only reader of `process.env`: every setting Tau Ceti takes, validated once at start-up. A bad
 * value stops the process with a message naming the variable and what it expects.
 */
import { isIP } from 'node:net';
import { basename, resolve } from 'node:path';
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

const positiveInt = (fallback: number, what: string) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: `expected ${what}` })
      .int(`expected a whole number of ${what}`)
      .positive(`expected a positive number of ${what}`)
      .default(fallback),
  );

/** `a, b,c` → `['a', 'b', 'c']`; empty → `[]`. */
const commaList = (check: (item: string) => boolean, expected: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : (value ?? [])),
    z.array(z.string().refine(check, { error: (issue) => `expected ${expected}; "${String(issue.input)}" is not one` })),
  );

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
const isHostName = (value: string) => HOST_NAME.test(value) || isIP(value.replace(/^\[|\]$/g, '')) !== 0;
/** `10.0.0.0/8`, `fd00::/8`: an address and a prefix length that fits it. */
const isCidr = (value: string) => {
  const [address = '', bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (rest.length > 0 || bits === undefined || family === 0 || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
};

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
  /**
   * Host names (beside loopback ones) the app answers to, e.g. the tailnet name behind `tailscale
   * serve`. Any other `Host` header is refused, so a web page cannot reach the app by DNS rebinding.
   */
  ALLOWED_HOSTS: commaList(isHostName, 'host names such as tauceti.tail1234.ts.net'),
  /** The address people open (behind Tailscale Serve or a proxy); its host is allowed too. */
  PUBLIC_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  /** Base URL of SearXNG (JSON output enabled). Without it the web tools offer no search. */
  SEARXNG_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  /**
   * Hosts or CIDR ranges on the LAN that `fetch_page` may read although they are private (it refuses
   * every private, loopback and tailnet address otherwise). Empty by default.
   */
  FETCH_ALLOWLIST: commaList((item) => isHostName(item) || isCidr(item), 'host names, addresses or CIDR ranges such as 192.168.1.20 or 10.1.0.0/16'),
  /** Most model steps (a tool round is one) in one answer. */
  AGENT_MAX_STEPS: positiveInt(8, 'steps').pipe(z.number().max(50, 'expected at most 50 steps')),
  /**
   * The context window (tokens) assumed when Ollama does not say which one the model runs with;
   * mirror Ollama's own `OLLAMA_CONTEXT_LENGTH` setting here when you changed it there.
   */
  OLLAMA_CONTEXT_LENGTH: positiveInt(4096, 'tokens').pipe(z.number().min(512, 'expected at least 512 tokens')),
  /**
   * The Obsidian vault to index (read-only; it may be a NAS mount). Without it the notes features
   * are off. A path that is missing at start-up is a vault offline (an unmounted NAS), not an error.
   */
  VAULT_PATH: z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional()),
  /** The vault's name in Obsidian, for "Open in Obsidian" links. @default the folder's name */
  VAULT_NAME: z.preprocess(emptyAsUndefined, z.string().trim().min(1).max(200).optional()),
  /** The Ollama embedding model for the notes index; without it the index is full-text only. */
  EMBED_MODEL: z.preprocess(emptyAsUndefined, modelName.default('nomic-embed-text')),
  /** `true` polls the vault for changes (network mounts where file events never come); `auto` decides from /proc/mounts. */
  VAULT_POLL: z.preprocess(
    emptyAsUndefined,
    z.enum(['true', 'false', 'auto'], { error: 'expected true, false or auto' }).default('auto'),
  ),
  /** Minutes between full rescans of the vault, the safety net for missed changes; 0 turns them off. */
  VAULT_RESCAN_MINUTES: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'expected a number of minutes' }).min(0, 'expected 0 or more minutes').default(15),
  ),
  /** Base URL of ComfyUI. Without it no images are made (the image tool and Image mode are off). */
  COMFYUI_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  /** The checkpoint image jobs use by default; unset: the first SDXL checkpoint ComfyUI lists. */
  COMFYUI_CHECKPOINT: z.preprocess(emptyAsUndefined, z.string().trim().min(1).max(300).optional()),
  /** Most time one image job may take, queue and a cold model load included. */
  COMFYUI_TIMEOUT: seconds(900),
  /**
   * `exclusive`: the chat model is unloaded for each image job and comes back after it (one 24 GB
   * card). `shared`: both stay loaded when ComfyUI reports room for the image model.
   */
  GPU_POLICY: z.preprocess(emptyAsUndefined, z.enum(['exclusive', 'shared'], { error: 'expected exclusive or shared' }).default('exclusive')),
  /** How long an image job waits for Ollama to unload its models before it runs anyway. */
  GPU_UNLOAD_TIMEOUT: seconds(60),
  /** `shared`: seconds without image jobs after which ComfyUI is asked to free its memory. */
  COMFYUI_FREE_AFTER: seconds(300),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')),
});

export type Env = Omit<z.output<typeof envSchema>, 'DATA_DIR' | 'VAULT_PATH' | 'VAULT_NAME'> & {
  /** Absolute path of `DATA_DIR`. */
  DATA_DIR: string;
  /** Absolute path of `VAULT_PATH`, if set. */
  VAULT_PATH: string | undefined;
  /** `VAULT_NAME`, else the vault folder's name (undefined without a vault). */
  VAULT_NAME: string | undefined;
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
  const vaultPath = parsed.data.VAULT_PATH === undefined ? undefined : resolve(parsed.data.VAULT_PATH);
  return {
    ...parsed.data,
    DATA_DIR: resolve(parsed.data.DATA_DIR),
    VAULT_PATH: vaultPath,
    VAULT_NAME: parsed.data.VAULT_NAME ?? (vaultPath ? basename(vaultPath) : undefined),
  };
}
