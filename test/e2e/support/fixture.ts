/**
 * What every browser test file needs: a Safer server of its own (see server.ts) and Chromium,
 * started together before the file's tests and stopped after them.
 */
import { after, before } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser, newContext, openPage } from './browser.ts';
import { startSafer, type SaferServer } from './server.ts';

/** Generous limits, so that a hung browser or server fails the run instead of hanging it. */
export const STARTUP_TIMEOUT_MS = 240_000;
export const TEST_TIMEOUT_MS = 60_000;

/** The demo partnership's name, as its users see it. */
export const DEMO_PARTNERSHIP = 'Safer Maidstone Partnership';

export interface BrowserTestFixture {
  readonly safer: SaferServer;
  readonly browser: Browser;
  /** Opens a page in a new browser context (its own cookies; closed afterwards, whatever happens) and runs `fn` on it. */
  withPage(fn: (page: Page, safer: SaferServer) => Promise<void>, options?: BrowserContextOptions): Promise<void>;
}

/** Call inside describe(): registers the before and after hooks that start and stop both (see startSafer for `setup`). */
export function useSaferAndBrowser(options: { setup?: string[][] } = {}): BrowserTestFixture {
  let safer: SaferServer | undefined;
  let browser: Browser | undefined;

  before(
    async () => {
      const [server, chromium] = await Promise.allSettled([startSafer(options), launchBrowser()]);
      if (server.status === 'fulfilled') safer = server.value;
      if (chromium.status === 'fulfilled') browser = chromium.value;
      // If one failed, the after hook still stops the other.
      if (server.status === 'rejected') throw server.reason;
      if (chromium.status === 'rejected') throw new Error(`Chromium did not start: ${String(chromium.reason)}`, { cause: chromium.reason });
    },
    { timeout: STARTUP_TIMEOUT_MS },
  );

  after(
    async () => {
      await Promise.all([browser?.close(), safer?.stop()]);
    },
    { timeout: STARTUP_TIMEOUT_MS },
  );

  return {
    get safer() {
      if (!safer) throw new Error('The Safer server has not started');
      return safer;
    },
    get browser() {
      if (!browser) throw new Error('Chromium has not started');
      return browser;
    },
    async withPage(fn, options = {}) {
      const context = await newContext(this.browser, this.safer.baseUrl, options);
      try {
        await fn(await openPage(context), this.safer);
      } finally {
        await context.close();
      }
    },
  };
}
