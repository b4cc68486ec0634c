/**
 * The notes in the app, on the fixture vault: the search panel (no language model needed) opens
 * the viewer at the heading found; a Notes mode answer cites a note whose chip opens the viewer in
 * the app at the cited heading; wikilinks navigate inside the app; hostile note text stays inert.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChatRequest, VaultStatusResponse } from '@tauceti/contracts';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, useBrowserApp } from './support/browser-suite.ts';
import { ask, byTestId, eventually, lastAssistant, openApp } from './support/chat-page.ts';

const FIXTURE_VAULT = fileURLToPath(new URL('../../packages/vault/src/__fixtures__/vault', import.meta.url));

/** A note a web clipping could have put in the vault: every piece of it must stay text. */
const HOSTILE_NOTE = [
  '# Hostile clipping',
  '',
  'Zanzibar marker [[<img src=x onerror=window.__xss=1>]] and [[Boiler|<script>window.__xss=1</script>]].',
  '',
  '[a](javascript:window.__xss=1) [b](/notes/0123456789abcdef) <img src=x onerror=window.__xss=1> ![p](https://attacker.test/p.png)',
  '',
  '> [!tip] <svg onload=window.__xss=1>',
  '> <iframe srcdoc="<script>parent.__xss=1</script>">',
].join('\n');

describeBrowser('notes', () => {
  let vaultRoot = '';
  // Filled in before the server starts (this hook runs before the suite's own).
  const env: Record<string, string> = {};
  beforeAll(() => {
    vaultRoot = mkdtempSync(join(tmpdir(), 'tauceti-vault-'));
    // The folder's name is the vault's name when VAULT_NAME is not set.
    const vaultPath = join(vaultRoot, 'Household');
    cpSync(FIXTURE_VAULT, vaultPath, { recursive: true });
    writeFileSync(join(vaultPath, 'Hostile clipping.md'), HOSTILE_NOTE);
    Object.assign(env, { VAULT_PATH: vaultPath });
  });
  afterAll(() => {
    if (vaultRoot) rmSync(vaultRoot, { recursive: true, force: true });
  });
  const app = useBrowserApp({ env });

  /** The index opens and syncs in the background after start-up. */
  async function waitForIndex() {
    const read = async () => (await (await fetch(`${app.server.url}/api/vault/status`)).json()) as VaultStatusResponse;
    await eventually(async () => {
      const { state } = await read();
      return state !== null && state.notes > 20 && !state.syncing && state.lastSyncAt !== null;
    }, 30_000).toBe(true);
  }

  const viewer = (page: Page) => page.locator(byTestId('note-viewer'));
  const title = (page: Page) => viewer(page).locator(byTestId('note-title'));
  const anchored = (page: Page, anchor: string) => viewer(page).locator(`${byTestId('note-body')} [data-anchor="${anchor}"]`);
  /** Scrolled to: at the top of the viewer, or as near as the end of a short note lets it come. */
  const isScrolledTo = (locator: Locator) =>
    locator.evaluate((element) => {
      const scroller = element.closest('[data-testid="note-viewer"]') as HTMLElement;
      const top = scroller.getBoundingClientRect().top;
      const box = element.getBoundingClientRect();
      const isAtEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
      return box.top >= top - 2 && box.bottom <= window.innerHeight && (box.top - top < 60 || isAtEnd);
    });
  const chatRequests = () => app.mock.requests.filter((request) => request.path === '/api/chat' || request.path === '/api/generate');

  it('searches the notes as you type, with no language model, and opens a result at its heading', async () => {
    const { page, server } = app;
    await waitForIndex();
    await openApp(page, server);
    await page.locator(byTestId('notes-link')).click();
    await page.waitForURL(/\/notes$/);
    await page.locator(byTestId('notes-search-input')).fill('what pressure should the heating be at');
    const first = page.locator(byTestId('note-result')).first();
    await eventually(() => first.textContent()).toContain('Boiler');
    expect(await first.textContent()).toContain('Pressure');
    expect(await first.textContent()).toContain('Home/Boiler.md');

    await first.locator('a').click();
    await page.waitForURL(/\/notes\/[0-9a-f]+#pressure$/);
    await eventually(() => title(page).textContent()).toBe('Boiler');
    await eventually(() => isScrolledTo(anchored(page, 'pressure'))).toBe(true);
    expect(await viewer(page).locator(byTestId('open-in-obsidian')).getAttribute('href')).toBe('obsidian://open?vault=Household&file=Home%2FBoiler');
    // The note as written: its callout is a callout, its %% comment is nowhere.
    expect(await viewer(page).locator(byTestId('note-callout')).first().textContent()).toContain('Before topping up');
    expect(await viewer(page).textContent()).not.toContain('COMMENTED-OUT-SECRET');
    // A wikilink to a heading of this note, resolved to this note.
    expect(await viewer(page).locator(byTestId('note-link'), { hasText: /^Pressure$/ }).getAttribute('href')).toMatch(/^\/notes\/[0-9a-f]+#pressure$/);
    // Searching and reading notes asked no model for anything.
    expect(chatRequests()).toEqual([]);
  });

  it('answers in Notes mode, cites a note whose chip opens the cited heading in the app, and follows wikilinks', async () => {
    const { page, server, mock } = app;
    await waitForIndex();
    // A phone: the notes are longer than the screen, so following a heading has to scroll.
    await page.setViewportSize({ width: 390, height: 640 });
    await openApp(page, server);
    const notesToggle = page.locator(byTestId('notes-mode-toggle'));
    await eventually(() => notesToggle.isEnabled()).toBe(true);
    await notesToggle.click();
    expect(await notesToggle.getAttribute('aria-pressed')).toBe('true');

    mock.enqueueChat({ match: { stream: true }, content: 'Keep it at 1.5 bar when the system is cold [1].' });
    const sent = page.waitForRequest((request) => request.url().endsWith('/api/chat') && request.method() === 'POST');
    await ask(page, 'What pressure should the heating be at?');
    expect(((await sent).postDataJSON() as ChatRequest).mode).toBe('notes');

    const step = lastAssistant(page).locator(byTestId('tool-step'));
    expect(await step.getAttribute('data-tool')).toBe('search_notes');
    expect(await step.getAttribute('data-state')).toBe('done');
    const chip = lastAssistant(page).locator(`${byTestId('citation')}[data-n="1"]`);
    expect(await chip.getAttribute('data-kind')).toBe('note');
    expect(await chip.getAttribute('href')).toMatch(/^\/notes\/[0-9a-f]+#pressure$/);
    expect(await chip.getAttribute('target')).toBeNull();
    const source = lastAssistant(page).locator(byTestId('source-item')).first();
    expect(await source.textContent()).toContain('Household');

    // The chip opens the viewer in this tab, at the cited heading.
    await chip.click();
    await page.waitForURL(/\/notes\/[0-9a-f]+#pressure$/);
    expect(page.context().pages()).toHaveLength(1);
    await eventually(() => title(page).textContent()).toBe('Boiler');
    await eventually(() => isScrolledTo(anchored(page, 'pressure'))).toBe(true);

    // A wikilink to a heading of another note: in the app, at that heading.
    const plumber = viewer(page).locator(`${byTestId('note-link')}`, { hasText: 'Emergency contacts › Plumber' });
    await plumber.click();
    await page.waitForURL(/\/notes\/[0-9a-f]+#plumber$/);
    await eventually(() => title(page).textContent()).toBe('Emergency contacts');
    await eventually(() => isScrolledTo(anchored(page, 'plumber'))).toBe(true);
    expect(await viewer(page).locator(byTestId('note-backlinks')).textContent()).toContain('Boiler');

    // Back returns to the note before, and the chat is a step further back.
    await page.goBack();
    await eventually(() => title(page).textContent()).toBe('Boiler');
    await page.goBack();
    await lastAssistant(page).waitFor();
  });

  it('keeps hostile note text inert in the viewer', async () => {
    const { page, server } = app;
    await waitForIndex();
    await page.goto(`${server.url}/notes`);
    await page.locator(byTestId('notes-search-input')).fill('Zanzibar marker');
    const result = page.locator(byTestId('note-result'), { hasText: 'Hostile clipping' });
    await result.locator('a').click();
    await eventually(() => title(page).textContent()).toBe('Hostile clipping');
    const problems = await viewer(page).evaluate((root) => {
      const found: string[] = [];
      for (const element of root.querySelectorAll('[data-testid="note-body"] *')) {
        if (element.matches('script, iframe, svg, img, style, object, embed')) found.push(`<${element.tagName.toLowerCase()}>`);
        for (const attribute of element.attributes) {
          if (attribute.name.startsWith('on')) found.push(attribute.name);
          if (attribute.name === 'href' && !/^(?:https?:|\/notes\/[0-9a-f]+(?:#|$))/.test(attribute.value)) found.push(`href=${attribute.value}`);
        }
      }
      return found;
    });
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    // A Markdown link to the viewer written in the note is not a link.
    expect(await viewer(page).locator('a[href="/notes/0123456789abcdef"]').count()).toBe(0);
  });

  it('shows the notes index on the status page', async () => {
    const { page, server } = app;
    await waitForIndex();
    await page.goto(`${server.url}/status`);
    const section = page.locator(byTestId('vault-status'));
    await eventually(() => section.locator(byTestId('vault-state')).textContent()).toContain('Household · Online');
    expect(await section.locator(byTestId('vault-embedding')).textContent()).toMatch(/\d+ of \d+ chunks embedded \(nomic-embed-text\)/);
  });
});
