import type { Page } from 'playwright-core';
import { expectOnPage } from './base-page.ts';
import { SignedInPage } from './signed-in-page.ts';

/** The partnership administrator's pages, reached from the home page. */
export class AgenciesPage extends SignedInPage {
  static readonly identity = { path: '/admin/agencies', heading: 'Agencies' };

  static async verifyOnPage(page: Page): Promise<AgenciesPage> {
    await expectOnPage(page, AgenciesPage.identity);
    return new AgenciesPage(page);
  }
}

export class UsersPage extends SignedInPage {
  static readonly identity = { path: '/admin/users', heading: 'Users' };

  static async verifyOnPage(page: Page): Promise<UsersPage> {
    await expectOnPage(page, UsersPage.identity);
    return new UsersPage(page);
  }
}

export class AuditPage extends SignedInPage {
  static readonly identity = { path: '/admin/audit', heading: 'Audit log' };

  static async verifyOnPage(page: Page): Promise<AuditPage> {
    await expectOnPage(page, AuditPage.identity);
    return new AuditPage(page);
  }
}
