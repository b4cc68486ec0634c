/**
 * Ollama's request structs (`api/types.go`) as decoder descriptions, and the decoded shapes.
 * Only fields the mock reads or that Ollama type-checks are described; unknown keys are ignored,
 * as Go does (the AI SDK provider sends `tool_choice`, `temperature`, `max_output_tokens`).
 */
import type { GoType } from './go-decode.ts';
import { goKind, type JsonNode } from './go-json.ts';
import { FOREVER_MS, parseGoDuration } from './go-time.ts';

const STRING: GoType = { kind: 'string' };
const BOOL: GoType = { kind: 'bool' };
const INT: GoType = { kind: 'int' };
const ANY: GoType = { kind: 'any' };
const OPTIONS: GoType = { kind: 'map', name: 'map[string]interface {}' };

/** `api.Duration.UnmarshalJSON`: seconds as a number, or a Go duration string; negative = forever. */
const KEEP_ALIVE: GoType = {
  kind: 'custom',
  decode(node: JsonNode) {
    if (node.type === 'number') {
      const seconds = Number(node.raw);
      return { value: seconds < 0 ? FOREVER_MS : seconds * 1000 };
    }
    if (node.type === 'string') {
      try {
        const ms = parseGoDuration(node.value);
        return { value: ms < 0 ? FOREVER_MS : ms };
      } catch (error) {
        return { error: (error as Error).message };
      }
    }
    const goType = { bool: 'bool', object: 'map[string]interface {}', array: '[]interface {}' }[goKind(node)];
    return { error: `unsupported duration type: '${goType}'` };
  },
};

const THINK_LEVELS = ['high', 'medium', 'low', 'max'];

/** `api.ThinkValue.UnmarshalJSON`: a bool or a level string. */
const THINK: GoType = {
  kind: 'custom',
  decode(node: JsonNode) {
    if (node.type === 'bool') return { value: node.value };
    if (node.type === 'string' && THINK_LEVELS.includes(node.value)) return { value: node.value };
    if (node.type === 'string') {
      return { error: `invalid think value: ${JSON.stringify(node.value)} (must be "high", "medium", "low", "max", true, or false)` };
    }
    return { error: 'think must be a boolean or string ("high", "medium", "low", "max", true, or false)' };
  },
};

const IMAGES: GoType = { kind: 'slice', name: '[]api.ImageData', elem: { kind: 'bytes', name: 'api.ImageData' } };

const TOOL_CALL: GoType = {
  kind: 'struct',
  name: 'api.ToolCall',
  fields: {
    id: STRING,
    function: {
      kind: 'struct',
      name: 'api.ToolCallFunction',
      fields: { index: INT, name: STRING, arguments: { kind: 'map', name: 'api.ToolCallFunctionArguments' } },
    },
  },
};

const MESSAGE: GoType = {
  kind: 'struct',
  name: 'api.Message',
  fields: {
    role: STRING,
    content: STRING,
    thinking: STRING,
    images: IMAGES,
    tool_calls: { kind: 'slice', name: '[]api.ToolCall', elem: TOOL_CALL },
    tool_name: STRING,
    tool_call_id: STRING,
  },
};

const TOOL: GoType = {
  kind: 'struct',
  name: 'api.Tool',
  fields: {
    type: STRING,
    items: ANY,
    function: { kind: 'struct', name: 'api.ToolFunction', fields: { name: STRING, description: STRING, parameters: ANY } },
  },
};

/** Fields `/api/chat` and `/api/generate` share. */
const INFERENCE_FIELDS: Record<string, GoType> = {
  model: STRING,
  stream: BOOL,
  format: ANY,
  keep_alive: KEEP_ALIVE,
  options: OPTIONS,
  think: THINK,
  truncate: BOOL,
  shift: BOOL,
  logprobs: BOOL,
  top_logprobs: INT,
};

export const CHAT_REQUEST: GoType = {
  kind: 'struct',
  name: 'api.ChatRequest',
  fields: { ...INFERENCE_FIELDS, messages: { kind: 'slice', name: '[]api.Message', elem: MESSAGE }, tools: { kind: 'slice', name: 'api.Tools', elem: TOOL } },
};

export const GENERATE_REQUEST: GoType = {
  kind: 'struct',
  name: 'api.GenerateRequest',
  fields: {
    ...INFERENCE_FIELDS,
    prompt: STRING,
    suffix: STRING,
    system: STRING,
    template: STRING,
    raw: BOOL,
    images: IMAGES,
    context: { kind: 'slice', name: '[]int', elem: INT },
  },
};

export const EMBED_REQUEST: GoType = {
  kind: 'struct',
  name: 'api.EmbedRequest',
  fields: { model: STRING, input: ANY, keep_alive: KEEP_ALIVE, truncate: BOOL, dimensions: INT, options: OPTIONS },
};

export const EMBEDDINGS_REQUEST: GoType = {
  kind: 'struct',
  name: 'api.EmbeddingRequest',
  fields: { model: STRING, prompt: STRING, keep_alive: KEEP_ALIVE, options: OPTIONS },
};

export const SHOW_REQUEST: GoType = {
  kind: 'struct',
  name: 'api.ShowRequest',
  fields: { model: STRING, name: STRING, system: STRING, template: STRING, verbose: BOOL, options: OPTIONS },
};

/** A decoded message (only the keys that were present). */
export interface ChatMessageIn {
  role?: string;
  content?: string;
  thinking?: string;
  images?: unknown[];
  tool_calls?: unknown[];
  tool_name?: string;
  tool_call_id?: string;
}

/** Decoded fields shared by chat and generate; `keep_alive` is in ms (`FOREVER_MS` for negative). */
export interface InferenceRequest {
  model?: string;
  stream?: boolean;
  keep_alive?: number;
  options?: Record<string, unknown>;
  think?: boolean | string;
  top_logprobs?: number;
}

export interface ChatRequest extends InferenceRequest {
  messages?: ChatMessageIn[];
  tools?: unknown[];
}

export interface GenerateRequest extends InferenceRequest {
  prompt?: string;
  suffix?: string;
  images?: unknown[];
}

export interface EmbedRequest {
  model?: string;
  input?: unknown;
  keep_alive?: number;
  dimensions?: number;
  options?: Record<string, unknown>;
}

export interface EmbeddingsRequest {
  model?: string;
  prompt?: string;
  keep_alive?: number;
  options?: Record<string, unknown>;
}

export interface ShowRequest {
  model?: string;
  name?: string;
}
