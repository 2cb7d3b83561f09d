import type { Locator, Page } from 'playwright-core';
import { verifyOn } from './base-page.ts';
import { SignedInPage } from './signed-in-page.ts';

/** Explore crime data: the choices form, then the figures, chart, map, tables and downloads. */
export class ExplorePage extends SignedInPage {
  static readonly identity = { path: '/explore', heading: 'Explore crime data' };

  static readonly verifyOnPage = (page: Page): Promise<ExplorePage> => verifyOn(page, ExplorePage);

  private qa(name: string): Locator {
    return this.page.locator(`[data-qa="${name}"]`);
  }

  get areaSelect(): Locator {
    return this.page.getByLabel('Area', { exact: true });
  }

  get showDataButton(): Locator {
    return this.qa('show-data');
  }

  async chooseArea(label: string): Promise<void> {
    await this.areaSelect.selectOption({ label });
    await this.showDataButton.click();
  }

  /** The h2 naming the area and months shown. */
  get resultsHeading(): Locator {
    return this.qa('results-heading');
  }

  get completenessWarning(): Locator {
    return this.qa('completeness-warning');
  }

  get keyFigures(): Locator {
    return this.qa('key-figures');
  }

  /** A key figure's value, by its key. */
  keyFigure(key: string): Locator {
    return this.keyFigures
      .locator('.govuk-summary-list__row', { has: this.page.locator('.govuk-summary-list__key', { hasText: key }) })
      .locator('.govuk-summary-list__value');
  }

  get trendChart(): Locator {
    return this.qa('trend-chart').locator('svg[role="img"]');
  }

  get monthTable(): Locator {
    return this.qa('by-month');
  }

  get map(): Locator {
    return this.qa('lsoa-map').locator('svg[role="img"]');
  }

  get lsoaTable(): Locator {
    return this.qa('by-lsoa');
  }

  /** The month table's rows as [month, count, rate, data quality] texts. */
  async monthRows(): Promise<string[][]> {
    return this.monthTable
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => (cell as HTMLElement).innerText.trim())),
      );
  }

  /** The counts by month, type and LSOA (the other CSV downloads are outcomes and stop and search). */
  get csvLink(): Locator {
    return this.qa('downloads').getByRole('link', { name: /^Counts by month, type and LSOA \(CSV\)$/ });
  }
}
