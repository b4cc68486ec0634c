import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario, startMockComfyui, textToImageWorkflow, type MockComfyui } from './index.ts';
import { connect, queuePrompt, type Received } from './test-utils.ts';

const isJpeg = (bytes: Buffer) => bytes[0] === 0xff && bytes[1] === 0xd8;

describe('mock ComfyUI preview frames', () => {
  let mock: MockComfyui;

  beforeAll(async () => {
    mock = await startMockComfyui({ scenario: { ...defaultScenario(), stepMs: 1, previewMethod: 'auto', previewSize: 64 } });
  });
  afterAll(() => mock.close());

  it('sends no binary frames with the stock --preview-method none', async () => {
    const local = await startMockComfyui({ scenario: { ...defaultScenario(), stepMs: 1 } });
    const socket = await connect(local.wsUrl, { clientId: 'plain' });
    const { prompt_id: promptId } = await queuePrompt(local.url, { prompt: textToImageWorkflow({ steps: 3 }), client_id: 'plain' });
    await socket.waitForJson('executing', (data) => data.node === null && data.prompt_id === promptId);
    expect(socket.binary).toHaveLength(0);
    await socket.close();
    await local.close();
  });

  it('sends a type-1 frame [u32 1][u32 1 = JPEG][jpeg] after each progress to a client without preview metadata', async () => {
    const socket = await connect(mock.wsUrl, { clientId: 'legacy' });
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 3, width: 256, height: 128 }), client_id: 'legacy' });
    await socket.waitForJson('executing', (data) => data.node === null && data.prompt_id === promptId);
    expect(socket.binary).toHaveLength(3);
    for (const frame of socket.binary) {
      expect([frame.readUInt32BE(0), frame.readUInt32BE(4)]).toEqual([1, 1]);
      expect(isJpeg(frame.subarray(8))).toBe(true);
    }
    const kinds = socket.messages.map((message: Received) => (message.kind === 'binary' ? 'binary' : message.type)).filter((kind) => kind === 'progress' || kind === 'binary');
    expect(kinds).toEqual(['progress', 'binary', 'progress', 'binary', 'progress', 'binary']);
    await socket.close();
  });

  it('answers the feature_flags handshake and sends type-4 frames with metadata to a client that supports them', async () => {
    const socket = await connect(mock.wsUrl, { clientId: 'modern', featureFlags: { supports_preview_metadata: true } });
    const reply = await socket.waitForJson('feature_flags');
    expect(reply).toEqual({ supports_preview_metadata: true, max_upload_size: 104857600 });
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 2, positive: 'type four' }), client_id: 'modern' });
    await socket.waitForJson('executing', (data) => data.node === null && data.prompt_id === promptId);
    expect(socket.binary).toHaveLength(2);
    for (const frame of socket.binary) {
      expect(frame.readUInt32BE(0)).toBe(4);
      const length = frame.readUInt32BE(4);
      const metadata = JSON.parse(frame.subarray(8, 8 + length).toString());
      expect(metadata).toEqual({ node_id: '3', prompt_id: promptId, display_node_id: '3', parent_node_id: null, real_node_id: '3', image_type: 'image/jpeg' });
      expect(frame.subarray(8, 8 + length).toString()).toContain('"node_id": "3"');
      expect(isJpeg(frame.subarray(8 + length))).toBe(true);
    }
    const kinds = socket.messages.map((message) => (message.kind === 'binary' ? 'binary' : message.type)).filter((kind) => kind === 'progress' || kind === 'binary');
    expect(kinds).toEqual(['binary', 'progress', 'binary', 'progress']);
    await socket.close();
  });

  it('ignores a feature_flags message that is not the first one', async () => {
    const socket = await connect(mock.wsUrl, { clientId: 'late-flags' });
    socket.ws.send(JSON.stringify({ type: 'hello', data: {} }));
    socket.ws.send(JSON.stringify({ type: 'feature_flags', data: { supports_preview_metadata: true } }));
    await mock.waitFor(() => mock.connections.find((c) => c.sid === 'late-flags' && !c.closedAt)?.messagesReceived === 2);
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1, positive: 'late flags' }), client_id: 'late-flags' });
    await socket.waitForJson('executing', (data) => data.node === null && data.prompt_id === promptId);
    expect(socket.json.some(({ type }) => type === 'feature_flags')).toBe(false);
    expect(socket.binary.map((frame) => frame.readUInt32BE(0))).toEqual([1]);
    await socket.close();
  });

  it('broadcasts type-1 previews of a prompt without client_id to every socket, even ones that asked for metadata', async () => {
    const modern = await connect(mock.wsUrl, { clientId: 'b-modern', featureFlags: { supports_preview_metadata: true } });
    await modern.waitForJson('feature_flags');
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1, positive: 'broadcast preview' }) });
    await mock.waitForPrompt(promptId);
    await modern.waitFor((message) => message.kind === 'binary');
    expect(modern.binary.map((frame) => frame.readUInt32BE(0))).toEqual([1]);
    await modern.close();
  });
});
