/**
 * Every main page once, as the demo coordinator, through axe (WCAG 2.2 AA). Records are reached by
 * the first link to them on the page before, never by a guessed id.
 */
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { PageIdentity } from './pages/base-page.ts';
import { ContentPage } from './pages/content-page.ts';
import { firstLinkTo, serviceNavigationLink, type RecordPageIdentity } from './pages/record-page.ts';
import { signInAs } from './pages/sign-in-flow.ts';
import { DEMO_PARTNERSHIP, useSaferAndBrowser } from './support/fixture.ts';

const SWEEP_TIMEOUT_MS = 150_000;

describe('accessibility of the main pages', () => {
  const fixture = useSaferAndBrowser();

  test('the coordinator’s main pages have no WCAG 2.2 AA violations', { timeout: SWEEP_TIMEOUT_MS }, () =>
    fixture.withPage(async (page, safer) => {
      await signInAs(page, safer.coordinator, DEMO_PARTNERSHIP);

      /** Checks the page the last step led to, then runs axe on it. */
      const check = async (identity: PageIdentity | RecordPageIdentity): Promise<Page> => {
        await (await ContentPage.verifyOnPage(page, identity)).checkAccessibility();
        return page;
      };
      const main = () => page.getByRole('main');
      const follow = async (href: RegExp) => (await firstLinkTo(main(), href)).click();

      // Plans
      await serviceNavigationLink(page, 'Plans').click();
      await check({ path: '/plans', heading: 'Plans' });
      await follow(/^\/plans\/\d+$/);
      await check({ path: /^\/plans\/\d+$/ });
      const planPath = new URL(page.url()).pathname;
      await follow(/^\/priorities\/\d+$/);
      await check({ path: /^\/priorities\/\d+$/ });
      // Deleting says what still uses the priority (the demo's have actions) rather than deleting it.
      await follow(/^\/priorities\/\d+\/delete$/);
      await check({ path: /^\/priorities\/\d+\/delete$/, heading: /^You cannot delete the priority “.+”$/ });
      await page.goBack();
      await page.goBack();
      await follow(/^\/plans\/\d+\/versions$/);
      await check({ path: /^\/plans\/\d+\/versions$/, heading: 'Versions of the plan' });
      await page.goto(planPath);
      await follow(/^\/plans\/\d+\/document$/);
      await check({ path: /^\/plans\/\d+\/document$/, heading: 'Download the plan' });
      // Wait for the new page before looking for its links: a click does not wait for the navigation.
      await Promise.all([page.waitForURL(/\/plans$/), serviceNavigationLink(page, 'Plans').click()]);
      await follow(/^\/glossary$/);
      await check({ path: '/glossary', heading: 'Glossary' });
      await follow(/^\/glossary\/\d+\/delete$/);
      await check({ path: /^\/glossary\/\d+\/delete$/, heading: /^Are you sure you want to delete the term “.+”\?$/ });
      // Wait for the new page before looking for its links: a click does not wait for the navigation.
      await Promise.all([page.waitForURL(/\/plans$/), serviceNavigationLink(page, 'Plans').click()]);
      await follow(/^\/survey-results$/);
      await check({ path: '/survey-results', heading: 'Survey results' });

      // Governance
      await serviceNavigationLink(page, 'Governance').click();
      await check({ path: '/governance', heading: 'Governance' });
      await follow(/^\/governance\/structure$/);
      await check({ path: '/governance/structure', heading: 'Governance structure' });
      await Promise.all([page.waitForURL(/\/governance$/), serviceNavigationLink(page, 'Governance').click()]);
      // The partnership itself, which has meetings.
      await main().getByRole('link', { name: DEMO_PARTNERSHIP, exact: true }).click();
      await check({ path: /^\/governance\/bodies\/\d+$/, heading: new RegExp(`^${DEMO_PARTNERSHIP}`) });
      await follow(/^\/governance\/meetings\/\d+$/);
      await check({ path: /^\/governance\/meetings\/\d+$/ });
      // Wait for the new page before looking for its links: a click does not wait for the navigation.
      await Promise.all([page.waitForURL(/\/governance$/), serviceNavigationLink(page, 'Governance').click()]);
      await follow(/^\/governance\/attendance$/);
      await check({ path: '/governance/attendance', heading: /^Attendance of responsible authorities in \d{4}$/ });

      // Funding
      await serviceNavigationLink(page, 'Funding').click();
      await check({ path: '/funding', heading: 'Funding' });

      // Action plans and actions
      await serviceNavigationLink(page, 'Action plans').click();
      await check({ path: '/action-plans', heading: 'Action plans' });
      await follow(/^\/action-plans\/\d+$/);
      await check({ path: /^\/action-plans\/\d+$/ });
      const actionPlanPath = new URL(page.url()).pathname;
      await follow(/^\/actions\/\d+$/);
      await check({ path: /^\/actions\/\d+$/ });
      await page.goto(actionPlanPath);
      await follow(/^\/action-plans\/\d+\/equality$/);
      await check({ path: /^\/action-plans\/\d+\/equality$/, heading: 'Equality analysis' });
      await serviceNavigationLink(page, 'My actions').click();
      await check({ path: '/actions/mine', heading: 'My actions' });
      await main().getByRole('navigation', { name: 'Action views' }).getByRole('link', { name: 'Overdue', exact: true }).click();
      await check({ path: '/actions/overdue', heading: 'Overdue actions' });
      await main()
        .getByRole('navigation', { name: 'Action views' })
        .getByRole('link', { name: 'At risk or off track', exact: true })
        .click();
      await check({ path: '/actions/at-risk', heading: 'Actions at risk or off track' });

      // Imports
      await serviceNavigationLink(page, 'Import data').click();
      await check({ path: '/imports', heading: 'Import data' });
    }),
  );

  test('the performance and service-usage pages have no WCAG 2.2 AA violations', { timeout: SWEEP_TIMEOUT_MS }, () =>
    fixture.withPage(async (page, safer) => {
      await signInAs(page, safer.coordinator, DEMO_PARTNERSHIP);
      const check = async (identity: PageIdentity | RecordPageIdentity): Promise<void> => {
        await (await ContentPage.verifyOnPage(page, identity)).checkAccessibility();
      };
      const main = () => page.getByRole('main');
      const follow = async (href: RegExp) => (await firstLinkTo(main(), href)).click();

      // The indicator library: an indicator's edit and targets pages, a manual indicator's values, harm weights.
      await page.goto('/indicators');
      await check({ path: '/indicators', heading: 'Indicators' });
      await follow(/^\/indicators\/\d+$/);
      await check({ path: /^\/indicators\/\d+$/ });
      await follow(/^\/indicators\/\d+\/edit$/);
      await check({ path: /^\/indicators\/\d+\/edit$/ });
      await page.goBack();
      await follow(/^\/indicators\/\d+\/targets$/);
      await check({ path: /^\/indicators\/\d+\/targets$/, heading: 'Targets' });
      await page.goto('/indicators');
      await main()
        .getByRole('link', { name: /domestic abuse/i })
        .first()
        .click();
      await follow(/^\/indicators\/\d+\/values$/);
      await check({ path: /^\/indicators\/\d+\/values$/, heading: 'Values' });
      await page.goto('/indicators');
      await follow(/^\/harm-weights$/);
      await check({ path: '/harm-weights', heading: 'Harm weights' });

      // Service-usage data and geography imports, from the import page.
      await serviceNavigationLink(page, 'Import data').click();
      await check({ path: '/imports', heading: 'Import data' });
      await follow(/^\/service-usage$/);
      await check({ path: '/service-usage', heading: 'Service-usage data' });
      await follow(/^\/service-usage\/\d+$/);
      await check({ path: /^\/service-usage\/\d+$/, heading: 'One-stop shop visits' });
      await page.goto('/service-usage');
      await follow(/^\/service-usage\/upload$/);
      await check({ path: '/service-usage/upload', heading: 'Upload service-usage data' });
      await serviceNavigationLink(page, 'Import data').click();
      await page.waitForURL(/\/imports$/);
      await follow(/^\/imports\/geography$/);
      await check({ path: '/imports/geography', heading: 'Geography imports' });
    }),
  );
});
