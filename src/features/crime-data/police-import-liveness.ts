import type { Database } from '../../platform/db/database.ts';

/**
 * Whether an import marked as running is still running: an import whose process was killed (or
 * lost its machine) never marks itself finished, so whoever starts the next import or looks at the
 * list of imports marks it as failed, with INTERRUPTED_MESSAGE.
 *
 * - Embedded: the database belongs to one process at a time (a lock file keeps others out), so a
 *   run not running in this process has ended.
 * - Server: each import holds a PostgreSQL advisory lock on its id for as long as it runs, in a
 *   transaction of its own. When the process ends, its connections close and the lock is released
 *   with them, whatever machine it ran on; a running row without its lock has ended. The lock is
 *   taken before the row is written and released only after the row says how the import ended, so
 *   a live import is never mistaken for a dead one.
 */

/** The first key of the two-key advisory locks held by running imports; the second is the import's id. */
export const IMPORT_LOCK_KEY = 0x5afe1;

export const INTERRUPTED_MESSAGE =
  'Interrupted: the process running it ended before it finished. Files it had finished stay loaded; import the rest again.';

export interface ImportLock {
  /** The id reserved for the import's row. */
  id: number;
  /** Releases the lock: call once the row says how the import ended. */
  release(): Promise<void>;
}

/** (server) Reserves an id for a new import and holds its advisory lock until released. */
export function holdImportLock(db: Database): Promise<ImportLock> {
  return new Promise<ImportLock>((resolve, reject) => {
    let release!: () => void;
    const released = new Promise<void>((done) => (release = done));
    const holding = db.bulk(async (s) => {
      const [row] = await s.query<{ id: number }>("select nextval(pg_get_serial_sequence('police_imports', 'id'))::int as id");
      await s.query('select pg_advisory_xact_lock($1, $2)', [IMPORT_LOCK_KEY, row!.id]);
      resolve({
        id: row!.id,
        async release() {
          release();
          // A connection lost while the import ran has released the lock already.
          await holding.catch(() => undefined);
        },
      });
      await released;
    });
    // Before the lock is held this rejects the promise; after, it changes nothing.
    holding.catch(reject);
  });
}

/**
 * Marks as failed every import still marked as running whose process has ended (see above);
 * `inThisProcess` are the imports this process is running. Returns how many were marked.
 */
export async function markInterruptedImports(db: Database, inThisProcess: readonly number[]): Promise<number> {
  const rows = await db.bulk((s) =>
    db.kind === 'embedded'
      ? s.query(
          `update police_imports set status = 'failed', message = $1, finished_at = now()
           where status = 'running' and not (id = any($2::int[])) returning id`,
          [INTERRUPTED_MESSAGE, [...inThisProcess]],
        )
      : s.query(
          `update police_imports i set status = 'failed', message = $1, finished_at = now()
           where i.status = 'running' and not exists (
             select 1 from pg_locks l
             where l.locktype = 'advisory' and l.granted
               and l.database = (select oid from pg_database where datname = current_database())
               and l.classid = $2::int::oid and l.objid = i.id::oid and l.objsubid = 2)
           returning id`,
          [INTERRUPTED_MESSAGE, IMPORT_LOCK_KEY],
        ),
  );
  return rows.length;
}
