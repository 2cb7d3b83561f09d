import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { databaseSuite } from '../../../test/helpers/database-suite.ts';
import { testingOnServer } from '../../../test/helpers/database.ts';
import type { Database } from '../../platform/db/database.ts';
import { parseOutcomeLine } from './police-outcomes-format.ts';
import { policeDataProblems } from './police-import.ts';
import { count, importFrom, importPath } from './police-import-fixtures.ts';
import { policeSources, SourceError, ZIP_LIMITS } from './police-sources.ts';
import { parseStopSearchLine } from './police-stop-search-format.ts';
import { parseStreetLine } from './police-uk-format.ts';
import { writeZip } from './synthetic-street-data.ts';

/**
 * Files made to harm: a bad byte costs its line and no more, an over-long line costs its line and
 * little time, and archives that hide zips, expand too far or point outside themselves are refused
 * or reported, leaving the data already loaded as it was.
 */

const root = path.resolve(import.meta.dirname, '../../..');
const KENT_2018_10 = path.join(root, 'open-data/police-uk/street/2018-10/2018-10-kent-street.csv');
const FIXTURES = path.join(import.meta.dirname, 'fixtures/police-uk/2018-11');

type Kind = 'street' | 'outcomes' | 'stop-and-search';
const parsers: Record<Kind, (line: string) => { ok: boolean }> = {
  street: parseStreetLine,
  outcomes: parseOutcomeLine,
  'stop-and-search': parseStopSearchLine,
};

/** The header and first three accepted lines of a real file (street) or a fixture (the others), as bytes. */
function firstLines(kind: Kind): { month: string; header: Buffer; rows: Buffer[] } {
  const file = kind === 'street' ? KENT_2018_10 : path.join(FIXTURES, `2018-11-kent-${kind}.csv`);
  const [header, ...lines] = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const rows = lines.filter((l) => parsers[kind](l).ok).slice(0, 3);
  return { month: kind === 'street' ? '2018-10' : '2018-11', header: Buffer.from(header!), rows: rows.map((r) => Buffer.from(r)) };
}

/** A line made bad: a NUL byte, a byte that is not UTF-8 (at byte 11), or more than 1 MiB. */
const spoil = {
  nul: (line: Buffer) => Buffer.concat([line.subarray(0, 10), Buffer.from([0]), line.subarray(10)]),
  utf8: (line: Buffer) => Buffer.concat([line.subarray(0, 10), Buffer.from([0xff]), line.subarray(10)]),
  long: (line: Buffer) => Buffer.concat([line, Buffer.alloc(1024 * 1024, 'x')]),
};
const reasons = {
  nul: 'the line contains a NUL byte',
  utf8: 'the line is not valid UTF-8 at byte 11',
  long: 'the line is longer than 1,048,576 bytes',
};
/** The force each spoiled file is named for (only the forces police.uk publishes are read), by its problem. */
const forceFor = { nul: 'essex', utf8: 'surrey', long: 'sussex' } as const;
const problemOf = (fileName: string) =>
  (Object.keys(forceFor) as (keyof typeof forceFor)[]).find((p) => fileName.includes(`-${forceFor[p]}-`))!;
/** The force of the files with a bad header. */
const BAD_HEADER_FORCE = 'suffolk';

const query = <T>(db: Database, text: string, params: unknown[] = []) => db.bulk((s) => s.query<T>(text, params));

describe(`hostile police.uk files (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  const suite = databaseSuite('safer-hostile-');

  test(
    'a NUL byte, bytes that are not UTF-8 or an over-long line on line 3 reject line 3 with its reason; lines 2 ' + 'and 4 load',
    async () => {
      const folder = path.join(suite.work, 'lines');
      mkdirSync(folder);
      for (const kind of ['street', 'outcomes', 'stop-and-search'] as const) {
        const { month, header, rows } = firstLines(kind);
        for (const problem of ['nul', 'utf8', 'long'] as const) {
          const lines = [header, rows[0]!, spoil[problem](rows[1]!), rows[2]!];
          const file = path.join(folder, `${month}-${forceFor[problem]}-${kind}.csv`);
          writeFileSync(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\r\n')])));
        }
      }
      const summary = await importPath(suite.db, folder);
      assert.equal(summary.files.length, 9);
      for (const file of summary.files) {
        const problem = problemOf(file.name);
        assert.deepEqual(
          [file.status, file.rows, file.accepted, file.rejected, file.rejections.map((r) => [r.line, r.reason])],
          ['loaded', 3, 2, 1, [[3, reasons[problem]]]],
          file.name,
        );
      }
      const stored = await query<{ file_name: string; line: number; reason: string; raw: string | null }>(
        suite.db,
        'select file_name, line, reason, raw from police_rejections where import_id = $1 order by file_name',
        [summary.importId],
      );
      assert.equal(stored.length, 9);
      for (const r of stored) {
        assert.equal(r.line, 3);
        if (r.file_name.endsWith('stop-and-search.csv')) assert.equal(r.raw, null, 'a stop-and-search line is not kept');
        else assert.ok(r.raw && r.raw.length > 0 && r.raw.length <= 500 && !r.raw.includes('\u0000'), `${r.file_name}: ${r.raw}`);
      }
      assert.equal(await count(suite.db, "select count(*)::int as n from street_crimes where force in ('essex', 'surrey', 'sussex')"), 6);
      assert.deepEqual(await policeDataProblems(suite.db), []);
    },
  );

  test('a bad header refuses the file with the reason and its line number', async () => {
    const folder = path.join(suite.work, 'headers');
    mkdirSync(folder);
    for (const kind of ['street', 'outcomes', 'stop-and-search'] as const) {
      const { month, header, rows } = firstLines(kind);
      const file = path.join(folder, `${month}-${BAD_HEADER_FORCE}-${kind}.csv`);
      writeFileSync(file, Buffer.concat([spoil.nul(header), Buffer.from('\n'), rows[0]!, Buffer.from('\n')]));
    }
    const summary = await importPath(suite.db, folder);
    assert.deepEqual(
      summary.files.map((f) => [f.status, f.message?.slice(folder.length + 1)]),
      [
        ['refused', '2018-10-suffolk-street.csv is not a police.uk street-level file: line 1 contains a NUL byte'],
        ['refused', '2018-11-suffolk-outcomes.csv is not a police.uk outcomes file: line 1 contains a NUL byte'],
        ['refused', '2018-11-suffolk-stop-and-search.csv is not a police.uk stop-and-search file: line 1 contains a NUL byte'],
      ],
    );
    assert.equal(await count(suite.db, `select count(*)::int as n from police_files where force = '${BAD_HEADER_FORCE}'`), 0);
  });

  describe('archives that hide zips, expand too far, point outside themselves or lie leave loaded data as it was', () => {
    let before: unknown;
    const snapshot = async () => ({
      files: await query(
        suite.db,
        "select kind, force, to_char(month, 'YYYY-MM') as month, checksum, rows_accepted from police_files where force = 'kent' order " +
          'by kind, month',
      ),
      crimes: await count(
        suite.db,
        "select count(*)::int as n from street_crimes c join police_files f on f.id = c.file_id where f.force = 'kent'",
      ),
      counted: await count(suite.db, "select coalesce(sum(crimes), 0)::int as n from crime_counts where force = 'kent'"),
    });
    const kentName = '2018-10/2018-10-kent-street.csv';
    const corrected = () => {
      const text = readFileSync(KENT_2018_10, 'utf8');
      return Buffer.from(text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1));
    };

    test('loading the real file first', async () => {
      const summary = await importPath(suite.db, KENT_2018_10);
      assert.equal(summary.files[0]!.status, 'loaded');
      before = await snapshot();
    });

    test('a zip inside the archive and an entry that expands too many times are reported as refused', async () => {
      const file = path.join(suite.work, 'bomb.zip');
      writeZip(file, [
        { name: kentName, data: Buffer.alloc(64 * 1024 * 1024, 'a') },
        { name: '2018-10/inner.zip', data: readFileSync(KENT_2018_10) },
      ]);
      const summary = await importPath(suite.db, file);
      assert.deepEqual(
        summary.files.map((f) => [f.status, f.message?.slice(file.length + 1)]),
        [
          ['refused', `${kentName}: it expands to 1,028 times its compressed size, more than the 100 times a police.uk file could`],
          ['refused', '2018-10/inner.zip: a zip inside the archive is not read; unzip it and upload the files inside'],
        ],
      );
      const stored = await query<{ line: number; reason: string }>(
        suite.db,
        'select line, reason from police_rejections where import_id = $1 order by reason',
        [summary.importId],
      );
      assert.deepEqual(
        stored.map((r) => r.line),
        [0, 0],
      );
      assert.deepEqual(await snapshot(), before);
    });

    test(
      'an entry larger than the limit is refused; an archive expanding past its limit or naming a file outside it is ' + 'refused whole',
      async () => {
        const file = path.join(suite.work, 'large.zip');
        writeZip(file, [{ name: kentName, data: corrected() }]);
        const set = await policeSources(file, { ...ZIP_LIMITS, entryBytes: 1024 * 1024 });
        try {
          const summary = await importFrom(suite.db, set.sources);
          assert.match(
            summary.files[0]!.message!,
            /2018-10-kent-street\.csv: it expands to 3\.9 MB, more than the 1 MB Safer reads from one file$/,
          );
        } finally {
          set.close();
        }
        await assert.rejects(policeSources(file, { ...ZIP_LIMITS, archiveBytes: 1024 * 1024 }), SourceError);
        const outside = path.join(suite.work, 'outside.zip');
        writeZip(outside, [{ name: `../../${kentName}`, data: corrected() }]);
        await assert.rejects(policeSources(outside), /points outside the archive/);
        assert.deepEqual(await snapshot(), before);
      },
    );

    test(
      'an entry that inflates past the size its archive gives fails the import with the entry named, and the file it would ' +
        'replace stays',
      async () => {
        const file = path.join(suite.work, 'lying.zip');
        writeZip(file, [{ name: kentName, data: corrected(), size: 100_000 }]);
        await assert.rejects(importPath(suite.db, file), (error: unknown) => {
          assert.ok(error instanceof SourceError);
          assert.match(
            error.message,
            /lying\.zip:2018-10\/2018-10-kent-street\.csv cannot be read from the archive, which is damaged or not what it says/,
          );
          return true;
        });
        assert.deepEqual(await snapshot(), before);
        assert.deepEqual(await policeDataProblems(suite.db), []);
      },
    );
  });
});
