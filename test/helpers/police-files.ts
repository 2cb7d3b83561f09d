import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { count, failingHalfWay, importFrom } from '../../src/features/crime-data/police-import-fixtures.ts';
import { policeDataProblems } from '../../src/features/crime-data/police-import.ts';
import type { Database } from '../../src/platform/db/database.ts';

/**
 * Writes a corrected police file, `lines` joined, as `<work>/corrected/<month>/<month>-kent-<kind>.csv`,
 * and returns the folder to import it from.
 */
export function writeCorrection(work: string, month: string, kind: string, lines: readonly string[]): string {
  const dir = path.join(work, 'corrected', month);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${month}-kent-${kind}.csv`), `${lines.join('\n')}\n`);
  return path.dirname(dir);
}

/** Asserts that a replaced file left nothing behind: no rows in `rowsTable`, no counts in `countsTable`. */
export async function assertFileGone(
  db: Database,
  fileId: number,
  tables: { rows: 'street_crimes' | 'police_stop_searches'; counts: 'crime_counts' | 'stop_search_counts' },
): Promise<void> {
  assert.equal(await count(db, `select count(*)::int as n from ${tables.rows} where file_id = $1`, [fileId]), 0, 'old rows are gone');
  assert.equal(await count(db, `select count(*)::int as n from ${tables.counts} where file_id = $1`, [fileId]), 0, 'old counts are gone');
}

/**
 * Imports a new version of a file that reads well once (when its checksum is taken) and then fails
 * half-way through loading, as a broken disk or connection would, and asserts that nothing changed:
 * the stored files (as `storedFiles` lists them), the rows of `rowsTable`, and no data problems.
 */
export async function assertHalfWayFailureChangesNothing(
  db: Database,
  storedFiles: (db: Database) => Promise<unknown>,
  rowsTable: 'street_crimes' | 'police_outcomes',
  broken: { name: string; data: Buffer },
): Promise<void> {
  const before = await storedFiles(db);
  const rows = await count(db, `select count(*)::int as n from ${rowsTable}`);
  const { source, opened } = failingHalfWay(broken.name, broken.data);
  await assert.rejects(importFrom(db, [source]), /read failed half-way/);
  assert.equal(opened(), 2, 'checked by checksum, then loaded');
  assert.deepEqual(await storedFiles(db), before);
  assert.equal(await count(db, `select count(*)::int as n from ${rowsTable}`), rows);
  assert.deepEqual(await policeDataProblems(db), []);
}
