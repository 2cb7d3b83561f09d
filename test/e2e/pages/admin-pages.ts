import type { Page } from 'playwright-core';
import { verifyOn } from './base-page.ts';
import { SignedInPage } from './signed-in-page.ts';

/** The partnership administrator's pages, reached from the home page. */
export class AgenciesPage extends SignedInPage {
  static readonly identity = { path: '/admin/agencies', heading: 'Agencies' };

  static readonly verifyOnPage = (page: Page): Promise<AgenciesPage> => verifyOn(page, AgenciesPage);
}

export class UsersPage extends SignedInPage {
  static readonly identity = { path: '/admin/users', heading: 'Users' };

  static readonly verifyOnPage = (page: Page): Promise<UsersPage> => verifyOn(page, UsersPage);
}

export class AuditPage extends SignedInPage {
  static readonly identity = { path: '/admin/audit', heading: 'Audit log' };

  static readonly verifyOnPage = (page: Page): Promise<AuditPage> => verifyOn(page, AuditPage);
}
