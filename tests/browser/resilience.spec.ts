import { expect, it } from 'vitest';
import { closedPort } from '../e2e/support/use-server.ts';
import { describeBrowser, useBrowserApp } from './support/browser-suite.ts';
import { byTestId, eventually, lastAssistant, openApp, openStatusPage, send, textOf, waitForStatus } from './support/chat-page.ts';

let deadOllamaUrl = '';

describeBrowser('when Ollama is unreachable from the start', () => {
  const app = useBrowserApp({
    ollamaUrl: async () => (deadOllamaUrl = `http://127.0.0.1:${await closedPort()}`),
  });

  it('still loads, says so in a banner, explains the empty model list and does not offer to send', async () => {
    const { page, server } = app;
    await openApp(page, server, '/', { waitForModels: false });

    const banner = page.locator(byTestId('banner-ollama'));
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`Ollama is not reachable at ${deadOllamaUrl}`);
    await eventually(() => page.locator(byTestId('model-picker')).first().textContent()).toContain('No models available');
    expect(await page.getByText(/Ollama is not reachable at/).count()).toBeGreaterThanOrEqual(2);

    await page.locator(byTestId('composer-input')).fill('anyone there?');
    expect(await page.locator(byTestId('send-button')).isDisabled()).toBe(true);
  });

  it('shows Ollama as not reachable on the status page, with the address it tried', async () => {
    const { page, server } = app;
    const facts = await openStatusPage(page, server);
    expect(await facts.textContent()).toContain('Not reachable');
    expect(await facts.textContent()).toContain(deadOllamaUrl);
  });
});

describeBrowser('when Ollama answers, then fails', () => {
  const app = useBrowserApp();

  it('shows Ollama as reachable on the status page, with its version', async () => {
    const { page, server, mock } = app;
    const facts = await openStatusPage(page, server);
    expect(await facts.textContent()).toContain('Reachable · version 0.12.10');
    expect(await facts.textContent()).not.toContain('Not reachable');
    expect(await facts.textContent()).toContain(mock.url);
    expect(await page.locator(byTestId('banner-ollama')).count()).toBe(0);
  });

  it('keeps the partial answer and shows Ollama\'s error when an error line arrives mid-stream, also after a reload', async () => {
    const { page, server, mock } = app;
    mock.enqueueChat({
      match: { stream: true },
      content: 'one two three four',
      // Spaced out: an error line read together with the text before it loses that text (see the report).
      intervalMs: 60,
      errorAfterChunks: { count: 2, message: 'llama runner process has terminated: exit status 2' },
    });
    await openApp(page, server);
    await send(page, 'Tell me four things');

    const answer = lastAssistant(page);
    await waitForStatus(answer, 'error');
    expect(await textOf(answer)).toBe('one two');
    const error = answer.locator(byTestId('message-error'));
    expect(await error.textContent()).toContain('llama runner process has terminated: exit status 2');
    await page.locator(byTestId('send-button')).waitFor();

    await page.reload();
    await waitForStatus(lastAssistant(page), 'error');
    expect(await textOf(lastAssistant(page))).toBe('one two');
    expect(await lastAssistant(page).locator(byTestId('message-error')).textContent()).toContain('llama runner process has terminated');
  });

  // Last in this suite: it shuts the mock Ollama down.
  it('answers with an error in the conversation, not a hang, when Ollama went away after the page loaded', async () => {
    const { page, server, mock } = app;
    await openApp(page, server);
    await mock.close();
    const sentAt = Date.now();
    await send(page, 'Are you still there?');

    const answer = lastAssistant(page);
    await waitForStatus(answer, 'error', 10_000);
    expect(Date.now() - sentAt).toBeLessThan(10_000);
    expect(await answer.locator(byTestId('message-error')).textContent()).toMatch(
      new RegExp(`Ollama is not reachable at ${mock.url.replaceAll('.', '\\.')}`),
    );
    await page.locator(byTestId('banner-ollama')).waitFor({ timeout: 5000 });
    expect(await page.locator(byTestId('send-button')).count()).toBe(1);
  });
});
