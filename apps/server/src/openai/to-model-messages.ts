import type { OpenAiMessage } from '@tauceti/contracts';
import type { AssistantContent, ModelMessage, UserContent } from 'ai';
import { badRequest } from '../http/errors.ts';

const DATA_URL = /^data:(image\/(?:png|jpeg|webp|gif));base64,([A-Za-z0-9+/=\s]+)$/;

/**
 * OpenAI chat messages as AI SDK model messages. System and developer messages become the system
 * prompt. Images are accepted only as `data:` URLs: the server never fetches a URL a client or a
 * model names (SSRF).
 */
export function toModelMessages(input: OpenAiMessage[]): { system: string | undefined; messages: ModelMessage[] } {
  const system: string[] = [];
  const messages: ModelMessage[] = [];
  // Tool results name only the call; the model needs the tool's name too.
  const toolNames = new Map<string, string>();
  for (const message of input) {
    const parts = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : (message.content ?? []);
    const text = parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(text);
        break;
      case 'assistant': {
        if (!message.tool_calls?.length) {
          messages.push({ role: 'assistant', content: text });
          break;
        }
        const content: AssistantContent = text ? [{ type: 'text', text }] : [];
        for (const call of message.tool_calls) {
          toolNames.set(call.id, call.function.name);
          content.push({ type: 'tool-call', toolCallId: call.id, toolName: call.function.name, input: parseArguments(call.function.arguments) });
        }
        messages.push({ role: 'assistant', content });
        break;
      }
      case 'tool': {
        const toolName = message.tool_call_id ? toolNames.get(message.tool_call_id) : undefined;
        if (!message.tool_call_id || !toolName) {
          throw badRequest('A tool message must answer a tool call of an earlier assistant message (tool_call_id).');
        }
        messages.push({ role: 'tool', content: [{ type: 'tool-result', toolCallId: message.tool_call_id, toolName, output: { type: 'text', value: text } }] });
        break;
      }
      case 'user': {
        const content: UserContent = [];
        for (const part of parts) {
          if (part.type === 'text') {
            content.push({ type: 'text', text: part.text });
            continue;
          }
          const url = typeof part.image_url === 'string' ? part.image_url : part.image_url.url;
          const match = DATA_URL.exec(url);
          if (!match) throw badRequest('Images must be sent as base64 data: URLs (PNG, JPEG, WebP or GIF); remote URLs are not fetched.');
          content.push({ type: 'file', mediaType: match[1] as string, data: (match[2] as string).replace(/\s/g, '') });
        }
        messages.push({ role: 'user', content: content.every((part) => part.type === 'text') ? text : content });
        break;
      }
    }
  }
  // Without one the model has nothing to answer (and the AI SDK refuses an empty prompt).
  if (!messages.some((message) => message.role === 'user')) {
    throw badRequest('At least one user message is needed: system and developer messages only set up the conversation.');
  }
  return { system: system.length > 0 ? system.join('\n\n') : undefined, messages };
}

/** A tool call's arguments (a JSON string in OpenAI's format); what cannot be read is passed as text. */
function parseArguments(raw: string): unknown {
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' ? value : { value };
  } catch {
    return { arguments: raw };
  }
}
