import type { Locator, Page } from 'playwright-core';
import { BasePage, expectOnPage } from './base-page.ts';

export class SignedOutPage extends BasePage {
  static readonly identity = { path: '/sign-out', heading: 'You have signed out' };

  static async verifyOnPage(page: Page): Promise<SignedOutPage> {
    await expectOnPage(page, SignedOutPage.identity);
    return new SignedOutPage(page);
  }

  get signInAgainLink(): Locator {
    return this.page.locator('[data-qa="sign-in-again"]');
  }
}
