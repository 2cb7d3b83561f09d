import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { Database } from '../../platform/db/database.ts';
import type { ImportStarter } from './police-file-switch.ts';
import { runPoliceImport } from './police-import-run.ts';
import type { ImportOptions, ImportSummary } from './police-import.ts';
import { policeSources, type PoliceSource } from './police-sources.ts';

/** For tests: police.uk imports run as the CLI runs them, and sources that fail. */

/** Tests' imports are started as the command line's are, by no user. */
export const TEST_STARTER: ImportStarter = { name: 'test', actor: null, partnershipName: null };

/** How a test imports: as the command line does unless a starter is given. */
export type TestImportOptions = ImportOptions & { starter?: ImportStarter };

/** An import started by a signed-in user of a partnership (a data manager on the upload page). */
export function userStarter(partnershipId: number, user: { id: number; name: string }, partnershipName: string): ImportStarter {
  const actor = { partnershipId, userId: user.id, name: user.name, agencyName: null, requestId: null, ip: null };
  return { name: user.name, actor, partnershipName };
}

/** Imports the sources as one run, marked completed, or failed with the error's message (and rethrown). */
export function importFrom(
  db: Database,
  sources: PoliceSource[],
  source = 'test',
  options: TestImportOptions = {},
): Promise<ImportSummary> {
  return runPoliceImport(db, { starter: TEST_STARTER, ...options, source, open: async () => ({ sources, close: () => undefined }) });
}

/** Imports a file, folder or zip archive. */
export function importPath(db: Database, input: string, options: TestImportOptions = {}): Promise<ImportSummary> {
  return runPoliceImport(db, { starter: TEST_STARTER, ...options, source: input, open: () => policeSources(input) });
}

/** An import that runs, with no files, until `finish()`: for what is shown of a running import. */
export async function runningImport(
  db: Database,
  source: string,
  starter: ImportStarter = TEST_STARTER,
): Promise<{ id: number; finish: () => Promise<void> }> {
  let go!: () => void;
  const released = new Promise<void>((resolve) => (go = resolve));
  let started!: (id: number) => void;
  const id = new Promise<number>((resolve) => (started = resolve));
  const done = runPoliceImport(db, {
    starter,
    source,
    onStarted: started,
    open: async () => {
      await released;
      return { sources: [], close: () => undefined };
    },
  });
  return {
    id: await Promise.race([id, done.then(() => assert.fail('the import ended before it started'))]),
    finish: async () => void (go(), await done),
  };
}

/** The number a query gives as `n`. */
export const count = async (db: Database, sql: string, params: unknown[] = []) =>
  (await db.bulk((s) => s.query<{ n: number }>(sql, params)))[0]!.n;

/**
 * A source whose bytes read well the first time it is opened (when its checksum is taken) and fail
 * half-way through every time after, as a broken disk or connection would. `opened()` says how often
 * it was opened.
 */
export function failingHalfWay(name: string, data: Buffer): { source: PoliceSource; opened: () => number } {
  let opened = 0;
  const source: PoliceSource = {
    name,
    baseName: name.split('/').pop()!,
    open: async () => {
      opened++;
      if (opened === 1) return Readable.from([data]);
      return Readable.from(
        (async function* () {
          yield data.subarray(0, data.length / 2);
          throw new Error('read failed half-way');
        })(),
      );
    },
  };
  return { source, opened: () => opened };
}
