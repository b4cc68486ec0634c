/**
 * A text frame `{"type": "<event>", "data": {…}}` → a typed event, or null for types this client
 * does not use (`progress_state`, `crystools.monitor`, custom nodes' own) and for garbage.
 */
import { imagesOfOutput } from '../image-ref.ts';
import { parseJson } from '../request.ts';
import type { ComfyuiEvent } from './comfyui-event.ts';

type Data = Record<string, unknown>;

export function parseEventMessage(text: string): ComfyuiEvent | null {
  const message = parseJson(text);
  if (!isRecord(message) || typeof message.type !== 'string') return null;
  const data: Data = isRecord(message.data) ? message.data : {};
  const promptId = optionalId(data.prompt_id);
  switch (message.type) {
    case 'status': {
      const status = isRecord(data.status) ? data.status : {};
      const execInfo = isRecord(status.exec_info) ? status.exec_info : {};
      const queueRemaining = typeof execInfo.queue_remaining === 'number' ? execInfo.queue_remaining : 0;
      return { type: 'status', queueRemaining, sid: typeof data.sid === 'string' ? data.sid : null };
    }
    case 'execution_start':
    case 'execution_success':
      return promptId ? { type: message.type, promptId } : null;
    case 'execution_cached':
      return promptId ? { type: 'execution_cached', promptId, nodes: Array.isArray(data.nodes) ? data.nodes.map(String) : [] } : null;
    case 'executing':
      return { type: 'executing', promptId, node: optionalId(data.node), displayNode: optionalId(data.display_node) };
    case 'progress':
      if (typeof data.value !== 'number' || typeof data.max !== 'number') return null;
      return { type: 'progress', promptId, node: optionalId(data.node), value: data.value, max: data.max };
    case 'executed': {
      const node = optionalId(data.node);
      if (!promptId || !node) return null;
      const output = isRecord(data.output) ? data.output : {};
      return { type: 'executed', promptId, node, images: imagesOfOutput(output), output };
    }
    case 'execution_error':
      if (!promptId) return null;
      return {
        type: 'execution_error',
        promptId,
        nodeId: optionalId(data.node_id),
        nodeType: typeof data.node_type === 'string' ? data.node_type : null,
        exceptionMessage: typeof data.exception_message === 'string' ? data.exception_message : '',
        exceptionType: typeof data.exception_type === 'string' ? data.exception_type : null,
        traceback: Array.isArray(data.traceback) ? data.traceback.map(String) : [],
      };
    case 'execution_interrupted':
      if (!promptId) return null;
      return { type: 'execution_interrupted', promptId, nodeId: optionalId(data.node_id), nodeType: typeof data.node_type === 'string' ? data.node_type : null };
    case 'feature_flags':
      return { type: 'feature_flags', flags: data };
    default:
      return null;
  }
}

function isRecord(value: unknown): value is Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Node and prompt ids are strings on the wire; tolerate numbers, and null for "none". */
function optionalId(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return null;
}
