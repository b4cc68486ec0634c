import { defaultScenario } from '@tauceti/mocks/ollama';
import { expect, it } from 'vitest';
import { describeBrowser, useBrowserApp } from './support/browser-suite.ts';
import {
  byTestId,
  conversationIdOf,
  eventually,
  lastAssistant,
  lastUser,
  messages,
  openApp,
  selectModel,
  send,
  slowAnswer,
  textOf,
  waitForStatus,
} from './support/chat-page.ts';

describeBrowser('chatting', () => {
  const app = useBrowserApp();

  it('sends on Enter, shows the question, streams the answer in progressively and ends it as done under /c/<id>', async () => {
    const { page, server, mock } = app;
    const answer = slowAnswer(30, 40);
    mock.enqueueChat(answer.script);
    await openApp(page, server);
    await send(page, 'Tell me a numbered story');

    expect(await textOf(lastUser(page))).toBe('Tell me a numbered story');
    const partials: string[] = [];
    await expect
      .poll(
        async () => {
          const status = await lastAssistant(page).getAttribute('data-status');
          const text = await lastAssistant(page).locator(byTestId('message-text')).textContent().catch(() => null);
          if (status === 'streaming' && text?.trim()) partials.push(text.trim());
          return partials.length >= 2;
        },
        { interval: 30, timeout: 5000 },
      )
      .toBe(true);
    await waitForStatus(lastAssistant(page), 'done');
    expect(await textOf(lastAssistant(page))).toBe(answer.text);
    // What was on screen while streaming was a strict beginning of the final answer.
    for (const partial of partials) {
      expect(answer.text.startsWith(partial)).toBe(true);
      expect(partial.length).toBeLessThan(answer.text.length);
    }
    const id = await conversationIdOf(page);
    expect(page.url()).toBe(`${server.url}/c/${id}`);
  });

  it('inserts a newline on Shift+Enter instead of sending, and sends both lines on Enter', async () => {
    const { page, server, mock } = app;
    await openApp(page, server);
    const input = page.locator(byTestId('composer-input'));
    await input.fill('line one');
    await input.press('Shift+Enter');
    await input.pressSequentially('line two');

    expect(await input.inputValue()).toBe('line one\nline two');
    expect(await messages(page).count()).toBe(0);
    expect(mock.requests.filter((request) => request.path === '/api/chat')).toEqual([]);

    await input.press('Enter');
    await waitForStatus(lastAssistant(page), 'done');
    expect(await lastUser(page).locator(byTestId('message-text')).textContent()).toBe('line one\nline two');
    expect(await input.inputValue()).toBe('');
  });

  it('renders Markdown, highlights a code block of a declared language with a working copy button, and leaves a plain block unhighlighted', async () => {
    const { page, server, mock, context } = app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    mock.enqueueChat({
      match: { stream: true },
      content: 'Here is **bold** text.\n\n```ts\nconst answer: number = 42;\n```\n\n```\nplain words only\n```\n',
    });
    await openApp(page, server);
    await send(page, 'Show me some code');
    const answer = lastAssistant(page);
    await waitForStatus(answer, 'done');

    expect(await answer.locator('strong').textContent()).toBe('bold');
    const blocks = answer.locator('pre');
    await eventually(() => blocks.count()).toBe(2);
    const typescript = blocks.nth(0);
    const plain = blocks.nth(1);
    expect(await typescript.locator('code').getAttribute('class')).toMatch(/language-ts/);
    expect(await typescript.locator('[class^="hljs-"]').count()).toBeGreaterThan(0);
    expect(await typescript.locator('[class^="hljs-"]').first().textContent()).toBe('const');
    expect(await plain.locator('[class*="hljs"]').count()).toBe(0);
    expect((await plain.locator('code').textContent())?.trim()).toBe('plain words only');

    const copy = typescript.locator(byTestId('copy-code'));
    await copy.click();
    await eventually(() => copy.textContent()).toBe('Copied');
    expect((await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe('const answer: number = 42;');
  });

  it('shows "Loading <model>…" while a cold model loads and removes it as soon as the answer streams', async () => {
    const { page, server, mock } = app;
    const scenario = defaultScenario();
    for (const model of scenario.models) model.loadMs = 1500;
    mock.setScenario(scenario);
    const answer = slowAnswer(20, 60);
    mock.enqueueChat(answer.script);
    await openApp(page, server);
    await selectModel(page, 'llama3.2:latest');
    await send(page, 'Are you awake?');

    const loading = lastAssistant(page).locator(byTestId('loading-model'));
    await loading.waitFor();
    expect(await loading.textContent()).toMatch(/Loading llama3\.2:latest…/);
    expect(await lastAssistant(page).locator(byTestId('message-text')).count()).toBe(0);

    // Read in one go, so the three facts describe the same moment.
    const snapshot = () =>
      lastAssistant(page).evaluate((element) => ({
        status: element.getAttribute('data-status'),
        text: element.querySelector('[data-testid="message-text"]')?.textContent?.trim() ?? '',
        isLoadingShown: element.querySelector('[data-testid="loading-model"]') !== null,
      }));
    await eventually(async () => (await snapshot()).text !== '').toBe(true);
    const firstTokens = await snapshot();
    expect(firstTokens.status).toBe('streaming');
    expect(firstTokens.isLoadingShown).toBe(false);

    await waitForStatus(lastAssistant(page), 'done');
    expect(await textOf(lastAssistant(page))).toBe(answer.text);
    expect(await page.locator(byTestId('loading-model')).count()).toBe(0);
  });

  it('shows the reasoning of a thinking model collapsed above its answer', async () => {
    const { page, server, mock } = app;
    mock.enqueueChat({ match: { stream: true, model: 'qwen3:4b' }, thinking: 'Let me weigh the options carefully.', content: 'The answer is 42.' });
    await openApp(page, server);
    await selectModel(page, 'qwen3:4b');
    await send(page, 'What is the answer?');
    const answer = lastAssistant(page);
    await waitForStatus(answer, 'done');

    const reasoning = answer.locator(byTestId('reasoning'));
    expect(await reasoning.count()).toBe(1);
    expect(await reasoning.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    expect(await reasoning.textContent()).toContain('Let me weigh the options carefully.');
    expect(await reasoning.getByText('Let me weigh the options carefully.').isVisible()).toBe(false);
    expect(await textOf(answer)).toBe('The answer is 42.');
    const isAbove = await answer.evaluate((element) => {
      const thought = element.querySelector('[data-testid="reasoning"]');
      const text = element.querySelector('[data-testid="message-text"]');
      return !!thought && !!text && (thought.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    expect(isAbove).toBe(true);

    await reasoning.locator('summary').click();
    expect(await reasoning.getByText('Let me weigh the options carefully.').isVisible()).toBe(true);
  });
});
