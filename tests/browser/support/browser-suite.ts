/**
 * The frame of every browser spec: one mock Ollama and one built server per suite, one Chromium per
 * file, a fresh isolated page per test. A missing Chromium skips the specs with one warning line, or
 * fails them when TAUCETI_REQUIRE_BROWSER=1 (CI).
 */
import { defaultScenario, type MockOllama, type OllamaScenario, startMockOllama } from '@tauceti/mocks/ollama';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { type RunningServer, startServer } from '../../e2e/support/start-server.ts';
import { CHROMIUM_PATH, hasChromium, launchBrowser } from './launch-chromium.ts';

export const MISSING_CHROMIUM =
  `Chromium was not found at ${CHROMIUM_PATH}, so the browser tests cannot run. ` +
  'Install it with `apt-get install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary.';

const isBrowserRequired = process.env.TAUCETI_REQUIRE_BROWSER === '1';
const skipBrowserTests = !hasChromium && !isBrowserRequired;
if (skipBrowserTests) console.warn(`WARNING: browser tests skipped. ${MISSING_CHROMIUM}`);

/** `describe` for browser tests: skipped without Chromium, unless TAUCETI_REQUIRE_BROWSER=1. */
export const describeBrowser = describe.skipIf(skipBrowserTests);

export interface BrowserAppOptions {
  /** The mock's scenario; reset before each test. @default defaultScenario() */
  scenario?: () => OllamaScenario;
  /** Point the server elsewhere (an unreachable Ollama); no mock is started then. */
  ollamaUrl?: string | (() => Promise<string>);
  /** More environment for the server process. */
  env?: Record<string, string>;
}

export interface BrowserApp {
  readonly mock: MockOllama;
  readonly server: RunningServer;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught exceptions the page threw during the test. */
  readonly pageErrors: Error[];
}

let browser: Browser | undefined;
let browserUsers = 0;

/**
 * Registers the hooks of a suite (call inside `describeBrowser`) and returns live handles to what
 * they start. Shared Chromium: launched by the first suite of the file, closed by the last.
 */
export function useBrowserApp(options: BrowserAppOptions = {}): BrowserApp {
  const scenario = options.scenario ?? defaultScenario;
  let mock: MockOllama | undefined;
  let server: RunningServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const pageErrors: Error[] = [];

  beforeAll(async () => {
    // Required but missing: every test fails with the reason (below) instead of being skipped.
    if (!hasChromium) return;
    browserUsers += 1;
    const ollamaUrl = typeof options.ollamaUrl === 'function' ? await options.ollamaUrl() : options.ollamaUrl;
    if (ollamaUrl === undefined) mock = await startMockOllama({ scenario: scenario() });
    const [started, launched] = await Promise.all([
      startServer({ ollamaUrl: ollamaUrl ?? (mock as MockOllama).url, ...(options.env ? { env: options.env } : {}) }),
      browser ? Promise.resolve(browser) : launchBrowser(),
    ]);
    server = started;
    browser = launched;
  });

  beforeEach(async () => {
    if (!hasChromium) throw new Error(MISSING_CHROMIUM);
    mock?.setScenario(scenario());
    mock?.clearRequests();
    pageErrors.length = 0;
    context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    // Fail a step after 5 s with Playwright's description, well before the test's own timeout.
    context.setDefaultTimeout(5000);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
    page = undefined;
    // An uncaught exception in the app is a failure even when the screen looked right.
    if (pageErrors.length > 0) throw new Error(`The page threw: ${pageErrors.map((error) => error.stack ?? error.message).join('\n')}`);
  });

  afterAll(async () => {
    await server?.stop();
    await mock?.close();
    if (!hasChromium) return;
    browserUsers -= 1;
    if (browserUsers <= 0) {
      await browser?.close();
      browser = undefined;
    }
  });

  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not available here (outside a test, or this suite has none)`);
    return value;
  };
  return {
    get mock() {
      return required(mock, 'The mock Ollama');
    },
    get server() {
      return required(server, 'The server');
    },
    get context() {
      return required(context, 'The browser context');
    },
    get page() {
      return required(page, 'The page');
    },
    pageErrors,
  };
}
