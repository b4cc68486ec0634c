import type { Source, StoredMessage, ToolStep } from '@tauceti/contracts';
import { describe, expect, it } from 'vitest';
import { type UiChunk, collectUiStream, readUiStream, textOf } from './support/ui-stream.ts';
import { useWebServer } from './support/use-web-server.ts';

const fixture = useWebServer();

type ChatBody = { messages: { role: string; content: string }[]; tools?: { function: { name: string } }[] };
/** The streamed requests the model got (the background title is `stream: false`). */
const modelRequests = () =>
  fixture.mock.requests.filter((request) => request.path === '/api/chat' && (request.body as { stream?: boolean }).stream !== false).map((request) => request.body as ChatBody);

const steps = (chunks: UiChunk[]) => chunks.filter((chunk) => chunk.type === 'data-tool').map((chunk) => chunk.data as ToolStep);
const lastOf = <T>(chunks: UiChunk[], type: string) => chunks.filter((chunk) => chunk.type === type).at(-1)?.data as T | undefined;
const conversationOf = (chunks: UiChunk[]) => (chunks.find((chunk) => chunk.type === 'data-conversation')?.data as { id: string }).id;

async function storedAnswer(chunks: UiChunk[]): Promise<StoredMessage> {
  const detail = await fixture.client.conversation(conversationOf(chunks));
  return detail.messages.find((message) => message.role === 'assistant') as StoredMessage;
}

/** A model that searches, reads the first result, then answers citing `answer`. */
function scriptResearch(answer: string) {
  fixture.mock.enqueueChat(
    { match: { stream: true, afterTool: false }, toolCalls: [{ name: 'web_search', arguments: { query: 'street trees summer heat' } }] },
    { match: { stream: true, lastToolIncludes: 'Search results' }, toolCalls: [{ name: 'fetch_page', arguments: { url: `${fixture.web.url}/article` } }] },
    { match: { stream: true, lastToolIncludes: 'Source [1]' }, content: answer },
  );
}

describe('the agent loop with web tools', () => {
  it('searches, reads the page, and answers with citations checked against what was read', async () => {
    scriptResearch('Tree-lined streets stayed up to four degrees cooler [1]. Starters need less feeding in winter [2]. The moon is cheese [7].');
    const chunks = await collectUiStream(await fixture.client.ask('Do street trees cool a city?'));

    const finalSteps = new Map(steps(chunks).map((step) => [step.id, step]));
    expect([...finalSteps.values()].map((step) => [step.tool, step.state])).toEqual([
      ['web_search', 'done'],
      ['fetch_page', 'done'],
    ]);
    expect(steps(chunks)[0]?.state).toBe('running');
    const [search, read] = [...finalSteps.values()];
    expect(search?.summary).toBe('2 results for “street trees summer heat”');
    expect(read?.summary).toMatch(/^Read 127\.0\.0\.2: Street trees cut summer heat/);
    expect(read?.durationMs).toBeGreaterThanOrEqual(0);

    const sources = lastOf<{ sources: Source[] }>(chunks, 'data-sources')?.sources ?? [];
    expect(sources.map(({ n, status, url }) => [n, status, url])).toEqual([
      [1, 'read', `${fixture.web.url}/article`],
      [2, 'snippet', `${fixture.web.url}/article-2`],
    ]);
    expect(lastOf(chunks, 'data-citations')).toEqual({ cited: [1, 2], dangling: [7] });
    expect(textOf(chunks)).toContain('four degrees cooler [1]');

    // What the model read: the search as numbered snippets, then the article's text, quoted as data.
    const [, second, third] = modelRequests();
    expect(second?.messages.at(-1)?.content).toContain(`[1] Street trees cut summer heat by up to 4 °C, survey finds\nURL: ${fixture.web.url}/article`);
    const page = third?.messages.at(-1)?.content ?? '';
    expect(page).toContain('Streets lined with mature trees stayed up to four degrees cooler');
    expect(page).toContain('untrusted data quoted from the web');
    expect(page).not.toContain('Accept all cookies');
    expect(fixture.web.requests.map((request) => request.path)).toEqual(['/article']);

    // Stored with the message, in order, so a reload shows the same.
    const stored = await storedAnswer(chunks);
    expect(stored.parts.map((part) => part.type)).toEqual(['tool', 'tool', 'text']);
    expect(stored.sources.map((source) => source.status)).toEqual(['read', 'snippet']);
    expect(stored.citations).toEqual({ cited: [1, 2], dangling: [7] });
    expect(stored.status).toBe('done');
  });

  it('runs Web mode for a model without tools: search, read the best pages, answer from their passages', async () => {
    fixture.mock.enqueueChat({ match: { stream: true }, content: 'Trees cool streets by up to four degrees [1].' });
    const chunks = await collectUiStream(await fixture.client.ask('How much do street trees cool a street in summer?', 'llava:7b', { mode: 'web' }));

    const final = [...new Map(steps(chunks).map((step) => [step.id, step])).values()];
    expect(final.map((step) => [step.tool, step.state])).toEqual([
      ['web_search', 'done'],
      ['fetch_page', 'done'],
      ['fetch_page', 'done'],
    ]);
    const [request] = modelRequests();
    expect(request?.tools).toBeUndefined();
    const system = request?.messages[0]?.content ?? '';
    expect(request?.messages[0]?.role).toBe('system');
    expect(system).toContain('Cite every fact you take from them with its number');
    expect(system).toContain(`[1] Street trees cut summer heat by up to 4 °C, survey finds (${fixture.web.url}/article)`);
    expect(system).toContain('stayed up to four degrees cooler');
    expect(lastOf(chunks, 'data-citations')).toEqual({ cited: [1], dangling: [] });
    expect((await storedAnswer(chunks)).sources.every((source) => source.status === 'read')).toBe(true);
  });

  it('lets a model without tools simply chat, and says its tools are off', async () => {
    const chunks = await collectUiStream(await fixture.client.ask('Hello there', 'llava:7b'));
    expect(lastOf(chunks, 'data-notice')).toMatchObject({ code: 'tools-unsupported' });
    expect(modelRequests()[0]?.tools).toBeUndefined();
    expect(textOf(chunks)).toBe('You said: Hello there');
  });

  it('tells the model and the person when SearXNG refuses JSON, and the answer goes on', async () => {
    fixture.searxng.setScenario({ flavor: 'searxng', jsonEnabled: false, rules: [] });
    fixture.mock.enqueueChat(
      { match: { stream: true, afterTool: false }, toolCalls: [{ name: 'web_search', arguments: { query: 'tides' } }] },
      { match: { stream: true, afterTool: true }, content: 'The search failed, so this is from memory.' },
    );
    const chunks = await collectUiStream(await fixture.client.ask('When is high tide?'));
    const failed = steps(chunks).at(-1);
    expect(failed).toMatchObject({ tool: 'web_search', state: 'failed' });
    expect(failed?.error).toMatch(/Add "json" to search\.formats in its settings\.yml/);
    expect(modelRequests()[1]?.messages.at(-1)?.content).toMatch(/settings\.yml.*Answer without web results/s);
    expect(textOf(chunks)).toBe('The search failed, so this is from memory.');
    expect((await storedAnswer(chunks)).status).toBe('done');
  });

  it('holds a page nobody asked for until the person allows it, and reads nothing when they do not', async () => {
    const url = `${fixture.web.url}/plain.txt?from=model`;
    fixture.mock.enqueueChat(
      { match: { stream: true, afterTool: false }, toolCalls: [{ name: 'fetch_page', arguments: { url } }] },
      { match: { stream: true, afterTool: true }, content: 'I could not read it.' },
    );
    const response = await fixture.client.ask('Tell me something');
    const chunks: UiChunk[] = [];
    let conversationId = '';
    for await (const chunk of readUiStream(response)) {
      chunks.push(chunk);
      if (chunk.type === 'data-conversation') conversationId = (chunk.data as { id: string }).id;
      const step = chunk.type === 'data-tool' ? (chunk.data as ToolStep) : null;
      if (step?.state === 'awaiting-approval') {
        expect(step.approval).toEqual({ url, host: new URL(url).host });
        const answered = await fetch(`${fixture.server.url}/api/conversations/${conversationId}/approvals/${step.id}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ approve: false }),
        });
        expect(answered.status).toBe(200);
      }
    }
    expect(steps(chunks).map((step) => step.state)).toEqual(['running', 'awaiting-approval', 'declined']);
    expect(modelRequests()[1]?.messages.at(-1)?.content).toMatch(/fetch_page refused: .* was neither written by the person nor found/);
    expect(fixture.web.requests).toEqual([]);
  });

  it('reads a page the person asked for after allowing it', async () => {
    fixture.mock.enqueueChat(
      { match: { stream: true, afterTool: false }, toolCalls: [{ name: 'fetch_page', arguments: { url: `${fixture.web.url}/notes.md` } }] },
      { match: { stream: true, afterTool: true }, content: 'Done.' },
    );
    const response = await fixture.client.ask('Read the notes');
    let conversationId = '';
    for await (const chunk of readUiStream(response)) {
      if (chunk.type === 'data-conversation') conversationId = (chunk.data as { id: string }).id;
      const step = chunk.type === 'data-tool' ? (chunk.data as ToolStep) : null;
      if (step?.state === 'awaiting-approval') {
        await fetch(`${fixture.server.url}/api/conversations/${conversationId}/approvals/${step.id}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ approve: true }),
        });
      }
    }
    expect(fixture.web.requests.map((request) => request.path)).toEqual(['/notes.md']);
  });

  it('never lets hidden instructions in a page drive the tools: the text is stripped and the page asked for is held', async () => {
    const injection = `${fixture.web.url}/injection`;
    fixture.mock.enqueueChat(
      { match: { stream: true, afterTool: false }, toolCalls: [{ name: 'fetch_page', arguments: { url: injection } }] },
      // A gullible model makes whatever call the page tells it to.
      { match: { stream: true, afterTool: true }, obeyToolResult: true, content: 'Here is what I found.' },
    );
    const chunks = await collectUiStream(await fixture.client.ask(`Summarise ${injection}`));
    const read = modelRequests()[1]?.messages.at(-1)?.content ?? '';
    expect(read).toContain('Visiting the Larkfield lighthouse');
    expect(read).not.toMatch(/IGNORE PREVIOUS INSTRUCTIONS/i);
    expect(read).not.toMatch(/[\u{E0000}-\u{E007F}\u200B-\u200D\u2060\uFEFF]/u);
    expect(fixture.web.requests.map((request) => request.path)).toEqual(['/injection']);
    expect(chunks.some((chunk) => chunk.type === 'error')).toBe(false);
  });

  it('refuses private addresses the person wrote, and the canary on 127.0.0.1 sees no connection', async () => {
    const targets = [`http://127.0.0.1:${fixture.canary.port}/`, `http://localhost:${fixture.canary.port}/`, 'http://169.254.169.254/latest/meta-data/', `http://[::ffff:127.0.0.1]:${fixture.canary.port}/`];
    fixture.mock.enqueueChat(
      { match: { stream: true, afterTool: false }, toolCalls: targets.map((url) => ({ name: 'fetch_page', arguments: { url } })) },
      { match: { stream: true, afterTool: true }, content: 'Those are private.' },
    );
    const chunks = await collectUiStream(await fixture.client.ask(`Read ${targets.join(' and ')}`));
    const final = [...new Map(steps(chunks).map((step) => [step.id, step])).values()];
    expect(final).toHaveLength(4);
    for (const step of final) {
      expect(step.state).toBe('failed');
      expect(step.error).toMatch(/^fetch_page refused/);
    }
    expect(fixture.canary.connections()).toBe(0);
  });

  it('stops a model asking for 20 pages at the per-turn budget, and never fetches a page twice', async () => {
    const urls = Array.from({ length: 20 }, (_, index) => `${fixture.web.url}/status/200?page=${index % 3}`);
    fixture.mock.enqueueChat(
      { match: { stream: true, afterTool: false }, toolCalls: urls.map((url) => ({ name: 'fetch_page', arguments: { url } })) },
      { match: { stream: true, afterTool: true }, content: 'Enough.' },
    );
    const chunks = await collectUiStream(await fixture.client.ask(`Read all of these: ${urls.join(' ')}`));
    const final = [...new Map(steps(chunks).map((step) => [step.id, step])).values()];
    expect(final.filter((step) => step.state === 'failed' && /at most 5 times per answer/.test(step.error ?? ''))).toHaveLength(15);
    expect(fixture.web.requests.length).toBeLessThanOrEqual(3);
  });
});
