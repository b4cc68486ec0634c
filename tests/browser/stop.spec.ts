import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { api } from '../e2e/support/api.ts';
import { describeBrowser, useBrowserApp } from './support/browser-suite.ts';
import {
  byTestId,
  conversationIdOf,
  eventually,
  lastAssistant,
  openApp,
  send,
  slowAnswer,
  textOf,
  waitForStatus,
} from './support/chat-page.ts';

describeBrowser('stopping an answer', () => {
  const app = useBrowserApp();

  /** Starts a long answer (150 words, 40 ms apart) and waits until a few words are on screen. */
  async function startLongAnswer(page: Page) {
    const answer = slowAnswer(150, 40);
    app.mock.enqueueChat(answer.script);
    await openApp(page, app.server);
    await send(page, 'Count slowly to one hundred and fifty');
    await eventually(() => textOf(lastAssistant(page)).catch(() => '')).toMatch(/\bw3\b/);
    return answer;
  }

  /** The upstream request of the streamed answer, once Tau Ceti closed it. */
  const abortedAnswerRequest = () =>
    app.mock.waitForRequest(
      (request) => request.path === '/api/chat' && (request.body as { stream?: boolean } | null)?.stream !== false && request.clientAborted,
      3000,
    );

  /** The answer as the server saved it. */
  async function storedAnswer(conversationId: string) {
    const detail = await api(app.server.url).conversation(conversationId);
    const answer = detail.messages.find((message) => message.role === 'assistant');
    if (!answer) throw new Error('no answer was stored');
    return answer;
  }

  it('keeps the partial answer marked as stopped when Stop is pressed, and ends the generation in Ollama', async () => {
    const { page } = app;
    const answer = await startLongAnswer(page);
    await page.locator(byTestId('stop-button')).click();

    const reply = lastAssistant(page);
    await waitForStatus(reply, 'stopped');
    const upstream = await abortedAnswerRequest();
    expect(upstream.chunks).toBeLessThan(answer.words.length);

    const saved = await storedAnswer(await conversationIdOf(page));
    expect(saved.status).toBe('stopped');
    expect(saved.text.length).toBeGreaterThan(0);
    expect(saved.text.length).toBeLessThan(answer.text.length);
    expect(answer.text.startsWith(saved.text)).toBe(true);
    await eventually(() => textOf(reply)).toBe(saved.text.trim());
    expect(await reply.getByText('Stopped', { exact: true }).isVisible()).toBe(true);
    // The composer is ready for the next question.
    await page.locator(byTestId('send-button')).waitFor();
    expect(await page.locator(byTestId('stop-button')).count()).toBe(0);
  });

  it('stops the answer on Esc, and the stopped partial answer is still there after a reload', async () => {
    const { page } = app;
    const answer = await startLongAnswer(page);
    await page.keyboard.press('Escape');

    await waitForStatus(lastAssistant(page), 'stopped');
    await abortedAnswerRequest();
    const id = await conversationIdOf(page);
    const saved = await storedAnswer(id);
    expect(saved.status).toBe('stopped');
    expect(answer.text.startsWith(saved.text)).toBe(true);
    await eventually(() => textOf(lastAssistant(page))).toBe(saved.text.trim());

    await page.reload();
    const reply = lastAssistant(page);
    await reply.waitFor();
    expect(await reply.getAttribute('data-status')).toBe('stopped');
    expect(await textOf(reply)).toBe(saved.text.trim());
    expect(await reply.getByText('Stopped', { exact: true }).isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe(`/c/${id}`);
  });
});
