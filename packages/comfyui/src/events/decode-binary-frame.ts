/**
 * Binary WebSocket frames (`protocol.py` BinaryEventTypes; integers are big-endian u32):
 *   type 1 `[1][image_type 1=JPEG 2=PNG][image…]`, the old preview without a prompt id;
 *   type 4 `[4][metadata_len][metadata JSON][image…]`, sent to clients that declared
 *   `supports_preview_metadata`; type 3 (progress text) and anything else are ignored.
 */
import { parseJson } from '../request.ts';
import type { ComfyuiEventOf } from './comfyui-event.ts';

export type PreviewEvent = ComfyuiEventOf<'preview'>;

export function decodeBinaryFrame(frame: Uint8Array): PreviewEvent | null {
  if (frame.byteLength < 8) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const eventType = view.getUint32(0);
  if (eventType === 1) {
    const imageType = view.getUint32(4);
    const mime = imageType === 2 ? 'image/png' : 'image/jpeg';
    return { type: 'preview', mime, bytes: frame.slice(8), promptId: null, nodeId: null };
  }
  if (eventType === 4) {
    const metadataLength = view.getUint32(4);
    if (8 + metadataLength > frame.byteLength) return null;
    const metadata = parseJson(new TextDecoder().decode(frame.subarray(8, 8 + metadataLength)));
    const fields = metadata && typeof metadata === 'object' ? (metadata as Record<string, unknown>) : {};
    const mime = fields.image_type === 'image/png' ? 'image/png' : 'image/jpeg';
    return {
      type: 'preview',
      mime,
      // A copy, so a listener may keep it without pinning the whole frame.
      bytes: frame.slice(8 + metadataLength),
      promptId: typeof fields.prompt_id === 'string' ? fields.prompt_id : null,
      nodeId: typeof fields.node_id === 'string' ? fields.node_id : null,
    };
  }
  return null;
}
