import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ratePoint, rollUp, surveyPoint, type MonthCell } from './indicator-series.ts';

const cell = (month: string, value: number | null, reasons: string[] = []): MonthCell => ({ month, value, reasons });

describe('rolling months up into periods', () => {
  const months = [
    cell('2018-10', 10),
    cell('2018-11', 20, ['Possibly incomplete: low counts of Violence and sexual offences']),
    cell('2018-12', 30),
    cell('2019-01', 40),
    cell('2019-02', null, ['No data loaded from Kent Police']),
    cell('2019-03', 60),
  ];

  test('monthly: each month as it is, with its reasons', () => {
    assert.deepEqual(rollUp(months, 'monthly'), [
      { period: '2018-10', value: 10, reasons: [] },
      { period: '2018-11', value: 20, reasons: ['Possibly incomplete: low counts of Violence and sexual offences'] },
      { period: '2018-12', value: 30, reasons: [] },
      { period: '2019-01', value: 40, reasons: [] },
      { period: '2019-02', value: null, reasons: ['No data loaded from Kent Police'] },
      { period: '2019-03', value: 60, reasons: [] },
    ]);
  });

  test('quarterly: the months summed; a quarter with a flagged or missing month carries the reasons, naming the months', () => {
    assert.deepEqual(rollUp(months, 'quarterly'), [
      { period: '2018-Q4', value: 60, reasons: ['November 2018: Possibly incomplete: low counts of Violence and sexual offences'] },
      { period: '2019-Q1', value: 100, reasons: ['February 2019: No data loaded from Kent Police'] },
    ]);
    const clean = rollUp([cell('2019-04', 1), cell('2019-05', 2), cell('2019-06', 3)], 'quarterly');
    assert.deepEqual(clean, [{ period: '2019-Q2', value: 6, reasons: [] }]);
  });

  test('a harm index carries its plain counts, summed like the values', () => {
    const harm = [
      { month: '2019-01', value: 4000, reasons: [], count: 20 },
      { month: '2019-02', value: 3500, reasons: [], count: 18 },
      { month: '2019-03', value: null, reasons: ['No data loaded from Kent Police'] },
    ];
    assert.deepEqual(rollUp(harm, 'quarterly'), [
      { period: '2019-Q1', value: 7500, count: 38, reasons: ['March 2019: No data loaded from Kent Police'] },
    ]);
    assert.equal(rollUp(harm, 'monthly')[1]!.count, 18);
    assert.equal(rollUp(harm, 'monthly')[2]!.count, undefined, 'no count without data');
  });

  test('months outside the data make a period partial: named when few, counted when many', () => {
    assert.deepEqual(rollUp([cell('2019-01', 5), cell('2019-02', 7)], 'quarterly'), [
      { period: '2019-Q1', value: 12, reasons: ['No data for March 2019'] },
    ]);
    assert.deepEqual(rollUp([cell('2018-11', 5), cell('2018-12', 7)], 'annual'), [
      { period: '2018', value: 12, reasons: ['No data for 10 of its 12 months'] },
    ]);
    assert.deepEqual(rollUp([], 'annual'), []);
  });

  test('the order the months come in does not matter', () => {
    assert.deepEqual(rollUp([cell('2019-03', 3), cell('2019-01', 1), cell('2019-02', 2)], 'quarterly'), [
      { period: '2019-Q1', value: 6, reasons: [] },
    ]);
  });
});

describe('points', () => {
  test('a rate per 1,000 residents keeps its count, population and interval; no population gives no value', () => {
    const point = ratePoint({ period: '2019-01', value: 200, reasons: [] }, 100_000, 1.5);
    assert.equal(point.value, 2);
    assert.equal(point.numerator, 200);
    assert.equal(point.denominator, 100_000);
    assert.equal(point.target, 1.5);
    assert.ok(point.lowerCi! < 2 && point.upperCi! > 2);
    assert.equal(point.excluded, false);
    const none = ratePoint({ period: '2019-01', value: 200, reasons: ['No data for March 2019'] }, null, null);
    assert.equal(none.value, null);
    assert.equal(none.excluded, true);
    assert.equal(none.exclusionReason, 'No data for March 2019');
  });

  test('a survey result without respondents has no interval', () => {
    assert.deepEqual(surveyPoint({ survey: 'S', survey_year: 2017, percent: 60, respondents: null }, null), {
      period: '2017',
      value: 60,
      excluded: false,
      target: null,
    });
    const withN = surveyPoint({ survey: 'S', survey_year: 2017, percent: 50, respondents: 100 }, 55);
    assert.equal(withN.denominator, 100);
    assert.equal(withN.target, 55);
    // Wilson at p = 0.5, n = 100: 0.5 ± 1.96 x 0.05 / (1 + 1.96² / 100), about 40.4% to 59.6%.
    assert.ok(Math.abs(withN.lowerCi! - 40.383) < 0.01 && Math.abs(withN.upperCi! - 59.617) < 0.01, `${withN.lowerCi} to ${withN.upperCi}`);
  });
});
