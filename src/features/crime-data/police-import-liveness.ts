import type { Database, LocalKey } from '../../platform/db/database.ts';
import { holdAdvisoryLock, markNotRunning, markUnlocked, reserveImportId } from './police-import-repository.ts';

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

export interface ImportProgress {
  file: string;
  fileIndex: number;
  files: number;
  rows: number;
  rowsPerSecond: number;
}

/** The imports this process runs on one database: their progress and (server) locks, and its clean-up of left-over files. */
export interface RunningImports {
  readonly progress: Map<number, ImportProgress>;
  readonly locks: Map<number, ImportLock>;
  /** The removal of files left by ended imports, while it runs (see police-file-switch.ts). */
  cleaning: Promise<void> | undefined;
}

export const runningImports: LocalKey<RunningImports> = {
  name: 'police.uk imports',
  create: () => ({ progress: new Map(), locks: new Map(), cleaning: undefined }),
};

/** (server) Reserves an id for a new import and holds its advisory lock until released. */
export function holdImportLock(db: Database): Promise<ImportLock> {
  return new Promise<ImportLock>((resolve, reject) => {
    let release!: () => void;
    const released = new Promise<void>((done) => (release = done));
    const holding = db.bulk(async (s) => {
      const id = await reserveImportId(s);
      await holdAdvisoryLock(s, IMPORT_LOCK_KEY, id);
      resolve({
        id,
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
 * Marks as failed every import still marked as running whose process has ended (see above).
 * Returns how many were marked.
 */
export function markInterruptedImports(db: Database): Promise<number> {
  const inThisProcess = [...db.local(runningImports).progress.keys()];
  return db.bulk((s) =>
    db.kind === 'embedded' ? markNotRunning(s, INTERRUPTED_MESSAGE, inThisProcess) : markUnlocked(s, INTERRUPTED_MESSAGE, IMPORT_LOCK_KEY),
  );
}
