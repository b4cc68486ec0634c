import { statusResponse, type StatusResponse } from '@tauceti/contracts';
import { requestJson } from './http.ts';

export function getStatus(signal?: AbortSignal): Promise<StatusResponse> {
  return requestJson('/api/status', { schema: statusResponse, signal });
}
