import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertEachCase } from '../../../test/helpers/cases.ts';
import {
  firstMonthOf,
  frequencyOfPeriod,
  isPeriodOf,
  lastMonthOf,
  monthsOf,
  nextPeriod,
  normalisePeriod,
  periodLabel,
  periodOfMonth,
  periodsBetween,
  periodsCovering,
} from './periods.ts';

describe('indicator periods', () => {
  test('a period is written by its frequency', () => {
    assert.ok(isPeriodOf('monthly', '2018-11'));
    assert.ok(!isPeriodOf('monthly', '2018-13'));
    assert.ok(!isPeriodOf('monthly', '2018-Q4'));
    assert.ok(isPeriodOf('quarterly', '2018-Q4'));
    assert.ok(!isPeriodOf('quarterly', '2018-Q5'));
    assert.ok(isPeriodOf('annual', '2018'));
    assert.ok(!isPeriodOf('annual', '18'));
    assertEachCase(frequencyOfPeriod, [
      ['2019-02', 'monthly'],
      ['2019-Q1', 'quarterly'],
      ['2019', 'annual'],
      ['2019-W01', null],
    ]);
  });

  test('typed periods are normalised to the stored form', () => {
    assertEachCase(normalisePeriod, [
      [' 2019 q2 ', '2019-Q2'],
      ['2019Q3', '2019-Q3'],
      ['2019-4', '2019-04'],
      ['2019/11', '2019-11'],
      ['2019', '2019'],
      ['April 2019', 'APRIL-2019'],
    ]);
  });

  test('a month belongs to one month, quarter and year', () => {
    assert.equal(periodOfMonth('2018-11', 'monthly'), '2018-11');
    assert.equal(periodOfMonth('2018-11', 'quarterly'), '2018-Q4');
    assert.equal(periodOfMonth('2019-01', 'quarterly'), '2019-Q1');
    assert.equal(periodOfMonth('2019-03', 'quarterly'), '2019-Q1');
    assert.equal(periodOfMonth('2019-04', 'quarterly'), '2019-Q2');
    assert.equal(periodOfMonth('2018-11', 'annual'), '2018');
    assert.throws(() => periodOfMonth('2018-Q4', 'annual'), /not a month/);
  });

  test('the months of a period', () => {
    assert.deepEqual(monthsOf('2018-Q4'), ['2018-10', '2018-11', '2018-12']);
    assert.deepEqual(monthsOf('2019-02'), ['2019-02']);
    assert.equal(monthsOf('2019').length, 12);
    assert.equal(firstMonthOf('2019-Q3'), '2019-07');
    assert.equal(lastMonthOf('2019-Q3'), '2019-09');
    assert.equal(lastMonthOf('2019'), '2019-12');
    assert.throws(() => lastMonthOf('Q3'), /not a period/);
  });

  test('periods follow one another across year ends', () => {
    assertEachCase(nextPeriod, [
      ['2018-12', '2019-01'],
      ['2018-Q4', '2019-Q1'],
      ['2018', '2019'],
    ]);
    assert.deepEqual(periodsBetween('2018-Q3', '2019-Q2'), ['2018-Q3', '2018-Q4', '2019-Q1', '2019-Q2']);
    assert.deepEqual(periodsBetween('2019-02', '2019-01'), []);
    assert.throws(() => periodsBetween('2019-01', '2019-Q2'), /different frequencies/);
  });

  test('the periods that cover a range of months include partly covered ones at each end', () => {
    assert.deepEqual(periodsCovering('2018-10', '2019-02', 'quarterly'), ['2018-Q4', '2019-Q1']);
    assert.deepEqual(periodsCovering('2018-10', '2019-02', 'annual'), ['2018', '2019']);
    assert.deepEqual(periodsCovering('2018-10', '2019-02', 'monthly'), ['2018-10', '2018-11', '2018-12', '2019-01', '2019-02']);
    assert.deepEqual(periodsCovering('2019-02', '2018-10', 'monthly'), []);
  });

  test('periods are labelled in words', () => {
    assertEachCase(periodLabel, [
      ['2018-10', 'October 2018'],
      ['2019-Q1', 'January to March 2019'],
      ['2018-Q4', 'October to December 2018'],
      ['2019', '2019'],
    ]);
  });
});
