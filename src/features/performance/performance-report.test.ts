import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { burglaryIndicator } from '../../../test/helpers/indicators.ts';
import type { IndicatorWithSeries, SeriesPoint } from '../indicators/indicator-types.ts';
import { docxDocumentXml, docxText, pdfText } from '../plans/document-text.ts';
import { computeSpc } from '../statistics/spc.ts';
import { spcFigure, spcTableText, valueLabel } from './performance-charts.ts';
import { BURGLARIES } from './performance-fixtures.ts';
import { indicatorResult, statusRollup } from './performance-model.ts';
import { reportFileName, reportHtml, summaryRows, type PerformanceReport, type ReportPriority } from './performance-report.ts';
import { reportDocx } from './performance-report-docx.ts';
import { yearOnYearWords } from './performance-words.ts';
import { reportPdf } from './performance-report-pdf.ts';
import {
  actionRows,
  commentaryUpdated,
  indicatorSummary,
  overviewIndicatorRows,
  quarterItems,
  rollupTable,
} from './performance-view-models.ts';

const Q1: { year: number; quarter: number } = { year: 2019, quarter: 1 };

const month = (i: number) => `${2018 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

function series(
  values: readonly (number | null)[],
  extra: (p: SeriesPoint, i: number) => Partial<SeriesPoint> = () => ({}),
): SeriesPoint[] {
  return values.map((value, i) => {
    const p: SeriesPoint = { period: month(i), value, excluded: false, target: null };
    return { ...p, ...extra(p, i) };
  });
}

function indicator(values: Partial<IndicatorWithSeries>): IndicatorWithSeries {
  return burglaryIndicator({ definition: 'Burglaries of homes <reported> to the police.', ownerName: 'Priya Desai', ...values });
}

const burglaries = indicatorResult(
  indicator({
    points: series(BURGLARIES, (p, i) => ({
      target: i >= 12 ? 45 : null,
      ...(i === 9 ? { excluded: true, exclusionReason: 'Possibly incomplete: low counts of Burglary' } : {}),
    })),
  }),
  Q1,
  computeSpc,
);
const suspects = indicatorResult(
  indicator({
    id: 2,
    name: 'Burglary suspects',
    ownerName: 'Sam Okafor',
    visibility: 'restricted',
    points: series([null, null, null, null, null, null, null, null, null, null, null, null, 7, 9, 8]),
  }),
  Q1,
  computeSpc,
);

function priority(withNames: boolean): ReportPriority {
  return {
    id: 1,
    number: 1,
    title: 'Reducing burglary',
    objective: 'Fewer homes burgled.',
    indicators: withNames ? [suspects, burglaries] : [{ ...burglaries, owner: null }],
    rollup: statusRollup([{ status: 'at_risk' }, { status: 'on_track' }]),
    attention: [
      {
        title: 'Target-harden homes',
        group: 'Burglary task group',
        agency: 'Maidstone Borough Council',
        ...(withNames ? { lead: 'Jordan Reeve' } : {}),
        status: 'at_risk',
        reason: 'No locksmith yet',
        dueOn: '2019-06-30',
      },
    ],
    commentary: {
      text: 'Burglary fell.\n\n- Patrols continue',
      updatedAt: new Date('2019-04-03T09:15:00Z'),
      ...(withNames ? { author: 'Sam Okafor' } : {}),
    },
  };
}

function report(version: 'full' | 'public'): PerformanceReport {
  return {
    version,
    partnershipName: 'Safer Testshire Partnership',
    plan: { title: 'Testshire Community Safety Plan', startsYear: 2019, endsYear: 2022 },
    quarter: Q1,
    generatedAt: new Date('2019-04-10T12:00:00Z'),
    priorities: [
      priority(version === 'full'),
      {
        id: 2,
        number: 2,
        title: 'A safer town centre',
        objective: '',
        indicators: [],
        rollup: statusRollup([]),
        attention: [],
        commentary: null,
      },
    ],
  };
}

describe('the quarterly performance report', () => {
  test('charts and tables: the statistics feature draws them, with the indicator’s unit and periods', () => {
    const figure = spcFigure(burglaries, 'chart-1');
    assert.match(figure.svg, /^<svg [^>]*role="img"/);
    assert.equal(figure.width, 720);
    assert.ok(figure.height > 300);
    assert.equal(figure.title, 'Residential burglaries: statistical process control chart');
    assert.match(figure.description, /^Statistical process control chart of crimes, January 2018 to March 2019\./);
    const table = spcTableText(burglaries);
    assert.deepEqual(table.head, [
      'Period',
      'Value',
      'Mean',
      'Lower process limit',
      'Upper process limit',
      'Target',
      'Special cause',
      'Left out because',
    ]);
    assert.deepEqual(table.numeric, [false, true, true, true, true, true, false, false]);
    assert.deepEqual(table.rows[9]!.slice(0, 2), ['October 2018', '50']);
    assert.equal(table.rows[9]![7], 'Possibly incomplete: low counts of Burglary');
    assert.equal(valueLabel({ unit: '', measure: 'rate' }), 'Rate per 1,000 residents');
  });

  test('the summary says, per priority, its indicators with special causes, its actions and whether it has commentary', () => {
    assert.deepEqual(summaryRows(report('full')), [
      ['1. Reducing burglary', '2 indicators: 1 improving', '2 actions: 1 on track, 1 at risk', 'Written'],
      ['2. A safer town centre', 'None', 'No actions', 'None for this quarter'],
    ]);
  });

  test('HTML: a standalone page with title page, contents, summary, each priority’s indicators, actions and commentary', () => {
    const html = reportHtml(report('full'), { styleNonce: 'n0nce' });
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en-GB">/);
    assert.match(html, /<title>Quarterly performance report: January to March 2019 - Safer Testshire Partnership<\/title>/);
    assert.match(html, /<style nonce="n0nce">/);
    assert.match(
      html,
      new RegExp(
        /Testshire Community Safety Plan 2019-22\. 2019-Q1\. /.source +
          /Full version, for the executive group and the scrutiny committee\. Made from the data on 10 April 2019\./.source,
      ),
    );
    assert.match(html, /<li><a href="#priority-1">Priority 1: Reducing burglary<\/a><\/li>/);
    assert.match(
      html,
      new RegExp(
        /<h4>Residential burglaries<\/h4>\n<dl><dt>Latest value<\/dt><dd>36 \(March 2019\)<\/dd>/.source +
          /<dt>Change on the same period a year earlier<\/dt><dd>Down 35% on March 2018 \(from 55 to 36\)\. /.source +
          /[^<]+: this could be chance \(p = 0\.059\)\.<\/dd><dt>Variation<\/dt><dd>Special cause – improvement<\/dd>/.source,
      ),
    );
    assert.match(
      html,
      /<dt>Definition<\/dt><dd>Burglaries of homes &lt;reported&gt; to the police\.<\/dd><dt>Owner<\/dt><dd>Priya Desai<\/dd>/,
    );
    assert.match(html, /<figure class="chart"><svg /);
    assert.match(
      html,
      /<p class="note">October 2018 is marked and left out of the limits: Possibly incomplete: low counts of Burglary<\/p>/,
    );
    assert.match(html, /<p class="note">Not enough data for process limits: 3 periods with complete data, and 12 are needed\.<\/p>/);
    assert.match(html, /<caption>Actions by status: 2 actions: 1 on track, 1 at risk<\/caption>/);
    assert.match(html, /<th scope="col">Lead<\/th>/);
    assert.match(
      html,
      new RegExp(
        /<th scope="row">Target-harden homes \(Burglary task group\)<\/th><td>Jordan Reeve, Maidstone Borough Council<\/td>/.source +
          /<td>At risk<\/td><td>No locksmith yet<\/td><td>30 June 2019<\/td>/.source,
      ),
    );
    assert.match(
      html,
      new RegExp(
        /<p>Burglary fell\.<\/p>\n<ul><li>Patrols continue<\/li><\/ul>\n/.source +
          /<p class="caption">Last updated by Sam Okafor on 3 April 2019, 10:15am<\/p>/.source,
      ),
    );
    assert.match(
      html,
      /<h2 id="priority-2">Priority 2: A safer town centre<\/h2>\n<h3>Indicators<\/h3>\n<p>No indicators measure this priority\.<\/p>/,
    );
    assert.match(html, /No action is at risk or off track\.[^]*No commentary was written for this quarter\./);
  });

  test('HTML, public: says what it leaves out, and names agencies where the full one names people', () => {
    const html = reportHtml(report('public'));
    assert.match(html, /Public version\. Made from the data/);
    assert.match(html, /This public version leaves out indicators the partnership keeps restricted and the names of the people/);
    assert.match(html, /<th scope="col">Lead agency<\/th>/);
    assert.match(html, /<td>Maidstone Borough Council<\/td><td>At risk<\/td>/);
    assert.match(html, /Last updated on 3 April 2019, 10:15am/);
    for (const name of ['Priya Desai', 'Sam Okafor', 'Jordan Reeve', 'Burglary suspects', 'Owner']) assert.ok(!html.includes(name), name);
  });

  test('DOCX: the same report, each chart an image with its description, each table as text', async () => {
    const xml = await docxDocumentXml(await reportDocx(report('full')));
    const text = docxText(xml);
    for (const expected of [
      'Quarterly performance report: January to March 2019',
      'Summary of priorities',
      'Priority 1: Reducing burglary',
      'Latest value: 36 (March 2019)',
      'Change on the same period a year earlier: Down 35% on March 2018 (from 55 to 36).',
      'Owner: Priya Desai',
      'October 2018 is marked and left out of the limits',
      'Lower process limit',
      'Target-harden homes (Burglary task group) Jordan Reeve, Maidstone Borough Council At risk No locksmith yet 30 June 2019',
      'Commentary for January to March 2019 Burglary fell. Patrols continue Last updated by Sam Okafor',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
    assert.equal((xml.match(/<wp:docPr [^>]*descr="Statistical process control chart of crimes/g) ?? []).length, 2);
    const publicText = docxText(await docxDocumentXml(await reportDocx(report('public'))));
    for (const name of ['Priya Desai', 'Sam Okafor', 'Jordan Reeve', 'Burglary suspects']) assert.ok(!publicText.includes(name), name);
  });

  test('PDF: the same report with the charts drawn, and readable text', async () => {
    const pdf = await reportPdf(report('full'), { compress: false });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfText(pdf);
    for (const expected of [
      'Quarterly performance report: January to March 2019',
      'Priority 1: Reducing burglary',
      'Owner: Priya Desai',
      'Change on the same period a year earlier: Down 35% on March 2018',
      'Actions at risk or off track',
      'Jordan Reeve, Maidstone Borough Council',
      'Last updated by Sam Okafor',
      // The chart's own text (its legend and axes) is drawn in the PDF too.
      'Process limits',
      'Special cause – improvement',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
    const publicText = pdfText(await reportPdf(report('public')));
    for (const name of ['Priya Desai', 'Sam Okafor', 'Jordan Reeve', 'Burglary suspects']) assert.ok(!publicText.includes(name), name);
  });

  test('file names say the partnership, the quarter and the public version', () => {
    assert.equal(reportFileName(report('full'), 'docx'), 'safer-testshire-partnership-performance-report-2019-q1.docx');
    assert.equal(reportFileName(report('public'), 'pdf'), 'safer-testshire-partnership-performance-report-2019-q1-public.pdf');
  });
});

describe('the performance pages’ view models', () => {
  test('the quarter chooser selects the quarter, and adds it when it is outside the list', () => {
    const quarters = [{ year: 2019, quarter: 2 }, Q1];
    assert.deepEqual(quarterItems(quarters, Q1), [
      { value: '2019-Q2', text: '2019-Q2 (April to June 2019)', selected: false },
      { value: '2019-Q1', text: '2019-Q1 (January to March 2019)', selected: true },
    ]);
    assert.deepEqual(quarterItems(quarters, { year: 2015, quarter: 3 })[0], {
      value: '2015-Q3',
      text: '2015-Q3 (July to September 2015)',
      selected: true,
    });
  });

  test('the overview’s indicator rows link to the dashboard and show variation and assurance as tags', () => {
    const [row] = overviewIndicatorRows([burglaries], 7, Q1);
    assert.deepEqual(row![0], {
      html: '<a class="govuk-link" href="/performance/priorities/7?period=2019-Q1#indicator-1">Residential burglaries</a>',
    });
    assert.deepEqual(row![1], { text: '36 (March 2019)' });
    assert.equal(row![2]!.html, '<strong class="govuk-tag govuk-tag--blue" data-qa="variation">Special cause – improvement</strong>');
    assert.match(row![3]!.html ?? '', /^<strong class="govuk-tag [^"]+" data-qa="assurance">Target /);
    const [few] = overviewIndicatorRows([suspects], 7, Q1);
    assert.equal(few![2]!.html, 'Not enough data to judge the variation');
    assert.equal(few![3]!.html, 'No target set');
  });

  test('the roll-up table, the actions table, the indicator’s facts and who last changed the commentary', () => {
    const rollup = rollupTable(statusRollup([{ status: 'off_track' }, { status: 'off_track' }, { status: 'complete' }]));
    assert.deepEqual(
      rollup.head.map((c) => c.text),
      ['Not started', 'On track', 'At risk', 'Off track', 'Complete', 'Cancelled'],
    );
    assert.deepEqual(
      rollup.rows[0]!.map((c) => c.text),
      ['0', '0', '0', '2', '1', '0'],
    );
    assert.equal(rollup.summary, '3 actions: 2 off track, 1 complete');

    const [action] = actionRows([
      {
        id: 4,
        priority_id: 1,
        title: 'Run <a> week',
        body_name: 'Group',
        lead_agency_name: null,
        lead_name: 'Jordan Reeve',
        status: 'off_track',
        status_reason: 'No venue',
        due_on: null,
      },
    ]);
    assert.deepEqual(action, [
      { html: '<a class="govuk-link" href="/actions/4">Run &lt;a&gt; week</a>' },
      { text: 'No lead agency' },
      {
        html:
          '<strong class="govuk-tag govuk-tag--red">Off track</strong><span class="govuk-body-s govuk-!-display-block ' +
          'govuk-!-margin-top-1 govuk-!-margin-bottom-0">No venue</span>',
      },
      { text: 'No due date' },
    ]);

    const summary = indicatorSummary(burglaries);
    assert.equal(summary.href, '/indicators/1');
    assert.deepEqual(
      summary.facts.map((f) => f.key.text),
      [
        'Latest value',
        'Change on the same period a year earlier',
        'Variation',
        'Assurance',
        'Target',
        'Which way is better',
        'Definition',
        'Owner',
      ],
    );
    assert.equal(summary.facts[1]!.value.text, yearOnYearWords(burglaries));
    assert.deepEqual(summary.incomplete, [{ period: 'October 2018', reason: 'Possibly incomplete: low counts of Burglary' }]);
    assert.equal(summary.notEnoughData, null);
    assert.equal(indicatorSummary({ ...suspects, owner: null }).facts.length, 7, 'no owner row without an owner');
    assert.match(indicatorSummary(suspects).notEnoughData ?? '', /^Not enough data for process limits: 3 periods/);
    assert.equal(indicatorSummary(suspects).facts[1]!.value.text, 'No figure for the same period a year earlier');

    assert.equal(
      commentaryUpdated({ updated_at: new Date('2019-04-03T09:15:00Z'), updated_by_name: 'Sam Okafor' }),
      'Last updated by Sam Okafor on 3 April 2019, 10:15am',
    );
    assert.equal(
      commentaryUpdated({ updated_at: new Date('2019-01-03T09:15:00Z'), updated_by_name: null }),
      'Last updated on 3 January 2019, 9:15am',
    );
  });
});
