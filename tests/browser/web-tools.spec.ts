import { type MockSearxng, startMockSearxng } from '@tauceti/mocks/searxng';
import { type FixtureWeb, startFixtureWeb } from '@tauceti/mocks/web';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { webScenario } from '../e2e/support/use-web-server.ts';
import { describeBrowser, useBrowserApp } from './support/browser-suite.ts';
import { ask, byTestId, eventually, lastAssistant, openApp, selectModel, send, waitForStatus } from './support/chat-page.ts';

describeBrowser('web tools', () => {
  let searxng: MockSearxng;
  let web: FixtureWeb;
  // Filled in before the server starts (this hook runs before the suite's own).
  const env: Record<string, string> = {};
  beforeAll(async () => {
    [searxng, web] = await Promise.all([startMockSearxng(), startFixtureWeb()]);
    searxng.setScenario(webScenario(web));
    Object.assign(env, { SEARXNG_URL: searxng.url, FETCH_ALLOWLIST: '127.0.0.2' });
  });
  afterAll(async () => {
    await Promise.all([searxng?.close(), web?.close()]);
  });
  const app = useBrowserApp({ env });

  const articleUrl = () => `${web.url}/article`;
  const steps = () => app.page.locator(byTestId('tool-step'));
  const citation = (n: number) => lastAssistant(app.page).locator(`${byTestId('citation')}[data-n="${n}"]`);

  it('shows the search and the page read as steps, with citations that open the page read and a flagged dangling one', async () => {
    const { page, mock, server } = app;
    mock.enqueueChat(
      { match: { stream: true, afterTool: false }, toolCalls: [{ name: 'web_search', arguments: { query: 'street trees summer heat' } }] },
      { match: { stream: true, lastToolIncludes: 'Search results' }, toolCalls: [{ name: 'fetch_page', arguments: { url: articleUrl() } }] },
      { match: { stream: true, lastToolIncludes: 'Source [1]' }, content: 'Tree-lined streets were up to four degrees cooler [1]. Sourdough keeps [2]. Nobody said this [7].' },
    );
    await openApp(page, server);
    await ask(page, 'Do street trees cool a city in summer?');

    await eventually(() => steps().evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-tool')}:${row.getAttribute('data-state')}`))).toEqual([
      'web_search:done',
      'fetch_page:done',
    ]);
    expect(await steps().nth(0).textContent()).toContain('2 results for “street trees summer heat”');
    // Expanded, a step shows what the model read, as text.
    await steps().nth(1).locator('summary').click();
    await expect.poll(() => steps().nth(1).locator('pre').last().textContent()).toContain('Streets lined with mature trees stayed up to four degrees cooler');

    // [1] was read: a link to the page; [2] was only a snippet; [7] points at nothing.
    expect(await citation(1).getAttribute('data-status')).toBe('read');
    expect(await citation(1).getAttribute('href')).toBe(articleUrl());
    expect(await citation(2).getAttribute('data-status')).toBe('snippet');
    expect(await citation(7).getAttribute('data-status')).toBe('dangling');
    expect(await citation(7).evaluate((element) => element.tagName)).not.toBe('A');
    expect(await lastAssistant(page).locator(byTestId('dangling-citations')).textContent()).toContain('[7]');
    const sources = lastAssistant(page).locator(byTestId('source-item'));
    expect(await sources.evaluateAll((items) => items.map((item) => `${item.getAttribute('data-n')}:${item.getAttribute('data-status')}`))).toEqual(['1:read', '2:snippet']);

    const [opened] = await Promise.all([page.context().waitForEvent('page'), citation(1).click()]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(articleUrl());
    expect(await opened.title()).toContain('Street trees cut summer heat');
    await opened.close();

    // A reload shows the same steps, chips and sources.
    await page.reload();
    await waitForStatus(lastAssistant(page), 'done');
    await eventually(() => steps().count()).toBe(2);
    expect(await citation(1).getAttribute('href')).toBe(articleUrl());
    expect(await citation(7).getAttribute('data-status')).toBe('dangling');
  });

  it('gives a model without tools the web through Web mode, and says its tools are off otherwise', async () => {
    const { page, mock, server } = app;
    await openApp(page, server);
    await selectModel(page, 'llava:7b');
    await page.locator(byTestId('tools-off-note')).waitFor();

    mock.enqueueChat({ match: { stream: true }, content: 'Street trees cool streets by up to four degrees [1].' });
    await page.locator(byTestId('web-mode-toggle')).click();
    expect(await page.locator(byTestId('web-mode-toggle')).getAttribute('aria-pressed')).toBe('true');
    await ask(page, 'How much do street trees cool a street?');
    await eventually(() => steps().evaluateAll((rows) => rows.map((row) => row.getAttribute('data-tool')))).toEqual(['web_search', 'fetch_page', 'fetch_page']);
    expect(await citation(1).getAttribute('href')).toBe(articleUrl());
    const sent = mock.requests.filter((request) => request.path === '/api/chat' && (request.body as { stream?: boolean }).stream !== false).at(-1)?.body as { tools?: unknown };
    expect(sent.tools).toBeUndefined();
  });

  it('asks before reading a page nobody gave, and reads it once allowed', async () => {
    const { page, mock, server } = app;
    const notes = `${web.url}/notes.md`;
    mock.enqueueChat(
      { match: { stream: true, afterTool: false }, toolCalls: [{ name: 'fetch_page', arguments: { url: notes } }] },
      { match: { stream: true, afterTool: true }, content: 'Read it.' },
    );
    await openApp(page, server);
    await send(page, 'What do my notes say?');
    const approval = page.locator(byTestId('approval-url'));
    await approval.waitFor();
    expect(await approval.textContent()).toBe(notes);
    expect(web.requests.some((request) => request.path === '/notes.md')).toBe(false);
    await page.locator(byTestId('approve-button')).click();
    await waitForStatus(lastAssistant(page), 'done');
    expect(await steps().first().getAttribute('data-state')).toBe('done');
    expect(web.requests.filter((request) => request.path === '/notes.md')).toHaveLength(1);
  });
});
