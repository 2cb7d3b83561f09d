import { Readable } from 'node:stream';
import type { Database } from '../../platform/db/database.ts';
import { finishImport, importPoliceSources, startImport, type ImportSummary } from './police-import.ts';
import { policeSources, type PoliceSource } from './police-sources.ts';

/** For tests: police.uk imports run as the CLI runs them, and sources that fail. */

/** Imports the sources as one run, marked completed, or failed with the error's message (and rethrown). */
export async function importFrom(db: Database, sources: PoliceSource[], source = 'test'): Promise<ImportSummary> {
  const id = await startImport(db, { startedBy: 'test', partnershipId: null, source });
  try {
    const summary = await importPoliceSources(db, id, sources);
    await finishImport(db, id, 'completed');
    return summary;
  } catch (error) {
    await finishImport(db, id, 'failed', (error as Error).message);
    throw error;
  }
}

/** Imports a file, folder or zip archive. */
export async function importPath(db: Database, input: string): Promise<ImportSummary> {
  const set = await policeSources(input);
  try {
    return await importFrom(db, set.sources, input);
  } finally {
    set.close();
  }
}

/** The number a query gives as `n`. */
export const count = async (db: Database, sql: string, params: unknown[] = []) => (await db.bulk((s) => s.query<{ n: number }>(sql, params)))[0]!.n;

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
