import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { saferCommandLine } from '../../../test/helpers/cli-runner.ts';
import { testingOnServer } from '../../../test/helpers/database.ts';
import { importKentStreetFiles, KENT_STREET_ROWS, loadMaidstoneGeography } from './explore-fixtures.ts';

describe(`safer query counts (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  // Load the Maidstone geography and the five Kent files, then let the command open the database.
  const cli = saferCommandLine({
    scratch: 'safer-query-',
    setUp: async (db) => {
      await loadMaidstoneGeography(db);
      await importKentStreetFiles(db);
    },
  });
  const safer = (args: string[]) => cli.run(args);
  // Allington, a Maidstone ward.
  const ward = 'E05004982';

  const counts = (...args: string[]) => safer(['query', 'counts', '--area', 'E07000110', '--from', '2018-10', '--to', '2019-02', ...args]);

  test('Maidstone by month: counts of the rows in its 95 LSOAs, and what they leave out of Kent’s files', () => {
    const r = counts('--by', 'month', '--format', 'csv');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'month,crimes\r\n2018-10,1756\r\n2018-11,1127\r\n2018-12,786\r\n2019-01,1588\r\n2019-02,1463\r\n');
    const said = new RegExp(
      '^Not counted: ([\\d,]+) records in Kent Police’s data for these months and types have no location, ' +
        'so they cannot be placed in any area; ([\\d,]+) records are placed in LSOAs outside E07000110\\.\\n$',
    ).exec(r.err);
    assert.ok(said, r.err);
    const [noLocation, outside] = [said[1]!, said[2]!].map((n) => Number(n.replaceAll(',', ''))) as [number, number];
    assert.ok(noLocation > 0 && outside > 0);
    assert.equal(
      1756 + 1127 + 786 + 1588 + 1463 + noLocation + outside,
      KENT_STREET_ROWS,
      'counted and not counted add up to every row of the files',
    );
    const byDefault = counts('--format', 'csv');
    assert.equal(byDefault.out, r.out, 'month is the default grouping');
  });

  test('a month with no crimes is a row, with 0', () => {
    const r = safer([
      'query',
      'counts',
      '--area',
      'E01024338',
      '--from',
      '2018-10',
      '--to',
      '2019-02',
      '--by',
      'month',
      '--format',
      'json',
    ]);
    const months = JSON.parse(r.out) as { month: string; crimes: number }[];
    assert.deepEqual(
      months.map((m) => m.month),
      ['2018-10', '2018-11', '2018-12', '2019-01', '2019-02'],
    );
    assert.ok(
      months.some((m) => m.crimes === 0),
      'E01024338 has a month with no crimes',
    );
  });

  test('a ward: every LSOA and month, 0 when it has none, and how the ward is made from LSOAs', () => {
    const r = safer([
      'query',
      'counts',
      '--area',
      ward,
      '--from',
      '2018-10',
      '--to',
      '2019-02',
      '--by',
      'lsoa,month',
      '--types',
      'Bicycle theft',
      '--format',
      'json',
    ]);
    const rows = JSON.parse(r.out) as { lsoa_code: string; crimes: number }[];
    assert.equal(rows.length, new Set(rows.map((row) => row.lsoa_code)).size * 5);
    assert.ok(rows.some((row) => row.crimes === 0));
    assert.match(r.err, /Safer makes each ward from whole LSOAs: an LSOA counts in the ward that holds its centre \(centroid\)/);
  });

  let byLsoa: { lsoa_code: string; lsoa_name: string; crimes: number }[] | undefined;
  const lsoaCounts = () =>
    (byLsoa ??= JSON.parse(counts('--by', 'lsoa', '--format', 'json').out) as { lsoa_code: string; lsoa_name: string; crimes: number }[]);

  test('JSON, grouping by type and LSOA, and chosen types', () => {
    const json = counts('--by', 'type', '--format', 'json');
    assert.equal(json.code, 0, json.err);
    const byType = JSON.parse(json.out) as { crime_type: string; crimes: number }[];
    assert.equal(byType.length, 14);
    assert.equal(
      byType.reduce((n, r) => n + r.crimes, 0),
      1756 + 1127 + 786 + 1588 + 1463,
    );
    assert.deepEqual(Object.keys(byType[0]!), ['crime_type', 'crimes']);

    const chosen = counts('--by', 'month,type', '--types', 'Burglary,drugs', '--format', 'json');
    const rows = JSON.parse(chosen.out) as { month: string; crime_type: string; crimes: number }[];
    assert.ok(rows.every((r) => r.crime_type === 'Burglary' || r.crime_type === 'Drugs'));
    const burglary = byType.find((r) => r.crime_type === 'Burglary')!.crimes;
    assert.equal(
      rows.filter((r) => r.crime_type === 'Burglary').reduce((n, r) => n + r.crimes, 0),
      burglary,
    );

    const lsoas = lsoaCounts();
    assert.equal(lsoas.length, 95);
    assert.ok(lsoas.every((l) => /^Maidstone \d{3}[A-Z]$/.test(l.lsoa_name)));
  });

  test('a ward or one LSOA instead of the district', () => {
    const lsoas = lsoaCounts();
    const one = safer([
      'query',
      'counts',
      '--area',
      lsoas[0]!.lsoa_code,
      '--from',
      '2018-10',
      '--to',
      '2019-02',
      '--by',
      'lsoa',
      '--format',
      'csv',
    ]);
    assert.equal(one.code, 0, one.err);
    assert.match(
      one.out,
      new RegExp(`^lsoa_code,lsoa_name,crimes\\r\\n${lsoas[0]!.lsoa_code},Maidstone \\d{3}[A-Z],${lsoas[0]!.crimes}\\r\\n$`),
    );
    const inWard = safer(['query', 'counts', '--area', ward, '--from', '2018-10', '--to', '2019-02', '--by', 'lsoa', '--format', 'json']);
    assert.equal(inWard.code, 0, inWard.err);
    const wardRows = JSON.parse(inWard.out) as { lsoa_code: string; crimes: number }[];
    assert.ok(wardRows.length > 0 && wardRows.length < 95);
    for (const r of wardRows) assert.equal(r.crimes, lsoas.find((l) => l.lsoa_code === r.lsoa_code)!.crimes);
  });

  // Every message is checked in explore-schemas.test.ts; these show the command prints them.
  test('bad options are refused naming the option, with no stack trace', () => {
    const cases: [string[], RegExp][] = [
      [
        ['query', 'counts', '--area', 'Maidstone', '--from', '2018-10', '--to', '2019-02', '--format', 'csv'],
        /--area: give a district, ward or LSOA code/,
      ],
      [
        ['query', 'counts', '--area', 'E07000999', '--from', '2018-10', '--to', '2019-02', '--format', 'csv'],
        /--area: no district, ward or LSOA has the code E07000999/,
      ],
      [
        ['query', 'counts', '--area', 'E07000110', '--from', '2019-02', '--to', '2018-10', '--format', 'csv'],
        /--to: must be the same month as --from or after it/,
      ],
      [['query', 'counts', '--area', 'E07000110', '--from', '2018-10', '--to', '2019-02'], /--format/],
    ];
    for (const [args, message] of cases) {
      const r = safer(args);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.match(r.err, message, args.join(' '));
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
      assert.equal(r.out, '');
    }
  });
});
