import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StreetCopyBuilder } from './police-import.ts';

const ID = 'c656b990527ef323f85f5b0ed10832599bf4fc2c5e453f7f3c95b6014e3ea7c0';
const row = (fields: Partial<{ id: string; month: string; location: string; lsoa: string; type: string; outcome: string }> = {}) =>
  [
    fields.id ?? ID,
    fields.month ?? '2019-01',
    'Kent Police',
    'Kent Police',
    '0.967072',
    '51.256014',
    fields.location ?? 'On or near North Downs Close',
    fields.lsoa ?? 'E01023987',
    'Ashford 001B',
    fields.type ?? 'Burglary',
    fields.outcome ?? 'Under investigation',
    '',
  ].join(',');

describe('COPY rows for street_crimes', () => {
  test('each accepted line becomes one tab-separated row with its file, line, month and force; nulls are \\N', () => {
    const b = new StreetCopyBuilder(7, '2019-01', 'kent');
    b.add(2, row());
    b.add(3, row({ id: '', type: 'Anti-social behaviour', outcome: '' }));
    assert.deepEqual(
      b.takeRows().split('\n'),
      [
        `7\t2\t2019-01-01\tkent\t${ID}\tKent Police\tKent Police\t0.967072\t51.256014\tOn or near North Downs Close\tE01023987\tAshford 001B\tBurglary\tUnder investigation\t\\N`,
        '7\t3\t2019-01-01\tkent\t\\N\tKent Police\tKent Police\t0.967072\t51.256014\tOn or near North Downs Close\tE01023987\tAshford 001B\tAnti-social behaviour\t\\N\t\\N',
        '',
      ],
    );
    assert.equal(b.takeRows(), '', 'taken rows are not given twice');
  });

  test('tabs and backslashes in values are escaped, so they cannot split or corrupt a row', () => {
    const b = new StreetCopyBuilder(1, '2019-01', 'kent');
    b.add(2, row({ location: 'On or near A\\B\tRoad' }));
    const fields = b.takeRows().replace(/\n$/, '').split('\t');
    assert.equal(fields.length, 15);
    assert.equal(fields[9], 'On or near A\\\\B\\tRoad');
  });

  test('rejected lines keep their line numbers and reasons; a row for another month is rejected; blank lines are not rows', () => {
    const b = new StreetCopyBuilder(1, '2019-01', 'kent');
    b.add(2, row());
    b.add(3, '');
    b.add(4, row({ month: '2019-02' }));
    b.add(5, 'not,a,row');
    assert.equal(b.rows, 3);
    assert.equal(b.accepted, 1);
    assert.equal(b.rejected, 2);
    assert.deepEqual(
      b.firstRejections.map((r) => [r.line, r.reason]),
      [
        [4, "month 2019-02 does not match the file's month 2019-01"],
        [5, 'wrong number of columns: 3, expected 12'],
      ],
    );
    assert.equal(b.takeRejections(9, 'a\tb.csv'), `9\ta\\tb.csv\t4\tmonth 2019-02 does not match the file's month 2019-01\t${row({ month: '2019-02' })}\n9\ta\\tb.csv\t5\twrong number of columns: 3, expected 12\tnot,a,row\n`);
  });

  test('counts by LSOA and crime type are added up as rows arrive, with no location as ""', () => {
    const b = new StreetCopyBuilder(3, '2019-01', 'kent');
    b.add(2, row());
    b.add(3, row());
    b.add(4, row({ type: 'Drugs' }));
    b.add(5, row({ lsoa: '' }));
    const counts = b.countRows().trim().split('\n').sort();
    assert.deepEqual(counts, [
      '3\t2019-01-01\tkent\t\tBurglary\t1',
      '3\t2019-01-01\tkent\tE01023987\tBurglary\t2',
      '3\t2019-01-01\tkent\tE01023987\tDrugs\t1',
    ]);
  });
});
