import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { databaseSuite } from '../../../test/helpers/database-suite.ts';
import { createTestDatabase, testingOnServer } from '../../../test/helpers/database.ts';
import { assertFileGone, assertHalfWayFailureChangesNothing, writeCorrection } from '../../../test/helpers/police-files.ts';
import type { Database } from '../../platform/db/database.ts';
import { policeDataProblems } from './police-import.ts';
import { count, importPath } from './police-import-fixtures.ts';
import { CRIME_TYPES, STREET_HEADER } from './police-uk-format.ts';
import { writeZip } from './synthetic-street-data.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const realFolder = path.join(root, 'open-data/police-uk/street');
const REAL: Record<string, number> = {
  '2018-10': 19396,
  '2018-11': 13818,
  '2018-12': 8438,
  '2019-01': 17792,
  '2019-02': 16291,
};
const realFile = (month: string) => path.join(realFolder, month, `${month}-kent-street.csv`);

interface FileRow {
  id: number;
  import_id: number;
  month: string;
  file_name: string;
  checksum: string;
  rows_total: number;
  rows_accepted: number;
  rows_rejected: number;
}

const files = (db: Database) =>
  db.bulk((s) =>
    s.query<FileRow>(
      "select id, import_id, to_char(month, 'YYYY-MM') as month, file_name, checksum, rows_total, rows_accepted, rows_rejected from " +
        'police_files order by month',
    ),
  );

describe(`importing police.uk street files (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  const suite = databaseSuite('safer-police-');

  test('the five real Kent files load exactly: every row accepted or rejected, stored and counted', async () => {
    const summary = await importPath(suite.db, realFolder);
    assert.deepEqual(
      summary.files.map((f) => [f.month, f.status, f.rows]),
      Object.entries(REAL).map(([month, rows]) => [month, 'loaded', rows]),
    );
    for (const f of summary.files) assert.equal(f.accepted + f.rejected, f.rows, f.name);
    const stored = await files(suite.db);
    assert.deepEqual(
      stored.map((f) => [f.month, f.rows_total, f.rows_accepted + f.rows_rejected]),
      Object.entries(REAL).map(([month, rows]) => [month, rows, rows]),
    );
    for (const f of stored) {
      assert.equal(
        await count(suite.db, 'select count(*)::int as n from street_crimes where file_id = $1', [f.id]),
        f.rows_accepted,
        f.file_name,
      );
      assert.equal(
        await count(suite.db, 'select coalesce(sum(crimes), 0)::int as n from crime_counts where file_id = $1', [f.id]),
        f.rows_accepted,
        f.file_name,
      );
    }
    assert.deepEqual(await policeDataProblems(suite.db), []);
    // What crime_lsoa_months says of each LSOA and month is what its stored rows add up to.
    const lsoaMonths = await suite.db.bulk((s) =>
      s.query<{ differences: number }>(
        `with summed as (
           select m.file_id, m.lsoa_code, 'type' as kind, t.name as crime_type, null as value, c.crimes
           from crime_lsoa_months m, unnest(m.crime_types, m.crimes) as c (crime_type, crimes), crime_types t
           where t.id = c.crime_type
           union all
           select m.file_id, m.lsoa_code, 'outcome', t.name, o.outcome, o.crimes
           from crime_lsoa_months m, unnest(m.outcome_types, m.outcomes, m.outcome_crimes) as o (crime_type, outcome, crimes), crime_types t
           where t.id = o.crime_type
           union all
           select m.file_id, m.lsoa_code, 'location', t.name, l.location, l.crimes
           from crime_lsoa_months m, unnest(m.locations, m.location_types, m.location_crimes) as l (location, crime_type, crimes),
             crime_types t
           where t.id = l.crime_type
         ), counted as (
           select file_id, coalesce(lsoa_code, '') as lsoa_code, 'type' as kind, crime_type, null as value, count(*)::int as crimes
           from street_crimes group by 1, 2, 4
           union all
           select file_id, coalesce(lsoa_code, ''), 'outcome', crime_type, outcome, count(*)::int from street_crimes group by 1, 2, 4, 5
           union all
           select file_id, coalesce(lsoa_code, ''), 'location', crime_type, location, count(*)::int from street_crimes
           where location is not null group by 1, 2, 4, 5
         )
         select count(*)::int as differences from (
           (select * from summed except all select * from counted)
           union all
           (select * from counted except all select * from summed)
         ) d`,
      ),
    );
    assert.equal(lsoaMonths[0]!.differences, 0);
    assert.equal(
      await count(suite.db, 'select count(*)::int as n from crime_lsoa_months'),
      await count(suite.db, "select count(distinct (file_id, coalesce(lsoa_code, '')))::int as n from street_crimes"),
    );
    const [run] = await suite.db.bulk((s) =>
      s.query<{ status: string; files_total: number; files_loaded: number; rows_total: number }>(
        'select status, files_total, files_loaded, rows_total from police_imports where id = $1',
        [summary.importId],
      ),
    );
    assert.deepEqual(run, { status: 'completed', files_total: 5, files_loaded: 5, rows_total: 75735 });
    // Spot check one row against the file: the first data line of October 2018.
    const [first] = await suite.db.bulk((s) =>
      s.query<Record<string, unknown>>(
        'select crime_id, longitude, latitude, location, lsoa_code, crime_type, outcome from street_crimes c join police_files f on ' +
          "f.id = c.file_id where f.month = '2018-10-01' and c.line = 2",
      ),
    );
    assert.deepEqual(first, {
      crime_id: null,
      longitude: 0.964269,
      latitude: 51.258117,
      location: 'On or near Shrimpton Close',
      lsoa_code: 'E01023987',
      crime_type: 'Anti-social behaviour',
      outcome: null,
    });
  });

  test('importing the same files again changes nothing', async () => {
    const before = await files(suite.db);
    const crimes = await count(suite.db, 'select count(*)::int as n from street_crimes');
    const summary = await importPath(suite.db, realFolder);
    assert.deepEqual(
      summary.files.map((f) => f.status),
      ['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged'],
    );
    assert.deepEqual(await files(suite.db), before);
    assert.equal(await count(suite.db, 'select count(*)::int as n from street_crimes'), crimes);
    const [run] = await suite.db.bulk((s) =>
      s.query<{ files_unchanged: number; files_loaded: number; rows_total: number }>(
        'select files_unchanged, files_loaded, rows_total from police_imports where id = $1',
        [summary.importId],
      ),
    );
    assert.deepEqual(run, { files_unchanged: 5, files_loaded: 0, rows_total: 0 });
  });

  test('a corrected file for the same force and month replaces the old one whole', async () => {
    const old = (await files(suite.db)).find((f) => f.month === '2018-12')!;
    const lines = readFileSync(realFile('2018-12'), 'utf8').trimEnd().split('\n');
    // The correction drops 438 rows and recategorises the first.
    const corrected = [lines[0]!, lines[1]!.replace('Burglary', 'Robbery'), ...lines.slice(2, 8001)];

    const summary = await importPath(suite.db, writeCorrection(suite.work, '2018-12', 'street', corrected));
    assert.equal(summary.files[0]!.status, 'replaced');
    const now = (await files(suite.db)).find((f) => f.month === '2018-12')!;
    assert.notEqual(now.id, old.id);
    assert.deepEqual([now.rows_total, now.rows_accepted], [8000, 8000]);
    await assertFileGone(suite.db, old.id, { rows: 'street_crimes', counts: 'crime_counts' });
    assert.equal(await count(suite.db, 'select count(*)::int as n from street_crimes where file_id = $1', [now.id]), 8000);
    assert.equal(
      await count(suite.db, "select count(*)::int as n from street_crimes where file_id = $1 and line = 2 and crime_type = 'Robbery'", [
        now.id,
      ]),
      1,
    );
    assert.equal(await count(suite.db, "select count(*)::int as n from police_files where month = '2018-12-01'"), 1);
    assert.deepEqual(await policeDataProblems(suite.db), []);
  });

  test('a replacement that fails part-way leaves the earlier file as it was', async () => {
    // A new version of December, failing half-way.
    const data = Buffer.from(readFileSync(realFile('2018-10'), 'utf8').replaceAll('2018-10', '2018-12'));
    await assertHalfWayFailureChangesNothing(suite.db, files, 'street_crimes', { name: 'broken/2018-12-kent-street.csv', data });
  });

  test('bad lines planted in a real file are rejected with their line numbers and reasons; every other row loads', async () => {
    const lines = readFileSync(realFile('2019-01'), 'utf8').replace(/\n$/, '').split('\n');
    assert.equal(lines.length, 17793);
    const fields = (n: number) => lines[n - 1]!.split(',');
    const planted: [number, string, RegExp][] = [
      [2, fields(2).slice(0, 9).join(','), /^wrong number of columns: 9, expected 12$/],
      [
        100,
        fields(100)
          .map((f, i) => (i === 1 ? '2019-13' : f))
          .join(','),
        /^bad month "2019-13": expected YYYY-MM$/,
      ],
      [
        4321,
        fields(4321)
          .map((f, i) => (i === 4 ? '-30.5' : i === 5 ? '10.25' : f))
          .join(','),
        /^coordinates outside the UK: -30.5, 10.25$/,
      ],
      [
        9999,
        fields(9999)
          .map((f, i) => (i === 6 ? '"On or near Station Road' : f))
          .join(','),
        /^malformed quoting: a quoted field is not closed$/,
      ],
      [
        12345,
        fields(12345)
          .map((f, i) => (i === 9 ? 'Jaywalking' : f))
          .join(','),
        /^unknown crime type "Jaywalking"$/,
      ],
      [
        15000,
        fields(15000)
          .map((f, i) => (i === 1 ? '2019-02' : f))
          .join(','),
        /^month 2019-02 does not match the file's month 2019-01$/,
      ],
      [17793, `${lines[17792]},extra`, /^wrong number of columns: 13, expected 12$/],
    ];
    for (const [line, text] of planted) lines[line - 1] = text;
    // A quoted field with a comma and doubled quotes is still a good row.
    lines[500] = fields(501)
      .map((f, i) => (i === 6 ? '"On or near ""The Parade"", Ashford"' : f))
      .join(',');
    const dir = path.join(suite.work, 'corrupted/2019-01');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '2019-01-kent-street.csv'), `${lines.join('\r\n')}\r\n`);

    const summary = await importPath(suite.db, path.dirname(dir));
    const result = summary.files[0]!;
    assert.deepEqual(
      [result.status, result.rows, result.accepted, result.rejected],
      ['replaced', 17792, 17792 - planted.length, planted.length],
    );
    const stored = await suite.db.bulk((s) =>
      s.query<{ line: number; reason: string; raw: string }>(
        'select line, reason, raw from police_rejections where import_id = $1 order by line',
        [summary.importId],
      ),
    );
    assert.deepEqual(
      stored.map((r) => r.line),
      planted.map(([line]) => line),
    );
    for (const [i, [line, text, reason]] of planted.entries()) {
      assert.match(stored[i]!.reason, reason, `line ${line}`);
      assert.equal(stored[i]!.raw, text.slice(0, 500));
    }
    const file = (await files(suite.db)).find((f) => f.month === '2019-01')!;
    assert.deepEqual([file.rows_total, file.rows_accepted, file.rows_rejected], [17792, 17785, 7]);
    const loadedLines = await count(suite.db, 'select count(*)::int as n from street_crimes where file_id = $1 and line = any($2::int[])', [
      file.id,
      planted.map(([line]) => line),
    ]);
    assert.equal(loadedLines, 0);
    assert.equal(
      await count(
        suite.db,
        `select count(*)::int as n from street_crimes where file_id = $1 and location = 'On or near "The Parade", Ashford' and line = 501`,
        [file.id],
      ),
      1,
    );
    assert.deepEqual(await policeDataProblems(suite.db), []);
  });

  test('a file that is not a police.uk street file is refused, saying what was expected, and nothing of it loads', async () => {
    const dir = path.join(suite.work, 'not-police/2019-03');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, '2019-03-kent-street.csv'),
      'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender\nPerson ' +
        'search,2019-03-01T00:00:00+00:00,,,51.2,0.5,Male\n',
    );
    writeFileSync(path.join(dir, 'kent-crimes.csv'), `${STREET_HEADER.join(',')}\n`);
    const summary = await importPath(suite.db, path.dirname(dir));
    const byName = new Map(summary.files.map((f) => [path.basename(f.name), f]));
    const wrongHeader = byName.get('2019-03-kent-street.csv')!;
    assert.equal(wrongHeader.status, 'refused');
    assert.match(
      wrongHeader.message!,
      new RegExp(
        /is not a police\.uk street-level file: its first line should be the header "/.source +
          /Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,/.source +
          /LSOA code,LSOA name,Crime type,Last outcome category,Context"/.source,
      ),
    );
    const wrongName = byName.get('kent-crimes.csv')!;
    assert.equal(wrongName.status, 'refused');
    assert.match(wrongName.message!, /not a police\.uk file name; expected YYYY-MM-<force>-street\.csv/);
    assert.equal(await count(suite.db, "select count(*)::int as n from police_files where month = '2019-03-01'"), 0);
    const reasons = await suite.db.bulk((s) =>
      s.query<{ line: number; reason: string }>('select line, reason from police_rejections where import_id = $1 order by line', [
        summary.importId,
      ]),
    );
    assert.deepEqual(
      reasons.map((r) => r.line),
      [0, 1],
    );
    assert.match(reasons[1]!.reason, /its first line should be the header/);
    const [run] = await suite.db.bulk((s) =>
      s.query<{ message: string }>('select message from police_imports where id = $1', [summary.importId]),
    );
    assert.equal(run!.message, '2 files were refused.');
  });

  test('a bulk-download zip archive (YYYY-MM/YYYY-MM-<force>-street.csv) imports the same as the folder', async () => {
    const zip = path.join(suite.work, 'archive.zip');
    writeZip(zip, [
      ...Object.keys(REAL).map((month) => ({ name: `${month}/${month}-kent-street.csv`, data: readFileSync(realFile(month)) })),
      {
        name: '2019-02/2019-02-kent-outcomes.csv',
        data: Buffer.from('Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n'),
      },
    ]);
    const fresh = await createTestDatabase();
    try {
      const summary = await importPath(fresh.db, zip);
      assert.deepEqual(
        summary.files.map((f) => [f.name.slice(zip.length), f.status, f.rows, f.accepted]),
        [
          ...Object.entries(REAL)
            .slice(0, 4)
            .map(([month, rows]) => [`:${month}/${month}-kent-street.csv`, 'loaded', rows, rows]),
          // An outcomes file with its header and no rows: loaded, with nothing in it.
          [':2019-02/2019-02-kent-outcomes.csv', 'loaded', 0, 0],
          [':2019-02/2019-02-kent-street.csv', 'loaded', 16291, 16291],
        ],
      );
      assert.deepEqual(await policeDataProblems(fresh.db), []);
      // The same counts as the folder import gave for the months this test has not changed.
      const countsOf = (d: Database) =>
        d.bulk((s) =>
          s.query(
            "select to_char(month, 'YYYY-MM') as month, lsoa_code, crime_type, crimes from crime_counts where month in ('2018-10-01', " +
              "'2018-11-01', '2019-02-01') order by 1, 2, 3",
          ),
        );
      assert.deepEqual(await countsOf(fresh.db), await countsOf(suite.db));
      const [{ checksum }] = (await files(fresh.db)).filter((f) => f.month === '2018-10') as [FileRow];
      assert.equal(checksum, (await files(suite.db)).find((f) => f.month === '2018-10')!.checksum);
    } finally {
      await fresh.drop();
    }
  });

  test('crime types are numbered in crime_lsoa_months as CRIME_TYPES lists them', async () => {
    const types = await suite.db.bulk((s) => s.query<{ id: number; name: string }>('select id, name from crime_types order by id'));
    assert.deepEqual(
      types,
      CRIME_TYPES.map((name, i) => ({ id: i + 1, name })),
    );
  });

  test('a folder copied with the data intact imports as unchanged', async () => {
    const copy = path.join(suite.work, 'copy');
    cpSync(path.join(realFolder, '2018-10'), path.join(copy, '2018-10'), { recursive: true });
    const summary = await importPath(suite.db, copy);
    assert.equal(summary.files[0]!.status, 'unchanged');
  });
});
