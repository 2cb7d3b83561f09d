import type { BulkSession, Database } from '../../platform/db/database.ts';
import { countOf } from '../../platform/format.ts';
import { recordAuditInBulk, recordOperatorAuditInBulk } from '../audit/audit-repository.ts';
import type { AuditActor } from '../audit/events.ts';
import { actorFor, cleanLeftOverFiles, type ImportStarter } from './police-file-switch.ts';
import { holdImportLock, markInterruptedImports, runningImports, type ImportProgress } from './police-import-liveness.ts';
import { finishImportRow, insertImport, linkedPartnerships, type FinishedImport } from './police-import-repository.ts';
import { importPoliceSources, type ImportOptions, type ImportSummary } from './police-import.ts';
import type { SourceSet } from './police-sources.ts';

/**
 * An import run from start to end, the one way police.uk data is imported (the command line, the
 * upload page, the demo loader, the benchmark and the tests): recorded in police_imports and in the
 * audit logs of the partnership that started it and of every partnership whose area it changed, with
 * files left by runs that stopped part-way removed first.
 */

/** One import run: who started it, what it reads, and how it reports. */
export interface PoliceImportRequest extends ImportOptions {
  starter: ImportStarter;
  /** What is imported, as people see it: a path, an archive, an uploaded file's name. */
  source: string;
  /** Opens the files to import, once the run is recorded; they are closed when it ends. */
  open: () => Promise<SourceSet>;
  /** Called with the run's id as soon as it is recorded. */
  onStarted?: (importId: number) => void;
  onProgress?: (progress: ImportProgress) => void;
  /** Called once the files are closed, before the run is marked finished (an upload's folder is deleted here). */
  release?: () => Promise<void>;
  /** The run's message for an error that stopped it (default: the error's message). */
  describe?: (error: Error) => string;
}

/** Who starts an import from the command line (`safer import police-uk`): the operator, as no user. */
export const COMMAND_LINE: ImportStarter = { name: 'Safer command line', actor: null, partnershipName: null };

/** The progress of an import this process is running on the database, if it is. */
export function importProgress(db: Database, importId: number): ImportProgress | undefined {
  return db.local(runningImports).progress.get(importId);
}

/** Marks as failed the imports still marked as running whose process has ended; removes what they left in the background. */
export async function markInterrupted(db: Database): Promise<number> {
  const marked = await markInterruptedImports(db);
  if (marked > 0) {
    // Their left-over rows are invisible to readers: removing them need not hold up the caller.
    cleanLeftOverFiles(db).catch(() => undefined);
  }
  return marked;
}

const count = (n: number): string => n.toLocaleString('en-GB');

/**
 * How an import ended, in words, as the audit log shows it: "Completed: 2 of 3 files loaded, 1
 * unchanged; 1,200 rows loaded, 3 rejected", or "Failed: " and why.
 */
export function policeImportResult(run: Omit<FinishedImport, 'source'>): string {
  if (run.status === 'failed') return `Failed: ${run.message ?? 'no reason given'}`;
  const files = `${count(run.files_loaded)} of ${countOf(run.files_total, 'file')} loaded`;
  const unchanged = run.files_unchanged > 0 ? `, ${count(run.files_unchanged)} unchanged` : '';
  return `Completed: ${files}${unchanged}; ${countOf(run.rows_accepted, 'row')} loaded, ${count(run.rows_rejected)} rejected`;
}

/**
 * Records a new import run, first marking as failed any run whose process has ended. On a server
 * the run holds an advisory lock on its id from before its row exists until finishImport. A run
 * started by a user is recorded in their partnership's audit log; one from the command line, which
 * every partnership sees, in every partnership's.
 */
async function startImport(db: Database, starter: ImportStarter, source: string): Promise<number> {
  await markInterruptedImports(db);
  const lock = db.kind === 'server' ? await holdImportLock(db) : undefined;
  const state = db.local(runningImports);
  try {
    const id = await db.bulk(async (s) => {
      const importId = await insertImport(s, {
        id: lock?.id,
        startedBy: starter.name,
        partnershipId: starter.actor?.partnershipId ?? null,
        source,
      });
      const entry = {
        action: 'police_import.started',
        subjectType: 'police_import',
        subjectId: importId,
        details: { file: source },
      } as const;
      if (starter.actor) await recordAuditInBulk(s, starter.actor, entry);
      else await recordOperatorAuditInBulk(s, starter.name, entry);
      return importId;
    });
    if (lock) state.locks.set(id, lock);
    state.progress.set(id, { file: '', fileIndex: 0, files: 0, rows: 0, rowsPerSecond: 0 });
    return id;
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

/**
 * Records how a run ended, in police_imports and in the audit log of the partnership that started
 * it and of every partnership whose area it changed (every partnership, for the command line).
 */
async function finishImport(
  db: Database,
  importId: number,
  starter: ImportStarter,
  status: 'completed' | 'failed',
  message?: string,
): Promise<void> {
  const state = db.local(runningImports);
  state.progress.delete(importId);
  const lock = state.locks.get(importId);
  state.locks.delete(importId);
  try {
    await db.bulk(async (s) => {
      const run = await finishImportRow(s, importId, status, message);
      const details = {
        file: run.source,
        result: policeImportResult(run),
        status: run.status,
        message: run.message,
        filesTotal: run.files_total,
        filesLoaded: run.files_loaded,
        filesUnchanged: run.files_unchanged,
        rows: run.rows_total,
        rowsAccepted: run.rows_accepted,
        rowsRejected: run.rows_rejected,
      };
      const entry = { action: 'police_import.finished', subjectType: 'police_import', subjectId: importId, details } as const;
      if (!starter.actor) await recordOperatorAuditInBulk(s, starter.name, entry);
      else for (const actor of await auditedFor(s, importId, starter)) await recordAuditInBulk(s, actor, entry);
    });
  } finally {
    // Only once the row says how the import ended (see police-import-liveness.ts).
    await lock?.release();
  }
}

/** Whose audit logs a run's end goes in: the partnership that started it, and every partnership whose area it changed. */
async function auditedFor(s: BulkSession, importId: number, starter: ImportStarter): Promise<AuditActor[]> {
  const ids = new Set(await linkedPartnerships(s, importId));
  if (starter.actor) ids.add(starter.actor.partnershipId);
  return [...ids].map((id) => actorFor(starter, id));
}

/**
 * Imports the files of one run, recorded in police_imports from start to end: marked completed, or
 * failed with the error's message (and the error thrown). Files left by runs that ended part-way
 * are removed first. The one way to import police.uk data: the command line, the upload page, the
 * demo loader and the tests all come here.
 */
export async function runPoliceImport(db: Database, request: PoliceImportRequest): Promise<ImportSummary> {
  const importId = await startImport(db, request.starter, request.source);
  request.onStarted?.(importId);
  let set: SourceSet | undefined;
  let summary: ImportSummary | undefined;
  let failure: Error | undefined;
  try {
    await cleanLeftOverFiles(db);
    set = await request.open();
    summary = await importPoliceSources(db, importId, set.sources, request);
  } catch (error) {
    failure = error as Error;
  } finally {
    set?.close();
    await request.release?.();
  }
  await finishImport(
    db,
    importId,
    request.starter,
    failure ? 'failed' : 'completed',
    failure && (request.describe ?? ((e) => e.message))(failure),
  );
  if (failure) throw failure;
  return summary!;
}
