import { z } from 'zod';
import { attachment } from './messages.ts';

/** `POST /api/uploads` (multipart, field `file`): an image to attach to the next message. */
export const uploadResponse = attachment;
export type UploadResponse = z.infer<typeof uploadResponse>;
