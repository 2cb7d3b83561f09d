import type { Page } from 'playwright-core';
import type { DemoUser } from '../support/server.ts';
import { freshCode } from '../support/totp.ts';
import { CodePage } from './code-page.ts';
import { HomePage } from './home-page.ts';
import { serviceNavigationLink } from './record-page.ts';
import { SignInPage } from './sign-in-page.ts';

/** Signs a demo user in with their password and a fresh authenticator code; ends on the home page. */
export async function signInAs(page: Page, user: DemoUser, partnershipName: string): Promise<HomePage> {
  const signInPage = await SignInPage.goto(page);
  await signInPage.signIn(user.email, user.password);
  const codePage = await CodePage.verifyOnPage(page);
  await codePage.enterCode(await freshCode(user.totpSecret));
  return HomePage.verifyOnPage(page, partnershipName);
}

/** Signs a demo user in (see signInAs), then follows the service navigation link with this name. */
export async function signInAndFollow(page: Page, user: DemoUser, partnershipName: string, navigation: string): Promise<void> {
  await signInAs(page, user, partnershipName);
  await serviceNavigationLink(page, navigation).click();
}
