import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Agent, TestApp, TestPartnership } from '../../../test/helpers/app.ts';
import { appWithPartnerships, auditEvents, serviceRefuses, signedIn, type ServiceCall } from '../../../test/helpers/route-fixtures.ts';
import { docxDocumentXml, docxText, pdfText } from '../plans/document-text.ts';
import { seedPerformanceSample, type PerformanceSample } from './performance-fixtures.ts';

/** The text of a page without its tags, spaces collapsed, for reading as a user would. */
const textOf = (html: string): string =>
  html
    .replace(/<(script|style)[^]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('performance: the overview, priority dashboards, commentary and the quarterly report', () => {
  let t: TestApp;
  let p: TestPartnership;
  let q: TestPartnership;
  let sample: PerformanceSample;
  let coordinator: Agent;
  let viewer: Agent;
  let member: Agent;
  let outsider: Agent;

  before(async () => {
    [t, p, q] = await appWithPartnerships(['alpha', 'bravo']);
    sample = await seedPerformanceSample(t.database.db, p.id, {
      ownerUserId: p.users.analyst.id,
      restrictedOwnerUserId: p.users.admin.id,
      leadUserId: p.users.member.id,
      commentatorUserId: p.users.coordinator.id,
    });
    [coordinator, viewer, member, outsider] = await signedIn(t, p.users.coordinator, p.users.viewer, p.users.member, q.users.admin);
  });
  after(() => t.close());

  const audit = (action: string) => auditEvents(t, p.id, { action });

  test('the overview shows every priority with its indicators, the actions roll-up and links, for any signed-in user', async () => {
    const res = await viewer.get('/performance');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>Performance - Safer alpha Partnership<\/title>/);
    assert.match(
      res.body,
      /<a class="govuk-service-navigation__link" href="\/performance" aria-current="true">/,
      'Performance is the active item of the navigation',
    );
    const text = textOf(res.body);
    assert.match(text, /Priority 1: Reducing burglary/);
    assert.match(text, /Priority 2: A safer town centre/);
    // The latest quarter with data is chosen: January to March 2019.
    assert.match(res.body, /<option value="2019-Q1" selected>2019-Q1 \(January to March 2019\)<\/option>/);
    assert.match(text, /Residential burglaries 36 \(March 2019\) Special cause – improvement/);
    assert.match(text, /Burglary suspects under investigation 8 \(March 2019\) Not enough data to judge the variation/);
    assert.match(text, /3 actions: 1 on track, 1 at risk, 1 off track/);
    assert.match(text, /1 action: 1 complete/);
    assert.ok(res.body.includes(`href="/performance/priorities/${sample.burglaryPriorityId}?period=2019-Q1"`));
    assert.ok(
      res.body.includes(`href="/performance/priorities/${sample.burglaryPriorityId}?period=2019-Q1#indicator-${sample.publicIndicatorId}"`),
    );
    for (const href of ['/indicators', '/harm-weights', '/performance/report']) assert.ok(res.body.includes(`href="${href}"`), href);

    const earlier = await viewer.get('/performance?period=2018-Q2');
    assert.equal(earlier.statusCode, 200);
    assert.match(textOf(earlier.body), /Residential burglaries 53 \(June 2018\)/);
    assert.doesNotMatch(textOf(earlier.body), /Burglary suspects under investigation 8/);

    const bad = await viewer.get('/performance?period=2019-Q7');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<title>Error: Performance - /);
    assert.match(bad.body, /href="#period">Choose a calendar quarter like 2019-Q1 \(Q1 is January to March\)/);
  });

  test('a priority dashboard: each indicator with its SPC chart and table, facts, actions and the commentary of the quarter', async () => {
    const res = await viewer.get(`/performance/priorities/${sample.burglaryPriorityId}?period=2019-Q1`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>Reducing burglary - Safer alpha Partnership<\/title>/);
    assert.match(res.body, /<h1 class="govuk-heading-l">Reducing burglary<\/h1>/);
    // Charts are server-drawn SVG images with a title and description, each followed by its table.
    assert.equal((res.body.match(/<svg [^>]*role="img"/g) ?? []).length, 2);
    assert.match(res.body, /<title id="spc-\d+-title">Residential burglaries: statistical process control chart<\/title>/);
    const text = textOf(res.body);
    assert.match(text, /Latest value 36 \(March 2019\)/);
    // A count compared with the same month a year earlier; the restricted one has no March 2018.
    assert.match(
      text,
      new RegExp(
        /Latest value 36 \(March 2019\) Change on the same period a year earlier /.source +
          /Down 35% on March 2018 \(from 55 to 36\)\. /.source +
          /The true change is likely to be between 58% lower and 1\.4% higher: this could be chance \(p = 0\.059\)\./.source,
      ),
    );
    assert.match(
      text,
      /Latest value 8 \(March 2019\) Change on the same period a year earlier No figure for the same period a year earlier/,
    );
    assert.match(text, /Variation Special cause – improvement/);
    assert.match(text, /Target 45 \(March 2019\)/);
    assert.match(text, /Definition Burglaries of homes reported to the police each month\./);
    assert.match(text, /Owner alpha analyst person/);
    assert.match(
      text,
      new RegExp(
        /Residential burglaries: values and process limits Period Value Mean /.source +
          /Lower process limit Upper process limit Target Special cause Left out because January 2018 52/.source,
      ),
    );
    assert.match(text, /March 2019 36 [\d.]+ [\d.]+ [\d.]+ 45 Improvement: /);
    assert.ok(res.body.includes(`href="/indicators/${sample.publicIndicatorId}"`));
    // Three points are not enough for limits: said, and the table says so row by row.
    assert.match(text, /Not enough data for process limits: 3 periods with complete data, and 12 are needed/);
    assert.match(text, /January 2019 7 Not enough data/);
    // The actions, with lead agency, status and due date.
    assert.match(text, /3 actions: 1 on track, 1 at risk, 1 off track/);
    assert.match(
      text,
      /Target-harden homes in the hotspot streets alpha Borough Council At risk The locksmith contract has not been signed 30 June 2019/,
    );
    assert.match(text, /Run a burglary awareness week alpha Borough Council Off track No venue booked 31 March 2019/);
    // The commentary of the quarter, who wrote it and when; a viewer cannot change it.
    assert.match(
      text,
      new RegExp(
        /Commentary for January to March 2019 Burglary fell in the first quarter after the target-hardening began\. /.source +
          /We will keep the patrols going\. Last updated by alpha coordinator person on/.source,
      ),
    );
    assert.doesNotMatch(res.body, /name="commentary"/);

    const next = await viewer.get(`/performance/priorities/${sample.burglaryPriorityId}?period=2019-Q2`);
    assert.match(textOf(next.body), /Commentary for April to June 2019 No commentary for this quarter yet\./);
    assert.equal((await outsider.get(`/performance/priorities/${sample.burglaryPriorityId}`)).statusCode, 404);
    assert.equal((await viewer.get('/performance/priorities/999999')).statusCode, 404);
  });

  test('the commentary: refused when empty, saved and audited, and only for those who may write it', async () => {
    const url = `/performance/priorities/${sample.townCentrePriorityId}/commentary`;
    const page = await coordinator.get(`/performance/priorities/${sample.townCentrePriorityId}?period=2019-Q1`);
    assert.match(page.body, /<textarea class="govuk-textarea" id="commentary" name="commentary"/);

    const empty = await coordinator.post(url, { period: '2019-Q1', commentary: '   ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /<title>Error: A safer town centre - /);
    assert.match(empty.body, /class="govuk-error-summary"/);
    assert.match(empty.body, /href="#commentary">Enter the commentary<\/a>/);
    assert.match(empty.body, /<p id="commentary-error" class="govuk-error-message">/);

    const saved = await coordinator.post(url, {
      period: '2019-Q1',
      commentary: 'Violence at night is steady.\n\nTaxi marshals start in April.',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(
      saved.headers.location,
      `/performance/priorities/${sample.townCentrePriorityId}?period=2019-Q1&done=saved#commentary-heading`,
    );
    const after = await coordinator.get(String(saved.headers.location).split('#')[0]!);
    assert.match(after.body, /Commentary saved/);
    assert.match(
      textOf(after.body),
      /Violence at night is steady\. Taxi marshals start in April\. Last updated by alpha coordinator person on/,
    );

    // The last save wins; each save is audited with the quarter.
    await coordinator.post(url, { period: '2019-Q1', commentary: 'Violence at night fell in March.' });
    assert.match(
      textOf((await viewer.get(`/performance/priorities/${sample.townCentrePriorityId}?period=2019-Q1`)).body),
      /Violence at night fell in March\./,
    );
    const rows = await audit('commentary.saved');
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.subject_id, String(sample.townCentrePriorityId));
    assert.deepEqual(rows[0]!.details, {
      period: '2019-Q1',
      added: true,
      characters: 'Violence at night is steady.\n\nTaxi marshals start in April.'.length,
    });
    assert.deepEqual(rows[1]!.details, { period: '2019-Q1', changed: true, characters: 'Violence at night fell in March.'.length });

    // A member may write for a priority whose action they lead, and not for another.
    assert.equal(
      (
        await member.post(`/performance/priorities/${sample.burglaryPriorityId}/commentary`, {
          period: '2019-Q2',
          commentary: 'The locksmith contract is signed.',
        })
      ).statusCode,
      303,
    );
    assert.equal((await member.post(url, { period: '2019-Q2', commentary: 'Not mine to write.' })).statusCode, 403);
    assert.equal(
      (await member.post(url, { period: '2019-Q2', commentary: '' })).statusCode,
      403,
      'not a form with errors for someone who may not write it',
    );
    assert.doesNotMatch(
      (await member.get(`/performance/priorities/${sample.townCentrePriorityId}?period=2019-Q2`)).body,
      /name="commentary"/,
    );
    assert.equal((await viewer.post(url, { period: '2019-Q2', commentary: 'A viewer only reads.' })).statusCode, 403);
    assert.equal((await outsider.post(url, { period: '2019-Q2', commentary: 'Another partnership.' })).statusCode, 404);
    assert.equal((await audit('commentary.saved')).length, 3);
  });

  test('the report page offers the quarter, the version and three formats', async () => {
    const res = await viewer.get('/performance/report');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Quarterly performance report<\/h1>/);
    assert.match(res.body, /<option value="2019-Q1" selected>/);
    assert.match(res.body, /name="version" type="radio" value="full" checked/);
    assert.match(res.body, /name="version" type="radio" value="public"/);
    for (const format of ['docx', 'pdf', 'html']) assert.match(res.body, new RegExp(`formaction="/performance/report.${format}"`));
  });

  test('the full report in HTML, DOCX and PDF has every priority, indicator, action at risk and commentary, with names', async () => {
    const html = await viewer.get('/performance/report.html?period=2019-Q1&version=full');
    assert.equal(html.statusCode, 200);
    assert.match(String(html.headers['content-type']), /^text\/html/);
    assert.match(html.body, /<h1>Quarterly performance report: January to March 2019<\/h1>/);
    assert.match(html.body, /<style nonce="[^"]+">/);
    const text = textOf(html.body);
    for (const expected of [
      'Summary of priorities',
      'Priority 1: Reducing burglary',
      'Priority 2: A safer town centre',
      sample.names.publicIndicator,
      sample.names.restrictedIndicator,
      'Owner alpha analyst person',
      'Owner alpha admin person',
      `${sample.names.atRiskAction} (Burglary task group) alpha member person, alpha Borough Council ` +
        'At risk The locksmith contract has not been signed',
      `${sample.names.offTrackAction} (Burglary task group) ${sample.names.namedLead}, alpha Borough Council Off track No venue booked`,
      'Burglary fell in the first quarter after the target-hardening began.',
      'Last updated by alpha coordinator person',
      'Not enough data for process limits',
    ]) {
      assert.ok(text.includes(expected), `the HTML report has "${expected}"`);
    }
    assert.match(html.body, /<svg [^>]*role="img"/);

    const docx = await viewer.get('/performance/report.docx?period=2019-Q1&version=full');
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(
      String(docx.headers['content-disposition']),
      /attachment; filename="safer-alpha-partnership-performance-report-2019-q1\.docx"/,
    );
    const xml = await docxDocumentXml(docx.rawPayload);
    const words = docxText(xml);
    for (const expected of [
      'Quarterly performance report: January to March 2019',
      sample.names.restrictedIndicator,
      'alpha member person',
      sample.names.namedLead,
      'Last updated by alpha coordinator person',
      'Lower process limit',
    ]) {
      assert.ok(words.includes(expected), `the Word report has "${expected}"`);
    }
    assert.match(
      xml,
      /<wp:docPr [^>]*descr="Statistical process control chart of crimes/,
      'each chart is an image described for screen readers',
    );

    const pdf = await viewer.get('/performance/report.pdf?period=2019-Q1&version=full');
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    const pdfWords = pdfText(pdf.rawPayload);
    for (const expected of [
      'Quarterly performance report: January to March 2019',
      sample.names.restrictedIndicator,
      'alpha member person',
      'Summary of priorities',
      'Actions at risk or off track',
    ]) {
      assert.ok(pdfWords.includes(expected), `the PDF report has "${expected}"`);
    }
    const generated = await audit('report.generated');
    assert.deepEqual(
      generated.map((r) => r.details),
      ['html', 'docx', 'pdf'].map((format) => ({ report: 'performance', period: '2019-Q1', version: 'full', format })),
    );
  });

  test('the public report leaves out the restricted indicator and every name, in each format', async () => {
    const names = [sample.names.restrictedIndicator, sample.names.namedLead, ...Object.values(p.users).map((u) => u.name)];
    const html = textOf((await viewer.get('/performance/report.html?period=2019-Q1&version=public')).body);
    const docx = docxText(await docxDocumentXml((await viewer.get('/performance/report.docx?period=2019-Q1&version=public')).rawPayload));
    const pdf = pdfText((await viewer.get('/performance/report.pdf?period=2019-Q1&version=public')).rawPayload);
    for (const [format, text] of [
      ['HTML', html],
      ['DOCX', docx],
      ['PDF', pdf],
    ] as const) {
      assert.ok(text.includes(sample.names.publicIndicator), `${format} has the public indicator`);
      assert.ok(text.includes(sample.names.atRiskAction), `${format} has the action at risk`);
      assert.ok(text.includes('alpha Borough Council'), `${format} keeps the lead agency`);
      assert.ok(text.includes('Burglary fell in the first quarter'), `${format} has the commentary`);
      for (const name of names) assert.ok(!text.includes(name), `the public ${format} report does not have "${name}"`);
    }
  });

  test('a report for a bad quarter or version is refused with the form and its errors', async () => {
    const res = await viewer.get('/performance/report.pdf?period=2019-13&version=secret');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: Quarterly performance report - /);
    assert.match(res.body, /href="#period">Choose a calendar quarter like 2019-Q1/);
    assert.match(res.body, /href="#version">Choose who the report is for/);
    const missing = await viewer.get('/performance/report.docx');
    assert.equal(missing.statusCode, 400);
  });

  test('the performance service itself refuses a viewer their commentary: nothing changed or audited', async () => {
    const commentary = { period: { year: 2019, quarter: 1 }, commentary: 'Not allowed' };
    const refusal = /Only coordinators, analysts, administrators and the leads/;
    const save: ServiceCall = ({ performance }, viewer) => performance.saveCommentary(viewer, sample.burglaryPriorityId, commentary);
    await serviceRefuses(t, p, 'viewer', [save], refusal);
  });
});
