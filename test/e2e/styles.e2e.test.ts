/**
 * What the browser does with Safer's styles under its Content-Security-Policy: the plan and the
 * quarterly report as web pages are styled, the governance diagram keeps within its column, no page
 * scrolls sideways on a phone, and printing leaves out navigation, forms and buttons.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { expectNoSidewaysScroll } from './pages/base-page.ts';
import { ContentPage } from './pages/content-page.ts';
import { firstLinkTo, serviceNavigationLink } from './pages/record-page.ts';
import { signInAs } from './pages/sign-in-flow.ts';
import { newContext, openPage } from './support/browser.ts';
import { DEMO_PARTNERSHIP, TEST_TIMEOUT_MS, useSaferAndBrowser } from './support/fixture.ts';

const DESKTOP = { width: 1366, height: 900 };

/** A computed style of the first element matching the selector. */
function computed(page: Page, selector: string, property: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), property);
}

/** The styles blocked by the Content-Security-Policy, as the browser reports them. */
function blockedStyles(page: Page): string[] {
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text()) && /style/i.test(message.text())) blocked.push(message.text());
  });
  return blocked;
}

describe('styles in the browser', () => {
  const fixture = useSaferAndBrowser();

  /** Runs the steps in a new window the size of a laptop's screen, signed in as the demo coordinator. */
  async function asCoordinator(steps: (page: Page, blocked: string[]) => Promise<void>): Promise<void> {
    const { safer, browser } = fixture;
    const context = await newContext(browser, safer.baseUrl, { viewport: DESKTOP });
    try {
      const page = await openPage(context);
      const blocked = blockedStyles(page);
      await signInAs(page, safer.coordinator, DEMO_PARTNERSHIP);
      await steps(page, blocked);
    } finally {
      await context.close();
    }
  }

  test('the plan and the quarterly report as web pages have their styles applied', { timeout: TEST_TIMEOUT_MS }, async () => {
    await asCoordinator(async (page, blocked) => {
      await serviceNavigationLink(page, 'Plans').click();
      await ContentPage.verifyOnPage(page, { path: '/plans', heading: 'Plans' });
      await (await firstLinkTo(page.getByRole('main'), /^\/plans\/\d+$/)).click();
      await page.waitForURL(/\/plans\/\d+$/);
      await (await firstLinkTo(page.getByRole('main'), /^\/plans\/\d+\/document$/)).click();
      await page.waitForURL(/\/plans\/\d+\/document$/);
      await page.locator('[data-qa="download-html"]').click();
      await page.waitForURL(/\/plans\/\d+\/document\.html$/);
      // The title page has its blue rule, and the text its column, only if the <style> applied.
      assert.equal(await computed(page, '.cover', 'border-bottom-width'), '10px', 'the plan’s title page is styled');
      assert.equal(await computed(page, 'body', 'max-width'), '874px', 'the plan’s text keeps to a readable column (46em)');
      await expectNoSidewaysScroll(page);

      await page.goto('/performance/report.html?period=2019-Q1&version=full');
      assert.equal(await computed(page, '.cover', 'border-bottom-width'), '10px', 'the report’s title page is styled');
      assert.equal(await computed(page, 'table', 'border-collapse'), 'collapse', 'the report’s tables are styled');
      await expectNoSidewaysScroll(page);
      assert.deepEqual(blocked, [], 'the browser blocked no style');
    });
  });

  test('the governance diagram stays within its column, and scrolls in its own box on a phone', { timeout: TEST_TIMEOUT_MS }, async () => {
    await asCoordinator(async (page, blocked) => {
      await page.goto('/governance/structure');
      const structure = await ContentPage.verifyOnPage(page, { path: '/governance/structure', heading: 'Governance structure' });
      await structure.checkAccessibility();

      const diagram = page.locator('[data-qa="structure-diagram"]');
      assert.equal(await diagram.evaluate((e) => getComputedStyle(e).overflowX), 'auto', 'the diagram’s box scrolls if it must');
      const column = await page.locator('.govuk-grid-column-full').first().boundingBox();
      const drawing = await diagram.locator('svg').boundingBox();
      assert.ok(column && drawing, 'the column and the diagram are on the page');
      assert.ok(
        drawing.x >= column.x && drawing.x + drawing.width <= column.x + column.width + 0.5,
        `the diagram (${drawing.x}-${drawing.x + drawing.width} px) is within its column (${column.x}-${column.x + column.width} px)`,
      );
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        'the page does not scroll sideways at 1366 px',
      );
      await expectNoSidewaysScroll(page);
      assert.deepEqual(blocked, [], 'the browser blocked no style');
    });
  });

  test('on a phone the navigation folds behind its Menu button, with no script errors', { timeout: TEST_TIMEOUT_MS }, async () => {
    await asCoordinator(async (page) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || /Error/.test(message.text())) errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto('/');
      const menu = page.locator('.govuk-service-navigation__toggle');
      await menu.waitFor({ state: 'visible' });
      const list = page.locator('.govuk-service-navigation__list');
      assert.equal(await list.isVisible(), false, 'the navigation is folded until Menu is pressed');
      await menu.click();
      assert.equal(await list.isVisible(), true, 'Menu unfolds the navigation');
      assert.deepEqual(errors, [], 'no script errors');
    });
  });

  test('printing a dashboard or the report page leaves out navigation, forms and buttons', { timeout: TEST_TIMEOUT_MS }, async () => {
    await asCoordinator(async (page) => {
      await serviceNavigationLink(page, 'Performance').click();
      await ContentPage.verifyOnPage(page, { path: '/performance', heading: 'Performance' });
      await (await firstLinkTo(page.getByRole('main'), /^\/performance\/priorities\/\d+\?period=[\w-]+$/)).click();
      await page.waitForURL(/\/performance\/priorities\/\d+\?period=[\w-]+$/);
      const hidden = ['.govuk-service-navigation', '.govuk-template__header', '.govuk-footer', 'form', '.govuk-button'];
      const shownOnScreen = async () => {
        const shown: string[] = [];
        for (const selector of hidden) {
          if ((await page.locator(selector).count()) && (await computed(page, selector, 'display')) !== 'none') shown.push(selector);
        }
        return shown;
      };
      assert.ok((await shownOnScreen()).includes('.govuk-service-navigation'), 'on screen, the dashboard has its navigation');
      await page.emulateMedia({ media: 'print' });
      assert.deepEqual(await shownOnScreen(), [], 'printed, the dashboard shows none of these');
      assert.notEqual(await computed(page, 'main h1', 'display'), 'none', 'printed, the dashboard keeps its heading');

      await page.goto('/performance/report');
      assert.deepEqual(await shownOnScreen(), [], 'printed, the report page shows none of these');
    });
  });
});
