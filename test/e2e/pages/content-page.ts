import type { Page } from 'playwright-core';
import { expectOnPage, type PageIdentity } from './base-page.ts';
import { expectOnRecordPage, type RecordPageIdentity } from './record-page.ts';
import { SignedInPage } from './signed-in-page.ts';

/**
 * Any signed-in page known by its path (fixed, or a pattern for a record's page) and its h1, for
 * tests that visit many pages to check each one rather than to use it.
 */
export class ContentPage extends SignedInPage {
  static async verifyOnPage(page: Page, identity: PageIdentity | RecordPageIdentity): Promise<ContentPage> {
    if (typeof identity.path === 'string') await expectOnPage(page, { ...identity, path: identity.path });
    else await expectOnRecordPage(page, { ...identity, path: identity.path });
    return new ContentPage(page);
  }
}
