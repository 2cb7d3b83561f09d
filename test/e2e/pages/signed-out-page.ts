import type { Locator, Page } from 'playwright-core';
import { BasePage, verifyOn } from './base-page.ts';

export class SignedOutPage extends BasePage {
  static readonly identity = { path: '/sign-out', heading: 'You have signed out' };

  static readonly verifyOnPage = (page: Page): Promise<SignedOutPage> => verifyOn(page, SignedOutPage);

  get signInAgainLink(): Locator {
    return this.page.locator('[data-qa="sign-in-again"]');
  }
}
