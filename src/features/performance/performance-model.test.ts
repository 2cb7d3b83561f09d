import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { burglaryIndicator, seriesPoint as point } from '../../../test/helpers/indicators.ts';
import type { IndicatorWithSeries, SeriesPoint } from '../indicators/indicator-types.ts';
import { computeSpc } from '../statistics/spc.ts';
import { spcTableOf } from './performance-charts.ts';
import { indicatorResult, latestQuarterWithData, pointsUpTo, rollupSentence, spcInputOf, statusRollup } from './performance-model.ts';
import {
  assuranceText,
  incompleteNotes,
  latestWords,
  notEnoughDataWords,
  periodAYearEarlier,
  targetWords,
  variationText,
  yearOnYearWords,
} from './performance-words.ts';
import {
  compareQuarters,
  parseQuarter,
  periodWithin,
  quarterChoiceText,
  quarterEnd,
  quarterOfDate,
  quarterOfPeriod,
  quartersBetween,
} from './quarters.ts';

const months = (from: number, values: readonly (number | null)[]): SeriesPoint[] =>
  values.map((v, i) => point(`${2018 + Math.floor((from + i) / 12)}-${String(((from + i) % 12) + 1).padStart(2, '0')}`, v));

function indicator(points: SeriesPoint[], extra: Partial<IndicatorWithSeries> = {}): IndicatorWithSeries {
  return burglaryIndicator({ points, ...extra });
}

describe('quarters', () => {
  test('a quarter is YYYY-Qn; anything else is refused', () => {
    assert.deepEqual(parseQuarter('2019-Q1'), { year: 2019, quarter: 1 });
    assert.deepEqual(parseQuarter(' 2020-Q4 '), { year: 2020, quarter: 4 });
    for (const bad of ['2019-Q5', '2019-Q0', '2019Q1', '2019-1', 'Q1 2019', '1999-Q1', '']) assert.equal(parseQuarter(bad), null, bad);
    assert.equal(quarterChoiceText({ year: 2019, quarter: 1 }), '2019-Q1 (January to March 2019)');
    assert.equal(quarterEnd({ year: 2020, quarter: 1 }), '2020-03-31');
    assert.equal(quarterEnd({ year: 2019, quarter: 4 }), '2019-12-31');
  });

  test('indicator periods fall in quarters: months, quarters, and years at their last quarter', () => {
    assert.deepEqual(quarterOfPeriod('2019-02'), { year: 2019, quarter: 1 });
    assert.deepEqual(quarterOfPeriod('2018-10'), { year: 2018, quarter: 4 });
    assert.deepEqual(quarterOfPeriod('2019-Q3'), { year: 2019, quarter: 3 });
    assert.deepEqual(quarterOfPeriod('2019'), { year: 2019, quarter: 4 });
    assert.equal(quarterOfPeriod('2019-13'), null);
    assert.equal(periodWithin('2019-03', { year: 2019, quarter: 1 }), true);
    assert.equal(periodWithin('2019-04', { year: 2019, quarter: 1 }), false);
    assert.equal(periodWithin('2019', { year: 2019, quarter: 3 }), false);
    assert.ok(compareQuarters({ year: 2019, quarter: 4 }, { year: 2020, quarter: 1 }) < 0);
  });

  test('the chooser lists quarters newest first; today is read in London', () => {
    assert.deepEqual(
      quartersBetween({ year: 2018, quarter: 4 }, { year: 2019, quarter: 2 }).map((q) => `${q.year}-Q${q.quarter}`),
      ['2019-Q2', '2019-Q1', '2018-Q4'],
    );
    // 31 March 2019 at 23:30 UTC is already 1 April in London (BST).
    assert.deepEqual(quarterOfDate(new Date('2019-03-31T23:30:00Z')), { year: 2019, quarter: 2 });
  });
});

describe('indicators as of a quarter', () => {
  test('points after the quarter are left out; the SPC input carries exclusions, targets per period and rebases', () => {
    const points = [
      point('2019-01', 40, { target: 45 }),
      point('2019-02', null),
      point('2019-03', 38, { excluded: true, exclusionReason: 'Kent Police sent no file' }),
      point('2019-04', 30),
    ];
    assert.deepEqual(
      pointsUpTo(points, { year: 2019, quarter: 1 }).map((p) => p.period),
      ['2019-01', '2019-02', '2019-03'],
    );
    const input = spcInputOf({ direction: 'more-reporting', rebasePeriods: ['2019-03'] }, points);
    assert.deepEqual(input.options, { direction: 'more-reporting', target: { '2019-01': 45 }, rebasePeriods: ['2019-03'] });
    assert.deepEqual(input.points[2], { period: '2019-03', value: 38, excluded: true, exclusionReason: 'Kent Police sent no file' });
    assert.deepEqual(input.points[1], { period: '2019-02', value: null, excluded: false });
  });

  test('15 months that end in a fall: limits, a special cause of improvement, the latest value and target in words', () => {
    const values = [52, 48, 55, 50, 47, 53, 51, 49, 54, 50, 46, 52, 41, 38, 36];
    const pts = months(0, values).map((p) => (p.period >= '2019-01' ? { ...p, target: 45 } : p));
    const result = indicatorResult(indicator([...pts, point('2019-04', 20)]), { year: 2019, quarter: 1 }, computeSpc);
    assert.equal(result.points.length, 15, 'April is after the quarter');
    assert.equal(result.spc.enoughData, true);
    assert.equal(result.spc.variation, 'special-cause-improvement');
    assert.equal(variationText(result), 'Special cause – improvement');
    assert.equal(latestWords(result), '36 (March 2019)');
    const harm = indicatorResult(
      indicator([point('2019-02', 4100, { count: 21 }), point('2019-03', 3600, { count: 1 })], { measure: 'harm' }),
      { year: 2019, quarter: 1 },
      computeSpc,
    );
    assert.equal(latestWords(harm), '3,600 (March 2019), from 1 crime or incident', 'a harm index with its plain count');
    const table = spcTableOf(harm);
    assert.equal(table.head[2]!.text, 'Crimes and incidents (count)');
    assert.deepEqual(
      table.rows.map((r) => [r[1]!.text, r[2]!.text]),
      [
        ['4,100', '21'],
        ['3,600', '1'],
      ],
    );
    assert.equal(spcTableOf(result).head.length, 8, 'other measures have no count column');
    assert.equal(targetWords(result), '45 (March 2019)');
    assert.equal(notEnoughDataWords(result), null);
    assert.equal(result.owner, 'Sam Okafor');
    assert.ok(assuranceText(result).length > 0);
  });

  test('fewer than 12 points: no limits, said with how many there are; no target said as such', () => {
    const result = indicatorResult(indicator(months(9, [60, 58, 61, 57, 59])), { year: 2019, quarter: 1 }, computeSpc);
    assert.equal(result.spc.enoughData, false);
    assert.equal(notEnoughDataWords(result), 'Not enough data for process limits: 5 periods with complete data, and 12 are needed');
    assert.equal(variationText(result), 'Not enough data to judge the variation');
    assert.equal(assuranceText(result), 'No target set');
    assert.equal(targetWords(result), 'No target set');
  });

  test('incomplete periods are listed with their reasons; no value at all reads "No data yet"', () => {
    const result = indicatorResult(
      indicator([
        point('2018-12', 50, { excluded: true, exclusionReason: 'Low count: possibly incomplete' }),
        point('2019-01', null, { excluded: true }),
      ]),
      { year: 2019, quarter: 1 },
      computeSpc,
    );
    assert.deepEqual(incompleteNotes(result), [
      { period: 'December 2018', reason: 'Low count: possibly incomplete' },
      { period: 'January 2019', reason: 'The source data for this period may be incomplete' },
    ]);
    assert.equal(latestWords(indicatorResult(indicator([]), { year: 2019, quarter: 1 }, computeSpc)), 'No data yet');
  });

  test('the latest quarter with data, across indicators', () => {
    const q = latestQuarterWithData(
      [indicator(months(9, [1, 2])), indicator([point('2019-04', null), point('2019-02', 3)])],
      quarterOfPeriod,
    );
    assert.deepEqual(q, { year: 2019, quarter: 1 });
    assert.equal(latestQuarterWithData([indicator([point('2019-04', null)])], quarterOfPeriod), undefined);
  });
});

describe('a count’s change on the same period a year earlier', () => {
  const counts = (points: SeriesPoint[], measure: IndicatorWithSeries['measure'] = 'count') => ({ measure, points });

  test('a year earlier is 12 months, 4 quarters or 1 year back', () => {
    assert.equal(periodAYearEarlier('2019-03'), '2018-03');
    assert.equal(periodAYearEarlier('2019-Q2'), '2018-Q2');
    assert.equal(periodAYearEarlier('2019'), '2018');
  });

  test('up, down and no change, each with the 95% confidence interval and whether it could be chance', () => {
    assert.equal(
      yearOnYearWords(counts([point('2018-06', 400), point('2018-07', 410), point('2019-06', 500)])),
      'Up 25% on June 2018 (from 400 to 500). The true change is likely to be between 9.4% higher and 43% higher: this is unlikely to ' +
        'be chance (p = 0.00096).',
    );
    assert.equal(
      yearOnYearWords(counts(months(0, [52, 48, 55, 50, 47, 53, 51, 49, 54, 50, 46, 52, 41, 38, 36]))),
      'Down 35% on March 2018 (from 55 to 36). The true change is likely to be between 58% lower and 1.4% higher: this could be chance ' +
        '(p = 0.059).',
    );
    assert.equal(
      yearOnYearWords(counts([point('2018-Q2', 40), point('2019-Q2', 40)])),
      'No change on April to June 2018 (40 in both periods). The true change is likely to be between 37% lower and 59% higher: this ' +
        'could be chance (p = 1).',
    );
    assert.equal(
      yearOnYearWords(counts([point('2018', 0), point('2019', 7)])),
      'Up on 2018 (from none to 7). The true change is likely to be 44% higher or more: this is unlikely to be chance (p = 0.016).',
    );
    assert.equal(yearOnYearWords(counts([point('2018', 0), point('2019', 0)])), 'No change on 2018 (none in either period).');
  });

  test('the latest period with complete data is compared; a missing or incomplete year-earlier period gives no figure', () => {
    const none = 'No figure for the same period a year earlier';
    // April 2019 is incomplete and has no value for May: March 2019 is compared with March 2018.
    assert.match(
      yearOnYearWords(
        counts([point('2018-03', 50), point('2019-03', 36), point('2019-04', 20, { excluded: true }), point('2019-05', null)]),
      ) ?? '',
      /^Down 28% on March 2018 \(from 50 to 36\)\./,
    );
    assert.equal(yearOnYearWords(counts(months(12, [41, 38, 36]))), none, 'no point a year earlier');
    assert.equal(yearOnYearWords(counts([point('2018-03', null), point('2019-03', 36)])), none, 'no value a year earlier');
    assert.equal(
      yearOnYearWords(counts([point('2018-03', 55, { excluded: true }), point('2019-03', 36)])),
      none,
      'the year-earlier period is incomplete',
    );
    assert.equal(yearOnYearWords(counts([])), none);
  });

  test('only counts: rates, percentages, harm scores and values show nothing', () => {
    const points = [point('2018-03', 55), point('2019-03', 36)];
    for (const measure of ['rate', 'percent', 'harm', 'value'] as const)
      assert.equal(yearOnYearWords(counts(points, measure)), null, measure);
  });
});

describe('the actions roll-up', () => {
  test('counts every status, in order, and says it in a sentence', () => {
    const rollup = statusRollup([{ status: 'at_risk' }, { status: 'on_track' }, { status: 'at_risk' }, { status: 'complete' }]);
    assert.deepEqual(
      rollup.map((s) => [s.label, s.count]),
      [
        ['Not started', 0],
        ['On track', 1],
        ['At risk', 2],
        ['Off track', 0],
        ['Complete', 1],
        ['Cancelled', 0],
      ],
    );
    assert.equal(rollupSentence(rollup), '4 actions: 1 on track, 2 at risk, 1 complete');
    assert.equal(rollupSentence(statusRollup([])), 'No actions');
    assert.equal(rollupSentence(statusRollup([{ status: 'off_track' }])), '1 action: 1 off track');
  });
});
