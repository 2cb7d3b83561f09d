import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { copyText, type BulkSession, type Database } from '../../platform/db/database.ts';
import { CRIME_TYPES, isStreetHeader, LineSplitter, parsePoliceFileName, parseStreetLine, STREET_HEADER, type CrimeType } from './police-uk-format.ts';
import type { PoliceSource } from './police-sources.ts';

/**
 * Imports police.uk files. Each force-month file is one unit of work, in one transaction: its old
 * rows (a corrected file replaces the earlier one whole), its rows streamed in with COPY as they are
 * read and checked, its counts by LSOA and crime type (added up while reading), its rejected lines
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
  status: 'loaded' | 'replaced' | 'unchanged' | 'refused' | 'skipped';
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
   * only on a PostgreSQL server; the embedded database has one connection. Default: 2 on a server, else 1.
   */
  concurrency?: number;
  /** Stops the import: no new file is started, and the file being loaded is rolled back. */
  signal?: AbortSignal;
}

/** An import stopped through ImportOptions.signal. */
export class ImportStoppedError extends Error {}

export class NotPoliceFileError extends Error {}

/** Rejected lines kept in memory per file for the summary; every one is stored in the database. */
export const REJECTIONS_IN_SUMMARY = 1000;
/** Rows sent to the database in one COPY. */
const COPY_ROWS = 16384;
/** Rejected lines sent to the database in one COPY. */
const COPY_REJECTIONS = 4096;
/** Longest part of a rejected line that is stored. */
const RAW_LIMIT = 500;

export const STREET_COLUMNS = [
  'file_id', 'line', 'month', 'force', 'crime_id', 'reported_by', 'falls_within', 'longitude', 'latitude',
  'location', 'lsoa_code', 'lsoa_name', 'crime_type', 'outcome', 'context',
] as const;
const COUNT_COLUMNS = ['file_id', 'month', 'force', 'lsoa_code', 'crime_type', 'crimes'] as const;
const REJECTION_COLUMNS = ['import_id', 'file_name', 'line', 'reason', 'raw'] as const;

const expectedHeader = STREET_HEADER.join(',');
const crimeTypeIndex = new Map<CrimeType, number>(CRIME_TYPES.map((t, i) => [t, i]));
// Characters that COPY's text format must escape; \n never occurs inside a line.
const NEEDS_ESCAPE = /[\t\\\r]/;
const N = '\\N';
const asIs = (value: string) => value;

class Unchanged extends Error {}

/**
 * Turns the data lines of one file into COPY text for street_crimes, and adds up the counts by LSOA
 * and crime type as it goes. Pure work on strings: the caller decides when to send a chunk.
 */
export class StreetCopyBuilder {
  rows = 0;
  accepted = 0;
  rejected = 0;
  /** Rejected lines not yet stored. */
  pendingRejections: Rejection[] = [];
  /** The first rejected lines, for the summary. */
  readonly firstRejections: Rejection[] = [];
  readonly counts = new Map<string, Int32Array>();
  private parts: string[] = [];
  private readonly head: string;
  private readonly idText: string;

  constructor(
    readonly fileId: number,
    private readonly month: string,
    force: string,
  ) {
    this.idText = String(fileId);
    this.head = `\t${month}-01\t${copyText(force)}\t`;
  }

  get pendingRows(): number {
    return this.parts.length;
  }

  private reject(line: number, reason: string, raw: string): void {
    this.rejected++;
    const rejection = { line, reason, raw: raw.slice(0, RAW_LIMIT) };
    this.pendingRejections.push(rejection);
    if (this.firstRejections.length < REJECTIONS_IN_SUMMARY) this.firstRejections.push(rejection);
  }

  /** One data line, by its line number in the file (the header is line 1). Blank lines are not rows. */
  add(lineNo: number, line: string): void {
    if (line.length === 0) return;
    this.rows++;
    const parsed = parseStreetLine(line);
    if (!parsed.ok) return this.reject(lineNo, parsed.reason, line);
    const r = parsed.row;
    if (r.month !== this.month) return this.reject(lineNo, `month ${r.month} does not match the file's month ${this.month}`, line);
    this.accepted++;
    const e = NEEDS_ESCAPE.test(line) ? copyText : asIs;
    const lsoa = r.lsoaCode ?? '';
    let byType = this.counts.get(lsoa);
    if (!byType) {
      byType = new Int32Array(CRIME_TYPES.length);
      this.counts.set(lsoa, byType);
    }
    byType[crimeTypeIndex.get(r.crimeType)!]!++;
    this.parts.push(
      this.idText + '\t' + lineNo + this.head +
        (r.crimeId === null ? N : r.crimeId) + '\t' +
        e(r.reportedBy) + '\t' +
        e(r.fallsWithin) + '\t' +
        (r.longitude === null ? N : String(r.longitude)) + '\t' +
        (r.latitude === null ? N : String(r.latitude)) + '\t' +
        (r.location === null ? N : e(r.location)) + '\t' +
        (r.lsoaCode === null ? N : r.lsoaCode) + '\t' +
        (r.lsoaName === null ? N : e(r.lsoaName)) + '\t' +
        r.crimeType + '\t' +
        (r.outcome === null ? N : e(r.outcome)) + '\t' +
        (r.context === null ? N : e(r.context)) + '\n',
    );
  }

  /** The COPY text of the rows added since the last call. */
  takeRows(): string {
    const text = this.parts.join('');
    this.parts = [];
    return text;
  }

  takeRejections(importId: number, fileName: string): string {
    const prefix = `${importId}\t${copyText(fileName)}\t`;
    const text = this.pendingRejections.map((r) => `${prefix}${r.line}\t${copyText(r.reason)}\t${copyText(r.raw)}\n`).join('');
    this.pendingRejections = [];
    return text;
  }

  /** The COPY text for crime_counts. lsoa_code is '' for rows with no location. */
  countRows(): string {
    const out: string[] = [];
    const head = `${this.fileId}${this.head}`;
    for (const [lsoa, byType] of this.counts) {
      for (let i = 0; i < byType.length; i++) {
        if (byType[i]! > 0) out.push(`${head}${copyText(lsoa)}\t${CRIME_TYPES[i]}\t${byType[i]}\n`);
      }
    }
    return out.join('');
  }
}

const superuser = new WeakMap<Database, boolean>();

/**
 * Whether this connection may skip triggers for the rest of a transaction. The only triggers on the
 * tables a file's rows go into are the foreign-key checks of file_id and import_id, and every row
 * the importer writes refers to the police_files row it inserted in the same transaction (after any
 * delete that cascades), so the check cannot fail; made per row it costs as much as the row's
 * insert. Skipping it takes a superuser (session_replication_role, as pg_restore
 * --disable-triggers does); any other role gets the checks.
 */
async function canSkipTriggers(db: Database, s: BulkSession): Promise<boolean> {
  let known = superuser.get(db);
  if (known === undefined) {
    const [row] = await s.query<{ su: string }>("select current_setting('is_superuser') as su");
    known = row?.su === 'on';
    superuser.set(db, known);
  }
  return known;
}

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

export const STOPPED_MESSAGE = 'Stopped before it finished: the process running it ended. Files it had finished stay loaded; import the rest again.';

/**
 * Records a new import run. With the embedded database only this process can be importing, so any
 * other run still marked as running was stopped part-way (its finished files stay loaded): it is
 * marked as failed.
 */
export async function startImport(db: Database, who: { startedBy: string; partnershipId: number | null; source: string }): Promise<number> {
  const rows = await db.bulk(async (s) => {
    if (db.kind === 'embedded') {
      await s.query(`update police_imports set status = 'failed', message = $1, finished_at = now() where status = 'running' and not (id = any($2::int[]))`, [
        STOPPED_MESSAGE,
        [...running.keys()],
      ]);
    }
    return s.query<{ id: number }>(
      'insert into police_imports (started_by, started_by_partnership_id, source) values ($1, $2, $3) returning id',
      [who.startedBy, who.partnershipId, who.source],
    );
  });
  const id = rows[0]!.id;
  running.set(id, { file: '', fileIndex: 0, files: 0, rows: 0, rowsPerSecond: 0 });
  return id;
}

interface FileMeta {
  kind: 'street';
  force: string;
  month: string;
}

type Loaded = Omit<FileResult, 'name' | 'force' | 'month' | 'message'>;

/**
 * Loads one street file in one transaction, reading it as a stream: old rows out, new rows in by
 * COPY in chunks (one chunk travels while the next is read), counts, rejections, totals.
 */
function loadStreetFile(
  db: Database,
  importId: number,
  source: PoliceSource,
  meta: FileMeta,
  onRows: (rows: number) => void,
  signal: AbortSignal | undefined,
): Promise<Loaded> {
  const monthDate = `${meta.month}-01`;
  return db.bulk(async (s: BulkSession) => {
    const hash = createHash('sha256');
    const decoder = new StringDecoder('utf8');
    const splitter = new LineSplitter();
    let lineNo = 0;
    let builder: StreetCopyBuilder | undefined;
    let previous: { id: number; checksum: string } | undefined;
    let inflight: Promise<void> | undefined;
    let reported = 0;

    const send = async (final: boolean) => {
      if (!builder) return;
      if (builder.pendingRows >= COPY_ROWS || (final && builder.pendingRows > 0)) {
        const text = builder.takeRows();
        if (inflight) await inflight;
        inflight = s.copy('street_crimes', STREET_COLUMNS, text);
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

    const consume = async (lines: string[]) => {
      let i = 0;
      if (!builder && lines.length > 0) {
        lineNo++;
        if (!isStreetHeader(lines[0]!)) {
          throw new NotPoliceFileError(
            `${source.name} is not a police.uk street-level file: its first line should be the header "${expectedHeader}"`,
          );
        }
        i = 1;
        const found = await s.query<{ id: number; checksum: string }>(
          'select id, checksum from police_files where kind = $1 and force = $2 and month = $3 for update',
          [meta.kind, meta.force, monthDate],
        );
        previous = found[0];
        if (previous) await s.query('delete from police_files where id = $1', [previous.id]);
        const [file] = await s.query<{ id: number }>(
          `insert into police_files (import_id, kind, force, month, file_name, checksum, rows_total, rows_accepted, rows_rejected)
           values ($1, $2, $3, $4, $5, '', 0, 0, 0) returning id`,
          [importId, meta.kind, meta.force, monthDate, source.name],
        );
        builder = new StreetCopyBuilder(file!.id, meta.month, meta.force);
        if (await canSkipTriggers(db, s)) await s.query('set local session_replication_role = replica');
      }
      const b = builder;
      if (!b) return;
      for (; i < lines.length; i++) b.add(++lineNo, lines[i]!);
      if (signal?.aborted) throw new ImportStoppedError(`Stopped while loading ${source.name}`);
      await send(false);
    };

    try {
      for await (const chunk of (await source.open()) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        await consume(splitter.push(decoder.write(chunk)));
      }
      await consume([...splitter.push(decoder.end()), ...splitter.end()]);
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
    const counts = b.countRows();
    if (counts.length > 0) await s.copy('crime_counts', COUNT_COLUMNS, counts);
    await s.query('update police_files set checksum = $2, rows_total = $3, rows_accepted = $4, rows_rejected = $5 where id = $1', [
      b.fileId,
      checksum,
      b.rows,
      b.accepted,
      b.rejected,
    ]);
    // Last, so that files loading side by side wait for each other's lock on this row only briefly.
    await s.query(
      `update police_imports set files_loaded = files_loaded + 1, rows_total = rows_total + $2,
         rows_accepted = rows_accepted + $3, rows_rejected = rows_rejected + $4 where id = $1`,
      [importId, b.rows, b.accepted, b.rejected],
    );
    const status: Loaded['status'] = previous ? 'replaced' : 'loaded';
    return { status, rows: b.rows, accepted: b.accepted, rejected: b.rejected, rejections: b.firstRejections };
  });
}

export async function finishImport(db: Database, importId: number, status: 'completed' | 'failed', message?: string): Promise<void> {
  running.delete(importId);
  await db.bulk((s) =>
    s.query('update police_imports set status = $2, message = coalesce($3, message), finished_at = now() where id = $1', [
      importId,
      status,
      message ?? null,
    ]),
  );
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

async function firstLine(source: PoliceSource): Promise<string> {
  const splitter = new LineSplitter();
  const decoder = new StringDecoder('utf8');
  const stream = await source.open();
  let found = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const lines = splitter.push(decoder.write(chunk));
    if (lines.length > 0) {
      found = lines[0]!;
      break;
    }
    if (splitter.pending > RAW_LIMIT) break;
  }
  stream.destroy();
  return found || (splitter.end()[0] ?? '');
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Imports every source, a few at a time (see ImportOptions). A file that is not a police.uk street
 * file is refused, with the reason stored as a rejected line; the rest go on. An error from the
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
    if (!meta) {
      const message = `${source.name}: not a police.uk file name; expected YYYY-MM-<force>-street.csv`;
      await recordRefusal(db, importId, source.name, 0, message, source.baseName);
      results[index] = { ...base, status: 'refused', message };
      return;
    }
    if (meta.kind !== 'street') {
      results[index] = { ...base, status: 'skipped', message: `${source.name}: ${meta.kind} files are not imported yet` };
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
  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? (db.kind === 'server' ? 2 : 1), sources.length)) }, async () => {
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

  const files = results.filter((r): r is FileResult => r !== undefined);
  const refused = files.filter((f) => f.status === 'refused').length;
  const skipped = files.filter((f) => f.status === 'skipped').length;
  if (refused > 0 || skipped > 0) {
    const parts = [
      ...(refused > 0 ? [`${plural(refused, 'file was', 'files were')} refused`] : []),
      ...(skipped > 0 ? [`${plural(skipped, 'file was', 'files were')} skipped (only street-level files are imported)`] : []),
    ];
    await db.bulk((s) => s.query('update police_imports set message = $2 where id = $1', [importId, `${parts.join('; ')}.`]));
  }
  const sum = (k: 'rows' | 'accepted' | 'rejected') => files.reduce((n, r) => n + r[k], 0);
  return { importId, files, rows: sum('rows'), accepted: sum('accepted'), rejected: sum('rejected'), seconds: (Date.now() - started) / 1000 };
}

/**
 * Checks that the loaded data adds up: for every file, its rows are accepted plus rejected, and its
 * accepted rows are exactly its street_crimes rows and the sum of its crime_counts. Returns what is wrong.
 */
export async function policeDataProblems(db: Database): Promise<string[]> {
  const rows = await db.bulk((s) =>
    s.query<{ file_name: string; rows_total: number; rows_accepted: number; rows_rejected: number; crimes: number; counted: number }>(
      `select f.file_name, f.rows_total, f.rows_accepted, f.rows_rejected,
         (select count(*)::int from street_crimes c where c.file_id = f.id) as crimes,
         (select coalesce(sum(n.crimes), 0)::int from crime_counts n where n.file_id = f.id) as counted
       from police_files f order by f.id`,
    ),
  );
  const problems: string[] = [];
  for (const f of rows) {
    if (f.rows_accepted + f.rows_rejected !== f.rows_total) problems.push(`${f.file_name}: ${f.rows_accepted} accepted + ${f.rows_rejected} rejected is not ${f.rows_total} rows`);
    if (f.crimes !== f.rows_accepted) problems.push(`${f.file_name}: ${f.crimes} rows stored, but ${f.rows_accepted} accepted`);
    if (f.counted !== f.rows_accepted) problems.push(`${f.file_name}: counts add up to ${f.counted}, but ${f.rows_accepted} accepted`);
  }
  return problems;
}
