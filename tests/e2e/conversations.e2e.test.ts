import { randomUUID } from 'node:crypto';
import { type ConversationExport, type ConversationListResponse, SNIPPET_MATCH_END, SNIPPET_MATCH_START } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { useServer } from './support/use-server.ts';
import { collectUiStream, type UiChunk } from './support/ui-stream.ts';

const fixture = useServer();

const json = { 'content-type': 'application/json' };

async function newConversation(text: string): Promise<{ id: string; chunks: UiChunk[] }> {
  const chunks = await collectUiStream(await fixture.client.ask(text));
  return { id: (chunks[0]?.data as { id: string }).id, chunks };
}

describe('versions of a turn', () => {
  it('regenerating an answer adds a sibling version and keeps the first one', async () => {
    const { id } = await newConversation('Name a colour');
    const [question, firstAnswer] = (await fixture.client.conversation(id)).messages;
    fixture.mock.enqueueChat({ match: { stream: true }, content: 'Blue.' });
    await collectUiStream(
      await fixture.client.chat({ conversationId: id, model: 'llama3.2:latest', trigger: 'regenerate-message', parentId: question?.id ?? null }),
    );
    const after = await fixture.client.conversation(id);
    const answers = after.messages.filter((message) => message.parentId === question?.id);
    expect(answers.map((answer) => answer.text)).toEqual([firstAnswer?.text, 'Blue.']);
    expect(after.activeLeafId).toBe(answers[1]?.id);
  });

  it('editing a question adds a sibling question with its own answer, under the same parent', async () => {
    const { id } = await newConversation('Capital of France?');
    const [question] = (await fixture.client.conversation(id)).messages;
    const edited = randomUUID();
    await collectUiStream(
      await fixture.client.chat({
        conversationId: id,
        model: 'llama3.2:latest',
        trigger: 'submit-message',
        parentId: null,
        message: { id: edited, text: 'Capital of Italy?', attachmentIds: [] },
      }),
    );
    const after = await fixture.client.conversation(id);
    const roots = after.messages.filter((message) => message.parentId === null);
    expect(roots.map((root) => root.text)).toEqual(['Capital of France?', 'Capital of Italy?']);
    expect(after.messages.find((message) => message.parentId === edited)?.text).toBe('You said: Capital of Italy?');
    expect(after.messages.some((message) => message.parentId === question?.id)).toBe(true);
  });

  it('remembers which version is shown', async () => {
    const { id } = await newConversation('pick me');
    const [, answer] = (await fixture.client.conversation(id)).messages;
    const response = await fetch(`${fixture.server.url}/api/conversations/${id}`, {
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ activeLeafId: answer?.id }),
    });
    expect(response.status).toBe(200);
    expect((await fixture.client.conversation(id)).activeLeafId).toBe(answer?.id);
  });

  it('sends the model only the branch being answered', async () => {
    const { id } = await newConversation('alpha question');
    const [question] = (await fixture.client.conversation(id)).messages;
    await collectUiStream(
      await fixture.client.chat({ conversationId: id, model: 'llama3.2:latest', trigger: 'submit-message', parentId: null, message: { id: randomUUID(), text: 'beta question', attachmentIds: [] } }),
    );
    const upstream = fixture.mock.requests.filter((request) => request.path === '/api/chat' && (request.body as { stream?: boolean }).stream !== false).at(-1);
    const sent = JSON.stringify((upstream?.body as { messages: unknown[] }).messages);
    expect(sent).toContain('beta question');
    expect(sent).not.toContain(question?.text);
  });
});

describe('the conversation list', () => {
  it('lists newest first, searches message text with a marked snippet, renames and deletes', async () => {
    const older = await newConversation('How do I prune tomato plants');
    const newer = await newConversation('Explain quantum tunnelling');
    const list = await fixture.client.json<ConversationListResponse>('/api/conversations');
    expect(list.conversations.map((row) => row.id).indexOf(newer.id)).toBeLessThan(list.conversations.map((row) => row.id).indexOf(older.id));

    const found = await fixture.client.json<ConversationListResponse>(`/api/conversations?q=${encodeURIComponent('tomato')}`);
    expect(found.conversations.map((row) => row.id)).toEqual([older.id]);
    expect(found.conversations[0]?.snippet).toContain(`${SNIPPET_MATCH_START}tomato${SNIPPET_MATCH_END}`);

    const renamed = await fetch(`${fixture.server.url}/api/conversations/${older.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ title: 'Garden' }) });
    expect((await renamed.json()).title).toBe('Garden');
    expect((await fixture.client.json<ConversationListResponse>('/api/conversations?q=garden')).conversations.map((row) => row.id)).toEqual([older.id]);

    expect((await fetch(`${fixture.server.url}/api/conversations/${older.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${fixture.server.url}/api/conversations/${older.id}`)).status).toBe(404);
  });

  it('exports the branch shown as Markdown and every branch as JSON, as downloads', async () => {
    const { id } = await newConversation('Export **me**');
    const markdown = await fetch(`${fixture.server.url}/api/conversations/${id}/export?format=markdown`);
    expect(markdown.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(markdown.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.md"/);
    const text = await markdown.text();
    expect(text).toMatch(/^# /);
    expect(text).toContain('## You\n\nExport **me**');
    expect(text).toContain('## Assistant (llama3.2:latest)\n\nYou said: Export **me**');

    const exported = (await (await fetch(`${fixture.server.url}/api/conversations/${id}/export?format=json`)).json()) as ConversationExport;
    expect(exported.format).toBe('tauceti.conversation.v1');
    expect(exported.conversation.messages).toHaveLength(2);
  });
});

describe('bad requests', () => {
  it('refuses a chat body sent as text/plain with 415 (no cross-site form posts)', async () => {
    const response = await fetch(`${fixture.server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(response.status).toBe(415);
    expect((await response.json()).error.code).toBe('unsupported_media_type');
  });

  it('refuses unknown fields such as a caller-chosen Ollama URL', async () => {
    const response = await fetch(`${fixture.server.url}/api/chat`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ model: 'llama3.2:latest', trigger: 'submit-message', parentId: null, message: { id: randomUUID(), text: 'x' }, baseUrl: 'http://169.254.169.254' }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/baseUrl/);
  });

  it('refuses a model name that tries to be a path', async () => {
    const response = await fetch(`${fixture.server.url}/api/chat`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ model: '../../x', trigger: 'submit-message', parentId: null, message: { id: randomUUID(), text: 'x' } }),
    });
    expect(response.status).toBe(400);
    expect(fixture.mock.requests.some((request) => JSON.stringify(request.body ?? '').includes('../../x'))).toBe(false);
  });

  it('answers malformed JSON, unknown ids and unknown routes with the JSON error envelope', async () => {
    const malformed = await fetch(`${fixture.server.url}/api/chat`, { method: 'POST', headers: json, body: '{"model":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'bad_request' } });
    expect((await fetch(`${fixture.server.url}/api/conversations/does-not-exist`)).status).toBe(404);
    expect((await fetch(`${fixture.server.url}/api/conversations/..%2F..%2Fetc`)).status).toBe(404);
    const unknown = await fetch(`${fixture.server.url}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses a body over 1 MB with 413, whether its length is declared or it comes chunked', async () => {
    const body = JSON.stringify({ model: 'm', trigger: 'submit-message', parentId: null, message: { id: randomUUID(), text: 'x'.repeat(2_000_000) } });
    const declared = await fetch(`${fixture.server.url}/api/chat`, { method: 'POST', headers: json, body });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe('payload_too_large');
    const bytes = new TextEncoder().encode(body);
    const chunked = await fetch(`${fixture.server.url}/api/chat`, {
      method: 'POST',
      headers: json,
      body: new ReadableStream({ start: (controller) => (controller.enqueue(bytes), controller.close()) }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('keeps the server alive after a burst of garbage requests', async () => {
    const bodies = ['null', '[]', '"x"', '{"trigger":"regenerate-message"}', '{"model":1}', '{"message":{"text":null}}'];
    const statuses = await Promise.all(bodies.map(async (body) => (await fetch(`${fixture.server.url}/api/chat`, { method: 'POST', headers: json, body })).status));
    expect(statuses.every((status) => status === 400)).toBe(true);
    expect((await fetch(`${fixture.server.url}/healthz`)).status).toBe(200);
  });
});
