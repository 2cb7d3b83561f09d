import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { AccountPage } from './pages/account-page.ts';
import { CodePage } from './pages/code-page.ts';
import { HomePage } from './pages/home-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { SignedOutPage } from './pages/signed-out-page.ts';
import { DEMO_PARTNERSHIP, TEST_TIMEOUT_MS, useSaferAndBrowser } from './support/fixture.ts';
import { freshCode } from './support/totp.ts';

/** True when this element has the keyboard focus. */
async function isFocused(page: Page, element: Locator): Promise<boolean> {
  return (await element.and(page.locator(':focus')).count()) === 1;
}

/** A short description of the focused element, for failure messages. */
async function describeFocus(page: Page): Promise<string> {
  const focused = page.locator(':focus');
  if ((await focused.count()) === 0) return 'nothing';
  return (await focused.first().ariaSnapshot()).trim();
}

describe('signing in', () => {
  const fixture = useSaferAndBrowser();

  test('the demo coordinator signs in with a password and an authenticator code, and signs out', { timeout: TEST_TIMEOUT_MS }, () =>
    fixture.withPage(async (page, safer) => {
      const { coordinator } = safer;

      const signInPage = await SignInPage.goto(page);
      await signInPage.checkAccessibility();
      await signInPage.signIn(coordinator.email, coordinator.password);

      const codePage = await CodePage.verifyOnPage(page);
      await codePage.checkAccessibility();
      await codePage.enterCode(await freshCode(coordinator.totpSecret));

      const homePage = await HomePage.verifyOnPage(page, DEMO_PARTNERSHIP);
      await homePage.checkAccessibility();
      assert.equal(await homePage.signOutButton.count(), 1, 'a signed-in page has a sign-out button');

      await homePage.accountLink.click();
      const accountPage = await AccountPage.verifyOnPage(page);
      await accountPage.checkAccessibility();

      await accountPage.signOut();
      const signedOutPage = await SignedOutPage.verifyOnPage(page);
      await signedOutPage.checkAccessibility();
      assert.equal(await page.locator('[data-qa="sign-out"]').count(), 0, 'the signed-out page has no sign-out button');

      await page.goto('/');
      await SignInPage.verifyOnPage(page);
    }),
  );

  test('the sign-in form works without JavaScript', { timeout: TEST_TIMEOUT_MS }, () =>
    fixture.withPage(
      async (page, safer) => {
        const { coordinator } = safer;
        const signInPage = await SignInPage.goto(page);
        assert.equal(await page.locator('body.govuk-frontend-supported').count(), 0, 'the GOV.UK Frontend scripts did not run');
        assert.equal(await signInPage.showPasswordButton.isVisible(), false, 'without JavaScript there is no "Show password" button');
        // No axe check here: axe runs as a script in the page, which cannot finish with JavaScript off.
        await signInPage.signIn(coordinator.email, coordinator.password);
        await CodePage.verifyOnPage(page);
      },
      { javaScriptEnabled: false },
    ),
  );

  test('the sign-in form can be used with the keyboard alone', { timeout: TEST_TIMEOUT_MS }, () =>
    fixture.withPage(async (page, safer) => {
      const { coordinator } = safer;
      const signInPage = await SignInPage.goto(page);

      // Tabbing from the top: the skip link first, then the header's links, then the form.
      await page.keyboard.press('Tab');
      assert.ok(await isFocused(page, signInPage.skipLink), `the first Tab focuses the skip link, not ${await describeFocus(page)}`);
      assert.ok(await signInPage.skipLink.isVisible(), 'the skip link shows when it has the focus');
      for (let presses = 0; !(await isFocused(page, signInPage.emailInput)); presses += 1) {
        assert.ok(presses < 5, `Tab reaches the email address within 5 presses after the skip link; it is on ${await describeFocus(page)}`);
        await page.keyboard.press('Tab');
        if (!(await isFocused(page, signInPage.emailInput))) {
          assert.equal(
            await page.locator('header :focus').count(),
            1,
            `before the form, Tab stops only in the header, not on ${await describeFocus(page)}`,
          );
        }
      }

      // The skip link jumps past the header, straight to the form.
      await page.reload();
      await page.keyboard.press('Tab');
      assert.ok(
        await isFocused(page, signInPage.skipLink),
        `after a reload the first Tab focuses the skip link, not ${await describeFocus(page)}`,
      );
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      assert.ok(
        await isFocused(page, signInPage.emailInput),
        `after the skip link, Tab focuses the email address, not ${await describeFocus(page)}`,
      );
      await page.keyboard.type(coordinator.email);

      await page.keyboard.press('Tab');
      assert.ok(await isFocused(page, signInPage.passwordInput), `then the password, not ${await describeFocus(page)}`);
      await page.keyboard.type(coordinator.password);
      await page.keyboard.press('Tab');
      assert.ok(await isFocused(page, signInPage.showPasswordButton), `then "Show password", not ${await describeFocus(page)}`);
      await page.keyboard.press('Tab');
      assert.ok(await isFocused(page, signInPage.signInButton), `then the "Sign in" button, not ${await describeFocus(page)}`);

      // Back to the password, where Enter submits the form.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      assert.ok(await isFocused(page, signInPage.passwordInput), `Shift+Tab goes back to the password, not ${await describeFocus(page)}`);
      await page.keyboard.press('Enter');
      await CodePage.verifyOnPage(page);
    }),
  );

  test('every demo role signs in while the server runs, from what the sign-in page and the console say', { timeout: TEST_TIMEOUT_MS }, () =>
    fixture.withPage(async (page, safer) => {
      await SignInPage.goto(page);
      const help = page.locator('[data-qa="demo-sign-in"]');
      const password = (await help.locator('code').first().innerText()).trim();
      const emails = (await help.locator('.govuk-summary-list__value').allInnerTexts()).map((e) => e.trim());
      assert.equal(emails.length, 5, 'the sign-in page names a demo user for each of the five roles');
      // The console printed each user's authenticator key beside their email address when Safer started.
      const keyOf = (email: string) => new RegExp(`${email.replaceAll('.', '\\.')}\\s+([A-Z2-7]{32})`).exec(safer.output())?.[1];
      for (const email of emails) {
        const key = keyOf(email);
        assert.ok(key, `the console printed a key for ${email}`);
        await page.context().clearCookies();
        const signInPage = await SignInPage.goto(page);
        await signInPage.signIn(email, password);
        const codePage = await CodePage.verifyOnPage(page);
        await codePage.enterCode(await freshCode(key));
        await HomePage.verifyOnPage(page, DEMO_PARTNERSHIP);
      }
    }),
  );
});
