import type { ModelMessage } from 'ai';

/**
 * Fitting a request to the context window the model runs with. Ollama cuts the start of a prompt
 * that does not fit, silently (the system prompt and the question can be the part that goes), so
 * every request is sized here first: older turns are left out of what is sent (never out of what
 * is stored) and tool results are cut to a budget.
 */

/**
 * Tokens of a text, estimated on the safe side: about 3.3 characters a token (English prose is
 * nearer 4; code, URLs and other languages fewer). Ollama's own count comes back as
 * `prompt_eval_count` and is checked after the answer.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.3);
}

/** Tokens an attached image takes in a vision model's prompt (LLaVA-style encoders use ~576). */
const IMAGE_TOKENS = 768;
/** Per-message overhead of the chat template (role markers, separators). */
const MESSAGE_TOKENS = 6;

export function messageTokens(message: ModelMessage): number {
  if (typeof message.content === 'string') return MESSAGE_TOKENS + estimateTokens(message.content);
  let tokens = MESSAGE_TOKENS;
  for (const part of message.content) {
    if (part.type === 'text' || part.type === 'reasoning') tokens += estimateTokens(part.text);
    else if (part.type === 'file' || part.type === 'image') tokens += IMAGE_TOKENS;
    else if (part.type === 'tool-call') tokens += estimateTokens(JSON.stringify(part.input ?? {})) + 8;
    else if (part.type === 'tool-result') tokens += estimateTokens(outputText(part.output)) + 8;
  }
  return tokens;
}

type ToolOutput = Extract<Exclude<ModelMessage['content'], string>[number], { type: 'tool-result' }>['output'];

function outputText(output: ToolOutput): string {
  if (output.type === 'text' || output.type === 'error-text') return output.value;
  return JSON.stringify('value' in output ? output.value : output);
}

/** How a window is shared out. */
export interface ContextPlan {
  window: number;
  /** Kept free for the answer itself. */
  answerTokens: number;
  /** Most tokens the prompt (system, tools, messages) may take. */
  promptTokens: number;
  /** Most characters of one tool result. */
  maxResultChars: number;
}

/**
 * A quarter of the window (at most 2,048 tokens) stays free for the answer; one tool result may
 * take about a quarter of the rest, so a few pages fit beside the conversation.
 */
export function planContext(window: number): ContextPlan {
  const answerTokens = Math.min(2048, Math.floor(window / 4));
  const promptTokens = window - answerTokens;
  const resultTokens = Math.max(400, Math.min(6000, Math.floor(promptTokens / 4)));
  return { window, answerTokens, promptTokens, maxResultChars: Math.floor(resultTokens * 3.3) };
}

/** Cuts text to `max` characters at a paragraph or sentence end when one is near, and says so. */
export function cutToChars(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const marker = '\n[…cut to fit the context window]';
  const room = Math.max(0, max - marker.length);
  const head = text.slice(0, room);
  const paragraph = head.lastIndexOf('\n\n');
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('.\n'));
  const end = paragraph > room * 0.7 ? paragraph : sentence > room * 0.7 ? sentence + 1 : room;
  return { text: `${head.slice(0, end).trimEnd()}${marker}`, truncated: true };
}

export interface FitHistoryOptions {
  /** The branch to send, ending with the question being answered. */
  messages: ModelMessage[];
  /** Tokens the prompt may take in all. */
  budget: number;
  /** Tokens already taken by the system prompt and the tool definitions. */
  fixedTokens: number;
}

/**
 * Leaves the oldest messages out until the rest fits; the question is always sent (a question
 * that alone overflows is Ollama's to cut, and the turn says so). What remains starts with a user
 * message, as chat templates expect.
 */
export function fitHistory({ messages, budget, fixedTokens }: FitHistoryOptions): { messages: ModelMessage[]; dropped: number } {
  const costs = messages.map(messageTokens);
  let total = fixedTokens + costs.reduce((sum, cost) => sum + cost, 0);
  let start = 0;
  while (total > budget && start < messages.length - 1) total -= costs[start++] as number;
  while (start < messages.length - 1 && messages[start]?.role !== 'user') start++;
  return { messages: messages.slice(start), dropped: start };
}

/**
 * Keeps a step's request (history plus the tool rounds so far) inside the budget: earlier tool
 * results are cut down first, the newest last, so the model keeps what it just read.
 */
export function fitToolRounds(messages: ModelMessage[], budget: number): { messages: ModelMessage[]; truncated: number } {
  let total = messages.reduce((sum, message) => sum + messageTokens(message), 0);
  if (total <= budget) return { messages, truncated: 0 };
  const fitted = [...messages];
  let truncated = 0;
  const toolIndexes = fitted.flatMap((message, index) => (message.role === 'tool' ? [index] : []));
  for (const index of toolIndexes) {
    if (total <= budget) break;
    const message = fitted[index] as Extract<ModelMessage, { role: 'tool' }>;
    const before = messageTokens(message);
    const over = (total - budget) * 3.3;
    const shortened: typeof message = {
      ...message,
      content: message.content.map((part) => {
        if (part.type !== 'tool-result' || (part.output.type !== 'text' && part.output.type !== 'error-text')) return part;
        const keep = Math.max(300, part.output.value.length - over);
        const cut = cutToChars(part.output.value, keep);
        if (cut.truncated) truncated += 1;
        return { ...part, output: { ...part.output, value: cut.text } };
      }),
    };
    fitted[index] = shortened;
    total += messageTokens(shortened) - before;
  }
  return { messages: fitted, truncated };
}
