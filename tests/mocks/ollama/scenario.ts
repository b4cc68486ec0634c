/**
 * Scenario data for the mock Ollama: the installed models and the scripted chat replies.
 * Everything here is plain JSON-serialisable data, so scenarios can live in `.json` files.
 */

/** A capability as `/api/show` reports it (Ollama `types/model/capability.go`). */
export type ModelCapability =
  | 'completion'
  | 'tools'
  | 'insert'
  | 'vision'
  | 'embedding'
  | 'thinking'
  | 'image'
  | 'audio';

/** One installed model. */
export interface MockModel {
  /** Name with tag, as `/api/tags` lists it: `llama3.2:latest`, `qwen3:4b`, `user/model:tag`. */
  name: string;
  /** GGUF architecture, e.g. `llama`, `qwen3`, `nomic-bert`; also the `model_info` key prefix. */
  family: string;
  /** @default [family] */
  families?: string[];
  /** Human parameter count as Ollama prints it: `3.2B`, `137M`. */
  parameterSize: string;
  /** Quantization level: `Q4_K_M`, `Q4_0`, `F16`. */
  quantization: string;
  /** Size on disk (and in memory once loaded), in bytes. */
  sizeBytes: number;
  /** Bytes in GPU memory once loaded; less than `sizeBytes` means partly offloaded to the CPU. @default sizeBytes */
  sizeVramBytes?: number;
  /** An embedding-only model has `['embedding']` and no `completion`. */
  capabilities: ModelCapability[];
  /** Trained context length (`<family>.context_length` in `/api/show`). */
  contextLength: number;
  /**
   * `PARAMETER num_ctx` of its Modelfile: listed in `/api/show` `parameters`, and the context it is
   * loaded with when a request sets none (instead of the scenario's `defaultNumCtx`).
   */
  numCtx?: number;
  /** Embedding width; also the length of the vectors `/api/embed` returns. @default 768 */
  embeddingLength?: number;
  /** RFC 3339 time, e.g. `2025-05-04T17:37:44.706015396-07:00`. `/api/tags` sorts by it, newest first. */
  modifiedAt: string;
  /** sha256 hex of the manifest. @default a hash of the name */
  digest?: string;
  /** In memory when the scenario is applied (listed by `/api/ps`). @default false */
  loaded?: boolean;
  /** Time a cold load takes before the first byte of the answer, in ms. @default 0 */
  loadMs?: number;
}

/** Which `/api/chat` (or `/api/generate`) requests a script answers. Every given key must match. */
export interface ChatMatch {
  /** Model name; `llama3.2` matches `llama3.2:latest`. */
  model?: string;
  /** Substring of the last `user` message (of `prompt` for `/api/generate`). */
  lastUserIncludes?: string;
  /** Substring of the last `tool` message (a tool result the model was given). */
  lastToolIncludes?: string;
  /** Only requests whose last message is (true) or is not (false) a tool result. */
  afterTool?: boolean;
  /** Only streamed requests (`stream` omitted or true) or only `stream: false` ones; lets a test
   * script the streamed chat without also answering a background `stream: false` call (a title). */
  stream?: boolean;
}

/** A tool call the scripted model makes. Sent only when the request offered `tools`, as Ollama does. */
export interface ScriptedToolCall {
  name: string;
  /** Sent as a JSON object (not a string), key order kept. */
  arguments: Record<string, unknown>;
}

/** One scripted reply, with optional timing and faults. */
export interface ChatScript {
  match?: ChatMatch;
  /** Reply text, streamed word by word (each chunk keeps its leading whitespace). */
  content?: string;
  /** Explicit content chunks; wins over `content`. */
  chunks?: string[];
  /** Reasoning text, streamed word by word before the content. Sent only when the model has the
   * `thinking` capability and the request did not say `think: false`. */
  thinking?: string;
  /** Explicit thinking chunks; wins over `thinking`. */
  thinkingChunks?: string[];
  /** Tool calls, sent in one chunk after the content. */
  toolCalls?: ScriptedToolCall[];
  /**
   * A gullible model: makes every call that the last tool result tells it to make, written as
   * `call fetch_page("https://…")` or `call web_search({"query": "…"})` (for prompt-injection tests).
   */
  obeyToolResult?: boolean;
  /** Delay before the first chunk (after any cold load), in ms. @default 0 */
  prefillMs?: number;
  /** Delay between chunks, in ms; wins over `tokensPerSecond`. @default 0 */
  intervalMs?: number;
  /** Sets the delay between chunks to `1000 / tokensPerSecond` ms. */
  tokensPerSecond?: number;
  /** @default 'stop' */
  doneReason?: 'stop' | 'length';
  /** After `count` chunks: a last NDJSON line `{"error": message}`, status stays 200, no `done:true`.
   * With `count: 0` nothing was written yet, so Ollama answers 500 with a JSON error instead. */
  errorAfterChunks?: { count: number; message: string };
  /** Destroy the socket after this many chunks (0: before the status line). */
  disconnectAfterChunks?: number;
  /** Stop writing after this many chunks and keep the socket open until the client gives up. */
  stallAfterChunks?: number;
  /** Answer at once with this non-2xx status and `{"error": error}` (e.g. 500, a runner crash). */
  status?: number;
  /** Error text for `status`. @default 'llama runner process has terminated: exit status 2' */
  error?: string;
}

/** Everything the mock serves. */
export interface OllamaScenario {
  /** What `/api/version` reports. */
  version: string;
  models: MockModel[];
  /** Reply rules, first match wins; with no match the mock answers `You said: <last user text>`. */
  chat: ChatScript[];
  /** `num_ctx` a model is loaded with when the request sets none (Ollama picks 4096, 32768 or
   * 262144 from the VRAM size); capped at the model's `contextLength`. @default 4096 */
  defaultNumCtx?: number;
}

/**
 * A ready scenario: a chat model with tools, a thinking model, a vision model and an
 * embedding-only model, none loaded, no scripted replies (so every chat echoes).
 */
export function defaultScenario(): OllamaScenario {
  return {
    version: '0.12.10',
    chat: [],
    models: [
      {
        name: 'llama3.2:latest',
        family: 'llama',
        parameterSize: '3.2B',
        quantization: 'Q4_K_M',
        sizeBytes: 2_019_393_189,
        capabilities: ['completion', 'tools'],
        contextLength: 131_072,
        embeddingLength: 3072,
        modifiedAt: '2025-05-04T17:37:44.706015396-07:00',
      },
      {
        name: 'qwen3:4b',
        family: 'qwen3',
        parameterSize: '4.0B',
        quantization: 'Q4_K_M',
        sizeBytes: 2_497_293_918,
        capabilities: ['completion', 'tools', 'thinking'],
        contextLength: 40_960,
        embeddingLength: 2560,
        modifiedAt: '2025-06-12T09:15:02.118840212-07:00',
      },
      {
        name: 'llava:7b',
        family: 'llama',
        families: ['llama', 'clip'],
        parameterSize: '7B',
        quantization: 'Q4_0',
        sizeBytes: 4_733_363_377,
        capabilities: ['completion', 'vision'],
        contextLength: 32_768,
        embeddingLength: 4096,
        modifiedAt: '2025-03-20T11:02:51.53425003-07:00',
      },
      {
        name: 'nomic-embed-text:latest',
        family: 'nomic-bert',
        parameterSize: '137M',
        quantization: 'F16',
        sizeBytes: 274_302_450,
        capabilities: ['embedding'],
        contextLength: 2048,
        embeddingLength: 768,
        modifiedAt: '2025-01-08T16:40:13.906224167-08:00',
      },
    ],
  };
}
