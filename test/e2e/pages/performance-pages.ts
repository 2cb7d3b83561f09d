import type { Locator, Page } from 'playwright-core';
import { verifyOn } from './base-page.ts';
import { escapeRegExp, expectOnRecordPage } from './record-page.ts';
import { SignedInPage } from './signed-in-page.ts';

/** Every priority of the plan with its indicators and actions: /performance. */
export class PerformancePage extends SignedInPage {
  static readonly identity = { path: '/performance', heading: 'Performance' };

  static readonly verifyOnPage = (page: Page): Promise<PerformancePage> => verifyOn(page, PerformancePage);

  get indicatorLibraryLink(): Locator {
    return this.page.locator('[data-qa="performance-links"]').getByRole('link', { name: 'Indicator library', exact: true });
  }

  get reportLink(): Locator {
    return this.page.locator('[data-qa="performance-links"]').getByRole('link', { name: 'Quarterly performance report', exact: true });
  }

  /** A priority's section, by its title. */
  priority(title: string): Locator {
    return this.page.locator('[data-qa="priority"]', {
      has: this.page.getByRole('heading', { level: 2, name: new RegExp(`: ${escapeRegExp(title)}$`) }),
    });
  }

  dashboardLink(title: string): Locator {
    return this.priority(title).locator('[data-qa="dashboard-link"]');
  }
}

/** The indicator library: /indicators (the indicators feature's page, as far as this journey uses it). */
export class IndicatorLibraryPage extends SignedInPage {
  static readonly identity = { path: '/indicators', heading: 'Indicators' };

  static readonly verifyOnPage = (page: Page): Promise<IndicatorLibraryPage> => verifyOn(page, IndicatorLibraryPage);

  get addIndicatorButton(): Locator {
    return this.page.locator('[data-qa="add-indicator"]');
  }
}

/** What a police.uk indicator is: its name, definition, unit, priority and crime type. */
export interface PoliceIndicator {
  name: string;
  definition: string;
  unit: string;
  priority: string;
  crimeType: string;
}

/** The form that adds an indicator: /indicators/new, by the labels the indicators feature gives its fields. */
export class NewIndicatorPage extends SignedInPage {
  static readonly identity = { path: '/indicators/new', heading: 'Add an indicator' };

  static readonly verifyOnPage = (page: Page): Promise<NewIndicatorPage> => verifyOn(page, NewIndicatorPage);

  /** A monthly count of one crime type in the whole partnership area, from police.uk, lower being better. */
  async fillPoliceIndicator(indicator: PoliceIndicator): Promise<void> {
    const form = this.page.getByRole('main');
    await form.getByLabel('Name', { exact: true }).fill(indicator.name);
    await form.getByLabel('Definition', { exact: true }).fill(indicator.definition);
    await form.getByLabel('Unit (optional)', { exact: true }).fill(indicator.unit);
    await form.getByLabel('Priority or theme', { exact: true }).selectOption({ label: `Priority: ${indicator.priority}` });
    await form.getByRole('group', { name: 'How often is it measured?' }).getByRole('radio', { name: 'Monthly', exact: true }).check();
    await form
      .getByRole('group', { name: 'Which way is improvement?' })
      .getByRole('radio', { name: 'Lower is better', exact: true })
      .check();
    await form
      .getByRole('group', { name: 'Where do the values come from?' })
      .getByRole('radio', { name: 'police.uk crime data', exact: true })
      .check();
    await form
      .getByRole('group', { name: 'Crime types', exact: true })
      .getByRole('checkbox', { name: indicator.crimeType, exact: true })
      .check();
    await form
      .getByRole('group', { name: 'Area', exact: true })
      .getByRole('radio', { name: 'The whole partnership area', exact: true })
      .check();
    await form.getByRole('group', { name: 'Measure', exact: true }).first().getByRole('radio', { name: 'Count', exact: true }).check();
  }

  async submit(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Add indicator', exact: true }).click();
  }
}

/** One indicator in the library: /indicators/:id. */
export class IndicatorPage extends SignedInPage {
  static async verifyOnPage(page: Page, name: string): Promise<IndicatorPage> {
    await expectOnRecordPage(page, { path: /^\/indicators\/\d+$/, heading: name });
    return new IndicatorPage(page);
  }
}

/** A priority's dashboard: /performance/priorities/:id. */
export class PriorityDashboardPage extends SignedInPage {
  static async verifyOnPage(page: Page, title: string): Promise<PriorityDashboardPage> {
    await expectOnRecordPage(page, { path: /^\/performance\/priorities\/\d+$/, heading: title });
    return new PriorityDashboardPage(page);
  }

  /** An indicator's section, by its name. */
  indicator(name: string): Locator {
    return this.page.locator('[data-qa="indicator"]', { has: this.page.getByRole('heading', { level: 3, name, exact: true }) });
  }

  /** The SPC chart of an indicator: an SVG image named by its title. */
  chart(name: string): Locator {
    return this.indicator(name)
      .locator('[data-qa="spc-chart"]')
      .getByRole('img', { name: `${name}: statistical process control chart` });
  }

  table(name: string): Locator {
    return this.indicator(name).locator('[data-qa="spc-table"]');
  }

  facts(name: string): Locator {
    return this.indicator(name).locator('[data-qa="indicator-facts"]');
  }
}

/** Where the quarterly performance report is made: /performance/report. */
export class PerformanceReportPage extends SignedInPage {
  static readonly identity = { path: '/performance/report', heading: 'Quarterly performance report' };

  static readonly verifyOnPage = (page: Page): Promise<PerformanceReportPage> => verifyOn(page, PerformanceReportPage);

  async choose(options: { quarter: string; version: 'Full version' | 'Public version' }): Promise<void> {
    const form = this.page.locator('[data-qa="report-form"]');
    await form.getByLabel('Quarter', { exact: true }).selectOption(options.quarter);
    await form.getByRole('radio', { name: options.version, exact: true }).check();
  }

  get docxButton(): Locator {
    return this.page.locator('[data-qa="download-docx"]');
  }

  get pdfButton(): Locator {
    return this.page.locator('[data-qa="download-pdf"]');
  }
}
