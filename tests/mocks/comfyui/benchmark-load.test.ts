import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario, startMockComfyui, textToImageWorkflow, type MockComfyui } from './index.ts';
import { connect, queuePrompt } from './test-utils.ts';

// Timings are for `npm run bench`; this only checks that the load the benchmark relies on arrives whole.
describe('mock ComfyUI as a progress firehose', () => {
  let mock: MockComfyui;

  beforeAll(async () => {
    mock = await startMockComfyui({ scenario: { ...defaultScenario(), stepMs: 2 } });
  });
  afterAll(() => mock.close());

  it('delivers 1,000 progress events (steps 1000, stepMs 2) in order to the client, counted by the mock', async () => {
    const socket = await connect(mock.wsUrl, { clientId: 'bench' });
    const before = mock.eventCount('progress');
    const { prompt_id: promptId } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ steps: 1000 }), client_id: 'bench' });
    await socket.waitForJson('executing', (data) => data.node === null && data.prompt_id === promptId, 20_000);
    const values = socket.json.filter(({ type }) => type === 'progress').map(({ data }) => data.value);
    expect(values).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(mock.eventCount('progress') - before).toBe(1000);
    await socket.close();
  }, 30_000);
});
