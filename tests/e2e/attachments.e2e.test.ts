import { randomUUID } from 'node:crypto';
import type { Attachment } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { useServer } from './support/use-server.ts';
import { collectUiStream } from './support/ui-stream.ts';

// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const fixture = useServer();

function upload(bytes: Uint8Array<ArrayBuffer>, name: string, type = 'image/png', headers: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  return fetch(`${fixture.server.url}/api/uploads`, { method: 'POST', body: form, headers });
}

describe('attached images', () => {
  it('are stored, served back safely, and reach a vision model as base64 images', async () => {
    const response = await upload(PNG, 'dot.png');
    expect(response.status).toBe(201);
    const attachment = (await response.json()) as Attachment;
    expect(attachment).toMatchObject({ mediaType: 'image/png', sizeBytes: PNG.byteLength, url: `/api/uploads/${attachment.id}` });

    const served = await fetch(`${fixture.server.url}${attachment.url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const chunks = await collectUiStream(
      await fixture.client.chat({
        model: 'llava:7b',
        trigger: 'submit-message',
        parentId: null,
        message: { id: randomUUID(), text: 'What is in this picture?', attachmentIds: [attachment.id] },
      }),
    );
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', messageMetadata: { status: 'done' } });
    const upstream = fixture.mock.requests.find((request) => request.path === '/api/chat' && JSON.stringify(request.body).includes('What is in this picture?'));
    const user = (upstream?.body as { messages: { role: string; content: string; images?: string[] }[] }).messages.at(-1);
    expect(user).toMatchObject({ role: 'user', content: 'What is in this picture?', images: [PNG.toString('base64')] });

    const stored = await fixture.client.conversation((chunks[0]?.data as { id: string }).id);
    expect(stored.messages[0]?.attachments).toEqual([attachment]);
  });

  it('can be sent without any text', async () => {
    const attachment = (await (await upload(PNG, 'only.png')).json()) as Attachment;
    const chunks = await collectUiStream(
      await fixture.client.chat({ model: 'llava:7b', trigger: 'submit-message', parentId: null, message: { id: randomUUID(), text: '', attachmentIds: [attachment.id] } }),
    );
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', messageMetadata: { status: 'done' } });
  });

  it('are refused for a model without vision, before anything is stored', async () => {
    const attachment = (await (await upload(PNG, 'dot.png')).json()) as Attachment;
    const response = await fixture.client.chat({
      model: 'llama3.2:latest',
      trigger: 'submit-message',
      parentId: null,
      message: { id: randomUUID(), text: 'see this?', attachmentIds: [attachment.id] },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/cannot see images/);
  });

  it('must really be images: an SVG or HTML file named .png is refused', async () => {
    const svg = await upload(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'evil.png');
    expect(svg.status).toBe(415);
    const html = await upload(new TextEncoder().encode('<html><script>alert(1)</script>'), 'page.png', 'image/png');
    expect(html.status).toBe(415);
  });

  it('refuses an upload posted from another site', async () => {
    const response = await upload(PNG, 'dot.png', 'image/png', { origin: 'https://evil.test' });
    expect(response.status).toBe(403);
  });

  it('answers 404 for unknown or path-like upload ids', async () => {
    expect((await fetch(`${fixture.server.url}/api/uploads/${randomUUID()}`)).status).toBe(404);
    expect((await fetch(`${fixture.server.url}/api/uploads/..%2F..%2Ftauceti.db`)).status).toBe(404);
  });
});
