import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import { insertDemoPartnership } from '../../../test/helpers/demo.ts';
import { importKentStreetFiles, loadMaidstoneGeography, MAIDSTONE } from '../explore/explore-fixtures.ts';
import { loadIndicatorsWithSeries } from '../indicators/indicator-series.ts';
import type { IndicatorWithSeries } from '../indicators/indicator-types.ts';
import { loadDemoIndicators } from './demo-indicators.ts';
import { loadDemoPlan, type DemoPlanIds } from './demo-plan.ts';
import { DEMO_VISITS_DATASET, loadDemoServiceUsage } from './demo-service-usage.ts';

const KENT_MONTHS = ['2018-10', '2018-11', '2018-12', '2019-01', '2019-02'];

describe(`demo indicators (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let d: TestDatabase;
  let demoCount = 0;

  /** A partnership for Maidstone with the demo plan, an analyst and a coordinator. */
  const partnership = (slug: string) =>
    d.db.system(async (trx) => {
      const { pid, userIds } = await insertDemoPartnership(trx, slug, [MAIDSTONE], { analyst: 'Priya Desai', coordinator: 'Sam Okafor' });
      return { pid, ...userIds, plan: await loadDemoPlan(trx, pid) };
    });

  const seriesOf = (pid: number) => d.db.tenant(pid, (trx) => loadIndicatorsWithSeries(trx, pid, {}));

  before(async () => {
    d = await createTestDatabase();
    await loadMaidstoneGeography(d.db);
    await importKentStreetFiles(d.db);
  });
  after(() => d.drop());

  test(
    'every priority gets police indicators from the Kent months; with a survey, a hand-entered and a one-stop-shop ' + 'indicator; once',
    async () => {
      const p = await partnership('demo');
      const loaded = await d.db.system(async (trx) => {
        await loadDemoServiceUsage(trx, p.pid, p.analyst);
        const users = { analyst: p.analyst, coordinator: p.coordinator };
        return [await loadDemoIndicators(trx, p.pid, p.plan, users), await loadDemoIndicators(trx, p.pid, p.plan, users)];
      });
      const indicators = await seriesOf(p.pid);
      assert.deepEqual(loaded, [indicators.length, 0], 'the second load adds nothing');
      demoCount = indicators.length;

      const police = indicators.filter((i) => i.source === 'police');
      for (const [key, priorityId] of Object.entries(p.plan.priorityIds) as [keyof DemoPlanIds['priorityIds'], number][]) {
        const own = police.filter((i) => i.priorityId === priorityId);
        assert.ok(own.length >= 1, `a police indicator for ${key}`);
        for (const i of own) {
          assert.ok(i.points.length > 0 && i.points.every((pt) => pt.value !== null), `${i.name} has values`);
          if (i.frequency === 'monthly')
            assert.deepEqual(
              i.points.map((pt) => pt.period),
              KENT_MONTHS,
              i.name,
            );
        }
      }
      assert.ok(
        police.some((i) => i.measure === 'rate') && police.some((i) => i.measure === 'harm') && police.some((i) => i.measure === 'count'),
      );
      const asb = police.find((i) => i.name === 'Anti-social behaviour incidents')!;
      assert.deepEqual(
        asb.points.map((pt) => pt.value),
        [258, 197, 244, 198, 229],
      );
      assert.deepEqual(
        asb.points.filter((pt) => pt.excluded),
        [],
        'ASB months are complete',
      );
      const violence = police.find((i) => i.name === 'Violence and sexual offences per 1,000 residents')!;
      assert.deepEqual(
        violence.points.filter((pt) => pt.excluded).map((pt) => pt.period),
        ['2018-11', '2018-12'],
      );
      assert.ok(
        indicators.some((i) => i.points.some((pt) => pt.target !== null)),
        'some indicators have targets',
      );

      const manual = indicators.find((i) => i.source === 'manual') as IndicatorWithSeries;
      assert.match(manual.definition, /^Demo figures: invented for this demonstration/);
      assert.equal(manual.direction, 'more-reporting');
      assert.ok(manual.points.length >= 24 && manual.points.every((pt) => pt.value !== null), `${manual.points.length} months`);
      assert.equal(manual.ownerName, 'Sam Okafor');

      const survey = indicators.find((i) => i.source === 'survey') as IndicatorWithSeries;
      assert.deepEqual(
        survey.points.map((pt) => [pt.period, pt.value, pt.denominator]),
        [['2017', 60, 2350]],
      );

      const visits = indicators.find((i) => i.source === 'service-usage') as IndicatorWithSeries;
      assert.equal(visits.name, DEMO_VISITS_DATASET);
      assert.ok(visits.points.length >= 24 && visits.points.every((pt) => (pt.value ?? 0) > 0), `${visits.points.length} months of visits`);

      assert.ok(indicators.some((i) => i.visibility === 'public') && indicators.some((i) => i.visibility === 'restricted'));
    },
  );

  test('without the one-stop-shop dataset, only that indicator is left out', async () => {
    const p = await partnership('no-visits');
    const loaded = await d.db.system((trx) => loadDemoIndicators(trx, p.pid, p.plan, { analyst: p.analyst, coordinator: p.coordinator }));
    const indicators = await seriesOf(p.pid);
    assert.equal(loaded, indicators.length);
    assert.equal(indicators.length, demoCount - 1);
    assert.ok(!indicators.some((i) => i.source === 'service-usage'));
  });
});
