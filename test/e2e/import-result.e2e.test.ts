/**
 * Acceptance: after an upload completes, the page the user sees says how it ended. With JavaScript
 * the import's page updates itself: the progress box and the summary say the same when it ends,
 * without a reload. Without JavaScript, the page the Refresh link lands on after the end says it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { STREET_HEADER } from '../../src/features/crime-data/police-uk-format.ts';
import { forceAreas, seededRandom, streetLines, writeZip } from '../../src/features/crime-data/synthetic-street-data.ts';
import { ImportPage, UploadPage } from './pages/import-pages.ts';
import { signInAs } from './pages/sign-in-flow.ts';
import { newContext, openPage } from './support/browser.ts';
import { DEMO_PARTNERSHIP, TEST_TIMEOUT_MS, useSaferAndBrowser } from './support/fixture.ts';

const ANALYST_EMAIL = 'analyst@maidstone.demo.safer.test';
const ROWS = 20_000;

describe('the page after an upload says how it ended', () => {
  const fixture = useSaferAndBrowser({
    setup: [['user', 'data-manager', '--partnership', 'maidstone', '--email', ANALYST_EMAIL, '--grant']],
  });
  let work: string;
  const month = (m: string) => {
    const file = path.join(work, `kent-${m}.zip`);
    const kent = forceAreas().find((a) => a.force === 'kent')!;
    const lines = streetLines(kent, m, ROWS, seededRandom(Number(m.slice(-2)))).lines;
    writeZip(file, [{ name: `${m}/${m}-kent-street.csv`, data: Buffer.from(`${STREET_HEADER.join(',')}\n${lines.join('\n')}\n`) }]);
    return file;
  };

  before(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'safer-e2e-result-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  const summaryValue = (page: Page, key: string) =>
    page.locator('[data-qa="import-summary"] .govuk-summary-list__row', { hasText: key }).locator('dd').innerText();

  test(
    'with JavaScript, the progress box and the summary both say Completed when it ends, without a reload',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const { safer, browser } = fixture;
      const context = await newContext(browser, safer.baseUrl);
      try {
        const page = await openPage(context);
        await signInAs(page, safer.demoUser('analyst'), DEMO_PARTNERSHIP);
        const importPage = await (await UploadPage.goto(page)).upload(month('2019-08'));
        const url = page.url();
        await page.locator('[data-qa="import-summary"] .govuk-tag', { hasText: 'Completed' }).waitFor({ timeout: 45_000 });
        assert.equal(page.url(), url, 'the page was not reloaded');
        assert.equal((await importPage.status.innerText()).trim(), 'Completed');
        assert.match(await page.locator('[data-qa="progress"]').innerText(), /^Completed\. 20,000 rows read\./);
        assert.equal((await summaryValue(page, 'Rows loaded')).trim(), '20,000');
        assert.match(await page.locator('[data-qa="files"]').innerText(), /2019-08-kent-street\.csv/);
        await importPage.checkAccessibility();
      } finally {
        await context.close();
      }
    },
  );

  test('without JavaScript, the page Refresh lands on after the end says Completed', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { safer, browser } = fixture;
    const context = await newContext(browser, safer.baseUrl, { javaScriptEnabled: false });
    try {
      const page = await openPage(context);
      await signInAs(page, safer.demoUser('analyst'), DEMO_PARTNERSHIP);
      let importPage = await (await UploadPage.goto(page)).upload(month('2019-09'));
      const deadline = Date.now() + 45_000;
      while ((await importPage.status.innerText()).trim() === 'Running' && Date.now() < deadline) {
        await page.waitForTimeout(1000);
        await page.locator('[data-qa="refresh"]').click();
        importPage = await ImportPage.verifyOnPage(page);
      }
      assert.equal((await importPage.status.innerText()).trim(), 'Completed');
      assert.equal(await page.locator('[data-qa="progress"]').count(), 0, 'no progress box once it has ended');
      assert.equal((await summaryValue(page, 'Rows loaded')).trim(), '20,000');
      // No axe check here: axe runs as a script in the page, which cannot finish with JavaScript off.
    } finally {
      await context.close();
    }
  });
});
