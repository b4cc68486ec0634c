/**
 * What a person does in the chat, as page actions, and where to look on screen. Selectors are the
 * app's stable `data-testid`s.
 */
import type { ChatScript } from '@tauceti/mocks/ollama';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RunningServer } from '../../e2e/support/start-server.ts';

export const byTestId = (id: string) => `[data-testid="${id}"]`;

/** `expect.poll` with a timeout that suits a page on a busy 2-core machine. */
export const eventually = <T>(check: () => T | Promise<T>, timeout = 5000) => expect.poll(check, { timeout, interval: 50 });

export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

async function goto(page: Page, server: RunningServer, path: string) {
  try {
    await page.goto(`${server.url}${path}`);
  } catch (error) {
    // e.g. "Download is starting": the address answered something other than the app's HTML page.
    throw new Error(`GET ${path} did not open the app: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Opens the chat (a path such as `/` or `/c/<id>`) and waits until it can be used. */
export async function openApp(page: Page, server: RunningServer, path = '/', { waitForModels = true } = {}) {
  await goto(page, server, path);
  await page.locator(byTestId('composer-input')).waitFor();
  if (waitForModels) await page.locator(`${byTestId('model-picker')}:not([disabled])`).first().waitFor();
}

/** Opens the status page and waits for its first check; returns the facts list. */
export async function openStatusPage(page: Page, server: RunningServer): Promise<Locator> {
  await goto(page, server, '/status');
  const facts = page.getByRole('region', { name: 'Server status' }).locator('dl');
  await facts.waitFor();
  return facts;
}

/** Picks a model in the (first visible) model picker. */
export async function selectModel(page: Page, name: string) {
  await page.locator(`${byTestId('model-picker')}:not([disabled])`).first().selectOption(name);
}

/** Types a message in the composer and presses Enter. */
export async function send(page: Page, text: string) {
  const input = page.locator(byTestId('composer-input'));
  await input.fill(text);
  await input.press('Enter');
}

export const messages = (page: Page, role?: 'user' | 'assistant') =>
  page.locator(role ? `${byTestId('message')}[data-role="${role}"]` : byTestId('message'));
export const lastAssistant = (page: Page) => messages(page, 'assistant').last();
export const lastUser = (page: Page) => messages(page, 'user').last();

/** The rendered text of a message, trimmed. */
export async function textOf(message: Locator): Promise<string> {
  return ((await message.locator(byTestId('message-text')).first().textContent({ timeout: 2000 })) ?? '').trim();
}

/** Waits until the message reaches `status` (e.g. the answer is `done`). */
export async function waitForStatus(message: Locator, status: MessageStatus, timeout = 10_000) {
  await eventually(() => message.getAttribute('data-status', { timeout: 1000 }).catch(() => null), timeout).toBe(status);
}

/**
 * Sends a question and waits until the answer right below it reaches `status`; returns the answer's
 * rendered text. Questions should be unique within a conversation.
 */
export async function ask(page: Page, text: string, status: MessageStatus = 'done'): Promise<string> {
  await send(page, text);
  const answerStatus = () =>
    page.evaluate((question) => {
      const shown = [...document.querySelectorAll('[data-testid="message"]')];
      const [before, last] = shown.slice(-2);
      const isAnswerToQuestion =
        before?.getAttribute('data-role') === 'user' &&
        before.querySelector('[data-testid="message-text"]')?.textContent === question &&
        last?.getAttribute('data-role') === 'assistant';
      return isAnswerToQuestion ? last.getAttribute('data-status') : `no answer below "${question}" yet`;
    }, text);
  await eventually(answerStatus, 10_000).toBe(status);
  return textOf(lastAssistant(page));
}

/** Conversations open on their latest messages: shows the earlier ones too. */
export async function showAllMessages(page: Page) {
  const earlier = page.getByRole('button', { name: /^Show \d+ earlier messages$/ });
  for (;;) {
    const shown = await messages(page).count();
    if ((await earlier.count()) === 0) return;
    // Scrolling the button into view already loads older messages (the list does so as they come
    // into view), so on a busy machine the button may be gone before the click lands.
    const clicked = await earlier.click({ timeout: 2000 }).then(() => true, () => false);
    if (!clicked && (await earlier.count()) === 0) return;
    await eventually(() => messages(page).count()).toBeGreaterThan(shown);
  }
}

/** Waits for the address bar to show `/c/<id>` and returns the id. */
export async function conversationIdOf(page: Page): Promise<string> {
  await page.waitForURL(/\/c\/[^/]+$/, { timeout: 5000 });
  return new URL(page.url()).pathname.split('/').at(-1) as string;
}

/** A sidebar row. */
export const sidebarItem = (page: Page, id: string) => page.locator(`${byTestId('conversation-item')}[data-id="${id}"]`);

/** A streamed answer of `count` numbered words (`w0 w1 …`), `intervalMs` apart. */
export function slowAnswer(count: number, intervalMs: number): { script: ChatScript; words: string[]; text: string } {
  const words = Array.from({ length: count }, (_, index) => `w${index}`);
  return {
    script: { match: { stream: true }, chunks: words.map((word, index) => (index === 0 ? word : ` ${word}`)), intervalMs },
    words,
    text: words.join(' '),
  };
}
