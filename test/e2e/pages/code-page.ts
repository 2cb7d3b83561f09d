import type { Locator, Page } from 'playwright-core';
import { BasePage, expectOnPage } from './base-page.ts';

/** The second step of signing in: the code from the authenticator app. */
export class CodePage extends BasePage {
  static readonly identity = { path: '/sign-in/code', heading: 'Enter the code from your authenticator app' };

  static async verifyOnPage(page: Page): Promise<CodePage> {
    await expectOnPage(page, CodePage.identity);
    return new CodePage(page);
  }

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
