import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import { importKentStreetFiles, loadMaidstoneGeography, MAIDSTONE } from '../explore/explore-fixtures.ts';
import { insertPartnership } from '../partnerships/partnership-repository.ts';
import { insertUser } from '../users/user-repository.ts';
import { defaultHarmWeight } from '../statistics/harm-weights.ts';
import { INDICATOR_DEFAULTS, insertIndicator, type IndicatorValues } from './indicator-repository.ts';
import { loadIndicatorsWithSeries } from './indicator-series.ts';
import type { IndicatorWithSeries } from './indicator-types.ts';

const VIOLENCE = 'Violence and sexual offences';
const ASB = 'Anti-social behaviour';
// Maidstone's 95 LSOAs in the Kent files, 2018-10 to 2019-02: the numbers `safer query counts` gives.
const MAIDSTONE_BY_MONTH = [1756, 1127, 786, 1588, 1463];
const MONTHS = ['2018-10', '2018-11', '2018-12', '2019-01', '2019-02'];
// Allington, a Maidstone ward.
const WARD = 'E05004982';

const indicator = (overrides: Partial<IndicatorValues>): IndicatorValues => ({ ...INDICATOR_DEFAULTS, name: 'An indicator', ...overrides });

describe(`indicator series on the real Kent files (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let d: TestDatabase;
  let pid: number;
  let otherPid: number;
  let ownerId: number;
  let priorityId: number;

  /** Crimes in street_crimes (the raw rows, not the counts the series read) by month, for LSOAs and types. */
  const rawCounts = async (where: string, params: unknown[]): Promise<Map<string, number>> => {
    const rows = await d.db.bulk((s) =>
      s.query<{ month: string; n: number }>(
        `select to_char(month, 'YYYY-MM') as month, count(*)::int as n from street_crimes where ${where} group by month order by month`,
        params,
      ),
    );
    return new Map(rows.map((r) => [r.month, r.n]));
  };

  const add = (values: Partial<IndicatorValues>, partnershipId = pid) =>
    d.db.tenant(partnershipId, (trx) => insertIndicator(trx, partnershipId, indicator(values)));
  const series = (filter: Parameters<typeof loadIndicatorsWithSeries>[2], partnershipId = pid) =>
    d.db.tenant(partnershipId, (trx) => loadIndicatorsWithSeries(trx, partnershipId, filter));
  const one = async (id: number, to?: string): Promise<IndicatorWithSeries> => {
    const [result] = await series({ indicatorIds: [id], ...(to ? { to } : {}) });
    assert.ok(result, `indicator ${id} loaded`);
    return result;
  };
  const values = (s: IndicatorWithSeries) => s.points.map((p) => p.value);
  const excluded = (s: IndicatorWithSeries) => s.points.filter((p) => p.excluded).map((p) => p.period);

  before(async () => {
    d = await createTestDatabase();
    await loadMaidstoneGeography(d.db);
    await importKentStreetFiles(d.db);
    await d.db.system(async (trx) => {
      pid = await insertPartnership(trx, { slug: 'maidstone', name: 'Safer Maidstone', districtCodes: [MAIDSTONE] });
      otherPid = await insertPartnership(trx, { slug: 'other', name: 'Other', districtCodes: [MAIDSTONE] });
      const agency = await trx
        .insertInto('agencies')
        .values({ partnership_id: pid, name: 'Council', agency_type: 'district_council', responsible_authority: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      ownerId = await insertUser(trx, { partnershipId: pid, agencyId: agency.id, name: 'Priya Desai', email: 'p@x.test', role: 'analyst' });
      const plan = await trx
        .insertInto('plans')
        .values({ partnership_id: pid, title: 'Plan', starts_year: 2019, ends_year: 2022 })
        .returning('id')
        .executeTakeFirstOrThrow();
      priorityId = (
        await trx
          .insertInto('priorities')
          .values({ partnership_id: pid, plan_id: plan.id, title: 'Violence' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    });
  });
  after(() => d.drop());

  test('a count of all types in the partnership area gives the known Maidstone totals, and names its owner', async () => {
    const id = await add({ name: 'All crime', owner_user_id: ownerId, baseline_period: '2018-10', baseline_value: 1700 });
    const s = await one(id);
    assert.deepEqual(
      s.points.map((p) => p.period),
      MONTHS,
    );
    assert.deepEqual(values(s), MAIDSTONE_BY_MONTH);
    assert.deepEqual(
      s.points.map((p) => p.numerator),
      MAIDSTONE_BY_MONTH,
    );
    assert.equal(s.ownerName, 'Priya Desai');
    assert.deepEqual(s.baseline, { period: '2018-10', value: 1700 });
    assert.equal(s.measure, 'count');
    assert.match(s.sourceDescription ?? '', /all crime and anti-social behaviour in the whole partnership area, as a count/);
    // Violence is one of the types, and its November and December are incomplete.
    assert.deepEqual(excluded(s), ['2018-11', '2018-12']);
  });

  test('November and December 2018 are excluded for violence, with the reason, and never for anti-social behaviour alone', async () => {
    const violence = await one(await add({ name: 'Violence', crime_types: [VIOLENCE] }));
    assert.deepEqual(excluded(violence), ['2018-11', '2018-12']);
    assert.match(violence.points[1]!.exclusionReason ?? '', /Possibly incomplete: low counts of Violence and sexual offences/);
    assert.equal(violence.points[0]!.exclusionReason, undefined);
    const raw = await rawCounts(`lsoa_code in (select code from geo_lsoas where district_code = $1) and crime_type = $2`, [
      MAIDSTONE,
      VIOLENCE,
    ]);
    assert.deepEqual(
      values(violence),
      MONTHS.map((m) => raw.get(m) ?? 0),
    );

    const asb = await one(await add({ name: 'ASB', crime_types: [ASB] }));
    assert.deepEqual(excluded(asb), []);
    const rawAsb = await rawCounts(`lsoa_code in (select code from geo_lsoas where district_code = $1) and crime_type = $2`, [
      MAIDSTONE,
      ASB,
    ]);
    assert.deepEqual(
      values(asb),
      MONTHS.map((m) => rawAsb.get(m)!),
    );
  });

  test('quarters and years sum their months; a period with an excluded or missing month is excluded', async () => {
    const all = await one(await add({ name: 'All crime by quarter', frequency: 'quarterly' }));
    assert.deepEqual(
      all.points.map((p) => p.period),
      ['2018-Q4', '2019-Q1'],
    );
    assert.deepEqual(values(all), [1756 + 1127 + 786, 1588 + 1463]);
    assert.match(
      all.points[0]!.exclusionReason ?? '',
      /^November 2018: Possibly incomplete: low counts of .*December 2018: Possibly incomplete/,
    );
    assert.equal(all.points[1]!.exclusionReason, 'No data for March 2019');
    assert.deepEqual(excluded(all), ['2018-Q4', '2019-Q1']);

    const asb = await one(await add({ name: 'ASB by quarter', frequency: 'quarterly', crime_types: [ASB] }));
    assert.deepEqual(excluded(asb), ['2019-Q1'], 'the complete quarter of ASB counts');

    const years = await one(await add({ name: 'All crime by year', frequency: 'annual' }));
    assert.deepEqual(
      years.points.map((p) => [p.period, p.value]),
      [
        ['2018', 1756 + 1127 + 786],
        ['2019', 1588 + 1463],
      ],
    );
    assert.match(years.points[0]!.exclusionReason ?? '', /No data for 9 of its 12 months/);
  });

  test('a rate is per 1,000 residents of the area, with its denominator and a confidence interval around it', async () => {
    const [{ population }] = (await d.db.bulk((s) =>
      s.query<{ population: number }>('select sum(population)::int as population from geo_lsoas where district_code = $1', [MAIDSTONE]),
    )) as [{ population: number }];
    const s = await one(await add({ name: 'Crime rate', measure: 'rate' }));
    for (const [i, p] of s.points.entries()) {
      assert.equal(p.numerator, MAIDSTONE_BY_MONTH[i]);
      assert.equal(p.denominator, population);
      assert.ok(Math.abs(p.value! - (MAIDSTONE_BY_MONTH[i]! / population) * 1000) < 1e-9);
      assert.ok(p.lowerCi! < p.value! && p.value! < p.upperCi!, `${p.period}: ${p.lowerCi} < ${p.value} < ${p.upperCi}`);
      // The exact (Garwood) limits, checked against Byar's approximation, which is within a tenth of a crime at these counts.
      const o = MAIDSTONE_BY_MONTH[i]!;
      const byarLower = o * (1 - 1 / (9 * o) - 1.959964 / (3 * Math.sqrt(o))) ** 3;
      const byarUpper = (o + 1) * (1 - 1 / (9 * (o + 1)) + 1.959964 / (3 * Math.sqrt(o + 1))) ** 3;
      assert.ok(
        Math.abs((p.lowerCi! * population) / 1000 - byarLower) < 0.1,
        `${p.period} lower ${(p.lowerCi! * population) / 1000} vs ${byarLower}`,
      );
      assert.ok(
        Math.abs((p.upperCi! * population) / 1000 - byarUpper) < 0.1,
        `${p.period} upper ${(p.upperCi! * population) / 1000} vs ${byarUpper}`,
      );
    }

    const wardLsoas = await d.db.bulk((s2) =>
      s2.query<{ code: string; population: number }>('select code, population from geo_lsoas where ward_code = $1', [WARD]),
    );
    assert.ok(wardLsoas.length >= 2);
    const ward = await one(await add({ name: 'Allington crime rate', measure: 'rate', area_kind: 'wards', area_codes: [WARD] }));
    const rawWard = await rawCounts(`lsoa_code in (select code from geo_lsoas where ward_code = $1)`, [WARD]);
    assert.deepEqual(
      ward.points.map((p) => p.numerator),
      MONTHS.map((m) => rawWard.get(m) ?? 0),
    );
    assert.deepEqual(new Set(ward.points.map((p) => p.denominator)), new Set([wardLsoas.reduce((n, l) => n + l.population, 0)]));
    assert.match(ward.sourceDescription ?? '', /in Allington ward,/);

    const two = wardLsoas.slice(0, 2).map((l) => l.code);
    const lsoas = await one(await add({ name: 'Two LSOAs', area_kind: 'lsoas', area_codes: two }));
    const rawTwo = await rawCounts(`lsoa_code = any($1::text[])`, [two]);
    assert.deepEqual(
      values(lsoas),
      MONTHS.map((m) => rawTwo.get(m) ?? 0),
    );
  });

  test('harm multiplies each type by the partnership’s weight, or the default where it has none', async () => {
    const types = ['Burglary', 'Vehicle crime'];
    const id = await add({ name: 'Harm', measure: 'harm', crime_types: types });
    const raw = async (type: string) =>
      rawCounts(`lsoa_code in (select code from geo_lsoas where district_code = $1) and crime_type = $2`, [MAIDSTONE, type]);
    const [burglary, vehicle] = [await raw('Burglary'), await raw('Vehicle crime')];
    const expect = (burglaryWeight: number) =>
      MONTHS.map((m) => (burglary.get(m) ?? 0) * burglaryWeight + (vehicle.get(m) ?? 0) * defaultHarmWeight('Vehicle crime').weight);
    const closeTo = (actual: (number | null)[], expected: number[]) =>
      assert.ok(
        actual.every((v, i) => Math.abs(v! - expected[i]!) < 1e-6),
        `${actual.join(', ')} = ${expected.join(', ')}`,
      );

    closeTo(values(await one(id)), expect(defaultHarmWeight('Burglary').weight));
    await d.db.tenant(pid, (trx) =>
      trx.insertInto('harm_weights').values({ partnership_id: pid, crime_type: 'Burglary', weight: 123.5 }).execute(),
    );
    closeTo(values(await one(id)), expect(123.5));
    assert.notDeepEqual(expect(123.5), expect(defaultHarmWeight('Burglary').weight), 'the edited weight makes a difference');
  });

  test('survey results give one point a year with a Wilson 95% interval from the respondents', async () => {
    await d.db.tenant(pid, (trx) =>
      trx
        .insertInto('survey_results')
        .values([
          {
            partnership_id: pid,
            survey: "Residents' survey",
            survey_year: 2017,
            question: 'Feel safe after dark',
            percent: 60,
            respondents: 2350,
          },
          {
            partnership_id: pid,
            survey: "Residents' survey",
            survey_year: 2019,
            question: 'Feel safe after dark',
            percent: 55.5,
            respondents: 400,
          },
          {
            partnership_id: pid,
            survey: "Residents' survey",
            survey_year: 2019,
            question: 'Feel safe at home',
            percent: 93,
            respondents: 400,
          },
        ])
        .execute(),
    );
    const s = await one(
      await add({
        name: 'Safe after dark',
        source: 'survey',
        frequency: 'annual',
        direction: 'higher',
        measure: 'percent',
        survey_question: 'Feel safe after dark',
      }),
    );
    assert.deepEqual(
      s.points.map((p) => [p.period, p.value, p.denominator]),
      [
        ['2017', 60, 2350],
        ['2019', 55.5, 400],
      ],
    );
    // Wilson: (p + z²/2n ± z√(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.959964; worked by hand.
    assert.ok(Math.abs(s.points[0]!.lowerCi! - 58.0045) < 0.001, String(s.points[0]!.lowerCi));
    assert.ok(Math.abs(s.points[0]!.upperCi! - 61.9628) < 0.001, String(s.points[0]!.upperCi));
    assert.ok(Math.abs(s.points[1]!.lowerCi! - 50.6004) < 0.001, String(s.points[1]!.lowerCi));
    assert.ok(Math.abs(s.points[1]!.upperCi! - 60.2949) < 0.001, String(s.points[1]!.upperCi));
  });

  test('values entered by hand, with gaps between them, and targets per period', async () => {
    const id = await add({
      name: 'Referrals to MARAC',
      source: 'manual',
      measure: 'value',
      frequency: 'quarterly',
      direction: 'more-reporting',
    });
    await d.db.tenant(pid, async (trx) => {
      await trx
        .insertInto('indicator_values')
        .values([
          { partnership_id: pid, indicator_id: id, period: '2018-Q3', value: 41, evidence: 'MARAC minutes', entered_by: ownerId },
          { partnership_id: pid, indicator_id: id, period: '2019-Q1', value: 52.5, evidence: 'MARAC minutes', entered_by: ownerId },
        ])
        .execute();
      await trx
        .insertInto('indicator_targets')
        .values([
          { partnership_id: pid, indicator_id: id, period: '2018-Q4', target: 45 },
          { partnership_id: pid, indicator_id: id, period: '2019-Q1', target: 50 },
        ])
        .execute();
    });
    const s = await one(id);
    assert.deepEqual(
      s.points.map((p) => [p.period, p.value, p.target, p.excluded]),
      [
        ['2018-Q3', 41, null, false],
        ['2018-Q4', null, 45, false],
        ['2019-Q1', 52.5, 50, false],
      ],
    );
  });

  test('targets reach police series too, and `to` leaves out later periods', async () => {
    const id = await add({ name: 'ASB with targets', crime_types: [ASB] });
    await d.db.tenant(pid, (trx) =>
      trx.insertInto('indicator_targets').values({ partnership_id: pid, indicator_id: id, period: '2018-12', target: 400 }).execute(),
    );
    const s = await one(id, '2018-12');
    assert.deepEqual(
      s.points.map((p) => [p.period, p.target]),
      [
        ['2018-10', null],
        ['2018-11', null],
        ['2018-12', 400],
      ],
    );
    const quarters = await one(await add({ name: 'All by quarter to Q4', frequency: 'quarterly' }), '2018-Q4');
    assert.deepEqual(
      quarters.points.map((p) => p.period),
      ['2018-Q4'],
    );
    await assert.rejects(series({ to: 'next year' }), /not a month/);
  });

  test('filters: by priority, by id, public only; another partnership sees none of them', async () => {
    const publicId = await add({ name: 'Public violence', crime_types: [VIOLENCE], priority_id: priorityId, visibility: 'public' });
    const restrictedId = await add({ name: 'Restricted violence', crime_types: [VIOLENCE], priority_id: priorityId });
    const byPriority = await series({ priorityId });
    assert.deepEqual(byPriority.map((s) => s.id).sort(), [publicId, restrictedId].sort());
    assert.ok(byPriority.every((s) => s.priorityId === priorityId));
    assert.deepEqual(
      (await series({ priorityId, publicOnly: true })).map((s) => s.name),
      ['Public violence'],
    );
    assert.deepEqual(
      (await series({ indicatorIds: [restrictedId] })).map((s) => s.name),
      ['Restricted violence'],
    );
    assert.deepEqual(await series({}, otherPid), []);
    assert.deepEqual(await series({ indicatorIds: [publicId] }, otherPid), []);
  });

  test('service-usage events are counted per month, for one service if chosen, and as a rate', async () => {
    const datasetId = await d.db.tenant(pid, async (trx) => {
      const dataset = await trx
        .insertInto('service_usage_datasets')
        .values({ partnership_id: pid, name: 'One-stop shop visits', file_name: 'visits.csv', mapping: JSON.stringify({}) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const events = [
        ['2019-01-07 10:00', 'Advice'],
        ['2019-01-08 11:00', 'Advice'],
        ['2019-01-31 23:59', 'IDVA'],
        ['2019-03-01 00:00', 'Advice'],
      ].map(([at, service]) => ({ partnership_id: pid, dataset_id: dataset.id, occurred_at: at!, service: service! }));
      await trx.insertInto('service_usage_events').values(events).execute();
      return dataset.id;
    });
    const all = await one(await add({ name: 'Visits', source: 'service-usage', dataset_id: datasetId }));
    assert.deepEqual(
      all.points.map((p) => [p.period, p.value]),
      [
        ['2019-01', 3],
        ['2019-02', 0],
        ['2019-03', 1],
      ],
    );
    const advice = await one(
      await add({ name: 'Advice visits', source: 'service-usage', dataset_id: datasetId, service: 'Advice', frequency: 'quarterly' }),
    );
    assert.deepEqual(
      advice.points.map((p) => [p.period, p.value, p.excluded]),
      [['2019-Q1', 3, false]],
    );
    const rate = await one(await add({ name: 'Visit rate', source: 'service-usage', dataset_id: datasetId, measure: 'rate' }));
    const population = rate.points[0]!.denominator!;
    assert.ok(population > 150_000);
    assert.ok(Math.abs(rate.points[0]!.value! - (3 / population) * 1000) < 1e-12);
  });
});
