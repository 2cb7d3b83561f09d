import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, seedPartnership, type Agent, type TestApp, type TestPartnership } from '../../../test/helpers/app.ts';
import { docxDocumentXml, docxText } from './document-text.ts';

const idFrom = (location: string | string[] | number | undefined, pattern: RegExp): number => {
  const m = pattern.exec(String(location));
  assert.ok(m, `redirect to ${String(location)}`);
  return Number(m[1]);
};

describe('plans, priorities, versions and the published plan', () => {
  let t: TestApp;
  let p: TestPartnership;
  let q: TestPartnership;
  let coordinator: Agent;
  let viewer: Agent;
  let outsider: Agent;
  let planId: number;
  let priorityId: number;

  before(async () => {
    t = await createTestApp();
    p = await seedPartnership(t.database.db, t.config, 'alpha');
    q = await seedPartnership(t.database.db, t.config, 'bravo');
    coordinator = t.agent();
    await coordinator.signIn(p.users.coordinator);
    viewer = t.agent();
    await viewer.signIn(p.users.viewer);
    outsider = t.agent();
    await outsider.signIn(q.users.coordinator);
  });
  after(() => t.close());

  const audit = (action: string) =>
    t.database.db.tenant(p.id, (trx) => trx.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute());

  test('a coordinator creates a plan, with errors shown for a bad form', async () => {
    const bad = await coordinator.post('/plans/new', { title: '', startsYear: '2019', endsYear: '2018', status: 'adopted', 'adoptedOn-day': '31', 'adoptedOn-month': '2', 'adoptedOn-year': '2019' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<title>Error: Create a plan - /);
    assert.match(bad.body, /href="#title">Enter a title/);
    const worse = await coordinator.post('/plans/new', { title: 'A plan', startsYear: '2019', endsYear: '2018', status: 'adopted', 'adoptedOn-day': '31', 'adoptedOn-month': '2', 'adoptedOn-year': '2019' });
    assert.equal(worse.statusCode, 400);
    assert.match(worse.body, /The last year must be the same as or after the first year/);
    assert.match(worse.body, /href="#adoptedOn-day">Date adopted must be a real date/);

    const res = await coordinator.post('/plans/new', {
      title: 'Alpha Community Safety Plan', startsYear: '2019', endsYear: '2022', vision: 'Where people feel safe', status: 'adopted',
      'adoptedOn-day': '1', 'adoptedOn-month': '4', 'adoptedOn-year': '2019',
    });
    assert.equal(res.statusCode, 303);
    planId = idFrom(res.headers.location, /^\/plans\/(\d+)\?done=created$/);
    const page = await coordinator.get(`/plans/${planId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Alpha Community Safety Plan<\/h1>/);
    assert.match(page.body, /Plan 2019-22/);
    assert.match(page.body, /1 April 2019/);
    assert.match(page.body, /govuk-tag--green">Adopted/);
    assert.equal((await audit('plan.created')).length, 1);
  });

  test('a coordinator adds a priority, a theme, a section, a glossary term and an external priority, and aligns them', async () => {
    const res = await coordinator.post(`/plans/${planId}/priorities/new`, { title: 'Reducing ASB in the town centre', whyItMatters: 'ASB worries residents.\n\n- Night time economy', objective: 'Less ASB', focus: 'Hotspots', firstYear: 'Patrols' });
    assert.equal(res.statusCode, 303);
    priorityId = idFrom(res.headers.location, /^\/priorities\/(\d+)\?done=created$/);
    assert.equal((await coordinator.post(`/plans/${planId}/themes/new`, { title: 'Prevent duty', description: 'Stop radicalisation' })).statusCode, 303);
    assert.equal((await coordinator.post(`/plans/${planId}/sections/new`, { heading: 'Welcome', body: 'Hello from the partnership' })).statusCode, 303);
    assert.equal((await coordinator.post('/glossary/new', { term: 'ASB', meaning: 'Anti-social behaviour', isAcronym: 'yes' })).statusCode, 303);
    const dup = await coordinator.post('/glossary/new', { term: 'asb', meaning: 'Again', isAcronym: 'yes' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /The glossary already has this term/);
    assert.equal((await coordinator.post('/external-priorities', { source: 'county_agreement', title: 'Anti-social behaviour (county)' })).statusCode, 303);
    const external = await t.database.db.tenant(p.id, (trx) => trx.selectFrom('external_priorities').select('id').executeTakeFirstOrThrow());
    assert.equal((await coordinator.post(`/priorities/${priorityId}/alignments`, { externalIds: String(external.id) })).statusCode, 303);

    const page = await coordinator.get(`/priorities/${priorityId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Reducing ASB in the town centre<\/h1>/);
    assert.match(page.body, /<abbr title="Anti-social behaviour">ASB<\/abbr> worries residents/);
    assert.match(page.body, /<li>Night time economy<\/li>/);
    assert.match(page.body, /value="\d+" checked/);
    assert.equal((await audit('alignment.updated')).length, 2);
    assert.equal((await audit('glossary.saved')).length, 1);

    const survey = await coordinator.post('/survey-results', { survey: "Residents' survey", surveyYear: '2017', question: 'Feel safe at home', percent: '93', respondents: '2,350' });
    assert.equal(survey.statusCode, 303);
    const list = await viewer.get('/survey-results');
    assert.match(list.body, /Feel safe at home[\s\S]*93%[\s\S]*2,350/);
  });

  test('refreshing keeps a readable version, and the versions page shows what changed since', async () => {
    const res = await coordinator.post(`/plans/${planId}/refresh`, { label: '2020-21 refresh' });
    assert.equal(res.statusCode, 303);
    await coordinator.post(`/priorities/${priorityId}/edit`, { title: 'Reducing ASB across the borough', whyItMatters: 'x', objective: 'Less ASB everywhere', focus: '', firstYear: '', position: '1' });
    await coordinator.post(`/plans/${planId}/priorities/new`, { title: 'Domestic abuse' });
    const list = await viewer.get(`/plans/${planId}/versions`);
    assert.match(list.body, /Version 1<\/a><\/th>\s*<td class="govuk-table__cell">2020-21 refresh/);
    const v1 = await viewer.get(`/plans/${planId}/versions?version=1`);
    assert.equal(v1.statusCode, 200);
    assert.match(v1.body, /Version 1: 2020-21 refresh/);
    assert.match(v1.body, /Priority 1: Reducing ASB in the town centre/);
    assert.match(v1.body, /Priorities added<\/h3>\s*<ul class="govuk-list govuk-list--bullet"><li>Domestic abuse<\/li>/);
    assert.match(v1.body, /Reducing ASB across the borough: title, why it matters, objective, what we will focus on, first 12 months changed/);
    assert.equal((await viewer.get(`/plans/${planId}/versions?version=9`)).statusCode, 404);
    const plan = await t.database.db.tenant(p.id, (trx) => trx.selectFrom('plans').select('current_version').executeTakeFirstOrThrow());
    assert.equal(plan.current_version, 2);
  });

  test('everyone reads, but a viewer gets 403 on every change', async () => {
    assert.equal((await viewer.get('/plans')).statusCode, 200);
    assert.equal((await viewer.get(`/plans/${planId}`)).statusCode, 200);
    assert.doesNotMatch((await viewer.get(`/plans/${planId}`)).body, /Add a priority/);
    assert.equal((await viewer.get('/glossary')).statusCode, 200);
    for (const url of ['/plans/new', `/plans/${planId}/edit`, `/plans/${planId}/refresh`, `/plans/${planId}/priorities/new`, `/priorities/${priorityId}/edit`, '/glossary/new']) {
      assert.equal((await viewer.get(url)).statusCode, 403, url);
    }
    assert.equal((await viewer.post('/plans/new', { title: 'x', startsYear: '2019', endsYear: '2020', status: 'draft' })).statusCode, 403);
    assert.equal((await viewer.post(`/plans/${planId}/priorities/new`, { title: 'x' })).statusCode, 403);
    assert.equal((await viewer.post(`/priorities/${priorityId}/alignments`, {})).statusCode, 403);
  });

  test("another partnership's coordinator gets 404", async () => {
    for (const url of [`/plans/${planId}`, `/priorities/${priorityId}`, `/plans/${planId}/document.pdf`, `/plans/${planId}/versions?version=1`]) {
      assert.equal((await outsider.get(url)).statusCode, 404, url);
    }
    assert.equal((await outsider.post(`/plans/${planId}/priorities/new`, { title: 'x' })).statusCode, 404);
    assert.equal((await outsider.post(`/priorities/${priorityId}/edit`, { title: 'x' })).statusCode, 404);
  });

  test('the published plan downloads as HTML, DOCX and PDF, and each is audited', async () => {
    const page = await viewer.get(`/plans/${planId}/document`);
    assert.match(page.body, /Download the plan/);
    const html = await viewer.get(`/plans/${planId}/document.html`);
    assert.equal(html.statusCode, 200);
    assert.match(html.body, /Priority 1: Reducing ASB across the borough/);
    assert.match(html.body, /<style nonce="[^"]+">/);
    const docx = await viewer.get(`/plans/${planId}/document.docx`);
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-disposition']), /attachment; filename="alpha-community-safety-plan-2019-22\.docx"/);
    assert.ok(docxText(await docxDocumentXml(docx.rawPayload)).includes('Domestic abuse'));
    const pdf = await viewer.get(`/plans/${planId}/document.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal((await audit('report.generated')).length, 3);
  });
});
