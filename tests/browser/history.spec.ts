import { readFile } from 'node:fs/promises';
import { defaultScenario } from '@tauceti/mocks/ollama';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, useBrowserApp } from './support/browser-suite.ts';
import {
  ask,
  byTestId,
  conversationIdOf,
  eventually,
  lastAssistant,
  lastUser,
  messages,
  openApp,
  sidebarItem,
  textOf,
} from './support/chat-page.ts';

const TITLE = 'Chat about things';

describeBrowser('history', () => {
  // Every background title request gets the same title, so the sidebar rows settle predictably.
  const app = useBrowserApp({
    scenario: () => ({ ...defaultScenario(), chat: [{ match: { stream: false }, content: TITLE }] }),
  });

  /** Starts a conversation with one question and its (echoed) answer; returns its id. */
  async function startConversation(page: Page, question: string) {
    await openApp(page, app.server);
    await ask(page, question);
    return conversationIdOf(page);
  }

  /** Waits until the message shows `text` (e.g. after switching versions). */
  const waitForText = (message: Locator, text: string) => eventually(() => textOf(message).catch(() => null)).toBe(text);
  const versionOf = (message: Locator) => message.locator(byTestId('version-label')).textContent();

  /** Opens the actions menu of a sidebar row. */
  async function openActions(item: Locator) {
    await item.getByRole('button', { name: /^Actions for/ }).click();
    return item.getByRole('group', { name: /^Actions for/ });
  }

  it('lists the conversation in the sidebar and shows its messages again after a reload', async () => {
    const { page } = app;
    const id = await startConversation(page, 'Remember the lighthouse keeper');
    await page.reload();

    await sidebarItem(page, id).waitFor();
    await lastAssistant(page).waitFor();
    expect(await textOf(lastUser(page))).toBe('Remember the lighthouse keeper');
    expect(await textOf(lastAssistant(page))).toBe('You said: Remember the lighthouse keeper');
    expect(await lastAssistant(page).getAttribute('data-status')).toBe('done');
  });

  it('opens a conversation from the sidebar after starting a new chat', async () => {
    const { page, server } = app;
    const id = await startConversation(page, 'Which tide comes first?');
    await page.locator(byTestId('new-chat')).click();
    await page.waitForURL(`${server.url}/`);
    await eventually(() => messages(page).count()).toBe(0);

    await sidebarItem(page, id).getByRole('link').click();
    await page.waitForURL(`${server.url}/c/${id}`);
    await waitForText(lastAssistant(page), 'You said: Which tide comes first?');
    expect(await textOf(lastUser(page))).toBe('Which tide comes first?');
    expect(await sidebarItem(page, id).getByRole('link').getAttribute('aria-current')).toBe('page');
  });

  it('finds a conversation by a word of its answer and marks the word in the result', async () => {
    const { page, mock } = app;
    mock.enqueueChat({ match: { stream: true }, content: 'The wind they call zephyrine came from the west.' });
    const id = await startConversation(page, 'Tell me about the winds');
    await page.locator(byTestId('search-input')).fill('zephyrine');

    const results = page.locator(byTestId('conversation-item'));
    await eventually(() => results.evaluateAll((items) => items.map((item) => item.getAttribute('data-id')))).toEqual([id]);
    expect((await results.locator('mark').allTextContents()).map((text) => text.toLowerCase())).toContain('zephyrine');

    await page.locator(byTestId('search-input')).fill('');
    await eventually(() => results.count()).toBeGreaterThan(1);
  });

  it('renames and deletes a conversation from the sidebar', async () => {
    const { page, server } = app;
    const id = await startConversation(page, 'Plan the garden beds');
    const item = sidebarItem(page, id);
    // The generated title first (written in the background once the answer is done).
    await eventually(() => item.locator('.title').textContent(), 15_000).toBe(TITLE);

    await (await openActions(item)).getByRole('button', { name: 'Rename' }).click();
    const input = item.getByRole('textbox', { name: 'Conversation title' });
    await input.fill('Garden plans');
    await input.press('Enter');
    await eventually(() => item.locator('.title').textContent()).toBe('Garden plans');
    await page.reload();
    await eventually(() => sidebarItem(page, id).locator('.title').textContent()).toBe('Garden plans');

    await (await openActions(item)).getByRole('button', { name: 'Delete' }).click();
    await item.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
    await eventually(() => item.count()).toBe(0);
    await page.waitForURL(`${server.url}/`);
    expect((await fetch(`${server.url}/api/conversations/${id}`)).status).toBe(404);
  });

  it('keeps the generated title when the answer reaches the page after the title event', async () => {
    const { page, server } = app;
    // On a busy machine the page may read the answer's stream after the title event has arrived:
    // hold the answer back until the title is stored, then deliver it.
    await page.route('**/api/chat', async (route) => {
      const response = await route.fetch();
      const list = async () => ((await (await fetch(`${server.url}/api/conversations`)).json()) as { conversations: { title: string }[] }).conversations;
      await eventually(async () => (await list()).some((conversation) => conversation.title === TITLE), 10_000).toBe(true);
      await route.fulfill({ response });
    });
    const id = await startConversation(page, 'Water the tomatoes');
    await eventually(() => sidebarItem(page, id).locator('.title').textContent()).toBe(TITLE);
    await eventually(() => page.title()).toBe(`${TITLE} · Tau Ceti`);
  });

  it('keeps the title being typed in the rename box when the generated title arrives meanwhile', async () => {
    const { page, server, mock } = app;
    // The background title takes 1.5 s, long enough to be typing a new name when it lands.
    mock.setScenario({ ...defaultScenario(), chat: [{ match: { stream: false }, content: TITLE, prefillMs: 1500 }] });
    const id = await startConversation(page, 'Sketch the tree house');
    const item = sidebarItem(page, id);
    await (await openActions(item)).getByRole('button', { name: 'Rename' }).click();
    const input = item.getByRole('textbox', { name: 'Conversation title' });
    await input.fill('Tree house');
    expect(await page.title()).not.toContain(TITLE);

    await eventually(() => page.title(), 15_000).toBe(`${TITLE} · Tau Ceti`);
    expect(await input.inputValue()).toBe('Tree house');
    await input.press('Enter');
    await eventually(() => item.locator('.title').textContent()).toBe('Tree house');
    const detail = (await (await fetch(`${server.url}/api/conversations/${id}`)).json()) as { title: string };
    expect(detail.title).toBe('Tree house');
  });

  it('keeps both versions of a regenerated answer, switchable with ‹ ›, and remembers the one shown after a reload', async () => {
    const { page, mock } = app;
    mock.enqueueChat({ match: { stream: true }, content: 'First take on it.' }, { match: { stream: true }, content: 'Second take on it.' });
    await startConversation(page, 'Give me your take');
    const answer = lastAssistant(page);
    expect(await textOf(answer)).toBe('First take on it.');

    await answer.locator(byTestId('regenerate-button')).click();
    await waitForText(answer, 'Second take on it.');
    await eventually(() => answer.getAttribute('data-status')).toBe('done');
    await eventually(() => versionOf(answer)).toBe('2/2');
    expect(await messages(page, 'assistant').count()).toBe(1);

    const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().includes('/api/conversations/'));
    await answer.locator(byTestId('version-prev')).click();
    await waitForText(answer, 'First take on it.');
    expect(await versionOf(answer)).toBe('1/2');
    expect((await saved).ok()).toBe(true);

    await page.reload();
    await waitForText(lastAssistant(page), 'First take on it.');
    expect(await versionOf(lastAssistant(page))).toBe('1/2');
    await lastAssistant(page).locator(byTestId('version-next')).click();
    await waitForText(lastAssistant(page), 'Second take on it.');
    expect(await versionOf(lastAssistant(page))).toBe('2/2');
  });

  it('sends an edited question as a new version with its own answer, keeping the original reachable', async () => {
    const { page, mock } = app;
    await startConversation(page, 'What is the capital of France?');
    await lastUser(page).locator(byTestId('edit-button')).click();
    const editor = lastUser(page).getByRole('textbox', { name: 'Edit message' });
    await editor.fill('What is the capital of Italy?');
    await lastUser(page).getByRole('button', { name: 'Save & send' }).click();

    await waitForText(lastAssistant(page), 'You said: What is the capital of Italy?');
    await eventually(() => lastAssistant(page).getAttribute('data-status')).toBe('done');
    expect(await textOf(lastUser(page))).toBe('What is the capital of Italy?');
    expect(await versionOf(lastUser(page))).toBe('2/2');
    expect(await messages(page).count()).toBe(2);
    // The edit replaced the question in what the model saw; the original is not part of its history.
    const upstream = mock.requests.filter((request) => request.path === '/api/chat' && (request.body as { stream?: boolean }).stream !== false).at(-1);
    const asked = (upstream?.body as { messages: { role: string; content: string }[] }).messages.filter((message) => message.role === 'user');
    expect(asked.map((message) => message.content)).toEqual(['What is the capital of Italy?']);

    await lastUser(page).locator(byTestId('version-prev')).click();
    await waitForText(lastUser(page), 'What is the capital of France?');
    await waitForText(lastAssistant(page), 'You said: What is the capital of France?');
    expect(await versionOf(lastUser(page))).toBe('1/2');
  });

  it('offers Markdown and JSON exports that download the conversation', async () => {
    const { page } = app;
    const id = await startConversation(page, 'Export this exchange');
    const menu = await openActions(sidebarItem(page, id));
    const markdownLink = menu.getByRole('link', { name: 'Export Markdown' });
    const jsonLink = menu.getByRole('link', { name: 'Export JSON' });
    expect(await markdownLink.getAttribute('href')).toBe(`/api/conversations/${id}/export?format=markdown`);
    expect(await jsonLink.getAttribute('href')).toBe(`/api/conversations/${id}/export?format=json`);

    const [markdown] = await Promise.all([page.waitForEvent('download'), markdownLink.click()]);
    expect(markdown.suggestedFilename()).toMatch(/\.md$/);
    const markdownText = await readFile(await markdown.path(), 'utf8');
    expect(markdownText).toContain('Export this exchange');
    expect(markdownText).toContain('You said: Export this exchange');

    const [json] = await Promise.all([page.waitForEvent('download'), (await openActions(sidebarItem(page, id))).getByRole('link', { name: 'Export JSON' }).click()]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const exported = JSON.parse(await readFile(await json.path(), 'utf8')) as {
      format: string;
      conversation: { id: string; messages: { role: string; text: string }[] };
    };
    expect(exported.format).toBe('tauceti.conversation.v1');
    expect(exported.conversation.id).toBe(id);
    expect(exported.conversation.messages.map((message) => [message.role, message.text])).toEqual([
      ['user', 'Export this exchange'],
      ['assistant', 'You said: Export this exchange'],
    ]);
  });
});
