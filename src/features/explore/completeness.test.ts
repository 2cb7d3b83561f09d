import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addMonths, checkCompleteness, lowCounts, median, missingMonths, monthsBetween, type CountRow } from './completeness.ts';

const VIOLENCE = 'Violence and sexual offences';
const ASB = 'Anti-social behaviour';

/** Rows for one force and type from a list of [month, count]. */
const series = (force: string, crimeType: string, counts: [string, number][]): CountRow[] =>
  counts.map(([month, crimes]) => ({ force, month, crimeType, crimes }));

describe('month arithmetic', () => {
  test('adds and subtracts months across years', () => {
    assert.equal(addMonths('2018-11', 2), '2019-01');
    assert.equal(addMonths('2019-01', -2), '2018-11');
    assert.equal(addMonths('2019-12', 1), '2020-01');
    assert.equal(addMonths('2019-01', -13), '2017-12');
    assert.throws(() => addMonths('2019-13', 1), /not a month/);
  });
  test('lists the months of a range, both ends included', () => {
    assert.deepEqual(monthsBetween('2018-11', '2019-02'), ['2018-11', '2018-12', '2019-01', '2019-02']);
    assert.deepEqual(monthsBetween('2019-02', '2019-02'), ['2019-02']);
    assert.deepEqual(monthsBetween('2019-02', '2019-01'), []);
  });
  test('the median is the middle value, or the mean of the two middle values', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([7699, 2484]), 5091.5);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]));
  });
});

describe('the completeness check', () => {
  // Kent's totals from police.uk, 2018-10 to 2019-02: violence was published incomplete in November and December.
  const kent = [
    ...series('kent', VIOLENCE, [
      ['2018-10', 7699],
      ['2018-11', 5037],
      ['2018-12', 2484],
      ['2019-01', 7133],
      ['2019-02', 5905],
    ]),
    ...series('kent', ASB, [
      ['2018-10', 2049],
      ['2018-11', 2128],
      ['2018-12', 2306],
      ['2019-01', 2133],
      ['2019-02', 2166],
    ]),
  ];

  test('flags Kent violence in November and December 2018, and not anti-social behaviour', () => {
    const flags = lowCounts(kent);
    assert.deepEqual(
      flags.map((f) => [f.month, f.crimeType, f.crimes, f.median]),
      [
        ['2018-11', VIOLENCE, 5037, 7133],
        ['2018-12', VIOLENCE, 2484, (5905 + 7133) / 2],
      ],
    );
    assert.deepEqual(flags[1]!.neighbours, ['2018-10', '2018-11', '2019-01', '2019-02']);
  });

  test('compares with at most 2 months either side, and needs at least 2 of them', () => {
    assert.deepEqual(
      lowCounts(
        series('f', 'Drugs', [
          ['2020-01', 100],
          ['2020-02', 10],
        ]),
      ),
      [],
      'one neighbour is not enough',
    );
    // 2020-01's neighbours are 2020-02 and 2020-03 only: 2019-10 is 3 months away.
    const rows = series('f', 'Drugs', [
      ['2019-10', 1000],
      ['2020-01', 50],
      ['2020-02', 100],
      ['2020-03', 100],
    ]);
    assert.deepEqual(
      lowCounts(rows).map((f) => f.month),
      ['2020-01'],
    );
    assert.deepEqual(lowCounts(rows)[0]!.neighbours, ['2020-02', '2020-03']);
  });

  test('a count of exactly three quarters of the median is not low', () => {
    const rows = series('f', 'Burglary', [
      ['2020-01', 100],
      ['2020-02', 75],
      ['2020-03', 100],
    ]);
    assert.deepEqual(lowCounts(rows), []);
    const lower = series('f', 'Burglary', [
      ['2020-01', 100],
      ['2020-02', 74],
      ['2020-03', 100],
    ]);
    assert.deepEqual(
      lowCounts(lower).map((f) => f.month),
      ['2020-02'],
    );
  });

  test('a type with no rows in a loaded month counts as 0 there', () => {
    const rows = [
      ...series('f', 'Robbery', [
        ['2020-01', 20],
        ['2020-03', 22],
      ]),
      ...series('f', 'Drugs', [
        ['2020-01', 5],
        ['2020-02', 6],
        ['2020-03', 5],
      ]),
    ];
    assert.deepEqual(
      lowCounts(rows).map((f) => [f.month, f.crimeType, f.crimes]),
      [['2020-02', 'Robbery', 0]],
    );
  });

  test('forces are checked apart, and repeated rows are added together', () => {
    const rows = [
      ...series('a', 'Drugs', [
        ['2020-01', 10],
        ['2020-02', 10],
        ['2020-03', 10],
      ]),
      ...series('b', 'Drugs', [
        ['2020-01', 10],
        ['2020-02', 2],
        ['2020-03', 10],
      ]),
      ...series('a', 'Drugs', [['2020-02', 0]]),
    ];
    assert.deepEqual(
      lowCounts(rows).map((f) => `${f.force} ${f.month}`),
      ['b 2020-02'],
    );
    const split = [
      ...series('a', 'Drugs', [
        ['2020-01', 10],
        ['2020-02', 4],
        ['2020-03', 10],
      ]),
      ...series('a', 'Drugs', [['2020-02', 6]]),
    ];
    assert.deepEqual(lowCounts(split), []);
  });

  test('flags months missing between a force’s first and last loaded month', () => {
    const loaded = [
      { force: 'kent', month: '2018-10' },
      { force: 'kent', month: '2019-01' },
      { force: 'essex', month: '2018-12' },
      { force: 'kent', month: '2019-02' },
    ];
    assert.deepEqual(missingMonths(loaded), [
      { force: 'kent', month: '2018-11' },
      { force: 'kent', month: '2018-12' },
    ]);
    assert.deepEqual(missingMonths([]), []);
  });

  test('checks both over one table of counts', () => {
    const rows = [...kent.filter((r) => r.month !== '2019-01')];
    const result = checkCompleteness(rows);
    assert.deepEqual(result.missing, [{ force: 'kent', month: '2019-01' }]);
    assert.ok(result.low.every((f) => f.crimeType === VIOLENCE));
    assert.ok(result.low.some((f) => f.month === '2018-12'));
  });
});
