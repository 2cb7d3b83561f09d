import type { Locator } from 'playwright-core';
import { BasePage } from './base-page.ts';

/** Any page seen while signed in: it has the sign-out button in the service navigation. */
export abstract class SignedInPage extends BasePage {
  get signOutButton(): Locator {
    return this.page.locator('[data-qa="sign-out"]');
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}
