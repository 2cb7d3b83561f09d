import type { Page } from 'playwright-core';
import { expectOnPage } from './base-page.ts';
import { SignedInPage } from './signed-in-page.ts';

/** The signed-in user's own account: password, authenticator app and recovery codes. */
export class AccountPage extends SignedInPage {
  static readonly identity = { path: '/account', heading: 'Your account' };

  static async verifyOnPage(page: Page): Promise<AccountPage> {
    await expectOnPage(page, AccountPage.identity);
    return new AccountPage(page);
  }
}
