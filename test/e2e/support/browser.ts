/**
 * Chromium through playwright-core, from CHROMIUM_PATH (default /usr/bin/chromium). Safer's tests
 * use the system Chromium rather than a browser downloaded by Playwright.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Tests run as root in CI, where Chromium's sandbox cannot start.
    chromiumSandbox: false,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    timeout: 30_000,
  });
}

/** A fresh browser context (its own cookies) against the server, failing fast on a hung page. */
export async function newContext(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'en-GB', ...options });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  return context;
}

const documentStatuses = new WeakMap<Page, number>();

/** A new tab whose page documents' HTTP statuses are recorded, so tests can tell a page from an error page. */
export async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) documentStatuses.set(page, response.status());
  });
  return page;
}

/** The HTTP status of the document the page last navigated to (after redirects), if it was recorded. */
export function documentStatus(page: Page): number | undefined {
  return documentStatuses.get(page);
}
