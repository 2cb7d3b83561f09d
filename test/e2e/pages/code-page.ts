import type { Locator, Page } from 'playwright-core';
import { BasePage, verifyOn } from './base-page.ts';

/** The second step of signing in: the code from the authenticator app. */
export class CodePage extends BasePage {
  static readonly identity = { path: '/sign-in/code', heading: 'Enter the code from your authenticator app' };

  static readonly verifyOnPage = (page: Page): Promise<CodePage> => verifyOn(page, CodePage);

  get codeInput(): Locator {
    return this.page.getByLabel('Enter the code from your authenticator app');
  }

  get continueButton(): Locator {
    return this.page.locator('[data-qa="submit-code"]');
  }

  async enterCode(code: string): Promise<void> {
    await this.codeInput.fill(code);
    await this.continueButton.click();
  }
}
