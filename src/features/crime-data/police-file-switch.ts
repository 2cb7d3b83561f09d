import type { BulkSession, Database } from '../../platform/db/database.ts';
import { recordAuditInBulk } from '../audit/audit-repository.ts';
import type { AuditActor } from '../audit/events.ts';
import { monthName } from '../explore/explore-view-models.ts';
import { forceName } from './police-forces.ts';
import type { FileLoad, FileResult, Rejection } from './police-import.ts';
import { runningImports } from './police-import-liveness.ts';
import { countLoadedFile, linkPartnership } from './police-import-repository.ts';
import {
  deleteFileRow,
  deleteRejections,
  deleteRows,
  insertLoadingFile,
  lastRowLine,
  leftOverFiles,
  lockCurrentFile,
  makeCurrent,
  partnershipsSeeing,
  retireFile,
  type ForceMonthFile,
  type LeftFile,
  type PoliceFileKindName,
} from './police-file-repository.ts';

/**
 * A police.uk file goes into the database without holding it (docs/decisions/0006): its rows in
 * short transactions, one per COPY, under a police_files row in the 'loading' state that no reader
 * sees; then one short transaction switches the force-month to it (its counts written, the earlier
 * file's counts deleted and that file retired, the partnerships whose area changed told in their
 * audit logs); then the earlier file's rows are deleted, a chunk of lines per transaction. On the
 * embedded database, whose one connection serves every request in turn, other queries take their
 * turn between those transactions. Files left part-way by a process that ended are removed by the
 * next import (cleanLeftOverFiles).
 */

/**
 * Lets the event loop turn before the next transaction: requests that have arrived are read and
 * queue their queries first. The embedded database works in this thread without waiting on I/O, so
 * transactions sent one after another would otherwise leave no turn between them.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Lines of a file's rows deleted in one transaction. */
const DELETE_LINES = 50_000;

/** A replacement that keeps fewer than half of the month's rows is refused unless confirmed, once the month has more than this. */
const SHRINK_FLOOR = 100;

/** Whether replacing a file of `before` accepted rows with one of `after` needs confirming. */
export const shrinksTooMuch = (before: number, after: number) => before > SHRINK_FLOOR && after < before / 2;

/** Who started an import, as its runs' audit rows say it. `actor` is null for the command line and the demo loader. */
export interface ImportStarter {
  name: string;
  actor: AuditActor | null;
  /** The partnership of `actor`, by name: in the audit logs of other partnerships whose area the import changes. */
  partnershipName: string | null;
}

/** What loading a file added up to. */
export interface FileTally {
  rows: number;
  accepted: number;
  rejected: number;
  firstRejections: Rejection[];
}

export type Loaded = Omit<FileResult, 'name' | 'force' | 'month'>;

/** The same file as the one loaded already: counted as unchanged. */
export class Unchanged extends Error {}

/** A replacement with far fewer rows than the month has, not confirmed (see shrinksTooMuch). */
export class ShrinkRefused extends Error {}

const count = (n: number) => n.toLocaleString('en-GB');
const kindText: Record<PoliceFileKindName, string> = {
  street: 'street-level crime',
  outcomes: 'outcomes',
  'stop-and-search': 'stop and search',
};

function shrinkMessage(name: string, file: ForceMonthFile, before: number, after: number): string {
  return (
    `${name} was not loaded: it has ${count(after)} ${after === 1 ? 'row' : 'rows'} that can be loaded, but the ${forceName(file.force)} ` +
    `${kindText[file.kind]} data for ${monthName(file.month)} it would replace has ${count(before)}. Check that the file is complete. ` +
    'To replace the month with it anyway, upload it again with "Replace a month even when the new file has far fewer rows" ticked, ' +
    'or add --allow-shrink to safer import police-uk.'
  );
}

/** The audit actor for a partnership whose area an import changed: the starter, named with their partnership when it is another. */
export function actorFor(starter: ImportStarter, partnershipId: number): AuditActor {
  const own = starter.actor?.partnershipId === partnershipId;
  return {
    partnershipId,
    userId: own ? starter.actor!.userId : null,
    name: own || !starter.partnershipName ? starter.name : `${starter.name} (${starter.partnershipName})`,
    agencyName: own ? starter.actor!.agencyName : null,
    requestId: starter.actor?.requestId ?? null,
    ip: starter.actor?.ip ?? null,
  };
}

/** What a LoadingFile needs of its import: see FileLoad in police-import.ts. */
type FileLoadOf = Pick<FileLoad, 'db' | 'importId' | 'fileId' | 'starter' | 'allowShrink'>;

/**
 * One file being loaded: `copy` and `copyBinary` (as a BulkSession's) write its rows, each in a
 * transaction of its own; `finish` switches the force-month to it; `abandon` removes what it wrote.
 */
export class LoadingFile {
  /** Whether its police_files row has been committed (with the first rows). */
  private written = false;
  private readonly db: Database;
  private readonly importId: number;
  /** Reserved for the file before it is read (reserveFileId()): its rows carry it. */
  readonly fileId: number;

  constructor(
    private readonly load: FileLoadOf,
    private readonly file: ForceMonthFile & { name: string },
  ) {
    this.db = load.db;
    this.importId = load.importId;
    this.fileId = load.fileId;
  }

  private async write(fn: (s: BulkSession) => Promise<void>): Promise<void> {
    await nextTurn();
    await this.db.bulk(async (s) => {
      if (!this.written) await insertLoadingFile(s, this.fileId, this.importId, this.file);
      await fn(s);
    });
    this.written = true;
  }

  copy(table: string, columns: readonly string[], rows: string): Promise<void> {
    return this.write((s) => s.copy(table, columns, rows));
  }

  copyBinary(table: string, columns: readonly string[], data: Uint8Array): Promise<void> {
    return this.write((s) => s.copyBinary(table, columns, data));
  }

  /**
   * In one transaction: checks the file against the force-month's current one (the same checksum is
   * Unchanged; far fewer rows is ShrinkRefused unless allowed), writes its counts with `writeCounts`,
   * makes it current and the earlier file retired, adds it to its import, and records the change in
   * the audit log of every partnership whose area it changes. Then deletes the earlier file's rows.
   * On any failure what the file wrote is removed and the error thrown.
   */
  async finish(checksum: string, tally: FileTally, writeCounts: (s: BulkSession) => Promise<void>): Promise<Loaded> {
    const { file, importId, fileId } = this;
    let previous: { id: number; rows: number } | undefined;
    try {
      await nextTurn();
      await this.db.bulk(async (s) => {
        if (!this.written) await insertLoadingFile(s, fileId, importId, file);
        const current = await lockCurrentFile(s, file);
        if (current?.checksum === checksum) throw new Unchanged();
        if (current && !this.load.allowShrink && shrinksTooMuch(current.rows_accepted, tally.accepted)) {
          throw new ShrinkRefused(shrinkMessage(file.name, file, current.rows_accepted, tally.accepted));
        }
        await writeCounts(s);
        const seeing = await partnershipsSeeing(s, file, current ? [current.id, fileId] : [fileId]);
        if (current) await retireFile(s, current.id, file, importId);
        await makeCurrent(s, fileId, { checksum, rows: tally.rows, accepted: tally.accepted, rejected: tally.rejected });
        await countLoadedFile(s, importId, tally);
        const details = {
          importId,
          file: file.name,
          kind: file.kind,
          force: file.force,
          month: file.month,
          result: current ? 'replaced' : 'loaded',
          rowsBefore: current?.rows_accepted ?? 0,
          rowsAfter: tally.accepted,
        };
        for (const partnership of seeing) {
          await linkPartnership(s, importId, partnership.id);
          await recordAuditInBulk(s, actorFor(this.load.starter, partnership.id), {
            action: 'police_data.changed',
            subjectType: 'police_import',
            subjectId: importId,
            details,
          });
        }
        previous = current ? { id: current.id, rows: current.rows_accepted } : undefined;
      });
    } catch (error) {
      await this.abandon();
      throw error;
    }
    this.written = true;
    if (previous) await removeFileRows(this.db, { id: previous.id, kind: file.kind });
    return {
      status: previous ? 'replaced' : 'loaded',
      rows: tally.rows,
      accepted: tally.accepted,
      rejected: tally.rejected,
      rejections: tally.firstRejections,
    };
  }

  /** Removes what the file wrote, if anything was committed: its rows, its police_files row and its rejected lines. */
  async abandon(): Promise<void> {
    if (!this.written) return;
    await removeFileRows(this.db, { id: this.fileId, kind: this.file.kind });
    await this.db.bulk((s) => deleteRejections(s, this.importId, this.file.name));
  }
}

/** Deletes the rows of a file that is not current, a chunk of lines per transaction, then its police_files row. */
async function removeFileRows(db: Database, file: LeftFile): Promise<void> {
  const last = await db.bulk((s) => lastRowLine(s, file.kind, file.id));
  for (let from = 0; from <= last; from += DELETE_LINES) {
    await nextTurn();
    await db.bulk((s) => deleteRows(s, file.kind, file.id, from, from + DELETE_LINES));
  }
  await nextTurn();
  await db.bulk((s) => deleteFileRow(s, file.id));
}

/**
 * Removes the files left by imports that ended part-way (loading files, and retired files whose rows
 * were still being deleted), one at a time; a call while one runs waits for it.
 */
export function cleanLeftOverFiles(db: Database): Promise<void> {
  const state = db.local(runningImports);
  state.cleaning ??= (async () => {
    try {
      for (const file of await db.bulk(leftOverFiles)) await removeFileRows(db, file);
    } finally {
      state.cleaning = undefined;
    }
  })();
  return state.cleaning;
}
