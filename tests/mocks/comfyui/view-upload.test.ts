import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario, imageToImageWorkflow, startMockComfyui, textToImageWorkflow, type MockComfyui } from './index.ts';
import { get, post, queuePrompt, type TestResponse } from './test-utils.ts';

const png = (width: number, height: number, red = 200) =>
  sharp({ create: { width, height, channels: 3, background: { r: red, g: 10, b: 10 } } }).png().toBuffer();

describe('mock ComfyUI /view and /upload/image', () => {
  let mock: MockComfyui;
  let filename: string;

  const upload = async (fields: Record<string, string>, file?: { name: string; bytes: Buffer }): Promise<TestResponse> => {
    const form = new FormData();
    if (file) form.append('image', new Blob([file.bytes], { type: 'image/png' }), file.name);
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    return fetch(`${mock.url}/upload/image`, { method: 'POST', body: form });
  };

  beforeAll(async () => {
    mock = await startMockComfyui({ scenario: { ...defaultScenario(), stepMs: 0 } });
    const { prompt_id } = await queuePrompt(mock.url, { prompt: textToImageWorkflow({ width: 64, height: 64 }) });
    filename = (await mock.waitForPrompt(prompt_id)).outputs['9'].images[0].filename;
  });
  afterAll(() => mock.close());

  it('answers 404 without filename and for a missing file', async () => {
    expect((await get(`${mock.url}/view`)).status).toBe(404);
    expect((await get(`${mock.url}/view?filename=nothing.png`)).status).toBe(404);
  });

  it('answers 400 for an empty name, a leading slash, .. or an unknown type', async () => {
    for (const query of ['filename=', 'filename=/etc/passwd', 'filename=a/../b.png', `filename=${filename}&type=secret`]) {
      expect((await get(`${mock.url}/view?${query}`)).status, query).toBe(400);
    }
  });

  it('answers 403 for a subfolder that leaves the folder', async () => {
    for (const subfolder of ['..', '../input', '/etc']) {
      expect((await get(`${mock.url}/view?filename=${filename}&subfolder=${encodeURIComponent(subfolder)}`)).status, subfolder).toBe(403);
    }
  });

  it('defaults type to output and honours an [output] annotation', async () => {
    expect((await get(`${mock.url}/view?filename=${filename}`)).status).toBe(200);
    expect((await get(`${mock.url}/view?filename=${encodeURIComponent(`${filename} [output]`)}&type=input`)).status).toBe(200);
  });

  it('re-encodes with preview=webp;80 and preview=jpeg', async () => {
    const webp = await get(`${mock.url}/view?filename=${filename}&preview=webp;80`);
    expect(webp.headers.get('content-type')).toBe('image/webp');
    const jpeg = await get(`${mock.url}/view?filename=${filename}&preview=jpeg;85`);
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await jpeg.arrayBuffer())).metadata()).format).toBe('jpeg');
  });

  it('stores an upload in input/ and answers name, subfolder and type', async () => {
    const res = await upload({}, { name: 'photo.png', bytes: await png(40, 24) });
    expect(await res.json()).toEqual({ name: 'photo.png', subfolder: '', type: 'input' });
    const back = await get(`${mock.url}/view?filename=photo.png&type=input`);
    expect(back.status).toBe(200);
  });

  it('renames a clashing upload to name (1).png unless the bytes are identical', async () => {
    const first = await png(30, 30, 1);
    expect((await (await upload({}, { name: 'clash.png', bytes: first })).json()).name).toBe('clash.png');
    expect((await (await upload({}, { name: 'clash.png', bytes: first })).json()).name).toBe('clash.png');
    const other = await png(30, 30, 2);
    expect((await (await upload({}, { name: 'clash.png', bytes: other })).json()).name).toBe('clash (1).png');
    expect((await (await upload({}, { name: 'clash.png', bytes: other })).json()).name).toBe('clash (1).png');
    const third = await png(30, 30, 3);
    expect((await (await upload({ overwrite: 'true' }, { name: 'clash.png', bytes: third })).json()).name).toBe('clash.png');
  });

  it('answers 400 with an empty body when the image part is missing or the subfolder escapes', async () => {
    const missing = await upload({ type: 'input' });
    expect([missing.status, await missing.text()]).toEqual([400, '']);
    const escaping = await upload({ subfolder: '../../etc' }, { name: 'x.png', bytes: await png(8, 8) });
    expect(escaping.status).toBe(400);
  });

  it('feeds an uploaded image to LoadImage, and the output keeps its size (rounded down to 8)', async () => {
    const { name } = await (await upload({}, { name: 'source.png', bytes: await png(100, 60) })).json();
    const { prompt_id } = await queuePrompt(mock.url, { prompt: imageToImageWorkflow(name, { filenamePrefix: 'img2img' }) });
    const entry = await mock.waitForPrompt(prompt_id);
    const output = mock.files('output').find((file) => file.filename === entry.outputs['9'].images[0].filename)!;
    expect(await sharp(output.bytes).metadata()).toMatchObject({ width: 96, height: 56 });
  });

  it('fails LoadImage validation for a file not in input/ as custom_validation_failed', async () => {
    const res = await post(`${mock.url}/prompt`, { prompt: imageToImageWorkflow('ghost.png') });
    const body = await res.json();
    expect(body.node_errors['10'].errors[0]).toEqual({
      type: 'custom_validation_failed',
      message: 'Custom validation failed for node',
      details: 'image - Invalid image file: ghost.png',
      extra_info: { input_name: 'image' },
    });
  });

  it('serves an HTML file with a forced download type, and a PNG-named SVG as image/png', async () => {
    mock.putFile('output', 'page.html', Buffer.from('<script>alert(1)</script>'));
    expect((await get(`${mock.url}/view?filename=page.html`)).headers.get('content-type')).toBe('application/octet-stream');
    mock.putFile('output', 'fake.png', Buffer.from('<svg/>'));
    expect((await get(`${mock.url}/view?filename=fake.png`)).headers.get('content-type')).toBe('image/png');
  });
});
