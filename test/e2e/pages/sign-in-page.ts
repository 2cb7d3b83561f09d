import type { Locator, Page } from 'playwright-core';
import { BasePage, verifyOn } from './base-page.ts';

export class SignInPage extends BasePage {
  static readonly identity = { path: '/sign-in', heading: 'Sign in' };

  static async goto(page: Page): Promise<SignInPage> {
    await page.goto(SignInPage.identity.path);
    return SignInPage.verifyOnPage(page);
  }

  static readonly verifyOnPage = (page: Page): Promise<SignInPage> => verifyOn(page, SignInPage);

  get emailInput(): Locator {
    return this.page.getByLabel('Email address', { exact: true });
  }

  get passwordInput(): Locator {
    return this.page.getByLabel('Password', { exact: true });
  }

  get showPasswordButton(): Locator {
    return this.page.getByRole('button', { name: 'Show password' });
  }

  get signInButton(): Locator {
    return this.page.locator('[data-qa="sign-in"]');
  }

  /** Fills in the form and submits it; the caller checks where that leads. */
  async signIn(email: string, password: string): Promise<void> {
    await this.emailInput.fill(email);
    await this.passwordInput.fill(password);
    await this.signInButton.click();
  }
}
