/**
 * Issue 4, acceptance 5: the analyst explores the demo area's police.uk data: totals, the trend
 * chart and the map with their tables, the completeness warning, one LSOA and one ward chosen from
 * the page, and the CSV download; axe on each state of the page.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExplorePage } from './pages/explore-page.ts';
import { signInAndFollow } from './pages/sign-in-flow.ts';
import { downloadFrom } from './support/downloads.ts';
import { DEMO_PARTNERSHIP, useSaferAndBrowser } from './support/fixture.ts';

const EXPLORE_TIMEOUT_MS = 90_000;

/** Maidstone, October 2018 to February 2019, every type (police.uk, Kent Police). */
const MONTHS = [
  ['October 2018', '1,756'],
  ['November 2018', '1,127'],
  ['December 2018', '786'],
  ['January 2019', '1,588'],
  ['February 2019', '1,463'],
] as const;
const TOTAL = 6720;

function parseCsv(text: string): string[][] {
  // The file's fields hold no line breaks; quoted fields may hold commas.
  return text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split(/\r\n/)
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
        .filter((m) => m.index < line.length || m[0] !== '')
        .map((m) => m[1]!.replace(/^"|"$/g, '').replaceAll('""', '"')),
    );
}

describe('exploring crime data', () => {
  const fixture = useSaferAndBrowser();

  test(
    'the analyst sees the demo area’s figures, chart, map and warning, picks an LSOA and a ward, and downloads the CSV',
    { timeout: EXPLORE_TIMEOUT_MS },
    () =>
      fixture.withPage(
        async (page, safer) => {
          await signInAndFollow(page, safer.demoUser('analyst'), DEMO_PARTNERSHIP, 'Explore data');

          // The whole area, every month loaded (the default).
          const explore = await ExplorePage.verifyOnPage(page);
          assert.equal((await explore.resultsHeading.innerText()).trim(), 'Whole partnership area, October 2018 to February 2019');
          assert.equal(
            (await explore.keyFigure('Crimes and anti-social behaviour incidents').innerText()).trim(),
            TOTAL.toLocaleString('en-GB'),
          );
          assert.deepEqual(
            (await explore.monthRows()).map(([month, count]) => [month, count]),
            MONTHS.map(([month, count]) => [month, count]),
          );
          assert.equal(
            MONTHS.reduce((sum, [, count]) => sum + Number(count.replace(',', '')), 0),
            TOTAL,
            'the months add up to the total',
          );

          assert.match((await explore.trendChart.locator('title').first().textContent()) ?? '', /by month/);
          assert.equal(await explore.trendChart.count(), 1, 'one trend chart');
          assert.match((await explore.map.locator('title').first().textContent()) ?? '', /^Map of .* by LSOA$/);
          assert.equal(await explore.map.locator('path[data-code]').count(), 95, 'the map draws the 95 LSOAs');
          assert.equal(await explore.lsoaTable.locator('tbody tr').count(), 95, 'the table after the map lists the 95 LSOAs');

          const warning = await explore.completenessWarning.innerText();
          assert.match(warning, /Some of this data looks incomplete/);
          assert.match(warning, /November 2018/);
          assert.match(warning, /December 2018/);
          for (const month of ['October 2018', 'January 2019', 'February 2019'])
            assert.ok(!warning.includes(month), `${month} is not flagged`);
          const quality = new Map((await explore.monthRows()).map((row) => [row[0], row[3] ?? '']));
          assert.match(quality.get('November 2018')!, /Possibly incomplete/);
          assert.match(quality.get('December 2018')!, /Possibly incomplete/);
          assert.equal(quality.get('October 2018'), '');
          await explore.checkAccessibility();

          // The CSV of the whole area: its header, and rows adding up to the same total.
          const csv = await downloadFrom(page, explore.csvLink);
          assert.match(csv.fileName, /^crime-all-2018-10-to-2019-02\.csv$/);
          const [header, ...rows] = parseCsv(csv.bytes.toString('utf8'));
          assert.deepEqual(header, ['month', 'crime_type', 'lsoa_code', 'lsoa_name', 'crimes', 'possibly_incomplete']);
          assert.ok(rows.length > 0, 'the CSV has rows');
          assert.equal(
            rows.reduce((sum, row) => sum + Number(row[4]), 0),
            TOTAL,
            'the CSV rows add up to the total',
          );

          // One LSOA, from the first link in the table after the map.
          const firstLsoa = explore.lsoaTable.locator('tbody tr').first();
          const lsoaName = (await firstLsoa.getByRole('link').innerText()).trim();
          // Its cells: name, code, residents, count, rate.
          const lsoaCount = (await firstLsoa.locator('th, td').nth(3).innerText()).trim();
          await firstLsoa.getByRole('link').click();
          await page.waitForURL((url) => url.searchParams.has('area') && url.searchParams.get('area')!.startsWith('E01'));
          const lsoaPage = await ExplorePage.verifyOnPage(page);
          assert.match(await lsoaPage.resultsHeading.innerText(), new RegExp(`^${lsoaName}`));
          assert.equal(
            (await lsoaPage.keyFigure('Crimes and anti-social behaviour incidents').innerText()).trim(),
            lsoaCount,
            'the LSOA’s total is its row in the whole area’s table',
          );
          assert.equal(await lsoaPage.trendChart.count(), 1);
          assert.equal(await lsoaPage.lsoaTable.locator('tbody tr').count(), 1, 'the table lists the one LSOA');
          await lsoaPage.checkAccessibility();

          // One ward, chosen in the form.
          await lsoaPage.chooseArea('Ward: High Street');
          await page.waitForURL((url) => url.searchParams.get('area')?.startsWith('E05') === true);
          const wardPage = await ExplorePage.verifyOnPage(page);
          assert.match(await wardPage.resultsHeading.innerText(), /High Street/);
          const wardTotal = Number((await wardPage.keyFigure('Crimes and anti-social behaviour incidents').innerText()).replace(/,/g, ''));
          assert.ok(wardTotal > 0 && wardTotal < TOTAL, `the ward has some but not all of the area's records (${wardTotal})`);
          const wardLsoas = await wardPage.lsoaTable.locator('tbody tr').count();
          assert.ok(wardLsoas > 1 && wardLsoas < 95, `the ward has some of the area's LSOAs (${wardLsoas})`);
          assert.equal(await wardPage.map.locator('path[data-code]').count(), wardLsoas, 'the map draws the ward’s LSOAs');
          await wardPage.checkAccessibility();

          const wardCsv = await downloadFrom(page, wardPage.csvLink);
          const [, ...wardRows] = parseCsv(wardCsv.bytes.toString('utf8'));
          assert.equal(
            wardRows.reduce((sum, row) => sum + Number(row[4]), 0),
            wardTotal,
            'the ward’s CSV adds up to its total',
          );
        },
        { acceptDownloads: true },
      ),
  );
});
