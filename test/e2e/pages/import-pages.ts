import type { Locator, Page } from 'playwright-core';
import { expectOnPage } from './base-page.ts';
import { expectOnRecordPage } from './record-page.ts';
import { SignedInPage } from './signed-in-page.ts';

/** "Upload police.uk data": for data managers only. */
export class UploadPage extends SignedInPage {
  static async goto(page: Page): Promise<UploadPage> {
    await page.goto('/imports/new');
    await expectOnPage(page, { path: '/imports/new', heading: 'Upload police.uk data' });
    return new UploadPage(page);
  }

  get replaceEvenIfFewer(): Locator {
    return this.page.getByLabel('Replace a month even when the new file has far fewer rows');
  }

  /** Chooses the file and uploads it; ends on the import's page. */
  async upload(file: string): Promise<ImportPage> {
    await this.page.getByLabel('Upload a file').setInputFiles(file);
    await this.page.locator('[data-qa="upload"]').click();
    return ImportPage.verifyOnPage(this.page);
  }
}

/** One import: its status, progress while it runs, files and rejected lines. */
export class ImportPage extends SignedInPage {
  static async verifyOnPage(page: Page): Promise<ImportPage> {
    await expectOnRecordPage(page, { path: /^\/imports\/\d+$/, heading: /^Import \d+$/ });
    return new ImportPage(page);
  }

  get id(): number {
    return Number(/\/imports\/(\d+)/.exec(this.page.url())![1]);
  }

  /** The status in the summary: Running, Completed or Failed. */
  get status(): Locator {
    return this.page.locator('[data-qa="import-summary"] .govuk-tag');
  }
}
