import type { Locator, Page } from 'playwright-core';
import { verifyOn } from './base-page.ts';
import { expectFormErrors, expectOnRecordPage } from './record-page.ts';
import { SignedInPage } from './signed-in-page.ts';

/** The partnership's plans. */
export class PlansPage extends SignedInPage {
  static readonly identity = { path: '/plans', heading: 'Plans' };

  static readonly verifyOnPage = (page: Page): Promise<PlansPage> => verifyOn(page, PlansPage);

  get createPlanButton(): Locator {
    return this.page.locator('[data-qa="create-plan"]');
  }

  planLink(title: string): Locator {
    return this.page.locator('[data-qa="plans"]').getByRole('link', { name: title, exact: true });
  }

  get glossaryLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: 'Glossary', exact: true });
  }

  get surveyResultsLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: 'Survey results', exact: true });
  }
}

/** The form that creates a plan. */
export class PlanFormPage extends SignedInPage {
  static readonly identity = { path: '/plans/new', heading: 'Create a plan' };

  static readonly verifyOnPage = (page: Page): Promise<PlanFormPage> => verifyOn(page, PlanFormPage);

  static async verifyErrors(page: Page, messages: readonly string[]): Promise<PlanFormPage> {
    await expectFormErrors(page, { path: /^\/plans\/new$/, heading: PlanFormPage.identity.heading }, messages);
    return new PlanFormPage(page);
  }

  async fill(plan: { title: string; startsYear: string; endsYear: string; vision: string }): Promise<void> {
    await this.page.getByLabel('Title', { exact: true }).fill(plan.title);
    await this.page.getByLabel('First year', { exact: true }).fill(plan.startsYear);
    await this.page.getByLabel('Last year', { exact: true }).fill(plan.endsYear);
    await this.page.getByLabel('Vision', { exact: true }).fill(plan.vision);
    await this.page.getByRole('radio', { name: 'Draft', exact: true }).check();
  }

  async submit(): Promise<void> {
    await this.page.locator('[data-qa="save"]').click();
  }
}

/** One plan: its details, introduction, priorities and themes. */
export class PlanPage extends SignedInPage {
  static async verifyOnPage(page: Page, title?: string): Promise<PlanPage> {
    await expectOnRecordPage(page, { path: /^\/plans\/\d+$/, heading: title });
    return new PlanPage(page);
  }

  get addPriorityButton(): Locator {
    return this.page.locator('[data-qa="add-priority"]');
  }

  get priorities(): Locator {
    return this.page.locator('[data-qa="priorities"]');
  }

  priorityLink(title: string): Locator {
    return this.priorities.getByRole('link', { name: title, exact: true });
  }

  get documentLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: 'Download the published plan' });
  }

  get versionsLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: 'Earlier versions and what changed' });
  }
}

/** The form that adds a priority to a plan. */
export class PriorityFormPage extends SignedInPage {
  static readonly heading = 'Add a priority';

  static async verifyOnPage(page: Page): Promise<PriorityFormPage> {
    await expectOnRecordPage(page, { path: /^\/plans\/\d+\/priorities\/new$/, heading: PriorityFormPage.heading });
    return new PriorityFormPage(page);
  }

  static async verifyErrors(page: Page, messages: readonly string[]): Promise<PriorityFormPage> {
    await expectFormErrors(page, { path: /^\/plans\/\d+\/priorities\/new$/, heading: PriorityFormPage.heading }, messages);
    return new PriorityFormPage(page);
  }

  async fill(priority: { title: string; whyItMatters: string; objective: string; focus: string; firstYear: string }): Promise<void> {
    await this.page.getByLabel('Title', { exact: true }).fill(priority.title);
    await this.page.getByLabel('Why it matters', { exact: true }).fill(priority.whyItMatters);
    await this.page.getByLabel('Objective', { exact: true }).fill(priority.objective);
    await this.page.getByLabel('What we will focus on', { exact: true }).fill(priority.focus);
    await this.page.getByLabel('In the first 12 months', { exact: true }).fill(priority.firstYear);
  }

  async submit(): Promise<void> {
    await this.page.locator('[data-qa="save"]').click();
  }
}

/** One priority of a plan, with the actions that deliver it. */
export class PriorityPage extends SignedInPage {
  static async verifyOnPage(page: Page, title?: string): Promise<PriorityPage> {
    await expectOnRecordPage(page, { path: /^\/priorities\/\d+$/, heading: title });
    return new PriorityPage(page);
  }

  get actions(): Locator {
    return this.page.locator('[data-qa="priority-actions"]');
  }

  action(title: string): Locator {
    return this.actions.locator('li', { has: this.page.getByRole('link', { name: title, exact: true }) });
  }
}

/** Where the published plan is downloaded as HTML, DOCX or PDF. */
export class PlanDocumentPage extends SignedInPage {
  static readonly heading = 'Download the plan';

  static async verifyOnPage(page: Page): Promise<PlanDocumentPage> {
    await expectOnRecordPage(page, { path: /^\/plans\/\d+\/document$/, heading: PlanDocumentPage.heading });
    return new PlanDocumentPage(page);
  }

  get docxLink(): Locator {
    return this.page.locator('[data-qa="download-docx"]');
  }
}
