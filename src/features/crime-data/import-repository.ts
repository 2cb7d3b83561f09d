import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { GeoImport, GeoRejection, PoliceFile, PoliceImport, PoliceRejection } from '../../platform/db/schema.ts';

/**
 * Reading import runs, their files and rejected lines. Imports are shared reference data, but a
 * run is shown only to the partnership that started it, to every partnership whose area it changed
 * (police_import_partnerships), and to everyone when it came from the command line
 * (started_by_partnership_id is null): the filter is in every query here.
 */

export type ImportRow = PoliceImport;

/** month as 'YYYY-MM'. */
export type ImportFileRow = Pick<PoliceFile, 'file_name' | 'force' | 'month' | 'rows_total' | 'rows_accepted' | 'rows_rejected'>;

export type RejectionRow = Omit<PoliceRejection, 'import_id'>;

const visibleTo = (partnershipId: number) => sql`(started_by_partnership_id = ${partnershipId} or started_by_partnership_id is null
  or exists (select 1 from police_import_partnerships l where l.partnership_id = ${partnershipId} and l.import_id = police_imports.id))`;

const importColumns = sql`id, started_by, started_by_partnership_id, source, status, message, files_total, files_loaded, files_unchanged,
  rows_total, rows_accepted, rows_rejected, started_at, finished_at`;

export async function listImports(
  trx: Trx,
  partnershipId: number,
  limit: number,
  offset: number,
): Promise<{ rows: ImportRow[]; total: number }> {
  const rows = await sql<ImportRow>`select ${importColumns} from police_imports where ${visibleTo(partnershipId)}
    order by id desc limit ${limit} offset ${offset}`.execute(trx);
  const total = await sql<{ n: number }>`select count(*)::int as n from police_imports where ${visibleTo(partnershipId)}`.execute(trx);
  return { rows: rows.rows, total: total.rows[0]!.n };
}

export async function findImport(trx: Trx, partnershipId: number, id: number): Promise<ImportRow | undefined> {
  const rows = await sql<ImportRow>`select ${importColumns} from police_imports where id = ${id} and ${visibleTo(partnershipId)}`.execute(
    trx,
  );
  return rows.rows[0];
}

/** The files an import loaded that are still loaded (a later import may have replaced some). */
export async function importFiles(trx: Trx, importId: number): Promise<ImportFileRow[]> {
  const rows =
    await sql<ImportFileRow>`select file_name, force, to_char(month, 'YYYY-MM') as month, rows_total, rows_accepted, rows_rejected
    from police_files where import_id = ${importId} and state = 'current' order by file_name`.execute(trx);
  return rows.rows;
}

export async function importRejections(
  trx: Trx,
  importId: number,
  limit: number,
  offset: number,
): Promise<{ rows: RejectionRow[]; total: number }> {
  const rows = await sql<RejectionRow>`select file_name, line, reason, raw from police_rejections where import_id = ${importId}
    order by file_name, line limit ${limit} offset ${offset}`.execute(trx);
  const total = await sql<{ n: number }>`select count(*)::int as n from police_rejections where import_id = ${importId}`.execute(trx);
  return { rows: rows.rows, total: total.rows[0]!.n };
}

export type GeographyImportRow = GeoImport;

export type GeographyRejectionRow = Omit<GeoRejection, 'raw'>;

/** Geography files imported (from the command line or by the demo loader: everyone's), newest first. */
export async function listGeographyImports(
  trx: Trx,
  limit: number,
  offset: number,
): Promise<{ rows: GeographyImportRow[]; total: number }> {
  const rows = await sql<GeographyImportRow>`select id, kind, file_name, unit, rows_total, rows_accepted, rows_rejected, rows_ignored,
      ignored_reason, rows_inserted, rows_updated, rows_unchanged, imported_at
    from geo_imports order by id desc limit ${limit} offset ${offset}`.execute(trx);
  const total = await sql<{ n: number }>`select count(*)::int as n from geo_imports`.execute(trx);
  return { rows: rows.rows, total: total.rows[0]!.n };
}

/** The first `perImport` rejected rows of each of these geography imports, by import and line. */
export async function geographyRejections(trx: Trx, importIds: readonly number[], perImport: number): Promise<GeographyRejectionRow[]> {
  if (importIds.length === 0) return [];
  const rows = await sql<GeographyRejectionRow>`select import_id, line, reason from (
      select import_id, line, reason, row_number() over (partition by import_id order by line) as n
      from geo_rejections where import_id = any(${[...importIds]}::int[])
    ) as r where n <= ${perImport} order by import_id, line`.execute(trx);
  return rows.rows;
}
