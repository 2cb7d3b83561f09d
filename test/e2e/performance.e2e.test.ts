/**
 * Issue 5, acceptance 3: a coordinator creates an indicator from police.uk data for the demo area,
 * sees its SPC chart and table on the priority dashboard, and downloads the performance report as
 * DOCX and PDF; axe finds no violations on any page on the way.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { docxText, pdfText } from '../../src/features/plans/document-text.ts';
import { accessible } from './pages/base-page.ts';
import {
  IndicatorLibraryPage,
  IndicatorPage,
  NewIndicatorPage,
  PerformancePage,
  PerformanceReportPage,
  PriorityDashboardPage,
} from './pages/performance-pages.ts';
import { serviceNavigationLink } from './pages/record-page.ts';
import { signInAs } from './pages/sign-in-flow.ts';
import { downloadFrom } from './support/downloads.ts';
import { DEMO_PARTNERSHIP, useSaferAndBrowser } from './support/fixture.ts';
import { unzip } from './support/zip.ts';

const JOURNEY_TIMEOUT_MS = 150_000;

const priority = 'Keeping children and young people safe';
const indicator = {
  name: 'Burglaries in Maidstone each month',
  definition: 'Burglaries recorded by Kent Police in the Maidstone borough, from police.uk street-level data.',
  unit: 'crimes',
  priority,
  crimeType: 'Burglary',
};

describe('a police.uk indicator, from the library to the priority dashboard and the quarterly report', () => {
  const fixture = useSaferAndBrowser();

  test(
    'the coordinator adds the indicator, reads its SPC chart and table, and downloads the report as DOCX and PDF',
    { timeout: JOURNEY_TIMEOUT_MS },
    () =>
      fixture.withPage(
        async (page, safer) => {
          await signInAs(page, safer.coordinator, DEMO_PARTNERSHIP);

          // From the overview to the library, and the new indicator's form.
          await serviceNavigationLink(page, 'Performance').click();
          const overview = await accessible(PerformancePage.verifyOnPage(page));
          await overview.indicatorLibraryLink.click();
          const library = await accessible(IndicatorLibraryPage.verifyOnPage(page));
          await library.addIndicatorButton.click();
          const form = await accessible(NewIndicatorPage.verifyOnPage(page));
          await form.fillPoliceIndicator(indicator);
          await form.submit();
          await accessible(IndicatorPage.verifyOnPage(page, indicator.name));

          // The overview lists it under its priority; its dashboard draws it.
          await serviceNavigationLink(page, 'Performance').click();
          const after = await PerformancePage.verifyOnPage(page);
          assert.match(await after.priority(priority).innerText(), new RegExp(indicator.name));
          await after.dashboardLink(priority).click();
          const dashboard = await accessible(PriorityDashboardPage.verifyOnPage(page, priority));
          const chart = dashboard.chart(indicator.name);
          assert.equal(await chart.count(), 1, 'the indicator has its SPC chart, an image named by its title');
          assert.match(
            (await chart.locator('desc').textContent()) ?? '',
            /Statistical process control chart of crimes, October 2018 to February 2019\./,
          );
          const table = await dashboard.table(indicator.name).innerText();
          for (const month of ['October 2018', 'November 2018', 'December 2018', 'January 2019', 'February 2019'])
            assert.match(table, new RegExp(month));
          assert.match(table, /Lower process limit/);
          // The demo's five months, one of them flagged as possibly incomplete (few burglaries recorded in
          // December 2018), are fewer than the twelve that process limits need: the page says both.
          const section = await dashboard.indicator(indicator.name).innerText();
          assert.match(section, /Not enough data for process limits: 4 periods with complete data, and 12 are needed/);
          assert.match(section, /left out of the mean, the limits and the rules:\s+December 2018: Possibly incomplete/);
          assert.match(table, /December 2018\t37\t.*Possibly incomplete/);
          assert.match(await dashboard.facts(indicator.name).innerText(), /Latest value\s+[\d,]+ \(February 2019\)/);

          // The quarterly report, downloaded as Word and PDF, includes the indicator.
          await serviceNavigationLink(page, 'Performance').click();
          await (await PerformancePage.verifyOnPage(page)).reportLink.click();
          const reportPage = await accessible(PerformanceReportPage.verifyOnPage(page));
          await reportPage.choose({ quarter: '2019-Q1', version: 'Full version' });
          const docx = await downloadFrom(page, reportPage.docxButton);
          assert.equal(docx.fileName, 'safer-maidstone-partnership-performance-report-2019-q1.docx');
          const documentXml = unzip(docx.bytes).get('word/document.xml');
          assert.ok(documentXml, 'the DOCX file has word/document.xml');
          const words = docxText(documentXml.toString('utf8'));
          assert.ok(words.includes('Quarterly performance report: January to March 2019'), 'the Word report has its title');
          assert.ok(words.includes(indicator.name), 'the Word report has the new indicator');
          assert.ok(words.includes(priority), 'the Word report has the priority');

          const pdf = await downloadFrom(page, reportPage.pdfButton);
          assert.equal(pdf.fileName, 'safer-maidstone-partnership-performance-report-2019-q1.pdf');
          assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
          const pdfWords = pdfText(pdf.bytes);
          assert.ok(pdfWords.includes(indicator.name), 'the PDF report has the new indicator');
          assert.ok(pdfWords.includes(`Priority 3: ${priority}`), 'the PDF report has the priority');
          // Downloads leave the page where it was.
          await PerformanceReportPage.verifyOnPage(page);
        },
        { acceptDownloads: true },
      ),
  );
});
