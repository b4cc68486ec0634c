import { uploadResponse, type UploadResponse } from '@tauceti/contracts';
import { requestJson } from './http.ts';

/** Uploads one image (`multipart/form-data`, field `file`); the answer names the attachment id. */
export function uploadImage(file: File, signal?: AbortSignal): Promise<UploadResponse> {
  const body = new FormData();
  body.append('file', file, file.name);
  return requestJson('/api/uploads', { method: 'POST', body, schema: uploadResponse, signal });
}
