/**
 * Images in the app, against a mock ComfyUI: a chat asks for a picture (the model calls
 * `generate_image`), its card shows the job's progress and then the image inline; Vary adds a second
 * variant to the same card, kept beside the first in the card's strip (also after a reload) and in
 * the gallery, whose full view links back to the conversation. Image mode makes a picture with no
 * language model at all, and the status page shows ComfyUI and the GPU.
 */
import type { ChatRequest } from '@tauceti/contracts';
import { defaultScenario as defaultComfyuiScenario, type MockComfyui, startMockComfyui } from '@tauceti/mocks/comfyui';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, useBrowserApp } from './support/browser-suite.ts';
import { byTestId, conversationIdOf, eventually, lastAssistant, openApp, send, waitForStatus } from './support/chat-page.ts';

const PROMPT = 'a lighthouse at dusk, oil painting';

describeBrowser('images', () => {
  let comfyui: MockComfyui;
  // Filled in before the server starts (this hook runs before the suite's own).
  const env: Record<string, string> = {};
  beforeAll(async () => {
    comfyui = await startMockComfyui({
      // Slow enough to watch the steps and a preview go by, small enough to stay quick.
      scenario: { ...defaultComfyuiScenario(), stepMs: 60, previewMethod: 'latent2rgb', maxOutputPx: 256 },
    });
    Object.assign(env, { COMFYUI_URL: comfyui.url });
  });
  afterAll(async () => {
    await comfyui?.close();
  });
  const app = useBrowserApp({ env });

  const card = (page: Page) => lastAssistant(page).locator(byTestId('image-card')).first();
  const variants = (page: Page) => card(page).locator(byTestId('image-variant'));
  const statusLine = (locator: Locator) => locator.locator(byTestId('image-status')).textContent({ timeout: 1000 }).catch(() => '');
  /** The thumbnails of the job shown, once the browser has decoded them. */
  const loadedThumbnails = (locator: Locator) =>
    locator.locator(`${byTestId('image-thumb')} img`).evaluateAll((images) => images.filter((image) => (image as HTMLImageElement).naturalWidth > 0).length);

  it('draws a lighthouse inline with its progress, varies it, and keeps both variants in the card and the gallery', async () => {
    const { page, server, mock } = app;
    mock.enqueueChat(
      { match: { stream: true, afterTool: false }, toolCalls: [{ name: 'generate_image', arguments: { prompt: PROMPT } }] },
      { match: { stream: true, afterTool: true }, content: 'Here is your lighthouse at dusk.' },
    );
    await openApp(page, server);
    // Every state the card goes through, as it shows it.
    const seen = new Set<string>();
    let sawPreview = false;
    await send(page, 'draw a lighthouse at dusk');
    await card(page).waitFor({ timeout: 15_000 });
    await eventually(async () => {
      const line = await statusLine(card(page));
      if (line) seen.add(line.replace(/\d+/g, 'n'));
      sawPreview ||= (await card(page).locator(byTestId('image-preview')).count()) > 0;
      return card(page).getAttribute('data-state', { timeout: 1000 }).catch(() => null);
    }, 30_000).toBe('done');
    expect([...seen]).toContain('Step n of n');
    expect(sawPreview).toBe(true);
    await waitForStatus(lastAssistant(page), 'done', 15_000);
    expect(await lastAssistant(page).locator(byTestId('message-text')).last().textContent()).toContain('Here is your lighthouse');
    await eventually(() => loadedThumbnails(card(page))).toBe(1);
    const firstJob = (await card(page).getAttribute('data-shown-job-id')) as string;
    const conversationId = await conversationIdOf(page);

    // Full size, with what made it.
    await card(page).locator(byTestId('image-thumb')).first().click();
    const facts = page.locator(byTestId('image-facts'));
    expect(await facts.textContent()).toContain(PROMPT);
    expect(await facts.textContent()).toContain('sd_xl_base_1.0.safetensors');
    await page.locator(byTestId('image-viewer-close')).click();

    // Vary: a new seed, the new variant shown, the first kept.
    const varied = page.waitForResponse((response) => response.url().endsWith(`/api/images/jobs/${firstJob}/vary`));
    await card(page).locator(byTestId('image-vary')).click();
    expect((await varied).status()).toBe(201);
    await eventually(() => variants(page).count()).toBe(2);
    expect(await variants(page).evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-pressed')))).toEqual(['false', 'true']);
    await eventually(() => variants(page).evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-state'))), 30_000).toEqual(['done', 'done']);
    const secondJob = (await card(page).getAttribute('data-shown-job-id')) as string;
    expect(secondJob).not.toBe(firstJob);
    await eventually(() => loadedThumbnails(card(page))).toBe(1);
    // The first is still there, one click away.
    await variants(page).first().click();
    expect(await card(page).getAttribute('data-shown-job-id')).toBe(firstJob);

    // After a reload the card has both variants again, the newest shown.
    await page.reload();
    await card(page).waitFor({ timeout: 10_000 });
    await eventually(() => variants(page).count()).toBe(2);
    expect(await card(page).getAttribute('data-shown-job-id')).toBe(secondJob);

    // The gallery: both images, newest first; the full view links back to the conversation.
    await page.locator(byTestId('images-link')).click();
    await page.waitForURL(/\/images$/);
    const items = page.locator(byTestId('gallery-item'));
    await eventually(() => items.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-job-id')))).toEqual([secondJob, firstJob]);
    await items.first().click();
    expect(await page.locator(byTestId('image-facts')).textContent()).toContain(PROMPT);
    await page.locator(byTestId('image-conversation-link')).click();
    await page.waitForURL(new RegExp(`/c/${conversationId}$`));
    await card(page).waitFor();
  }, 90_000);

  it('makes a picture in image mode straight from the words typed, with no language model', async () => {
    const { page, server, mock } = app;
    await openApp(page, server);
    const toggle = page.locator(byTestId('image-mode-toggle'));
    await eventually(() => toggle.isEnabled()).toBe(true);
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const sent = page.waitForRequest((request) => request.url().endsWith('/api/chat') && request.method() === 'POST');
    await send(page, 'a red fox in fresh snow');
    expect(((await sent).postDataJSON() as ChatRequest).mode).toBe('image');
    await eventually(() => card(page).getAttribute('data-state', { timeout: 1000 }).catch(() => null), 30_000).toBe('done');
    expect(await card(page).locator(byTestId('image-prompt')).textContent()).toBe('a red fox in fresh snow');
    await waitForStatus(lastAssistant(page), 'done', 15_000);
    expect(mock.requests.filter((request) => request.path === '/api/chat' || request.path === '/api/generate')).toEqual([]);
  }, 60_000);

  it('shows ComfyUI, its checkpoint and the GPU on the status page', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/status`);
    const images = page.locator(byTestId('images-status'));
    await images.waitFor();
    expect(await images.locator(byTestId('comfyui-state')).getAttribute('data-reachable')).toBe('true');
    expect(await images.locator(byTestId('comfyui-checkpoint')).textContent()).toContain('sd_xl_base_1.0.safetensors');
    expect(await images.locator(byTestId('gpu-state')).textContent()).toMatch(/^(Free|In use)/);
  });
});
