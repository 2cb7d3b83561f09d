import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { documentStatus } from '../support/browser.ts';

/** WCAG 2.2 AA, as GOV.UK services are assessed. No rule is disabled. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Best-practice rules run as well: all content within a landmark (the back link included). */
export const AXE_EXTRA_RULES = ['region'];
/** A phone's width in CSS pixels, at which no page may scroll sideways (WCAG 1.4.10 Reflow asks for 320). */
export const PHONE_WIDTH = 375;

type Violations = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'];

function describeViolations(violations: Violations): string {
  return violations
    .map((v) => {
      const targets = v.nodes.map((n) => `    ${n.target.map((s) => (Array.isArray(s) ? s.join(' >>> ') : s)).join(' in frame ')}`);
      return `  ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}\n    ${v.helpUrl}\n${targets.join('\n')}`;
    })
    .join('\n');
}

/**
 * What a page must show for the test to be on it: its path, its h1 (any text when omitted) and its
 * window title (by default, the h1 followed by " - " and the service or partnership name).
 */
export interface PageIdentity {
  path: string;
  heading?: string | RegExp;
  title?: RegExp;
}

/**
 * Waits until the browser is on the page (path and h1), so the next step does not race the
 * navigation that got there, and checks it is the page itself rather than an error page.
 */
export async function expectOnPage(page: Page, identity: PageIdentity): Promise<void> {
  await page.waitForURL((url) => url.pathname === identity.path);
  const heading = page.getByRole('heading', { level: 1 });
  await heading.first().waitFor();
  const status = documentStatus(page);
  assert.ok(status !== undefined, 'no HTTP status was recorded for this page: open pages with openPage() from support/browser.ts');
  if (status < 200 || status > 299) {
    assert.fail(`${identity.path} answered HTTP ${status} with the page "${(await heading.first().innerText()).trim()}"`);
  }
  assert.equal(await heading.count(), 1, `${identity.path} should have exactly one h1`);
  const text = (await heading.innerText()).trim();
  if (identity.heading === undefined) assert.notEqual(text, '', `${identity.path} should have an h1 with text`);
  else if (typeof identity.heading === 'string') assert.equal(text, identity.heading, `the h1 on ${identity.path}`);
  else assert.match(text, identity.heading, `the h1 on ${identity.path}`);
  // GOV.UK pattern: the window title starts with the h1, so screen reader users hear where they are.
  const title = await page.title();
  if (identity.title) assert.match(title, identity.title, `the title of ${identity.path}`);
  else
    assert.ok(
      title.startsWith(`${text} - `),
      `the title of ${identity.path} "${title}" should be its h1 "${text}", " - " and the service name`,
    );
}

/**
 * Waits until the browser is on the page of a page class with a fixed identity (see expectOnPage)
 * and returns its page object.
 */
export async function verifyOn<T extends BasePage>(
  page: Page,
  PageClass: { new (page: Page): T; readonly identity: PageIdentity },
): Promise<T> {
  await expectOnPage(page, PageClass.identity);
  return new PageClass(page);
}

/**
 * At a phone's width the page is no wider than the window: wide tables and diagrams scroll inside
 * their own box. Fails naming the elements that stick out. The window's size is put back after.
 */
export async function expectNoSidewaysScroll(page: Page, width = PHONE_WIDTH): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: before?.height ?? 800 });
  try {
    // No named functions inside evaluate(): tsx would wrap them in a helper the page does not have.
    const { scrollWidth, innerWidth, wide } = await page.evaluate(() => {
      const wide: string[] = [];
      for (const e of Array.from(document.body.querySelectorAll('*'))) {
        const right = e.getBoundingClientRect().right;
        if (right <= window.innerWidth + 1 || wide.length >= 5) continue;
        let inScrollBox = false;
        for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
          if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) inScrollBox = true;
        }
        if (!inScrollBox) wide.push(`<${e.tagName.toLowerCase()} class="${e.getAttribute('class') ?? ''}"> ${Math.round(right)} px`);
      }
      return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide };
    });
    assert.ok(
      scrollWidth <= innerWidth,
      `${page.url()} scrolls sideways at ${width} px (${scrollWidth} px wide); it sticks out at:\n  ${wide.join('\n  ')}`,
    );
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/** Waits for a page object (from a verifyOnPage), runs axe on its page, and returns it. */
export async function accessible<T extends BasePage>(verified: Promise<T>): Promise<T> {
  const onPage = await verified;
  await onPage.checkAccessibility();
  return onPage;
}

export abstract class BasePage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get skipLink(): Locator {
    return this.page.getByRole('link', { name: 'Skip to main content' });
  }

  /**
   * Runs axe on the whole page and fails listing every WCAG 2.2 AA violation (rule, help, elements);
   * then checks the page does not scroll sideways on a phone.
   */
  async checkAccessibility(): Promise<void> {
    const rules = Object.fromEntries(AXE_EXTRA_RULES.map((rule) => [rule, { enabled: true }]));
    const results = await new AxeBuilder({ page: this.page }).options({ rules }).withTags(AXE_TAGS).analyze();
    if (results.violations.length > 0) {
      assert.fail(
        `${this.page.url()} has ${results.violations.length} accessibility violation(s):\n${describeViolations(results.violations)}`,
      );
    }
    await expectNoSidewaysScroll(this.page);
  }
}
