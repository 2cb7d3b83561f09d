import { createHash } from 'node:crypto';
import type { BulkSession, Database } from '../../platform/db/database.ts';
import { ByteLineReader } from '../../platform/text/lines.ts';
import { isStreetHeader, parsePoliceFileName, STREET_HEADER } from './police-uk-format.ts';
import { importOtherPoliceFile, otherPoliceDataProblems, recordLoadedFile, startFileRow, Unchanged } from './police-file-load.ts';
import { holdImportLock, markInterruptedImports, type ImportLock } from './police-import-liveness.ts';
import type { PoliceSource } from './police-sources.ts';
import { COPY_CHUNK_BYTES, FORCE_COUNT_COLUMNS, LSOA_MONTH_COLUMNS, RAW_LIMIT, REJECTION_COLUMNS, STREET_COLUMNS, StreetCopyBuilder } from './street-copy.ts';

/**
 * Imports police.uk files. Each force-month file is one unit of work, in one transaction: its old
 * rows (a corrected file replaces the earlier one whole), its rows streamed in with COPY as they are
 * read and checked, its LSOAs' counts by crime type, outcome and location (added up while reading:
 * crime_lsoa_months), its rejected lines
 * with their line numbers and reasons, and the import's totals. A process stopped part-way leaves
 * every file either fully loaded or not at all. The same file again (by checksum) changes nothing.
 */

export interface Rejection {
  line: number;
  reason: string;
  raw: string;
}

export interface FileResult {
  name: string;
  force: string;
  month: string;
  status: 'loaded' | 'replaced' | 'unchanged' | 'refused';
  message?: string;
  rows: number;
  accepted: number;
  rejected: number;
  /** The first rejected lines (all of them are stored in police_rejections). */
  rejections: Rejection[];
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  files: number;
  rows: number;
  rowsPerSecond: number;
}

export interface ImportSummary {
  importId: number;
  files: FileResult[];
  rows: number;
  accepted: number;
  rejected: number;
  seconds: number;
}

export interface ImportOptions {
  /**
   * Files loaded at once. Each is its own transaction on its own connection, so more than one helps
   * only on a PostgreSQL server; the embedded database has one connection. Default: 3 on a server
   * (a third file keeps the database busy while another waits for its next rows or its commit: on
   * the 2-core benchmark machine, 6 million rows loaded about 10% faster than with 2), else 1.
   */
  concurrency?: number;
  /** Stops the import: no new file is started, and the file being loaded is rolled back. */
  signal?: AbortSignal;
}

/** An import stopped through ImportOptions.signal. */
export class ImportStoppedError extends Error {}

export class NotPoliceFileError extends Error {}

/** Rejected lines sent to the database in one COPY. */
const COPY_REJECTIONS = 4096;

const expectedHeader = STREET_HEADER.join(',');

/** The SHA-256 of a source's bytes. */
async function hashSource(source: PoliceSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of (await source.open()) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/** Imports running in this process, with their progress, by import id. */
const running = new Map<number, ImportProgress>();

/** The progress of an import running in this process, if it is. */
export function importProgress(importId: number): ImportProgress | undefined {
  return running.get(importId);
}

/** The advisory locks of the imports this process runs on a server (see police-import-liveness.ts). */
const locks = new Map<number, ImportLock>();

/** Marks as failed the imports still marked as running whose process has ended. */
export function markInterrupted(db: Database): Promise<number> {
  return markInterruptedImports(db, [...running.keys()]);
}

/**
 * Records a new import run, first marking as failed any run whose process has ended. On a server
 * the run holds an advisory lock on its id from before its row exists until finishImport.
 */
export async function startImport(db: Database, who: { startedBy: string; partnershipId: number | null; source: string }): Promise<number> {
  await markInterrupted(db);
  const lock = db.kind === 'server' ? await holdImportLock(db) : undefined;
  try {
    const rows = await db.bulk((s) =>
      lock
        ? s.query<{ id: number }>(
            'insert into police_imports (id, started_by, started_by_partnership_id, source) overriding system value values ($1, $2, $3, $4) returning id',
            [lock.id, who.startedBy, who.partnershipId, who.source],
          )
        : s.query<{ id: number }>('insert into police_imports (started_by, started_by_partnership_id, source) values ($1, $2, $3) returning id', [
            who.startedBy,
            who.partnershipId,
            who.source,
          ]),
    );
    const id = rows[0]!.id;
    if (lock) locks.set(id, lock);
    running.set(id, { file: '', fileIndex: 0, files: 0, rows: 0, rowsPerSecond: 0 });
    return id;
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

interface FileMeta {
  kind: 'street';
  force: string;
  month: string;
}

type Loaded = Omit<FileResult, 'name' | 'force' | 'month' | 'message'>;

/**
 * Loads one street file in one transaction, reading it as a stream of bytes: old rows out, new rows
 * in by binary COPY in chunks (one chunk travels while the next is read), counts, rejections, totals.
 */
function loadStreetFile(
  db: Database,
  importId: number,
  source: PoliceSource,
  meta: FileMeta,
  onRows: (rows: number) => void,
  signal: AbortSignal | undefined,
): Promise<Loaded> {
  return db.bulk(async (s: BulkSession) => {
    const hash = createHash('sha256');
    const lines = new ByteLineReader();
    let builder: StreetCopyBuilder | undefined;
    let previous: { id: number; checksum: string } | undefined;
    let inflight: Promise<void> | undefined;
    let reported = 0;

    const send = async (final: boolean) => {
      if (!builder) return;
      if (builder.pendingBytes >= COPY_CHUNK_BYTES || (final && builder.pendingRows > 0)) {
        // The COPY before first: takeRows() writes over the rows it gave before.
        if (inflight) await inflight;
        inflight = s.copyBinary('street_crimes', STREET_COLUMNS, builder.takeRows());
      }
      if (builder.pendingRejections.length >= COPY_REJECTIONS || (final && builder.pendingRejections.length > 0)) {
        if (inflight) await inflight;
        inflight = s.copy('police_rejections', REJECTION_COLUMNS, builder.takeRejections(importId, source.name));
      }
      if (builder.rows - reported >= 8192 || final) {
        reported = builder.rows;
        onRows(builder.rows);
      }
    };

    /** Takes the complete lines read so far. */
    const consume = async () => {
      if (!builder) {
        if (!lines.next()) return;
        if (lines.problem !== null) {
          throw new NotPoliceFileError(`${source.name} is not a police.uk street-level file: line 1 ${lines.problem}`);
        }
        if (!isStreetHeader(lines.text())) {
          throw new NotPoliceFileError(
            `${source.name} is not a police.uk street-level file: its first line should be the header "${expectedHeader}"`,
          );
        }
        const started = await startFileRow(s, importId, { ...meta, name: source.name });
        previous = started.previous;
        builder = new StreetCopyBuilder(started.fileId, meta.month, meta.force);
      }
      while (lines.next()) builder.add(lines);
      if (signal?.aborted) throw new ImportStoppedError(`Stopped while loading ${source.name}`);
      await send(false);
    };

    try {
      for await (const chunk of (await source.open()) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        lines.push(chunk);
        await consume();
      }
      lines.finish();
      await consume();
      if (!builder) throw new NotPoliceFileError(`${source.name} is empty: a police.uk street-level file starts with the header "${expectedHeader}"`);
      await send(true);
      if (inflight) await inflight;
      inflight = undefined;
    } catch (error) {
      // Let a COPY still on the wire finish before the transaction is rolled back.
      await inflight?.catch(() => undefined);
      throw error;
    }
    const b = builder;
    const checksum = hash.digest('hex');
    // The same file was loaded by someone else since we looked: undo, and count it as unchanged.
    if (previous?.checksum === checksum) throw new Unchanged();
    const lsoaMonths = b.lsoaMonthRows();
    if (lsoaMonths) await s.copyBinary('crime_lsoa_months', LSOA_MONTH_COLUMNS, lsoaMonths);
    const totals = b.forceCountRows();
    if (totals) await s.copyBinary('crime_force_counts', FORCE_COUNT_COLUMNS, totals);
    b.release();
    return recordLoadedFile(s, importId, b, checksum, previous !== undefined);
  });
}

export async function finishImport(db: Database, importId: number, status: 'completed' | 'failed', message?: string): Promise<void> {
  running.delete(importId);
  const lock = locks.get(importId);
  locks.delete(importId);
  try {
    await db.bulk((s) =>
      s.query('update police_imports set status = $2, message = coalesce($3, message), finished_at = now() where id = $1', [
        importId,
        status,
        message ?? null,
      ]),
    );
  } finally {
    // Only once the row says how the import ended (see police-import-liveness.ts).
    await lock?.release();
  }
}

/**
 * Imports one file: a new force-month is loaded; a known one is first checked by checksum, and
 * loaded (replacing the old) only if it differs.
 */
async function importFile(
  db: Database,
  importId: number,
  source: PoliceSource,
  meta: FileMeta,
  onRows: (rows: number) => void,
  signal: AbortSignal | undefined,
): Promise<Loaded> {
  const known = await db.bulk((s) =>
    s.query<{ checksum: string; rows_total: number; rows_accepted: number; rows_rejected: number }>(
      'select checksum, rows_total, rows_accepted, rows_rejected from police_files where kind = $1 and force = $2 and month = $3',
      [meta.kind, meta.force, `${meta.month}-01`],
    ),
  );
  const same = known[0] && (await hashSource(source)) === known[0].checksum;
  if (!same) {
    try {
      return await loadStreetFile(db, importId, source, meta, onRows, signal);
    } catch (error) {
      if (!(error instanceof Unchanged)) throw error;
    }
  }
  await db.bulk((s) => s.query('update police_imports set files_unchanged = files_unchanged + 1 where id = $1', [importId]));
  const old = known[0];
  return { status: 'unchanged', rows: old?.rows_total ?? 0, accepted: old?.rows_accepted ?? 0, rejected: old?.rows_rejected ?? 0, rejections: [] };
}

/** Stores a whole-file refusal as a rejected line (line 0: the file name; line 1: the header). */
async function recordRefusal(db: Database, importId: number, fileName: string, line: number, reason: string, raw: string): Promise<void> {
  await db.bulk((s) =>
    s.query('insert into police_rejections (import_id, file_name, line, reason, raw) values ($1, $2, $3, $4, $5) on conflict do nothing', [
      importId,
      fileName,
      line,
      reason,
      raw.slice(0, RAW_LIMIT),
    ]),
  );
}

/** The first line of a source, or as much of it as is stored with a refusal. */
async function firstLine(source: PoliceSource): Promise<string> {
  const lines = new ByteLineReader({ maxLineBytes: RAW_LIMIT });
  const stream = await source.open();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      lines.push(chunk);
      if (lines.next()) return lines.text();
    }
  } finally {
    stream.destroy();
  }
  lines.finish();
  return lines.next() ? lines.text() : '';
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Imports every source, a few at a time (see ImportOptions): street files here, outcomes and
 * stop-and-search files by police-file-load.ts. A file that is not the police.uk file its name says
 * is refused, with the reason stored as a rejected line; the rest go on. An error from the
 * database stops the import: files already loaded stay loaded, the one that failed is not.
 */
export async function importPoliceSources(
  db: Database,
  importId: number,
  sources: PoliceSource[],
  onProgress: (p: ImportProgress) => void = () => undefined,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = Date.now();
  const results: FileResult[] = new Array<FileResult>(sources.length);
  const rowsByFile = new Array<number>(sources.length).fill(0);
  let rowsSoFar = 0;
  await db.bulk((s) => s.query('update police_imports set files_total = $2 where id = $1', [importId, sources.length]));

  const one = async (index: number) => {
    const source = sources[index]!;
    const meta = parsePoliceFileName(source.baseName);
    const base = { name: source.name, force: meta?.force ?? '', month: meta?.month ?? '', rows: 0, accepted: 0, rejected: 0, rejections: [] };
    // Not read at all: a zip inside an archive, an entry too large (see police-sources.ts), or a name
    // that does not say what the file holds.
    const badName = 'not a police.uk file name; expected YYYY-MM-<force>-street.csv, -outcomes.csv or -stop-and-search.csv';
    const refusal = source.refused ?? (meta ? undefined : badName);
    if (refusal !== undefined || !meta) {
      const message = `${source.name}: ${refusal}`;
      await recordRefusal(db, importId, source.name, 0, message, source.baseName);
      results[index] = { ...base, status: 'refused', message };
      return;
    }
    const report = (rows: number) => {
      rowsSoFar += rows - rowsByFile[index]!;
      rowsByFile[index] = rows;
      const seconds = (Date.now() - started) / 1000;
      const progress = { file: source.name, fileIndex: index, files: sources.length, rows: rowsSoFar, rowsPerSecond: seconds > 0 ? rowsSoFar / seconds : 0 };
      if (running.has(importId)) running.set(importId, progress);
      onProgress(progress);
    };
    if (meta.kind !== 'street') {
      // Outcomes and stop-and-search files: see police-file-load.ts.
      results[index] = { ...base, ...(await importOtherPoliceFile(db, importId, source, { kind: meta.kind, force: meta.force, month: meta.month }, report, options.signal)) };
      return;
    }
    try {
      const loaded = await importFile(db, importId, source, { kind: 'street', force: meta.force, month: meta.month }, report, options.signal);
      results[index] = { ...base, ...loaded };
    } catch (error) {
      if (!(error instanceof NotPoliceFileError)) throw error;
      await recordRefusal(db, importId, source.name, 1, error.message, await firstLine(source).catch(() => ''));
      results[index] = { ...base, status: 'refused', message: error.message };
    }
  };

  // A small pool: each worker takes the next file until none are left or one fails.
  let next = 0;
  let failed = false;
  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? (db.kind === 'server' ? 3 : 1), sources.length)) }, async () => {
    while (!failed && next < sources.length) {
      if (options.signal?.aborted) throw new ImportStoppedError('Stopped before every file was imported');
      const index = next++;
      try {
        await one(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  });
  const settled = await Promise.allSettled(workers);
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  // Sums up the block ranges of the rows just added, for the BRIN indexes that find a corrected file's
  // old rows and counts (see migrations/0006_crime_load_speed.sql). A server's autovacuum does this;
  // the embedded database has no autovacuum.
  if (db.kind === 'embedded') {
    await db.bulk((s) => s.query("select brin_summarize_new_values('street_crimes_file_idx'), brin_summarize_new_values('crime_lsoa_months_file_idx')"));
  }

  const files = results.filter((r): r is FileResult => r !== undefined);
  const refused = files.filter((f) => f.status === 'refused').length;
  if (refused > 0) {
    await db.bulk((s) => s.query('update police_imports set message = $2 where id = $1', [importId, `${plural(refused, 'file was', 'files were')} refused.`]));
  }
  const sum = (k: 'rows' | 'accepted' | 'rejected') => files.reduce((n, r) => n + r[k], 0);
  return { importId, files, rows: sum('rows'), accepted: sum('accepted'), rejected: sum('rejected'), seconds: (Date.now() - started) / 1000 };
}

/**
 * Checks that the loaded data adds up: for every file, its rows are accepted plus rejected, and its
 * accepted rows are exactly its stored rows (street_crimes for street files), the sum of its counts
 * by crime type and by outcome (crime_lsoa_months), and the sum of its force's totals
 * (crime_force_counts); its crimes by location are its stored rows with a location. Returns what is wrong.
 */
export async function policeDataProblems(db: Database): Promise<string[]> {
  const rows = await db.bulk((s) =>
    s.query<{
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
    }>(
      `select f.file_name, f.rows_total, f.rows_accepted, f.rows_rejected,
         (select count(*)::int from street_crimes c where c.file_id = f.id) as crimes,
         (select count(*)::int from street_crimes c where c.file_id = f.id and c.location is not null) as located,
         (select coalesce(sum(n.crimes), 0)::int from crime_counts n where n.file_id = f.id) as counted,
         (select coalesce(sum(n), 0)::int from crime_lsoa_months m, unnest(m.outcome_crimes) as n where m.file_id = f.id) as by_outcome,
         (select coalesce(sum(n), 0)::int from crime_lsoa_months m, unnest(m.location_crimes) as n where m.file_id = f.id) as by_location,
         (select coalesce(sum(t.crimes), 0)::int from crime_force_counts t where t.force = f.force and t.month = f.month and t.file_id = f.id) as totalled
       from police_files f where f.kind = 'street' order by f.id`,
    ),
  );
  const problems: string[] = [];
  for (const f of rows) {
    if (f.rows_accepted + f.rows_rejected !== f.rows_total) problems.push(`${f.file_name}: ${f.rows_accepted} accepted + ${f.rows_rejected} rejected is not ${f.rows_total} rows`);
    if (f.crimes !== f.rows_accepted) problems.push(`${f.file_name}: ${f.crimes} rows stored, but ${f.rows_accepted} accepted`);
    if (f.counted !== f.rows_accepted) problems.push(`${f.file_name}: counts add up to ${f.counted}, but ${f.rows_accepted} accepted`);
    if (f.by_outcome !== f.rows_accepted) problems.push(`${f.file_name}: counts by outcome add up to ${f.by_outcome}, but ${f.rows_accepted} accepted`);
    if (f.by_location !== f.located) problems.push(`${f.file_name}: counts by location add up to ${f.by_location}, but ${f.located} rows have a location`);
    if (f.totalled !== f.rows_accepted) problems.push(`${f.file_name}: force totals add up to ${f.totalled}, but ${f.rows_accepted} accepted`);
  }
  return [...problems, ...(await otherPoliceDataProblems(db))];
}
