import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Agent, TestApp, TestPartnership } from '../../../test/helpers/app.ts';
import { appWithPartnerships, auditEvents, serviceRefuses, signedIn, workbookOf } from '../../../test/helpers/route-fixtures.ts';
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
    [t, p, q] = await appWithPartnerships(['alpha', 'bravo']);
    [coordinator, viewer, outsider] = await signedIn(t, p.users.coordinator, p.users.viewer, q.users.coordinator);
  });
  after(() => t.close());

  const audit = (action: string) => auditEvents(t, p.id, { action });

  test('a coordinator creates a plan, with errors shown for a bad form', async () => {
    // Ends before it starts, adopted on 31 February.
    const impossible = {
      startsYear: '2019',
      endsYear: '2018',
      status: 'adopted',
      'adoptedOn-day': '31',
      'adoptedOn-month': '2',
      'adoptedOn-year': '2019',
    };
    const bad = await coordinator.post('/plans/new', { ...impossible, title: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<title>Error: Create a plan - /);
    assert.match(bad.body, /href="#title">Enter a title/);
    const worse = await coordinator.post('/plans/new', { ...impossible, title: 'A plan' });
    assert.equal(worse.statusCode, 400);
    assert.match(worse.body, /The last year must be the same as or after the first year/);
    assert.match(worse.body, /href="#adoptedOn-day">Date adopted must be a real date/);

    const res = await coordinator.post('/plans/new', {
      title: 'Alpha Community Safety Plan',
      startsYear: '2019',
      endsYear: '2022',
      vision: 'Where people feel safe',
      status: 'adopted',
      'adoptedOn-day': '1',
      'adoptedOn-month': '4',
      'adoptedOn-year': '2019',
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
    const res = await coordinator.post(`/plans/${planId}/priorities/new`, {
      title: 'Reducing ASB in the town centre',
      whyItMatters: 'ASB worries residents.\n\n- Night time economy',
      objective: 'Less ASB',
      focus: 'Hotspots',
      firstYear: 'Patrols',
    });
    assert.equal(res.statusCode, 303);
    priorityId = idFrom(res.headers.location, /^\/priorities\/(\d+)\?done=created$/);
    assert.equal(
      (await coordinator.post(`/plans/${planId}/themes/new`, { title: 'Prevent duty', description: 'Stop radicalisation' })).statusCode,
      303,
    );
    assert.equal(
      (await coordinator.post(`/plans/${planId}/sections/new`, { heading: 'Welcome', body: 'Hello from the partnership' })).statusCode,
      303,
    );
    assert.equal(
      (await coordinator.post('/glossary/new', { term: 'ASB', meaning: 'Anti-social behaviour', isAcronym: 'yes' })).statusCode,
      303,
    );
    const dup = await coordinator.post('/glossary/new', { term: 'asb', meaning: 'Again', isAcronym: 'yes' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /The glossary already has this term/);
    assert.equal(
      (await coordinator.post('/external-priorities', { source: 'county_agreement', title: 'Anti-social behaviour (county)' })).statusCode,
      303,
    );
    const external = await t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('external_priorities').select('id').executeTakeFirstOrThrow(),
    );
    assert.equal((await coordinator.post(`/priorities/${priorityId}/alignments`, { externalIds: String(external.id) })).statusCode, 303);

    const page = await coordinator.get(`/priorities/${priorityId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Reducing ASB in the town centre<\/h1>/);
    assert.match(page.body, /<abbr title="Anti-social behaviour">ASB<\/abbr> worries residents/);
    assert.match(page.body, /<li>Night time economy<\/li>/);
    assert.match(page.body, /value="\d+" checked/);
    assert.equal((await audit('alignment.updated')).length, 2);
    assert.equal((await audit('glossary.saved')).length, 1);

    const survey = await coordinator.post('/survey-results', {
      survey: "Residents' survey",
      surveyYear: '2017',
      question: 'Feel safe at home',
      percent: '93',
      respondents: '2,350',
    });
    assert.equal(survey.statusCode, 303);
    const list = await viewer.get('/survey-results');
    assert.match(list.body, /Feel safe at home[\s\S]*93%[\s\S]*2,350/);
  });

  test('refreshing keeps a readable version, and the versions page shows what changed since', async () => {
    const res = await coordinator.post(`/plans/${planId}/refresh`, { label: '2020-21 refresh' });
    assert.equal(res.statusCode, 303);
    await coordinator.post(`/priorities/${priorityId}/edit`, {
      title: 'Reducing ASB across the borough',
      whyItMatters: 'x',
      objective: 'Less ASB everywhere',
      focus: '',
      firstYear: '',
    });
    await coordinator.post(`/plans/${planId}/priorities/new`, { title: 'Domestic abuse' });
    const list = await viewer.get(`/plans/${planId}/versions`);
    assert.match(list.body, /Version 1<\/a><\/th>\s*<td class="govuk-table__cell">2020-21 refresh/);
    const v1 = await viewer.get(`/plans/${planId}/versions?version=1`);
    assert.equal(v1.statusCode, 200);
    assert.match(v1.body, /Version 1: 2020-21 refresh/);
    assert.match(v1.body, /Priority 1: Reducing ASB in the town centre/);
    assert.match(v1.body, /Priorities added<\/h3>\s*<ul class="govuk-list govuk-list--bullet"><li>Domestic abuse<\/li>/);
    assert.match(
      v1.body,
      /Reducing ASB across the borough: title, why it matters, objective, what we will focus on, first 12 months changed/,
    );
    assert.equal((await viewer.get(`/plans/${planId}/versions?version=9`)).statusCode, 404);
    const plan = await t.database.db.tenant(p.id, (trx) => trx.selectFrom('plans').select('current_version').executeTakeFirstOrThrow());
    assert.equal(plan.current_version, 2);
  });

  test('everyone reads, but a viewer gets 403 on every change', async () => {
    assert.equal((await viewer.get('/plans')).statusCode, 200);
    assert.equal((await viewer.get(`/plans/${planId}`)).statusCode, 200);
    assert.doesNotMatch((await viewer.get(`/plans/${planId}`)).body, /Add a priority/);
    assert.equal((await viewer.get('/glossary')).statusCode, 200);
    for (const url of [
      '/plans/new',
      `/plans/${planId}/edit`,
      `/plans/${planId}/refresh`,
      `/plans/${planId}/priorities/new`,
      `/priorities/${priorityId}/edit`,
      '/glossary/new',
    ]) {
      assert.equal((await viewer.get(url)).statusCode, 403, url);
    }
    assert.equal((await viewer.post('/plans/new', { title: 'x', startsYear: '2019', endsYear: '2020', status: 'draft' })).statusCode, 403);
    assert.equal((await viewer.post(`/plans/${planId}/priorities/new`, { title: 'x' })).statusCode, 403);
    assert.equal((await viewer.post(`/priorities/${priorityId}/alignments`, {})).statusCode, 403);
  });

  test("another partnership's coordinator gets 404", async () => {
    for (const url of [
      `/plans/${planId}`,
      `/priorities/${priorityId}`,
      `/plans/${planId}/document.pdf`,
      `/plans/${planId}/versions?version=1`,
    ]) {
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

describe('lists of the plan: downloads, order and deletes', () => {
  let t: TestApp;
  let p: TestPartnership;
  let coordinator: Agent;
  let viewer: Agent;
  let outsider: Agent;
  let planId: number;
  const priority: Record<string, number> = {};
  let themeId: number;

  const h1 = (body: string) => /<h1 class="govuk-heading-l">([^<]*)<\/h1>/.exec(body)?.[1];
  const priorityOrder = async () =>
    [...(await viewer.get(`/plans/${planId}`)).body.matchAll(/<a class="govuk-link" href="\/priorities\/\d+">([^<]+)<\/a>/g)].map(
      (m) => m[1],
    );
  const audited = (action: string) =>
    t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('audit_events').select(['details']).where('action', '=', action).orderBy('id').execute(),
    );

  before(async () => {
    let q: TestPartnership;
    [t, p, q] = await appWithPartnerships(['alpha', 'bravo']);
    [coordinator, viewer, outsider] = await signedIn(t, p.users.coordinator, p.users.viewer, q.users.admin);
    planId = idFrom(
      (await coordinator.post('/plans/new', { title: 'Alpha Plan', startsYear: '2019', endsYear: '2022', status: 'draft' })).headers
        .location,
      /^\/plans\/(\d+)/,
    );
    for (const title of ['Violence', 'Burglary', 'Fraud']) {
      priority[title] = idFrom(
        (await coordinator.post(`/plans/${planId}/priorities/new`, { title, objective: `Less ${title.toLowerCase()}` })).headers.location,
        /^\/priorities\/(\d+)/,
      );
    }
    await coordinator.post(`/plans/${planId}/themes/new`, { title: 'Prevent duty', description: '=cmd|" /C calc"!A0' });
    themeId = await t.database.db.tenant(p.id, async (trx) => (await trx.selectFrom('themes').select('id').executeTakeFirstOrThrow()).id);
    await coordinator.post(`/plans/${planId}/sections/new`, { heading: 'Foreword', body: 'Hello' });
    await coordinator.post(`/plans/${planId}/sections/new`, { heading: 'Welcome', body: 'Hello again' });
    await coordinator.post('/glossary/new', { term: 'ASB', meaning: 'Anti-social behaviour', isAcronym: 'yes' });
    await coordinator.post('/survey-results', {
      survey: "Residents' survey",
      surveyYear: '2017',
      question: 'Feel safe at home',
      percent: '93.5',
      respondents: '2350',
    });
    await coordinator.post('/external-priorities', { source: 'pcc_plan', title: 'Tackle violent crime' });
  });
  after(() => t.close());

  test('every list of plans downloads as CSV and XLSX, with links under the list', async () => {
    const list = await viewer.get('/plans');
    assert.match(list.body, /href="\/plans\/export\.csv">Download CSV<span class="govuk-visually-hidden"> of the plans<\/span><\/a>/);
    assert.match(list.body, /href="\/plans\/export\.xlsx">Download XLSX<span class="govuk-visually-hidden"> of the plans<\/span><\/a>/);
    const plans = await viewer.get('/plans/export.csv');
    assert.equal(plans.headers['content-disposition'], 'attachment; filename="plans.csv"');
    assert.match(plans.body, /^\uFEFFPlan,First year,Last year,Status,Date adopted,Version,Vision\r\nAlpha Plan,2019,2022,Draft,,1,\r\n$/);

    const page = await viewer.get(`/plans/${planId}`);
    assert.match(
      page.body,
      new RegExp(`href="/plans/${planId}/priorities/export.xlsx">Download XLSX<span class="govuk-visually-hidden"> of the priorities`),
    );
    const priorities = await viewer.get(`/plans/${planId}/priorities/export.xlsx`);
    assert.equal(priorities.headers['content-disposition'], 'attachment; filename="alpha-plan-2019-22-priorities.xlsx"');
    const workbook = await workbookOf(priorities);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.getCell('A1').value, 'Priorities: Alpha Plan 2019-22');
    assert.deepEqual(
      [1, 2, 4].map((c) => sheet.getRow(3).getCell(c).value),
      [1, 'Violence', 'Less violence'],
    );
    assert.equal(sheet.getRow(5).getCell(2).value, 'Fraud');

    const themes = await viewer.get(`/plans/${planId}/themes/export.csv`);
    assert.match(themes.body, /Order,Theme,Description\r\n1,Prevent duty,"'=cmd\|"" \/C calc""!A0"\r\n/, 'a formula stays text');
    assert.match(
      (await viewer.get('/glossary/export.csv')).body,
      /Term,Meaning,Acronym or abbreviation\r\nASB,Anti-social behaviour,Yes\r\n/,
    );
    assert.match(
      (await viewer.get('/survey-results/export.csv')).body,
      /Survey,Year,Question or finding,Percentage,Respondents\r\nResidents' survey,2017,Feel safe at home,93.5,2350\r\n/,
    );
    assert.match(
      (await viewer.get('/external-priorities/export.csv')).body,
      /Plan,Order,Priority\r\nPolice and crime commissioner's plan,1,Tackle violent crime\r\n/,
    );
    for (const url of ['/glossary', '/survey-results', '/external-priorities']) {
      assert.match((await viewer.get(url)).body, /Download XLSX<span class="govuk-visually-hidden"> of the /, url);
    }
    assert.equal((await outsider.get(`/plans/${planId}/priorities/export.csv`)).statusCode, 404);
    assert.ok(!(await outsider.get('/plans/export.csv')).body.includes('Alpha Plan'));
  });

  test('priorities, themes and sections move up and down with buttons', async () => {
    assert.deepEqual(await priorityOrder(), ['Violence', 'Burglary', 'Fraud']);
    const page = await coordinator.get(`/plans/${planId}`);
    assert.match(
      page.body,
      new RegExp(
        `<form method="post" action="/priorities/${priority['Fraud']}/move" novalidate>\\s*` +
          '<input type="hidden" name="_csrf" value="[^"]+"><input type="hidden" name="direction" value="up">\\s*' +
          '<button[^>]*>Move up<span class="govuk-visually-hidden">: Fraud</span>',
      ),
    );
    assert.doesNotMatch(
      page.body,
      new RegExp(`action="/priorities/${priority['Fraud']}/move"[^]*?value="down"[^]*?: Fraud<`),
      'the last cannot move down',
    );
    const moved = await coordinator.post(`/priorities/${priority['Fraud']}/move`, { direction: 'up' });
    assert.equal(moved.statusCode, 303);
    assert.equal(moved.headers.location, `/plans/${planId}?done=moved#priorities`);
    assert.deepEqual(await priorityOrder(), ['Violence', 'Fraud', 'Burglary']);
    await coordinator.post(`/priorities/${priority['Violence']}/move`, { direction: 'down' });
    assert.deepEqual(await priorityOrder(), ['Fraud', 'Violence', 'Burglary']);
    assert.equal(
      (await coordinator.post(`/priorities/${priority['Fraud']}/move`, { direction: 'up' })).statusCode,
      303,
      'the first stays first',
    );
    assert.deepEqual(await priorityOrder(), ['Fraud', 'Violence', 'Burglary']);
    assert.match((await coordinator.get(`/priorities/${priority['Burglary']}`)).body, /Priority 3: Alpha Plan/);
    assert.equal((await coordinator.post(`/priorities/${priority['Fraud']}/move`, { direction: 'sideways' })).statusCode, 400);
    assert.deepEqual(
      (await audited('priority.updated')).map((a) => (a.details as { moved?: string }).moved),
      ['up', 'down'],
    );

    const sections = await t.database.db.tenant(p.id, (trx) => trx.selectFrom('plan_sections').select('id').orderBy('position').execute());
    assert.equal((await coordinator.post(`/plan-sections/${sections[1]!.id}/move`, { direction: 'up' })).statusCode, 303);
    assert.match((await viewer.get(`/plans/${planId}`)).body, /Welcome<\/h3>[^]*Foreword<\/h3>/);
    assert.equal((await coordinator.post(`/themes/${themeId}/move`, { direction: 'down' })).statusCode, 303);
    assert.equal((await viewer.post(`/priorities/${priority['Fraud']}/move`, { direction: 'down' })).statusCode, 403);
    assert.equal((await outsider.post(`/priorities/${priority['Fraud']}/move`, { direction: 'down' })).statusCode, 404);
    assert.doesNotMatch(
      (await coordinator.get(`/priorities/${priority['Fraud']}/edit`)).body,
      /name="position"/,
      'no order field on the form',
    );
  });

  test('a priority used by actions, indicators, funding and commentaries is not deleted, and the page says what uses it', async () => {
    const fraud = priority['Fraud']!;
    await t.database.db.system(async (trx) => {
      const body = await trx
        .insertInto('bodies')
        .values({ partnership_id: p.id, name: 'Fraud Panel', kind: 'sub_group' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const plan = await trx
        .insertInto('action_plans')
        .values({ partnership_id: p.id, body_id: body.id, plan_year: 2019, title: 'Fraud plan' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('actions')
        .values(
          [1, 2].map((n) => ({
            partnership_id: p.id,
            action_plan_id: plan.id,
            title: `Action ${n}`,
            priority_id: fraud,
            theme_id: themeId,
          })),
        )
        .execute();
      await trx
        .insertInto('indicators')
        .values({
          partnership_id: p.id,
          name: 'Fraud reports',
          priority_id: fraud,
          frequency: 'monthly',
          direction: 'lower',
          source: 'manual',
        })
        .execute();
      const fund = await trx
        .insertInto('funds')
        .values({ partnership_id: p.id, name: 'PCC fund' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('funding_applications')
        .values({
          partnership_id: p.id,
          fund_id: fund.id,
          body_id: body.id,
          priority_id: fraud,
          purpose: 'Leaflets',
          amount_requested: '10',
        })
        .execute();
      await trx
        .insertInto('priority_commentaries')
        .values({ partnership_id: p.id, priority_id: fraud, period: '2019-Q1', commentary: 'Rising' })
        .execute();
    });
    const page = await coordinator.get(`/priorities/${fraud}`);
    assert.match(page.body, new RegExp(`href="/priorities/${fraud}/delete" data-qa="delete-priority">Delete this priority`));
    const refused = await coordinator.get(`/priorities/${fraud}/delete`);
    assert.equal(refused.statusCode, 200);
    assert.equal(h1(refused.body), 'You cannot delete the priority “Fraud”');
    for (const use of ['2 actions', '1 performance indicator', '1 funding application', '1 performance commentary'])
      assert.match(refused.body, new RegExp(`<li>${use}</li>`), use);
    assert.doesNotMatch(refused.body, /Yes, delete it/);
    const post = await coordinator.post(`/priorities/${fraud}/delete`);
    assert.equal(post.statusCode, 409);
    assert.match(post.body, /<li>1 performance indicator<\/li>/);
    assert.equal((await viewer.get(`/priorities/${fraud}`)).statusCode, 200, 'still there');

    const theme = await coordinator.post(`/themes/${themeId}/delete`);
    assert.equal(theme.statusCode, 409);
    assert.equal(h1(theme.body), 'You cannot delete the cross-cutting theme “Prevent duty”');
    assert.match(theme.body, /<li>2 actions<\/li>/);
    assert.equal((await audited('priority.deleted')).length, 0);
  });

  test('an alignment form sent back with an error shows the whole priority again: its text, its actions and the error', async () => {
    const fraud = priority['Fraud']!;
    const objective = /<h2 class="govuk-heading-m">Objective<\/h2>\s*<p class="govuk-body">Less fraud<\/p>/;
    const shown = await coordinator.get(`/priorities/${fraud}`);
    assert.match(shown.body, objective);
    assert.match(shown.body, /data-qa="priority-actions"[^]*>Action 1<\/a>/);
    for (const externalIds of ['not-a-number', '999999']) {
      const refused = await coordinator.post(`/priorities/${fraud}/alignments`, { externalIds });
      assert.equal(refused.statusCode, 400, externalIds);
      assert.match(refused.body, /<title>Error: Fraud - /);
      assert.match(refused.body, /href="#externalIds">Select priorities from the list/);
      assert.match(refused.body, objective, 'the priority’s text');
      assert.match(refused.body, /<h2 class="govuk-heading-m">Why it matters<\/h2>\s*<p class="govuk-body">Not written yet.<\/p>/);
      assert.match(refused.body, /data-qa="priority-actions"[^]*>Action 1<\/a>[^]*>Action 2<\/a>/, 'the actions delivering it');
      assert.match(refused.body, new RegExp(`href="/priorities/${fraud}/edit" data-qa="change-priority"`));
    }
  });

  test('deleting a priority asks first, removes its alignments with it, renumbers the rest and is audited', async () => {
    const violence = priority['Violence']!;
    const external = await t.database.db.tenant(
      p.id,
      async (trx) => (await trx.selectFrom('external_priorities').select('id').executeTakeFirstOrThrow()).id,
    );
    await coordinator.post(`/priorities/${violence}/alignments`, { externalIds: String(external) });
    const confirm = await coordinator.get(`/priorities/${violence}/delete`);
    assert.equal(h1(confirm.body), 'Are you sure you want to delete the priority “Violence”?');
    assert.match(confirm.body, /<li>1 alignment with a priority of another plan<\/li>/);
    assert.match(confirm.body, new RegExp(`href="/priorities/${violence}">Cancel`));
    assert.equal((await viewer.get(`/priorities/${violence}/delete`)).statusCode, 403);
    assert.equal((await viewer.post(`/priorities/${violence}/delete`)).statusCode, 403);
    assert.equal((await outsider.get(`/priorities/${violence}/delete`)).statusCode, 404);
    assert.equal((await outsider.post(`/priorities/${violence}/delete`)).statusCode, 404);

    const done = await coordinator.post(`/priorities/${violence}/delete`);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/plans/${planId}?done=priority-deleted#priorities`);
    assert.match((await coordinator.get(String(done.headers.location))).body, /The priority has been deleted/);
    assert.equal((await viewer.get(`/priorities/${violence}`)).statusCode, 404);
    assert.deepEqual(await priorityOrder(), ['Fraud', 'Burglary']);
    const positions = await t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('priorities').select(['title', 'position']).orderBy('position').execute(),
    );
    assert.deepEqual(positions, [
      { title: 'Fraud', position: 1 },
      { title: 'Burglary', position: 2 },
    ]);
    const audit = await audited('priority.deleted');
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0]!.details, {
      planId,
      title: 'Violence',
      deleted: true,
      alsoDeleted: ['1 alignment with a priority of another plan'],
    });
  });

  test('sections, glossary terms and survey results are deleted after a confirmation page', async () => {
    const section = await t.database.db.tenant(
      p.id,
      async (trx) => (await trx.selectFrom('plan_sections').select('id').where('heading', '=', 'Foreword').executeTakeFirstOrThrow()).id,
    );
    assert.equal(
      h1((await coordinator.get(`/plan-sections/${section}/delete`)).body),
      'Are you sure you want to delete the introduction section “Foreword”?',
    );
    assert.equal(
      (await coordinator.post(`/plan-sections/${section}/delete`)).headers.location,
      `/plans/${planId}?done=section-deleted#introduction`,
    );
    assert.equal((await audited('plan_section.deleted')).length, 1);

    const term = await t.database.db.tenant(
      p.id,
      async (trx) => (await trx.selectFrom('glossary_terms').select('id').executeTakeFirstOrThrow()).id,
    );
    const edit = await coordinator.get(`/glossary/${term}/edit`);
    assert.match(edit.body, new RegExp(`href="/glossary/${term}/delete"[^>]*>\\s*Delete term`));
    assert.equal(h1((await coordinator.get(`/glossary/${term}/delete`)).body), 'Are you sure you want to delete the term “ASB”?');
    assert.equal((await coordinator.post(`/glossary/${term}/delete`)).headers.location, '/glossary?done=deleted');
    assert.equal((await audited('glossary.deleted')).length, 1);

    const survey = await coordinator.get('/survey-results');
    const resultId = Number(
      /href="\/survey-results\/(\d+)\/delete">Delete<span class="govuk-visually-hidden"> the result Feel safe at home/.exec(
        survey.body,
      )?.[1],
    );
    assert.ok(resultId > 0);
    assert.doesNotMatch((await viewer.get('/survey-results')).body, /\/delete"/, 'a viewer sees no delete links');
    assert.equal(
      h1((await coordinator.get(`/survey-results/${resultId}/delete`)).body),
      'Are you sure you want to delete the result “Feel safe at home”?',
    );
    assert.equal((await viewer.post(`/survey-results/${resultId}/delete`)).statusCode, 403);
    assert.equal((await coordinator.post(`/survey-results/${resultId}/delete`)).headers.location, '/survey-results?done=result-deleted');
    assert.match(
      (await coordinator.get('/survey-results?done=result-deleted')).body,
      /The survey result has been deleted[^]*There are no survey results yet/,
    );
    assert.equal((await audited('survey.deleted')).length, 1);
  });

  test('the plans service itself refuses a viewer: nothing changed or audited', async () => {
    const plan = { title: 'Not allowed', startsYear: 2020, endsYear: 2023, vision: '', status: 'draft', adoptedOn: null } as const;
    await serviceRefuses(t, p, 'viewer', [
      ({ plans }, viewer) => plans.create(viewer, plan),
      ({ plans }, viewer) => plans.addTheme(viewer, planId, { title: 'Not allowed', description: '' }),
      ({ plans }, viewer) => plans.moveInPlan(viewer, 'theme', themeId, 'up'),
      ({ plans }, viewer) => plans.deleteFromPlan(viewer, 'theme', themeId),
    ]);
  });
});
