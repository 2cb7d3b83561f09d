import type { Page } from 'playwright-core';
import { verifyOn } from './base-page.ts';
import { SignedInPage } from './signed-in-page.ts';

/** The signed-in user's own account: password, authenticator app and recovery codes. */
export class AccountPage extends SignedInPage {
  static readonly identity = { path: '/account', heading: 'Your account' };

  static readonly verifyOnPage = (page: Page): Promise<AccountPage> => verifyOn(page, AccountPage);
}
