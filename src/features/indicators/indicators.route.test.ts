import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Agent, TestApp, TestPartnership } from '../../../test/helpers/app.ts';
import { decode, textOf } from '../../../test/helpers/page-text.ts';
import { appWithPartnerships, auditEvents, serviceRefuses, signedIn, type ServiceCall } from '../../../test/helpers/route-fixtures.ts';
import { importKentStreetFiles, loadMaidstoneGeography, MAIDSTONE, setDistrictCodes } from '../explore/explore-fixtures.ts';
import { seedPlanSample } from '../plans/plan-fixtures.ts';
import { defaultHarmWeight, HARM_WEIGHT_SOURCE } from '../statistics/harm-weights.ts';
import { POLICE_CRIME_TYPES, weightField } from './indicator-schemas.ts';
import { STALE_INDICATOR } from './indicator-service.ts';

const VIOLENCE = 'Violence and sexual offences';
// High Street, a Maidstone ward; an LSOA of Ashford, outside the partnership's area.
const HIGH_STREET = 'E05004996';
const ASHFORD_LSOA = 'E01023987';

/** The body rows of the tables with this data-qa, as text. */
function tableRows(html: string, qa: string): string[][] {
  const tables = [...html.matchAll(new RegExp(`<table[^>]*data-qa="${qa}"[^>]*>([\\s\\S]*?)</table>`, 'g'))].map((m) => m[1]!);
  const bodies = tables.map((table) => /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '');
  return bodies.flatMap((body) =>
    [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => textOf(cell[1]!)),
    ),
  );
}

/** The GOV.UK error summary's links, as "#field message". */
function errorSummary(html: string): string[] {
  const summary =
    /<div class="govuk-error-summary"[\s\S]*?<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => `${m[1]} ${textOf(m[2]!)}`);
}

const idFrom = (location: unknown): number => {
  const match = /^\/indicators\/(\d+)\?done=created$/.exec(String(location));
  assert.ok(match, `redirect to the new indicator: ${String(location)}`);
  return Number(match[1]);
};

/** Posts a new indicator; it must be made. Returns its id. */
async function created(agent: Agent, form: Record<string, string>): Promise<number> {
  const res = await agent.post('/indicators/new', form);
  assert.equal(res.statusCode, 303, `made: ${res.body.slice(0, 300)}`);
  return idFrom(res.headers.location);
}

/** Posts a new indicator; it must be refused with these errors in the summary. */
async function refusedWith(agent: Agent, form: Record<string, string>, errors: string[]): Promise<void> {
  const res = await agent.post('/indicators/new', form);
  assert.equal(res.statusCode, 400);
  assert.deepEqual(errorSummary(res.body), errors);
}

const versionOn = (body: string): string => {
  const match = /name="version" value="(\d+)"/.exec(body);
  assert.ok(match, 'the form carries the version');
  return match[1]!;
};

const base = { name: 'An indicator', frequency: 'monthly', direction: 'lower', visibility: 'restricted' };

describe('the indicator library', () => {
  let t: TestApp;
  let p: TestPartnership;
  let coordinator: Agent;
  let analyst: Agent;
  let viewer: Agent;
  let member: Agent;
  let datasetId: number;
  let priorityId: number;
  let policeId: number;
  let manualId: number;

  const audit = (subjectType: string) => auditEvents(t, p.id, { subjectType });

  before(async () => {
    [t, p] = await appWithPartnerships(['alpha', 'bravo']);
    await setDistrictCodes(t.database.db, p.id, [MAIDSTONE]);
    await loadMaidstoneGeography(t.database.db);
    await t.database.db.bulk((s) =>
      s.query(
        `insert into geo_lsoas (code, name, district_code, district_name, population)
         values ($1, 'Ashford 001B', 'E07000105', 'Ashford', 1500)`,
        [ASHFORD_LSOA],
      ),
    );
    await importKentStreetFiles(t.database.db);
    await seedPlanSample(t.database.db, p.id);
    priorityId = (
      await t.database.db.tenant(p.id, (trx) =>
        trx.selectFrom('priorities').select('id').where('title', '=', 'Keeping children and young people safe').executeTakeFirstOrThrow(),
      )
    ).id;
    datasetId = await t.database.db.tenant(p.id, async (trx) => {
      const row = await trx
        .insertInto('service_usage_datasets')
        .values({ partnership_id: p.id, name: 'One-stop shop visits', file_name: 'visits.csv', mapping: JSON.stringify({}) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('service_usage_events')
        .values([
          { partnership_id: p.id, dataset_id: row.id, occurred_at: '2019-01-07 10:00', service: 'Advice' },
          { partnership_id: p.id, dataset_id: row.id, occurred_at: '2019-02-07 10:00', service: 'IDVA' },
        ])
        .execute();
      return row.id;
    });
    [coordinator, analyst, viewer, member] = await signedIn(t, p.users.coordinator, p.users.analyst, p.users.viewer, p.users.member);
  });
  after(() => t.close());

  test('the form offers every source with its fields, revealed by GOV.UK radios that work without JavaScript', async () => {
    const form = await coordinator.get('/indicators/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<title>Add an indicator - Safer alpha Partnership<\/title>/);
    for (const source of ['police', 'service-usage', 'survey', 'manual']) {
      assert.match(
        form.body,
        new RegExp(
          `<input class="govuk-radios__input" id="source[-\\w]*" name="source" type="radio" value="${source}" ` +
            'data-aria-controls="conditional-source[-\\w]*"',
        ),
      );
    }
    // Without JavaScript the conditional parts are plain content: every field is there.
    for (const field of [
      'crimeTypes',
      'areaKind',
      'wardCodes',
      'lsoaCodes',
      'policeMeasure',
      'datasetId',
      'service',
      'usageMeasure',
      'surveyQuestion',
    ]) {
      assert.match(form.body, new RegExp(`name="${field}"`), field);
    }
    assert.equal((form.body.match(/name="crimeTypes"/g) ?? []).length, 14);
    assert.match(form.body, /<option value="E05004996">High Street<\/option>|value="E05004996"[^>]*>\s*<label[^>]*>\s*High Street/);
    assert.match(
      form.body,
      /<option value="Feel safe in their local area after dark">Feel safe in their local area after dark \(2017\)<\/option>/,
    );
    assert.match(form.body, new RegExp(`<option value="${datasetId}">One-stop shop visits</option>`));
    assert.match(form.body, /More reporting is good[\s\S]*?more victims are coming forward/);
    assert.match(form.body, /<option value="priority-\d+">Priority: Keeping children and young people safe<\/option>/);
  });

  test('an empty form gets the error summary', async () => {
    const res = await coordinator.post('/indicators/new', {});
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: Add an indicator - Safer alpha Partnership<\/title>/);
    assert.deepEqual(errorSummary(res.body), [
      '#name Enter the name of the indicator',
      '#frequency Select how often the indicator is measured',
      '#direction Select whether lower or higher is better',
      '#visibility Select who may see the indicator',
      '#source Select where the values come from',
    ]);
  });

  test('police.uk: wrong areas are refused, naming the codes; a ward rate is made and shows its values', async () => {
    const police = { ...base, source: 'police', areaKind: 'lsoas', policeMeasure: 'rate' };
    const refused: { form: Record<string, string>; errors: string[]; kept?: RegExp }[] = [
      {
        form: { lsoaCodes: 'E01024320\nnot-a-code' },
        errors: ['#lsoaCodes NOT-A-CODE is not an LSOA code: enter codes like E01024320, one to a line'],
        kept: /not-a-code<\/textarea>/,
      },
      {
        form: { lsoaCodes: `E01024320\n${ASHFORD_LSOA}` },
        errors: [`#lsoaCodes This LSOA is not in the partnership's area: ${ASHFORD_LSOA}`],
      },
      { form: { areaKind: 'wards', wardCodes: 'E05009999', policeMeasure: 'count' }, errors: ['#wardCodes Select wards from the list'] },
    ];
    for (const { form, errors, kept } of refused) {
      const res = await coordinator.post('/indicators/new', { ...police, ...form });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(errorSummary(res.body), errors);
      if (kept) assert.match(res.body, kept, 'what was typed is kept');
    }

    policeId = await created(coordinator, {
      ...base,
      name: 'Violence in the town centre',
      definition: 'Violence and sexual offences in High Street ward',
      groupId: `priority-${priorityId}`,
      ownerUserId: String(p.users.analyst.id),
      source: 'police',
      crimeTypes: VIOLENCE,
      areaKind: 'wards',
      wardCodes: HIGH_STREET,
      policeMeasure: 'rate',
      visibility: 'public',
      baselinePeriod: '2018-10',
      baselineValue: '12.5',
    });
    const page = await viewer.get(`/indicators/${policeId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>Violence in the town centre - Safer alpha Partnership<\/title>/);
    assert.match(textOf(page.body), /police\.uk street-level data: Violence and sexual offences in High Street ward, per 1,000 residents/);
    assert.match(textOf(page.body), /Owner alpha analyst person/);
    assert.ok(!page.body.includes(`/indicators/${policeId}/edit`), 'a viewer cannot change it');
    const rows = tableRows(page.body, 'indicator-values');
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['October 2018', 'November 2018', 'December 2018', 'January 2019', 'February 2019'],
    );
    assert.match(rows[0]![2]!, /^\d+\.\d\d to \d+\.\d\d$/, 'a confidence interval');
    assert.match(rows[1]![4]!, /^Left out of limits Possibly incomplete: low counts of Violence and sexual offences/);
    assert.equal(rows[0]![4], '');
    const [row] = await audit('indicator');
    assert.equal(row!.action, 'indicator.created');
    assert.equal(row!.actor_name, 'alpha coordinator person');
    assert.deepEqual(row!.details, { name: 'Violence in the town centre', source: 'police', measure: 'rate', visibility: 'public' });
  });

  test('service usage, survey and manual: refused without their fields, made with them', async () => {
    await refusedWith(analyst, { ...base, source: 'service-usage', datasetId: '999999', usageMeasure: 'count' }, [
      '#datasetId Select a service-usage dataset from the list',
    ]);
    const usageId = await created(analyst, {
      ...base,
      name: 'Visits',
      source: 'service-usage',
      datasetId: String(datasetId),
      usageMeasure: 'count',
      direction: 'more-reporting',
    });
    const usagePage = await analyst.get(`/indicators/${usageId}`);
    assert.deepEqual(
      tableRows(usagePage.body, 'indicator-values').map((r) => r.slice(0, 2)),
      [
        ['January 2019', '1'],
        ['February 2019', '1'],
      ],
    );

    await refusedWith(analyst, { ...base, source: 'survey', surveyQuestion: 'Do you like cake' }, [
      '#frequency A survey indicator is annual: select Annual',
    ]);
    await refusedWith(analyst, { ...base, frequency: 'annual', source: 'survey', surveyQuestion: 'Do you like cake' }, [
      '#surveyQuestion Select a survey question from the list',
    ]);
    const surveyId = await created(analyst, {
      ...base,
      name: 'Safe after dark',
      frequency: 'annual',
      direction: 'higher',
      source: 'survey',
      surveyQuestion: 'Feel safe in their local area after dark',
    });
    const surveyPage = await analyst.get(`/indicators/${surveyId}`);
    assert.deepEqual(
      tableRows(surveyPage.body, 'indicator-values').map((r) => r.slice(0, 3)),
      [['2017', '60.0%', '58.0% to 62.0%']],
    );

    await refusedWith(analyst, { ...base, name: '', source: 'manual' }, ['#name Enter the name of the indicator']);
    manualId = await created(analyst, {
      ...base,
      name: 'MARAC referrals',
      frequency: 'quarterly',
      source: 'manual',
      visibility: 'public',
    });
    assert.deepEqual(
      (await audit('indicator')).map((a) => a.action),
      ['indicator.created', 'indicator.created', 'indicator.created', 'indicator.created'],
    );
  });

  test('changing an indicator: saved with the version it was opened at; a stale save is refused with 409', async () => {
    const form = await coordinator.get(`/indicators/${policeId}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="Violence in the town centre"/);
    assert.match(
      form.body,
      /<input class="govuk-checkboxes__input" id="wardCodes[-\d]*" name="wardCodes" type="checkbox" value="E05004996" checked>/,
    );
    const version = versionOn(form.body);
    const fields = {
      ...base,
      name: 'Violence in High Street ward',
      definition: 'Violence and sexual offences in High Street ward',
      groupId: `priority-${priorityId}`,
      source: 'police',
      crimeTypes: VIOLENCE,
      areaKind: 'wards',
      wardCodes: HIGH_STREET,
      policeMeasure: 'count',
      visibility: 'public',
      ownerUserId: String(p.users.analyst.id),
      version,
    };
    const saved = await coordinator.post(`/indicators/${policeId}/edit`, fields);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/indicators/${policeId}?done=changed`);
    const stale = await analyst.post(`/indicators/${policeId}/edit`, { ...fields, name: 'Someone else’s name' });
    assert.equal(stale.statusCode, 409);
    assert.ok(decode(stale.body).includes(STALE_INDICATOR));
    const page = await coordinator.get(`/indicators/${policeId}`);
    assert.match(page.body, /<h1 class="govuk-heading-l">Violence in High Street ward<\/h1>/);
    const changes = (await audit('indicator')).filter((a) => a.action === 'indicator.updated');
    assert.equal(changes.length, 1);
    assert.deepEqual(Object.keys(changes[0]!.details).sort(), ['baseline_period', 'baseline_value', 'measure', 'name']);
    assert.deepEqual(changes[0]!.details['measure'], { from: 'rate', to: 'count' });
    const fresh = versionOn((await coordinator.get(`/indicators/${policeId}/edit`)).body);
    assert.equal(fresh, String(Number(version) + 1));
    const invalid = await coordinator.post(`/indicators/${policeId}/edit`, { ...fields, version: fresh, policeMeasure: '' });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(errorSummary(invalid.body), ['#policeMeasure Select how the crimes are measured']);
  });

  test('targets: set, replaced, refused in the wrong form of period, removed; each audited', async () => {
    const page = await coordinator.get(`/indicators/${policeId}/targets`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>Targets - Safer alpha Partnership<\/title>/);
    assert.match(page.body, /<span class="govuk-caption-l">Violence in High Street ward<\/span>/);
    const bad = await coordinator.post(`/indicators/${policeId}/targets`, { period: '2019-Q1', target: 'ten' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorSummary(bad.body), [
      '#period Enter the period as a month as year and month, for example 2019-04',
      '#target The target must be a number, like 12.5',
    ]);
    assert.equal((await coordinator.post(`/indicators/${policeId}/targets`, { period: '2019-01', target: '40' })).statusCode, 303);
    assert.equal((await coordinator.post(`/indicators/${policeId}/targets`, { period: '2019-1', target: '35' })).statusCode, 303);
    assert.equal((await coordinator.post(`/indicators/${policeId}/targets`, { period: '2019-02', target: '30' })).statusCode, 303);
    assert.deepEqual(
      tableRows((await coordinator.get(`/indicators/${policeId}/targets`)).body, 'targets').map((r) => r.slice(0, 2)),
      [
        ['January 2019', '35'],
        ['February 2019', '30'],
      ],
    );
    const removed = await coordinator.post(`/indicators/${policeId}/targets/remove`, { period: '2019-02' });
    assert.equal(removed.statusCode, 303);
    const show = await coordinator.get(`/indicators/${policeId}`);
    const jan = tableRows(show.body, 'indicator-values').find((r) => r[0] === 'January 2019')!;
    assert.equal(jan[2], '35', 'the target shows beside the value');
    assert.deepEqual(
      (await audit('indicator')).filter((a) => a.action.startsWith('indicator.target')).map((a) => [a.action, a.details]),
      [
        ['indicator.target_saved', { period: '2019-01', target: 40 }],
        ['indicator.target_saved', { period: '2019-01', target: 35 }],
        ['indicator.target_saved', { period: '2019-02', target: 30 }],
        ['indicator.target_removed', { period: '2019-02' }],
      ],
    );
    assert.equal((await coordinator.post(`/indicators/${policeId}/targets/remove`, { period: '2019-02' })).statusCode, 404);
  });

  test('values by hand: for manual indicators only, with evidence and the author', async () => {
    assert.equal((await coordinator.get(`/indicators/${policeId}/values`)).statusCode, 404);
    const noEvidence = await analyst.post(`/indicators/${manualId}/values`, { period: '2019-Q1', value: '12' });
    assert.equal(noEvidence.statusCode, 400);
    assert.deepEqual(errorSummary(noEvidence.body), ['#evidence Enter the evidence for the value: where it comes from']);
    assert.equal(
      (await analyst.post(`/indicators/${manualId}/values`, { period: '2019-Q1', value: '12', evidence: 'MARAC minutes, April 2019' }))
        .statusCode,
      303,
    );
    assert.equal(
      (await analyst.post(`/indicators/${manualId}/values`, { period: '2018-Q3', value: '9', evidence: 'MARAC minutes' })).statusCode,
      303,
    );
    const page = await analyst.get(`/indicators/${manualId}/values`);
    const rows = tableRows(page.body, 'values');
    assert.deepEqual(
      rows.map((r) => r.slice(0, 3)),
      [
        ['July to September 2018', '9', 'MARAC minutes'],
        ['January to March 2019', '12', 'MARAC minutes, April 2019'],
      ],
    );
    assert.match(rows[1]![3]!, /^alpha analyst person, /);
    const show = await viewer.get(`/indicators/${manualId}`);
    assert.deepEqual(
      tableRows(show.body, 'indicator-values').map((r) => r.slice(0, 2)),
      [
        ['July to September 2018', '9'],
        ['October to December 2018', 'No data'],
        ['January to March 2019', '12'],
      ],
    );
    assert.equal((await analyst.post(`/indicators/${manualId}/values/remove`, { period: '2018-Q3' })).statusCode, 303);
    assert.deepEqual(
      (await audit('indicator')).filter((a) => a.action.startsWith('indicator.value')).map((a) => a.action),
      ['indicator.value_saved', 'indicator.value_saved', 'indicator.value_removed'],
    );
    const stored = await t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('indicator_values').select(['period', 'entered_by']).where('indicator_id', '=', manualId).execute(),
    );
    assert.deepEqual(stored, [{ period: '2019-Q1', entered_by: p.users.analyst.id }]);
  });

  test('the list groups by priority, filters by priority, shows the latest value and links to harm weights', async () => {
    const list = await viewer.get('/indicators');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /<title>Indicators - Safer alpha Partnership<\/title>/);
    assert.match(list.body, /href="\/harm-weights"/);
    assert.ok(!list.body.includes('href="/indicators/new"'), 'a viewer cannot add');
    assert.match(
      list.body,
      /<caption class="govuk-table__caption govuk-table__caption--m">Priority: Keeping children and young people safe<\/caption>/,
    );
    const rows = tableRows(list.body, 'indicators');
    const police = rows.find((r) => r[0] === 'Violence in High Street ward')!;
    assert.equal(police[1], 'police.uk crime data: count');
    assert.match(police[3]!, /^\d+ \(February 2019\)$/);
    assert.equal(police[4], 'Public');
    assert.deepEqual(rows.find((r) => r[0] === 'MARAC referrals')!.slice(2), ['Quarterly', '12 (January to March 2019)', 'Public']);
    const filtered = await viewer.get(`/indicators?priority=${priorityId}`);
    assert.deepEqual(
      tableRows(filtered.body, 'indicators').map((r) => r[0]),
      ['Violence in High Street ward'],
    );
    assert.match(filtered.body, /<title>Indicators - Safer alpha Partnership<\/title>/);
    assert.match(textOf(filtered.body), /1 indicator for the priority Keeping children and young people safe/);
    assert.equal((await viewer.get('/indicators?priority=banana')).statusCode, 200);
    assert.match((await coordinator.get('/indicators')).body, /href="\/indicators\/new"/);
  });

  test('harm weights: defaults with their reasoning; a change, a refusal and a reset, each audited', async () => {
    const page = await viewer.get('/harm-weights');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>Harm weights - Safer alpha Partnership<\/title>/);
    const rows = tableRows(page.body, 'harm-weights');
    assert.equal(rows.length, 14);
    assert.deepEqual(rows.find((r) => r[0] === 'Burglary')!.slice(1, 3), [
      String(defaultHarmWeight('Burglary').weight),
      String(defaultHarmWeight('Burglary').weight),
    ]);
    assert.ok(decode(page.body).includes(defaultHarmWeight('Burglary').reasoning));
    assert.ok(decode(page.body).includes(`Where the defaults come from: ${HARM_WEIGHT_SOURCE}`), 'the source of the defaults is shown');
    assert.ok(!page.body.includes('name="weight-burglary"'), 'a viewer sees the weights without a form');

    const body = Object.fromEntries(POLICE_CRIME_TYPES.map((t) => [weightField(t), String(defaultHarmWeight(t).weight)]));
    const bad = await coordinator.post('/harm-weights', { ...body, 'weight-robbery': '-5' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorSummary(bad.body), ['#weight-robbery The weight of Robbery must be a number, 0 or more']);
    assert.match(bad.body, /name="weight-robbery"[^>]*value="-5"/);
    const saved = await coordinator.post('/harm-weights', { ...body, 'weight-burglary': '500' });
    assert.equal(saved.headers.location, '/harm-weights?done=saved');
    const after = await coordinator.get('/harm-weights?done=saved');
    assert.match(after.body, /Harm weights saved/);
    assert.match(after.body, /name="weight-burglary"[^>]*value="500"/);
    assert.match(textOf(after.body), /Changed from the default by alpha coordinator person/);
    const unchanged = await coordinator.post('/harm-weights', { ...body, 'weight-burglary': '500' });
    assert.equal(unchanged.headers.location, '/harm-weights?done=unchanged');
    assert.equal((await coordinator.post('/harm-weights/reset')).statusCode, 303);
    assert.match(
      (await coordinator.get('/harm-weights')).body,
      new RegExp(`name="weight-burglary"[^>]*value="${defaultHarmWeight('Burglary').weight}"`),
    );
    const events = await audit('harm_weights');
    assert.deepEqual(
      events.map((e) => [e.action, e.details]),
      [
        ['harm_weights.saved', { Burglary: { from: defaultHarmWeight('Burglary').weight, to: 500 } }],
        ['harm_weights.reset', { removed: 1 }],
      ],
    );
  });

  test('only administrators, coordinators and analysts manage; every signed-in user reads', async () => {
    for (const agent of [viewer, member]) {
      assert.equal((await agent.get('/indicators')).statusCode, 200);
      assert.equal((await agent.get(`/indicators/${policeId}`)).statusCode, 200);
      assert.equal((await agent.get('/harm-weights')).statusCode, 200);
      assert.equal((await agent.get('/indicators/new')).statusCode, 403);
      assert.equal((await agent.post('/indicators/new', { ...base, source: 'manual' })).statusCode, 403);
      assert.equal((await agent.get(`/indicators/${policeId}/edit`)).statusCode, 403);
      assert.equal((await agent.get(`/indicators/${policeId}/targets`)).statusCode, 403);
      assert.equal((await agent.post(`/indicators/${manualId}/values`, { period: '2019-Q2', value: '1', evidence: 'x' })).statusCode, 403);
      assert.equal((await agent.post('/harm-weights/reset')).statusCode, 403);
    }
    const [admin] = await signedIn(t, p.users.admin);
    assert.equal((await admin.get('/indicators/new')).statusCode, 200);
    assert.equal((await admin.get(`/indicators/${manualId}/values`)).statusCode, 200);
    assert.equal((await coordinator.get('/indicators/2147483647')).statusCode, 404);
    assert.equal((await coordinator.get('/indicators/abc')).statusCode, 404);
  });

  test('the indicators service itself refuses a viewer: nothing changed or audited', async () => {
    const refusal = /Only administrators, coordinators and analysts can change indicators/;
    const value = { period: '2019-01', value: 1, evidence: '' };
    const calls: ServiceCall[] = [
      ({ indicators }, viewer) => indicators.saveValue(viewer, manualId, value),
      ({ indicators }, viewer) => indicators.saveHarmWeights(viewer, { Burglary: 1 }),
      ({ indicators }, viewer) => indicators.resetHarmWeights(viewer),
    ];
    await serviceRefuses(t, p, 'viewer', calls, refusal);
  });
});
