import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { databaseSuite } from '../../../test/helpers/database-suite.ts';
import { createTestDatabase, testingOnServer } from '../../../test/helpers/database.ts';
import { assertFileGone, assertHalfWayFailureChangesNothing, writeCorrection } from '../../../test/helpers/police-files.ts';
import type { Database } from '../../platform/db/database.ts';
import { policeDataProblems, type ImportSummary } from './police-import.ts';
import { count, importPath } from './police-import-fixtures.ts';
import { STREET_HEADER } from './police-uk-format.ts';
import { writeZip } from './synthetic-street-data.ts';

/**
 * Outcomes and stop-and-search files load with the street files' guarantees: every row accepted or
 * rejected with its file, line and reason; known variants normalised; each force, month and kind in
 * one transaction; the same file again a no-op; a corrected file replacing the old one whole.
 * The files are the synthetic fixtures in fixtures/police-uk (see its README for every planted line).
 */

const FIXTURES = path.join(import.meta.dirname, 'fixtures/police-uk');
const fixture = (month: string, kind: 'outcomes' | 'stop-and-search') => path.join(FIXTURES, month, `${month}-kent-${kind}.csv`);

const query = <T>(db: Database, text: string, params: unknown[] = []) => db.bulk((s) => s.query<T>(text, params));
const files = (db: Database) =>
  query<{ id: number; kind: string; month: string; rows_total: number; rows_accepted: number; rows_rejected: number; checksum: string }>(
    db,
    "select id, kind, to_char(month, 'YYYY-MM') as month, rows_total, rows_accepted, rows_rejected, checksum from police_files order by " +
      'kind, month',
  );
const MAIDSTONE_FIXTURE_LSOAS = ['E01024320', 'E01024321', 'E01024325', 'E01024326'];

describe(`importing police.uk outcomes and stop-and-search (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  const suite = databaseSuite('safer-police-other-');
  let first: ImportSummary;

  before(async () => {
    first = await importPath(suite.db, FIXTURES);
  });

  test('every row of every file is accepted or rejected, and the files are stored with their totals', async () => {
    assert.deepEqual(
      first.files.map((f) => [path.basename(f.name), f.status, f.rows, f.accepted, f.rejected]),
      [
        ['2018-10-kent-outcomes.csv', 'loaded', 25, 17, 8],
        ['2018-10-kent-stop-and-search.csv', 'loaded', 24, 15, 9],
        ['2018-11-kent-outcomes.csv', 'loaded', 7, 6, 1],
        ['2018-11-kent-stop-and-search.csv', 'loaded', 4, 3, 1],
      ],
    );
    assert.deepEqual(
      (await files(suite.db)).map((f) => [f.kind, f.month, f.rows_total, f.rows_accepted, f.rows_rejected]),
      [
        ['outcomes', '2018-10', 25, 17, 8],
        ['outcomes', '2018-11', 7, 6, 1],
        ['stop-and-search', '2018-10', 24, 15, 9],
        ['stop-and-search', '2018-11', 4, 3, 1],
      ],
    );
    assert.equal(await count(suite.db, 'select count(*)::int as n from police_outcomes'), 23);
    assert.equal(await count(suite.db, 'select count(*)::int as n from police_stop_searches'), 18);
    assert.deepEqual(await policeDataProblems(suite.db), []);
    const [run] = await query<{ status: string; message: string | null; files_loaded: number; rows_total: number; rows_rejected: number }>(
      suite.db,
      'select status, message, files_loaded, rows_total, rows_rejected from police_imports where id = $1',
      [first.importId],
    );
    assert.deepEqual(run, { status: 'completed', message: null, files_loaded: 4, rows_total: 60, rows_rejected: 19 });
  });

  test('the planted lines are rejected with their line numbers and reasons; stop-and-search lines are not kept', async () => {
    const stored = await query<{ file_name: string; line: number; reason: string; raw: string | null }>(
      suite.db,
      'select file_name, line, reason, raw from police_rejections where import_id = $1 order by file_name, line',
      [first.importId],
    );
    const of = (name: string) => stored.filter((r) => r.file_name.endsWith(name));
    assert.deepEqual(
      of('2018-10-kent-outcomes.csv').map((r) => [r.line, r.reason]),
      [
        [5, 'wrong number of columns: 9, expected 10'],
        [8, 'bad Crime ID: expected 64 hexadecimal characters'],
        [11, 'no Crime ID: every outcome is for a crime'],
        [14, 'bad month "2018-13": expected YYYY-MM'],
        [17, "month 2018-09 does not match the file's month 2018-10"],
        [20, 'coordinates outside the UK: -30.5, 10.25'],
        [23, 'malformed quoting: a quoted field is not closed'],
        [26, 'no outcome type'],
      ],
    );
    const outcomeLines = readFileSync(fixture('2018-10', 'outcomes'), 'utf8').split('\n');
    for (const r of of('2018-10-kent-outcomes.csv')) assert.equal(r.raw, outcomeLines[r.line - 1], `line ${r.line} is kept as it was`);
    assert.deepEqual(
      of('2018-11-kent-outcomes.csv').map((r) => [r.line, r.reason]),
      [[6, 'wrong number of columns: 11, expected 10']],
    );
    assert.deepEqual(
      of('2018-10-kent-stop-and-search.csv').map((r) => [r.line, r.reason]),
      [
        [5, 'unknown type of search "Dog search": expected Person search, Vehicle search, Person and Vehicle search'],
        [8, 'bad date "2018-10-32T10:00:00+01:00": no such date or time'],
        [11, "the date's month 2018-11 does not match the file's month 2018-10"],
        [13, "gender is not one of police.uk's published categories (Male, Female, Other)"],
        [15, "self-defined ethnicity is not one of police.uk's published categories"],
        [18, "age range is not one of police.uk's published categories (under 10, 10-17, 18-24, 25-34, over 34)"],
        [21, 'coordinates outside the UK: -30.5, 10.25'],
        [24, 'wrong number of columns: 14, expected 15'],
        [25, 'Part of a policing operation must be True, False or blank'],
      ],
    );
    assert.deepEqual(
      of('2018-11-kent-stop-and-search.csv').map((r) => [r.line, r.reason]),
      [[4, 'Removal of more than just outer clothing must be True, False or blank']],
    );
    assert.ok(
      stored.filter((r) => r.file_name.includes('stop-and-search')).every((r) => r.raw === null),
      'a rejected search may hold what police.uk does not publish about a person: its line is not stored',
    );
    const rejectedLines = await count(
      suite.db,
      "select count(*)::int as n from police_outcomes o join police_files f on f.id = o.file_id where f.month = '2018-10-01' and o.line " +
        '= any($1::int[])',
      [[5, 8, 11, 14, 17, 20, 23, 26]],
    );
    assert.equal(rejectedLines, 0);
  });

  test('outcome spellings, locations and the BOM and CRLF variants are normalised', async () => {
    const types = await query<{ outcome_type: string; n: number }>(
      suite.db,
      `select outcome_type, sum(outcomes)::int as n from outcome_counts where month = '2018-10-01' and lsoa_code = any($1::text[])
       group by outcome_type order by n desc, outcome_type`,
      [MAIDSTONE_FIXTURE_LSOAS],
    );
    assert.deepEqual(types, [
      { outcome_type: 'Investigation complete; no suspect identified', n: 6 },
      { outcome_type: 'Unable to prosecute suspect', n: 4 },
      { outcome_type: 'Offender given a caution', n: 2 },
      { outcome_type: 'Suspect charged', n: 2 },
      { outcome_type: 'Offender given a penalty notice', n: 1 },
    ]);
    const [noLocation] = await query<Record<string, unknown>>(
      suite.db,
      "select location, longitude, latitude, lsoa_code, outcome_type from police_outcomes where outcome_type = 'Under investigation'",
    );
    assert.deepEqual(noLocation, { location: null, longitude: null, latitude: null, lsoa_code: null, outcome_type: 'Under investigation' });
    assert.equal(
      await count(suite.db, "select outcomes as n from outcome_counts where lsoa_code = '' and outcome_type = 'Under investigation'"),
      1,
    );
    assert.equal(
      await count(suite.db, `select count(*)::int as n from police_outcomes where location = 'On or near "The Parade", Maidstone'`),
      1,
    );
    // The 2018-11 files start with a byte-order mark and end their lines with CRLF.
    const [firstOfNovember] = await query<{ crime_id: string; outcome_type: string }>(
      suite.db,
      "select o.crime_id, o.outcome_type from police_outcomes o where o.month = '2018-11-01' and o.line = 2",
    );
    assert.match(firstOfNovember!.crime_id, /^[0-9a-f]{64}$/);
    assert.equal(firstOfNovember!.outcome_type, 'Investigation complete; no suspect identified');
    assert.equal(
      await count(suite.db, "select count(*)::int as n from police_outcomes where outcome_type like '%\r' or lsoa_name like '%\r'"),
      0,
    );
  });

  test('searches are stored with the published categories, and counted by place, object, outcome and legislation', async () => {
    const [search] = await query<Record<string, unknown>>(
      suite.db,
      `select search_type, to_char(searched_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as at, part_of_operation, gender, age_range,
         self_defined_ethnicity, officer_defined_ethnicity, legislation, object_of_search, outcome, outcome_linked_to_object,
         removal_of_more_than_outer_clothing
       from police_stop_searches where month = '2018-10-01' and line = 12`,
    );
    assert.deepEqual(search, {
      search_type: 'Person search',
      at: '2018-10-08T15:00',
      part_of_operation: false,
      gender: 'Male',
      age_range: '18-24',
      self_defined_ethnicity: 'White - English/Welsh/Scottish/Northern Irish/British',
      officer_defined_ethnicity: 'White',
      legislation: 'Misuse of Drugs Act 1971 (section 23)',
      object_of_search: 'Controlled drugs',
      outcome: 'Khat or Cannabis warning',
      outcome_linked_to_object: true,
      removal_of_more_than_outer_clothing: false,
    });
    const [operation] = await query<Record<string, unknown>>(
      suite.db,
      'select part_of_operation, operation_name from police_stop_searches where part_of_operation',
    );
    assert.deepEqual(operation, { part_of_operation: true, operation_name: 'Operation Synthetic' });
    const [vehicle] = await query<Record<string, unknown>>(
      suite.db,
      'select gender, age_range, self_defined_ethnicity, outcome_linked_to_object from police_stop_searches where search_type = ' +
        "'Vehicle search'",
    );
    assert.deepEqual(vehicle, { gender: null, age_range: null, self_defined_ethnicity: null, outcome_linked_to_object: null });
    const byObject = await query<{ object_of_search: string; n: number }>(
      suite.db,
      "select object_of_search, sum(searches)::int as n from stop_search_counts where month = '2018-10-01' group by object_of_search " +
        'order by n desc, object_of_search',
    );
    assert.deepEqual(byObject, [
      { object_of_search: 'Controlled drugs', n: 8 },
      { object_of_search: 'Offensive weapons', n: 3 },
      { object_of_search: 'Stolen goods', n: 2 },
      { object_of_search: '', n: 1 },
      { object_of_search: 'Article for use in theft', n: 1 },
    ]);
    assert.equal(
      await count(suite.db, 'select sum(searches)::int as n from stop_search_counts where latitude is null'),
      2,
      'two searches with no location',
    );
  });

  test('importing the same files again changes nothing', async () => {
    const before = await files(suite.db);
    const summary = await importPath(suite.db, FIXTURES);
    assert.deepEqual(
      summary.files.map((f) => f.status),
      ['unchanged', 'unchanged', 'unchanged', 'unchanged'],
    );
    assert.deepEqual(
      summary.files.map((f) => [f.rows, f.accepted, f.rejected]),
      first.files.map((f) => [f.rows, f.accepted, f.rejected]),
    );
    assert.deepEqual(await files(suite.db), before);
    assert.equal(await count(suite.db, 'select count(*)::int as n from police_rejections where import_id = $1', [summary.importId]), 0);
    const [run] = await query<{ files_unchanged: number; files_loaded: number }>(
      suite.db,
      'select files_unchanged, files_loaded from police_imports where id = $1',
      [summary.importId],
    );
    assert.deepEqual(run, { files_unchanged: 4, files_loaded: 0 });
  });

  test('a corrected file for the same force, month and kind replaces the old one whole', async () => {
    const old = (await files(suite.db)).find((f) => f.kind === 'stop-and-search' && f.month === '2018-10')!;
    const lines = readFileSync(fixture('2018-10', 'stop-and-search'), 'utf8').trimEnd().split('\n');
    // The correction keeps the header and the first three searches, and the first becomes an arrest.
    const corrected = [lines[0]!, lines[1]!.replace('A no further action disposal', 'Arrest'), lines[2]!, lines[3]!];

    const summary = await importPath(suite.db, writeCorrection(suite.work, '2018-10', 'stop-and-search', corrected));
    assert.deepEqual(
      summary.files.map((f) => [f.status, f.rows, f.accepted]),
      [['replaced', 3, 3]],
    );
    const now = (await files(suite.db)).find((f) => f.kind === 'stop-and-search' && f.month === '2018-10')!;
    assert.notEqual(now.id, old.id);
    await assertFileGone(suite.db, old.id, { rows: 'police_stop_searches', counts: 'stop_search_counts' });
    assert.deepEqual(
      await query(
        suite.db,
        'select outcome, sum(searches)::int as n from stop_search_counts where file_id = $1 group by outcome order by outcome',
        [now.id],
      ),
      [
        { outcome: 'A no further action disposal', n: 1 },
        { outcome: 'Arrest', n: 2 },
      ],
    );
    assert.equal(
      await count(suite.db, "select count(*)::int as n from police_files where kind = 'stop-and-search' and month = '2018-10-01'"),
      1,
    );
    assert.equal(
      await count(suite.db, "select count(*)::int as n from police_files where kind = 'outcomes' and month = '2018-10-01'"),
      1,
      'the outcomes of the same month are untouched',
    );
    assert.deepEqual(await policeDataProblems(suite.db), []);
  });

  test('a replacement that fails part-way leaves the earlier file as it was', async () => {
    // A new version of the 2018-11 outcomes, failing half-way.
    const data = Buffer.from(readFileSync(fixture('2018-10', 'outcomes'), 'utf8').replaceAll(',2018-10,', ',2018-11,'));
    await assertHalfWayFailureChangesNothing(suite.db, files, 'police_outcomes', { name: 'broken/2018-11-kent-outcomes.csv', data });
  });

  test('a file that is not of the kind its name says is refused, saying what was expected, and nothing of it loads', async () => {
    const dir = path.join(suite.work, 'wrong/2019-03');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '2019-03-kent-outcomes.csv'), `${STREET_HEADER.join(',')}\n`);
    cpSync(fixture('2018-10', 'outcomes'), path.join(dir, '2019-03-kent-stop-and-search.csv'));
    writeFileSync(path.join(dir, '2019-03-kent-street.csv'), '');
    const summary = await importPath(suite.db, path.dirname(dir));
    const byName = new Map(summary.files.map((f) => [path.basename(f.name), f]));
    assert.equal(byName.get('2019-03-kent-outcomes.csv')!.status, 'refused');
    assert.match(
      byName.get('2019-03-kent-outcomes.csv')!.message!,
      new RegExp(
        /is not a police\.uk outcomes file: its first line should be the header "/.source +
          /Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type"$/.source,
      ),
    );
    assert.match(
      byName.get('2019-03-kent-stop-and-search.csv')!.message!,
      /is not a police\.uk stop-and-search file: its first line should be the header "Type,Date,Part of a policing operation,/,
    );
    assert.equal(await count(suite.db, "select count(*)::int as n from police_files where month = '2019-03-01'"), 0);
    const reasons = await query<{ file_name: string; line: number; raw: string | null }>(
      suite.db,
      'select file_name, line, raw from police_rejections where import_id = $1 order by file_name',
      [summary.importId],
    );
    assert.deepEqual(
      reasons.map((r) => [path.basename(r.file_name), r.line, r.raw === null ? null : r.raw.slice(0, 8)]),
      [
        ['2019-03-kent-outcomes.csv', 1, 'Crime ID'],
        ['2019-03-kent-stop-and-search.csv', 1, null],
        ['2019-03-kent-street.csv', 1, ''],
      ],
    );
    const [run] = await query<{ message: string }>(suite.db, 'select message from police_imports where id = $1', [summary.importId]);
    assert.equal(run!.message, '3 files were refused.');
  });

  test('a bulk-download archive with street, outcomes and stop-and-search files imports each kind', async () => {
    const fresh = await createTestDatabase();
    try {
      const zip = path.join(suite.work, 'archive.zip');
      const street = path.resolve(import.meta.dirname, '../../../open-data/police-uk/street/2018-10/2018-10-kent-street.csv');
      writeZip(zip, [
        { name: '2018-10/2018-10-kent-outcomes.csv', data: readFileSync(fixture('2018-10', 'outcomes')) },
        { name: '2018-10/2018-10-kent-stop-and-search.csv', data: readFileSync(fixture('2018-10', 'stop-and-search')) },
        { name: '2018-10/2018-10-kent-street.csv', data: readFileSync(street) },
      ]);
      const summary = await importPath(fresh.db, zip);
      assert.deepEqual(
        summary.files.map((f) => [f.name.slice(zip.length), f.status, f.rows, f.accepted]),
        [
          [':2018-10/2018-10-kent-outcomes.csv', 'loaded', 25, 17],
          [':2018-10/2018-10-kent-stop-and-search.csv', 'loaded', 24, 15],
          [':2018-10/2018-10-kent-street.csv', 'loaded', 19396, 19396],
        ],
      );
      assert.deepEqual(await policeDataProblems(fresh.db), []);
      // The same bytes from an archive as from a folder: the same checksum.
      const outcomesChecksum = async (d: Database) =>
        (await files(d)).find((f) => f.kind === 'outcomes' && f.month === '2018-10')!.checksum;
      assert.equal(await outcomesChecksum(fresh.db), await outcomesChecksum(suite.db));
    } finally {
      await fresh.drop();
    }
  });
});
