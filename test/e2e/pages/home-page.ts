import type { Locator, Page } from 'playwright-core';
import { expectOnPage } from './base-page.ts';
import { SignedInPage } from './signed-in-page.ts';

/** The partnership's home page. Its links are found in the main content, not the service navigation. */
export class HomePage extends SignedInPage {
  static async verifyOnPage(page: Page, partnershipName: string): Promise<HomePage> {
    // Its h1 is the partnership's name, so the title need not repeat it.
    await expectOnPage(page, {
      path: '/',
      heading: partnershipName,
      title: new RegExp(`(^| - )${partnershipName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    });
    return new HomePage(page);
  }

  override get heading(): Locator {
    return this.page.locator('[data-qa="home-heading"]');
  }

  get accountLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: 'Password, authenticator app and recovery codes' });
  }

  get agenciesLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: 'Member agencies' });
  }

  get usersLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: 'Users and their roles' });
  }

  get auditLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: 'Audit log' });
  }
}
