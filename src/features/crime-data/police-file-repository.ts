import type { BulkSession } from '../../platform/db/database.ts';
import type { PoliceFile, PoliceFileKind } from '../../platform/db/schema.ts';
import { RAW_LIMIT } from './street-copy.ts';

/**
 * The SQL of police.uk files over the bulk session (as the owner): their police_files rows through
 * their states (loading, current, retired: see migrations/0008_shared_open_data_changes.sql), their
 * rows and counts, and the partnerships whose area they are in.
 */

export type PoliceFileKindName = PoliceFileKind;

export interface ForceMonthFile {
  kind: PoliceFileKindName;
  force: string;
  /** 'YYYY-MM' */
  month: string;
}

/** A force-month's current file, as readers see it. */
export type CurrentFile = Pick<PoliceFile, 'id' | 'checksum' | 'rows_total' | 'rows_accepted' | 'rows_rejected'>;

/** Where each kind's rows and counts are. Counts are what readers read; rows are kept as the file gave them. */
const TABLES: Record<PoliceFileKindName, { rows: string; counts: readonly string[] }> = {
  street: { rows: 'street_crimes', counts: ['crime_lsoa_months', 'crime_force_counts'] },
  outcomes: { rows: 'police_outcomes', counts: ['outcome_counts'] },
  'stop-and-search': { rows: 'police_stop_searches', counts: ['stop_search_counts'] },
};

const monthDate = (month: string) => `${month}-01`;

export async function findCurrentFile(s: BulkSession, file: ForceMonthFile): Promise<CurrentFile | undefined> {
  const [row] = await s.query<CurrentFile>(
    `select id, checksum, rows_total, rows_accepted, rows_rejected from police_files
     where kind = $1 and force = $2 and month = $3 and state = 'current'`,
    [file.kind, file.force, monthDate(file.month)],
  );
  return row;
}

/** The force-months with a current file of the kind. */
export function currentForceMonths(s: BulkSession, kind: PoliceFileKindName): Promise<{ force: string; month: string }[]> {
  return s.query("select force, to_char(month, 'YYYY-MM') as month from police_files where kind = $1 and state = 'current'", [kind]);
}

/** An id for a new police_files row, taken before the row is written with it (insertLoadingFile). */
export async function reserveFileId(s: BulkSession): Promise<number> {
  const [row] = await s.query<{ id: number }>("select nextval(pg_get_serial_sequence('police_files', 'id'))::int as id");
  return row!.id;
}

/** The police_files row of a file whose rows are going in: no reader sees it or them. */
export async function insertLoadingFile(
  s: BulkSession,
  fileId: number,
  importId: number,
  file: ForceMonthFile & { name: string },
): Promise<void> {
  await s.query(
    `insert into police_files (id, import_id, kind, force, month, file_name, checksum, rows_total, rows_accepted, rows_rejected, state)
     overriding system value values ($1, $2, $3, $4, $5, $6, '', 0, 0, 0, 'loading')`,
    [fileId, importId, file.kind, file.force, monthDate(file.month), file.name],
  );
}

/**
 * Waits for any other transaction switching the same force-month's file (a server runs imports side
 * by side) and returns the current file, locked, until this transaction ends.
 */
export async function lockCurrentFile(s: BulkSession, file: ForceMonthFile): Promise<CurrentFile | undefined> {
  await s.query('select pg_advisory_xact_lock(hashtext($1))', [`police_files:${file.kind}:${file.force}:${file.month}`]);
  const [row] = await s.query<CurrentFile>(
    `select id, checksum, rows_total, rows_accepted, rows_rejected from police_files
     where kind = $1 and force = $2 and month = $3 and state = 'current' for update`,
    [file.kind, file.force, monthDate(file.month)],
  );
  return row;
}

/** Takes a file out of readers' sight: its counts are deleted now, its rows later by deleteFileRows(). */
export async function retireFile(s: BulkSession, fileId: number, file: ForceMonthFile, importId: number): Promise<void> {
  await s.query("update police_files set state = 'retired', retired_by_import_id = $2 where id = $1", [fileId, importId]);
  for (const table of TABLES[file.kind].counts) {
    // crime_force_counts is found by force and month; every other counts table by file.
    if (table === 'crime_force_counts') {
      await s.query('delete from crime_force_counts where force = $2 and month = $3 and file_id = $1', [
        fileId,
        file.force,
        monthDate(file.month),
      ]);
    } else {
      await s.query(`delete from ${table} where file_id = $1`, [fileId]);
    }
  }
}

/** Makes a loaded file the one readers see, with its checksum and totals. */
export async function makeCurrent(
  s: BulkSession,
  fileId: number,
  totals: { checksum: string; rows: number; accepted: number; rejected: number },
): Promise<void> {
  await s.query(
    `update police_files set state = 'current', checksum = $2, rows_total = $3, rows_accepted = $4, rows_rejected = $5, loaded_at = now()
     where id = $1`,
    [fileId, totals.checksum, totals.rows, totals.accepted, totals.rejected],
  );
}

/** The last line number of a file's stored rows (0 when it has none). */
export async function lastRowLine(s: BulkSession, kind: PoliceFileKindName, fileId: number): Promise<number> {
  const [row] = await s.query<{ line: number | null }>(`select max(line) as line from ${TABLES[kind].rows} where file_id = $1`, [fileId]);
  return row?.line ?? 0;
}

/** Deletes a file's stored rows with line numbers from `from` up to but not including `to`. */
export async function deleteRows(s: BulkSession, kind: PoliceFileKindName, fileId: number, from: number, to: number): Promise<void> {
  await s.query(`delete from ${TABLES[kind].rows} where file_id = $1 and line >= $2 and line < $3`, [fileId, from, to]);
}

/**
 * Deletes a police_files row that is not current, once deleteRows() has removed its rows (anything
 * left goes with it, by trigger or foreign key: see migrations 0005 to 0007).
 */
export async function deleteFileRow(s: BulkSession, fileId: number): Promise<void> {
  await s.query("delete from police_files where id = $1 and state <> 'current'", [fileId]);
}

export type LeftFile = Pick<PoliceFile, 'id' | 'kind'>;

/**
 * Files left by imports that have ended: loading files of an import that is not running, and
 * retired files whose replacing import is not running.
 */
export function leftOverFiles(s: BulkSession): Promise<LeftFile[]> {
  return s.query<LeftFile>(
    `select f.id, f.kind from police_files f
     join police_imports i on i.id = case when f.state = 'loading' then f.import_id else f.retired_by_import_id end
     where f.state <> 'current' and i.status <> 'running'
     order by f.id`,
  );
}

/** Stores a rejected line (or a whole file's refusal, as line 0 or 1) of an import. */
export async function insertRejection(
  s: BulkSession,
  importId: number,
  fileName: string,
  line: number,
  reason: string,
  raw: string | null,
): Promise<void> {
  await s.query(
    'insert into police_rejections (import_id, file_name, line, reason, raw) values ($1, $2, $3, $4, $5) on conflict do nothing',
    [importId, fileName, line, reason, raw === null ? null : raw.slice(0, RAW_LIMIT)],
  );
}

/** Deletes an import's rejected lines of a file (one that was not loaded after all). */
export async function deleteRejections(s: BulkSession, importId: number, fileName: string): Promise<void> {
  await s.query('delete from police_rejections where import_id = $1 and file_name = $2', [importId, fileName]);
}

export interface PartnershipSeeing {
  id: number;
  name: string;
}

/**
 * The partnerships that see these files: street and outcomes files by the LSOAs of their counts
 * (through geo_lsoas.district_code and partnerships.district_codes); stop-and-search files, which
 * place searches by points, not LSOAs, by the force's street data covering any of their LSOAs.
 */
export function partnershipsSeeing(s: BulkSession, file: ForceMonthFile, fileIds: readonly number[]): Promise<PartnershipSeeing[]> {
  if (file.kind === 'stop-and-search') {
    return s.query<PartnershipSeeing>(
      `select p.id, p.name from partnerships p
       where exists (select 1 from geo_lsoas g join crime_lsoa_months m on m.lsoa_code = g.code
                     where g.district_code = any(p.district_codes) and m.force = $1)
       order by p.id`,
      [file.force],
    );
  }
  const counts = file.kind === 'street' ? 'crime_lsoa_months' : 'outcome_counts';
  return s.query<PartnershipSeeing>(
    `select p.id, p.name from partnerships p
     where exists (select 1 from geo_lsoas g join ${counts} c on c.lsoa_code = g.code
                   where g.district_code = any(p.district_codes) and c.file_id = any($1::int[]))
     order by p.id`,
    [[...fileIds]],
  );
}

export interface StreetFileTotals {
  file_name: string;
  rows_total: number;
  rows_accepted: number;
  rows_rejected: number;
  crimes: number;
  located: number;
  counted: number;
  by_outcome: number;
  by_location: number;
  totalled: number;
}

/** For every current street file: its totals, and what its stored rows and counts add up to. */
export function streetFileTotals(s: BulkSession): Promise<StreetFileTotals[]> {
  return s.query<StreetFileTotals>(
    `select f.file_name, f.rows_total, f.rows_accepted, f.rows_rejected,
       (select count(*)::int from street_crimes c where c.file_id = f.id) as crimes,
       (select count(*)::int from street_crimes c where c.file_id = f.id and c.location is not null) as located,
       (select coalesce(sum(n.crimes), 0)::int from crime_counts n where n.file_id = f.id) as counted,
       (select coalesce(sum(n), 0)::int from crime_lsoa_months m, unnest(m.outcome_crimes) as n where m.file_id = f.id) as by_outcome,
       (select coalesce(sum(n), 0)::int from crime_lsoa_months m, unnest(m.location_crimes) as n where m.file_id = f.id) as by_location,
       (select coalesce(sum(t.crimes), 0)::int from crime_force_counts t
         where t.force = f.force and t.month = f.month and t.file_id = f.id) as totalled
     from police_files f where f.kind = 'street' and f.state = 'current' order by f.id`,
  );
}

export interface KindFileTotals {
  file_name: string;
  rows_total: number;
  rows_accepted: number;
  rows_rejected: number;
  stored: number;
  counted: number;
}

/** For every current outcomes or stop-and-search file: its totals, and its stored rows and the sum of its counts. */
export function kindFileTotals(s: BulkSession, kind: 'outcomes' | 'stop-and-search', countColumn: string): Promise<KindFileTotals[]> {
  const tables = TABLES[kind];
  return s.query<KindFileTotals>(
    `select f.file_name, f.rows_total, f.rows_accepted, f.rows_rejected,
       (select count(*)::int from ${tables.rows} r where r.file_id = f.id) as stored,
       (select coalesce(sum(c.${countColumn}), 0)::int from ${tables.counts[0]} c where c.file_id = f.id) as counted
     from police_files f where f.kind = $1 and f.state = 'current' order by f.id`,
    [kind],
  );
}

/** Files that are not current but have counts, which readers would see (there should be none). */
export function countsOfHiddenFiles(s: BulkSession): Promise<{ file_name: string; state: string; counts: number }[]> {
  return s.query(
    `select file_name, state, counts from (
       select f.id, f.file_name, f.state,
         ((select count(*) from crime_lsoa_months m where m.file_id = f.id)
          + (select count(*) from crime_force_counts t where t.file_id = f.id)
          + (select count(*) from outcome_counts o where o.file_id = f.id)
          + (select count(*) from stop_search_counts c where c.file_id = f.id))::int as counts
       from police_files f where f.state <> 'current') as hidden
     where counts > 0 order by id`,
  );
}
