import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import type { Database } from '../../platform/db/database.ts';
import { POLICE_FORCES } from './police-forces.ts';
import { count, importFrom } from './police-import-fixtures.ts';
import { policeDataProblems } from './police-import.ts';
import type { PoliceSource } from './police-sources.ts';
import { STREET_HEADER } from './police-uk-format.ts';
import { forceAreas, seededRandom, streetLines } from './synthetic-street-data.ts';

/**
 * What may change the police.uk data every partnership sees: files only of the forces police.uk
 * publishes; a replacement that would remove most of a force-month's rows only when confirmed; and a
 * file's rows, loaded over many short transactions, seen by no reader until the file is switched in.
 */

const root = path.resolve(import.meta.dirname, '../../..');
const realFile = (month: string) => readFileSync(path.join(root, 'open-data/police-uk/street', month, `${month}-kent-street.csv`));
const header = `${STREET_HEADER.join(',')}\n`;
const source = (name: string, data: Buffer | string): PoliceSource => ({
  name,
  baseName: name,
  open: async () => Readable.from([Buffer.from(data)]),
});
const synthetic = (force: string, month: string, rows: number, seed = 1) => {
  const area = forceAreas().find((a) => a.force === force) ?? forceAreas()[0]!;
  return `${header}${streetLines(area, month, rows, seededRandom(seed)).lines.join('\n')}\n`;
};

interface Current {
  file_name: string;
  checksum: string;
  rows_accepted: number;
}

const current = (db: Database, month: string) =>
  db.bulk((s) =>
    s.query<Current>(
      "select file_name, checksum, rows_accepted from police_files where kind = 'street' and force = 'kent' and month = $1 and state = " +
        "'current'",
      [`${month}-01`],
    ),
  );

/** Police_files rows readers do not see, and street rows whose file is gone: after an import there are none. */
const leftOvers = async (db: Database) => ({
  hidden: await count(db, "select count(*)::int as n from police_files where state <> 'current'"),
  orphans: await count(
    db,
    'select count(*)::int as n from street_crimes c where not exists (select 1 from police_files f where f.id = c.file_id)',
  ),
});

describe(`changes to the shared police.uk data (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let t: TestDatabase;
  let db: Database;

  before(async () => {
    t = await createTestDatabase();
    db = t.db;
  });
  after(() => t.drop());

  test('a file of a force police.uk does not publish is refused, naming the file and the force; every real force is known', async () => {
    assert.equal(POLICE_FORCES.length, 45);
    const summary = await importFrom(db, [
      source('2019-01-zzfake-street.csv', synthetic('kent', '2019-01', 300)),
      source('2019-01-kent-police-outcomes.csv', 'x'),
      source('2019-01-btp-street.csv', synthetic('kent', '2019-01', 20).replaceAll('Kent Police', 'British Transport Police')),
    ]);
    assert.deepEqual(
      summary.files.map((f) => [f.name, f.status]),
      [
        ['2019-01-zzfake-street.csv', 'refused'],
        ['2019-01-kent-police-outcomes.csv', 'refused'],
        ['2019-01-btp-street.csv', 'loaded'],
      ],
    );
    assert.equal(
      summary.files[0]!.message,
      '2019-01-zzfake-street.csv was not loaded: "zzfake" is not a police force that police.uk publishes data for. ' +
        "Its file names use the force's name as police.uk spells it, such as kent or avon-and-somerset.",
    );
    assert.match(summary.files[1]!.message!, /"kent-police" is not a police force/);
    assert.equal(await count(db, "select count(*)::int as n from police_files where force in ('zzfake', 'kent-police')"), 0);
    const stored = await db.bulk((s) =>
      s.query<{ line: number; reason: string }>('select line, reason from police_rejections where import_id = $1 order by file_name', [
        summary.importId,
      ]),
    );
    assert.deepEqual(
      stored.map((r) => r.line),
      [0, 0],
    );
    assert.match(stored[1]!.reason, /zzfake/);
  });

  test('a replacement with under half the rows of a month of more than 100 is refused unless allowed, and then goes through', async () => {
    await importFrom(db, [source('2019-01-kent-street.csv', realFile('2019-01'))]);
    const [real] = await current(db, '2019-01');
    assert.equal(real!.rows_accepted, 17792);

    for (const [data, rows] of [
      [header, '0 rows'],
      [synthetic('kent', '2019-01', 1), '1 row'],
      [synthetic('kent', '2019-01', 8895), '8,895 rows'],
    ] as const) {
      const refused = await importFrom(db, [source('2019-01-kent-street.csv', data)]);
      assert.equal(refused.files[0]!.status, 'refused');
      assert.ok(
        refused.files[0]!.message!.startsWith(`2019-01-kent-street.csv was not loaded: it has ${rows} that can be loaded`),
        refused.files[0]!.message,
      );
      assert.match(refused.files[0]!.message!, /Kent Police street-level crime data for January 2019 it would replace has 17,792\./);
      assert.match(refused.files[0]!.message!, /"Replace a month even when the new file has far fewer rows" ticked, or add --allow-shrink/);
      assert.deepEqual(await current(db, '2019-01'), [real], 'the month is as it was');
      assert.deepEqual(await leftOvers(db), { hidden: 0, orphans: 0 }, 'nothing of the refused file is left');
      const stored = await db.bulk((s) =>
        s.query<{ line: number }>('select line from police_rejections where import_id = $1', [refused.importId]),
      );
      assert.deepEqual(
        stored.map((r) => r.line),
        [0],
      );
    }
    assert.deepEqual(await policeDataProblems(db), []);

    // Half the rows or more needs no confirmation.
    const half = await importFrom(db, [source('2019-01-kent-street.csv', synthetic('kent', '2019-01', 8896))]);
    assert.equal(half.files[0]!.status, 'replaced');
    // A month of 100 rows or fewer may shrink without it.
    const small = await importFrom(db, [source('2019-02-kent-street.csv', synthetic('kent', '2019-02', 100))]);
    assert.equal(small.files[0]!.status, 'loaded');
    assert.equal(
      (await importFrom(db, [source('2019-02-kent-street.csv', synthetic('kent', '2019-02', 1, 2))])).files[0]!.status,
      'replaced',
    );

    // Confirmed, a header-only file replaces the month.
    const confirmed = await importFrom(db, [source('2019-01-kent-street.csv', header)], 'test', { allowShrink: true });
    assert.deepEqual([confirmed.files[0]!.status, confirmed.files[0]!.rows], ['replaced', 0]);
    assert.equal((await current(db, '2019-01'))[0]!.rows_accepted, 0);
    assert.equal(
      await count(db, "select count(*)::int as n from street_crimes where force = 'kent' and month = '2019-01-01'"),
      0,
      'the old rows are deleted',
    );
    assert.deepEqual(await leftOvers(db), { hidden: 0, orphans: 0 });
    assert.deepEqual(await policeDataProblems(db), []);
  });

  test("a file's rows, committed in many transactions, are seen by no reader until it is switched in", async () => {
    const data = Buffer.from(synthetic('kent', '2018-06', 60000, 6));
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    let paused!: () => void;
    const pausedHalfWay = new Promise<void>((resolve) => (paused = resolve));
    const slow: PoliceSource = {
      name: '2018-06-kent-street.csv',
      baseName: '2018-06-kent-street.csv',
      open: async () =>
        Readable.from(
          (async function* () {
            const half = Math.floor(data.length * 0.75);
            for (let at = 0; at < half; at += 1 << 20) yield data.subarray(at, Math.min(at + (1 << 20), half));
            paused();
            await resumed;
            yield data.subarray(half);
          })(),
        ),
    };
    const importing = importFrom(db, [slow]);
    await pausedHalfWay;
    // Let the chunk read last reach the database.
    for (let i = 0; i < 100 && (await count(db, "select count(*)::int as n from street_crimes where month = '2018-06-01'")) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const loading = await db.bulk((s) =>
      s.query<{ state: string; rows: number }>(
        'select f.state, (select count(*)::int from street_crimes c where c.file_id = f.id) as rows from police_files f where f.month = ' +
          "'2018-06-01'",
      ),
    );
    assert.equal(loading.length, 1);
    assert.equal(loading[0]!.state, 'loading');
    assert.ok(loading[0]!.rows > 0, 'several chunks are committed');
    assert.equal(await count(db, "select count(*)::int as n from crime_counts where month = '2018-06-01'"), 0, 'no counts yet');
    assert.equal(await count(db, "select count(*)::int as n from police_files where month = '2018-06-01' and state = 'current'"), 0);
    resume();
    const summary = await importing;
    assert.deepEqual([summary.files[0]!.status, summary.files[0]!.accepted], ['loaded', 60000]);
    assert.equal(await count(db, "select coalesce(sum(crimes), 0)::int as n from crime_counts where month = '2018-06-01'"), 60000);
    assert.deepEqual(await leftOvers(db), { hidden: 0, orphans: 0 });
    assert.deepEqual(await policeDataProblems(db), []);
  });
});
