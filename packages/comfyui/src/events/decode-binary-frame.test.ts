import { describe, expect, it } from 'vitest';
import { decodeBinaryFrame } from './decode-binary-frame.ts';

/** `struct.pack(">I", …)` for each integer, then the payloads. */
function frame(integers: number[], ...payloads: Uint8Array[]): Uint8Array {
  const header = new Uint8Array(integers.length * 4);
  const view = new DataView(header.buffer);
  integers.forEach((value, index) => view.setUint32(index * 4, value));
  return Uint8Array.from([...header, ...payloads.flatMap((payload) => [...payload])]);
}

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

describe('decodeBinaryFrame', () => {
  it('decodes a type 1 preview with its image type and no prompt id', () => {
    expect(decodeBinaryFrame(frame([1, 1], JPEG))).toEqual({ type: 'preview', mime: 'image/jpeg', bytes: JPEG, promptId: null, nodeId: null });
    expect(decodeBinaryFrame(frame([1, 2], PNG))).toMatchObject({ mime: 'image/png', bytes: PNG });
  });

  it('decodes a type 4 preview with the prompt and node from its metadata', () => {
    const metadata = new TextEncoder().encode(
      JSON.stringify({ node_id: '3', prompt_id: 'p-1', display_node_id: '3', parent_node_id: null, real_node_id: '3', image_type: 'image/png' }),
    );
    expect(decodeBinaryFrame(frame([4, metadata.byteLength], metadata, PNG))).toEqual({ type: 'preview', mime: 'image/png', bytes: PNG, promptId: 'p-1', nodeId: '3' });
  });

  it('decodes a frame that sits at an offset inside a larger buffer', () => {
    const whole = Uint8Array.from([9, 9, 9, ...frame([1, 1], JPEG)]);
    expect(decodeBinaryFrame(whole.subarray(3))).toMatchObject({ mime: 'image/jpeg', bytes: JPEG });
  });

  it('ignores progress text frames (type 3), unknown types and truncated frames', () => {
    const nodeId = new TextEncoder().encode('3');
    expect(decodeBinaryFrame(frame([3, nodeId.byteLength], nodeId, new TextEncoder().encode('50%')))).toBeNull();
    expect(decodeBinaryFrame(frame([2, 1], JPEG))).toBeNull();
    expect(decodeBinaryFrame(new Uint8Array([0, 0, 0, 1]))).toBeNull();
    expect(decodeBinaryFrame(frame([4, 500], PNG))).toBeNull();
  });

  it('still yields the image when type 4 metadata is not JSON', () => {
    const garbage = new TextEncoder().encode('{nope');
    expect(decodeBinaryFrame(frame([4, garbage.byteLength], garbage, JPEG))).toEqual({ type: 'preview', mime: 'image/jpeg', bytes: JPEG, promptId: null, nodeId: null });
  });
});
