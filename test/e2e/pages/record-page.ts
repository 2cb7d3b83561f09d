import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { documentStatus } from '../support/browser.ts';
import { expectOnPage, type PageIdentity } from './base-page.ts';

/** A page whose path holds a record's id, such as /plans/12: its path as a pattern. */
export interface RecordPageIdentity extends Omit<PageIdentity, 'path'> {
  path: RegExp;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** expectOnPage() for a page whose path matches a pattern rather than a fixed path. */
export async function expectOnRecordPage(page: Page, identity: RecordPageIdentity): Promise<string> {
  await page.waitForURL((url) => identity.path.test(url.pathname));
  const path = new URL(page.url()).pathname;
  await expectOnPage(page, { ...identity, path });
  return path;
}

/**
 * A form shown again with its errors: HTTP 400, "Error: " before the window title, an error
 * summary listing each message and each message by its field.
 */
export async function expectFormErrors(
  page: Page,
  identity: { path: RegExp; heading: string },
  messages: readonly string[],
): Promise<void> {
  await page.waitForURL((url) => identity.path.test(url.pathname));
  const heading = page.getByRole('heading', { level: 1 });
  await heading.first().waitFor();
  assert.equal(documentStatus(page), 400, `the form at ${page.url()} answers 400 when it has errors`);
  assert.equal((await heading.innerText()).trim(), identity.heading);
  const title = await page.title();
  assert.ok(title.startsWith(`Error: ${identity.heading} - `), `the title "${title}" starts with "Error: " and the h1`);
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  const summaryText = await summary.innerText();
  for (const message of messages) {
    assert.ok(summaryText.includes(message), `the error summary says "${message}"; it says:\n${summaryText}`);
    assert.ok((await page.locator('.govuk-error-message', { hasText: message }).count()) >= 1, `"${message}" is shown by its field`);
  }
}

/** The first link in scope whose href matches the pattern, for reaching records without guessing ids. */
export async function firstLinkTo(scope: Locator | Page, hrefPattern: RegExp): Promise<Locator> {
  const links = scope.locator('a[href]');
  const hrefs = await links.evaluateAll((elements) => elements.map((a) => a.getAttribute('href') ?? ''));
  const index = hrefs.findIndex((href) => hrefPattern.test(href));
  assert.ok(index >= 0, `a link to ${String(hrefPattern)}; the links are: ${hrefs.join(' ')}`);
  return links.nth(index);
}

/** A link in the service navigation, by its text. */
export function serviceNavigationLink(page: Page, name: string): Locator {
  return page.locator('.govuk-service-navigation').getByRole('link', { name, exact: true });
}
