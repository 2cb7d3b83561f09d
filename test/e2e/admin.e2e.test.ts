import { describe, test } from 'node:test';
import { AgenciesPage, AuditPage, UsersPage } from './pages/admin-pages.ts';
import { CodePage } from './pages/code-page.ts';
import { HomePage } from './pages/home-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { SignedOutPage } from './pages/signed-out-page.ts';
import { DEMO_PARTNERSHIP, TEST_TIMEOUT_MS, useSaferAndBrowser } from './support/fixture.ts';
import { freshCode } from './support/totp.ts';

describe('the partnership administrator', () => {
  const fixture = useSaferAndBrowser();

  test('the demo administrator reaches the agencies, users and audit pages from the home page', { timeout: TEST_TIMEOUT_MS }, () =>
    fixture.withPage(async (page, safer) => {
      const admin = safer.demoUser('admin');
      const signInPage = await SignInPage.goto(page);
      await signInPage.signIn(admin.email, admin.password);
      const codePage = await CodePage.verifyOnPage(page);
      await codePage.enterCode(await freshCode(admin.totpSecret));
      const homePage = await HomePage.verifyOnPage(page, DEMO_PARTNERSHIP);
      await homePage.checkAccessibility();

      await homePage.agenciesLink.click();
      const agenciesPage = await AgenciesPage.verifyOnPage(page);
      await agenciesPage.checkAccessibility();

      await page.goBack();
      await HomePage.verifyOnPage(page, DEMO_PARTNERSHIP);
      await homePage.usersLink.click();
      const usersPage = await UsersPage.verifyOnPage(page);
      await usersPage.checkAccessibility();

      await page.goBack();
      await HomePage.verifyOnPage(page, DEMO_PARTNERSHIP);
      await homePage.auditLink.click();
      const auditPage = await AuditPage.verifyOnPage(page);
      await auditPage.checkAccessibility();

      await auditPage.signOut();
      await SignedOutPage.verifyOnPage(page);
    }),
  );
});
