import { modelsResponse, type ModelsResponse } from '@tauceti/contracts';
import { requestJson } from './http.ts';

export function listModels(signal?: AbortSignal): Promise<ModelsResponse> {
  return requestJson('/api/models', { schema: modelsResponse, signal });
}
