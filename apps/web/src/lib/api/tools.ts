import { toolsResponse, type ToolsResponse } from '@tauceti/contracts';
import { requestJson } from './http.ts';

/** `GET /api/tools`: the tools the server offers, Web mode's availability, and why not. */
export function listTools(signal?: AbortSignal): Promise<ToolsResponse> {
  return requestJson('/api/tools', { schema: toolsResponse, signal });
}
