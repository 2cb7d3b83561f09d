import type { BulkSession } from '../../platform/db/database.ts';

/**
 * The SQL of police.uk import runs (police_imports) over the bulk session, as the owner: their
 * rows, totals and end, how a run whose process ended is found, and the partnerships whose area a
 * run changed (police_import_partnerships).
 */

export interface NewImport {
  /** An id reserved for the run (a server's running imports hold an advisory lock on it). */
  id?: number;
  startedBy: string;
  partnershipId: number | null;
  source: string;
}

export async function insertImport(s: BulkSession, run: NewImport): Promise<number> {
  const rows =
    run.id === undefined
      ? await s.query<{ id: number }>(
          'insert into police_imports (started_by, started_by_partnership_id, source) values ($1, $2, $3) returning id',
          [run.startedBy, run.partnershipId, run.source],
        )
      : await s.query<{ id: number }>(
          'insert into police_imports (id, started_by, started_by_partnership_id, source) overriding system value values ($1, $2, $3, ' +
            '$4) returning id',
          [run.id, run.startedBy, run.partnershipId, run.source],
        );
  return rows[0]!.id;
}

/** A new import's id, before its row exists. */
export async function reserveImportId(s: BulkSession): Promise<number> {
  const [row] = await s.query<{ id: number }>("select nextval(pg_get_serial_sequence('police_imports', 'id'))::int as id");
  return row!.id;
}

export async function holdAdvisoryLock(s: BulkSession, key: number, id: number): Promise<void> {
  await s.query('select pg_advisory_xact_lock($1, $2)', [key, id]);
}

export async function setFilesTotal(s: BulkSession, importId: number, files: number): Promise<void> {
  await s.query('update police_imports set files_total = $2 where id = $1', [importId, files]);
}

export async function countUnchangedFile(s: BulkSession, importId: number): Promise<void> {
  await s.query('update police_imports set files_unchanged = files_unchanged + 1 where id = $1', [importId]);
}

/** Adds a loaded file's totals to its import. */
export async function countLoadedFile(
  s: BulkSession,
  importId: number,
  file: { rows: number; accepted: number; rejected: number },
): Promise<void> {
  await s.query(
    `update police_imports set files_loaded = files_loaded + 1, rows_total = rows_total + $2,
       rows_accepted = rows_accepted + $3, rows_rejected = rows_rejected + $4 where id = $1`,
    [importId, file.rows, file.accepted, file.rejected],
  );
}

export async function setImportMessage(s: BulkSession, importId: number, message: string): Promise<void> {
  await s.query('update police_imports set message = $2 where id = $1', [importId, message]);
}

export interface FinishedImport {
  source: string;
  status: 'completed' | 'failed';
  message: string | null;
  files_total: number;
  files_loaded: number;
  files_unchanged: number;
  rows_total: number;
  rows_accepted: number;
  rows_rejected: number;
}

/** Records how an import ended, and returns its totals. */
export async function finishImportRow(
  s: BulkSession,
  importId: number,
  status: 'completed' | 'failed',
  message: string | undefined,
): Promise<FinishedImport> {
  const [row] = await s.query<FinishedImport>(
    `update police_imports set status = $2, message = coalesce($3, message), finished_at = now() where id = $1
     returning source, status, message, files_total, files_loaded, files_unchanged, rows_total, rows_accepted, rows_rejected`,
    [importId, status, message ?? null],
  );
  return row!;
}

/** (embedded) Marks as failed every run still marked as running but not one of `running`. */
export async function markNotRunning(s: BulkSession, message: string, running: readonly number[]): Promise<number> {
  const rows = await s.query(
    `update police_imports set status = 'failed', message = $1, finished_at = now()
     where status = 'running' and not (id = any($2::int[])) returning id`,
    [message, [...running]],
  );
  return rows.length;
}

/** (server) Marks as failed every run still marked as running whose advisory lock (key, id) nobody holds. */
export async function markUnlocked(s: BulkSession, message: string, key: number): Promise<number> {
  const rows = await s.query(
    `update police_imports i set status = 'failed', message = $1, finished_at = now()
     where i.status = 'running' and not exists (
       select 1 from pg_locks l
       where l.locktype = 'advisory' and l.granted
         and l.database = (select oid from pg_database where datname = current_database())
         and l.classid = $2::int::oid and l.objid = i.id::oid and l.objsubid = 2)
     returning id`,
    [message, key],
  );
  return rows.length;
}

/** Records that an import changed what a partnership sees, once per import and partnership. */
export async function linkPartnership(s: BulkSession, importId: number, partnershipId: number): Promise<void> {
  await s.query('insert into police_import_partnerships (import_id, partnership_id) values ($1, $2) on conflict do nothing', [
    importId,
    partnershipId,
  ]);
}

/** The partnerships whose area an import changed, by id. */
export async function linkedPartnerships(s: BulkSession, importId: number): Promise<number[]> {
  const rows = await s.query<{ partnership_id: number }>(
    'select partnership_id from police_import_partnerships where import_id = $1 order by partnership_id',
    [importId],
  );
  return rows.map((r) => r.partnership_id);
}

/**
 * Sums up the block ranges of the rows just added, for the BRIN indexes that find a file's rows and
 * counts (see migrations/0006_crime_load_speed.sql). A server's autovacuum does this; the embedded
 * database has none.
 */
export async function summarizeNewBlocks(s: BulkSession): Promise<void> {
  await s.query("select brin_summarize_new_values('street_crimes_file_idx'), brin_summarize_new_values('crime_lsoa_months_file_idx')");
}
