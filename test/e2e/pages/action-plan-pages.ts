import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { expectOnPage, verifyOn } from './base-page.ts';
import { expectFormErrors, expectOnRecordPage } from './record-page.ts';
import { SignedInPage } from './signed-in-page.ts';

/** Picks the option of a select whose text starts with the given text (its label may add, say, an agency). */
async function selectOptionStartingWith(select: Locator, text: string): Promise<void> {
  const options = await select
    .locator('option')
    .evaluateAll((elements) => elements.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent?.trim() ?? '' })));
  const option = options.find((o) => o.text.startsWith(text));
  assert.ok(option, `an option starting "${text}"; the options are: ${options.map((o) => o.text).join(', ')}`);
  await select.selectOption(option.value);
}

/** Every group's action plans. */
export class ActionPlansPage extends SignedInPage {
  static readonly identity = { path: '/action-plans', heading: 'Action plans' };

  static readonly verifyOnPage = (page: Page): Promise<ActionPlansPage> => verifyOn(page, ActionPlansPage);

  get addActionPlanButton(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: 'Add an action plan' });
  }

  get table(): Locator {
    return this.page.locator('[data-qa="action-plans"]');
  }
}

/** The form that adds an action plan for a group and a financial year. */
export class ActionPlanFormPage extends SignedInPage {
  static readonly identity = { path: '/action-plans/new', heading: 'Add an action plan' };

  static readonly verifyOnPage = (page: Page): Promise<ActionPlanFormPage> => verifyOn(page, ActionPlanFormPage);

  static async verifyErrors(page: Page, messages: readonly string[]): Promise<ActionPlanFormPage> {
    await expectFormErrors(page, { path: /^\/action-plans\/new$/, heading: ActionPlanFormPage.identity.heading }, messages);
    return new ActionPlanFormPage(page);
  }

  async fill(plan: { group: string; year: number; title: string }): Promise<void> {
    await this.page.getByLabel('Group', { exact: true }).selectOption({ label: plan.group });
    await this.page.getByLabel('Year', { exact: true }).selectOption(String(plan.year));
    await this.page.getByLabel('Title', { exact: true }).fill(plan.title);
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add action plan' }).click();
  }
}

/** One action plan and its actions. */
export class ActionPlanPage extends SignedInPage {
  static async verifyOnPage(page: Page, title?: string): Promise<ActionPlanPage> {
    await expectOnRecordPage(page, { path: /^\/action-plans\/\d+$/, heading: title });
    return new ActionPlanPage(page);
  }

  get addActionButton(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: 'Add an action' });
  }

  get equalityLink(): Locator {
    return this.page
      .getByRole('main')
      .getByRole('link', { name: /equality/i })
      .first();
  }

  get actions(): Locator {
    return this.page.locator('[data-qa="actions"]');
  }
}

/** The form that adds an action to an action plan. */
export class ActionFormPage extends SignedInPage {
  static readonly heading = 'Add an action';
  static readonly path = /^\/action-plans\/\d+\/actions\/new$/;

  static async verifyOnPage(page: Page): Promise<ActionFormPage> {
    await expectOnRecordPage(page, { path: ActionFormPage.path, heading: ActionFormPage.heading });
    return new ActionFormPage(page);
  }

  static async verifyErrors(page: Page, messages: readonly string[]): Promise<ActionFormPage> {
    await expectFormErrors(page, { path: ActionFormPage.path, heading: ActionFormPage.heading }, messages);
    return new ActionFormPage(page);
  }

  async fill(action: {
    title: string;
    description: string;
    priority: string;
    leadUser: string;
    status: string;
    statusReason: string;
    due: { day: string; month: string; year: string };
  }): Promise<void> {
    await this.page.getByLabel('Title', { exact: true }).fill(action.title);
    await this.page.getByLabel('Description', { exact: true }).fill(action.description);
    await this.page.getByLabel('Priority', { exact: true }).selectOption({ label: action.priority });
    await selectOptionStartingWith(this.page.getByLabel('Lead person', { exact: true }), action.leadUser);
    const due = this.page.getByRole('group', { name: 'Due date' });
    await due.getByLabel('Day').fill(action.due.day);
    await due.getByLabel('Month').fill(action.due.month);
    await due.getByLabel('Year').fill(action.due.year);
    await this.page.getByLabel('Status', { exact: true }).selectOption({ label: action.status });
    await this.page.getByLabel('Reason for the status', { exact: true }).fill(action.statusReason);
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add action' }).click();
  }
}

/** One action: its status, lead, milestones and progress updates, and the form to post one. */
export class ActionPage extends SignedInPage {
  static readonly path = /^\/actions\/\d+$/;

  static async verifyOnPage(page: Page, title?: string): Promise<ActionPage> {
    await expectOnRecordPage(page, { path: ActionPage.path, heading: title });
    return new ActionPage(page);
  }

  get summary(): Locator {
    return this.page.locator('[data-qa="action-summary"]');
  }

  /** The action's status tag(s), as its summary shows them. */
  get status(): Locator {
    return this.summary.locator('.govuk-summary-list__row', { hasText: 'Status' }).locator('.govuk-summary-list__value');
  }

  get updates(): Locator {
    return this.page.locator('[data-qa="updates"]');
  }

  get notification(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  async postUpdate(update: { text: string; status: string; statusReason?: string }): Promise<void> {
    const form = this.page.locator('form', { has: this.page.getByRole('button', { name: 'Post update' }) });
    await form.getByLabel('Progress made', { exact: true }).fill(update.text);
    await form.getByLabel('Status', { exact: true }).selectOption({ label: update.status });
    await form.getByLabel('Reason for the status', { exact: true }).fill(update.statusReason ?? '');
    await form.getByRole('button', { name: 'Post update' }).click();
  }
}

/** A list of actions: all, mine, overdue or at risk; with its CSV and XLSX downloads. */
export class ActionsListPage extends SignedInPage {
  static readonly lists = {
    all: { path: '/actions', heading: 'All actions' },
    mine: { path: '/actions/mine', heading: 'My actions' },
    overdue: { path: '/actions/overdue', heading: 'Overdue actions' },
    atRisk: { path: '/actions/at-risk', heading: 'Actions at risk or off track' },
  } as const;

  static async verifyOnPage(page: Page, list: keyof typeof ActionsListPage.lists): Promise<ActionsListPage> {
    await expectOnPage(page, ActionsListPage.lists[list]);
    return new ActionsListPage(page);
  }

  get table(): Locator {
    return this.page.locator('[data-qa="actions"]');
  }

  row(actionTitle: string): Locator {
    return this.table.locator('tr', { has: this.page.getByRole('link', { name: actionTitle, exact: true }) });
  }

  get xlsxLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: 'Download XLSX of this list of actions' });
  }

  get csvLink(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: 'Download CSV of this list of actions' });
  }
}
