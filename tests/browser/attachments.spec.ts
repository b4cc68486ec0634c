import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, useBrowserApp } from './support/browser-suite.ts';
import { ask, byTestId, eventually, lastUser, openApp, selectModel } from './support/chat-page.ts';

// A 2×2 red PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==',
  'base64',
);

/** Picks a PNG with the composer's file picker and waits until it is uploaded. */
async function attachPng(page: Page, name: string) {
  const uploaded = page.waitForResponse((response) => response.url().endsWith('/api/uploads') && response.request().method() === 'POST');
  await page.locator('form input[type="file"]').setInputFiles({ name, mimeType: 'image/png', buffer: PNG });
  expect((await uploaded).status()).toBe(201);
  const tray = page.getByRole('list', { name: 'Attached images' });
  await tray.getByRole('img', { name }).waitFor();
  await eventually(() => tray.getByText('Uploading…').count()).toBe(0);
}

/** The thumbnails of a message, once loaded: their `src` and natural width. */
const thumbnails = (message: Locator) =>
  message.locator('img').evaluateAll((images) =>
    images.map((image) => ({ src: image.getAttribute('src'), width: (image as HTMLImageElement).complete ? (image as HTMLImageElement).naturalWidth : 0 })),
  );

describeBrowser('attached images', () => {
  const app = useBrowserApp();

  it('reach a vision model as base64 images and show as a thumbnail on the question, also after a reload', async () => {
    const { page, server, mock } = app;
    await openApp(page, server);
    await selectModel(page, 'llava:7b');
    await attachPng(page, 'dot.png');
    await ask(page, 'What is in this picture?');

    const upstream = mock.requests.find(
      (request) => request.path === '/api/chat' && JSON.stringify(request.body).includes('What is in this picture?'),
    );
    const question = (upstream?.body as { model: string; messages: { role: string; content: string; images?: string[] }[] }).messages.at(-1);
    expect(upstream?.body).toMatchObject({ model: 'llava:7b' });
    expect(question).toMatchObject({ role: 'user', content: 'What is in this picture?', images: [PNG.toString('base64')] });

    const expectThumbnail = async () => {
      await eventually(() => thumbnails(lastUser(page))).toEqual([{ src: expect.stringMatching(/^\/api\/uploads\/[A-Za-z0-9_-]+$/), width: 2 }]);
      const src = (await thumbnails(lastUser(page)))[0]?.src;
      const served = await fetch(`${server.url}${src}`);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    };
    await expectThumbnail();
    expect(await lastUser(page).locator(byTestId('message-text')).textContent()).toBe('What is in this picture?');

    await page.reload();
    await lastUser(page).waitFor();
    await expectThumbnail();
  });

  it('warns, before sending, that a model without vision will not see the attached image', async () => {
    const { page, server } = app;
    await openApp(page, server);
    await selectModel(page, 'llama3.2:latest');
    await attachPng(page, 'blind.png');
    await page.getByText('The chosen model has no vision capability: it will not see the images.').waitFor();

    await selectModel(page, 'llava:7b');
    await eventually(() => page.getByText('The chosen model has no vision capability').count()).toBe(0);
  });
});
