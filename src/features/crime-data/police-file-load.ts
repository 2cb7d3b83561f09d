import { createHash } from 'node:crypto';
import { copyText, type BulkSession, type Database } from '../../platform/db/database.ts';
import { ByteLineReader } from '../../platform/text/lines.ts';
import type { FileResult, Rejection } from './police-import.ts';
import { outcomesFiles } from './police-outcomes-load.ts';
import type { PoliceSource } from './police-sources.ts';
import { stopSearchFiles } from './police-stop-search-load.ts';

/**
 * Loads police.uk files other than street files (outcomes, stop and search) with the street files'
 * guarantees. Each force, month and kind is one transaction: the old file's rows out (a corrected
 * file replaces the earlier one whole), the rows streamed in with COPY as they are read and checked,
 * their counts (added up while reading), the rejected lines with their line numbers and reasons, and
 * the import's totals. The same file again (by checksum) changes nothing. A file without the kind's
 * header is refused, with the reason stored as a rejected line.
 */

export type CopyValue = string | number | boolean | null;

/** How one kind of file is read, stored and counted. */
export interface PoliceFileKind<Row> {
  kind: 'outcomes' | 'stop-and-search';
  /** As people call the file: "outcomes", "stop and search". */
  label: string;
  header: readonly string[];
  isHeader(line: string): boolean;
  parse(line: string): { ok: true; row: Row } | { ok: false; reason: string };
  /** The month a row is for, which must be the file's month; `monthName` says what it is in messages. */
  monthOf(row: Row): string;
  monthName: string;
  rowsTable: string;
  /** The row table's columns after file_id, line, month and force, and a row's values for them. */
  rowColumns: readonly string[];
  rowValues(row: Row): CopyValue[];
  countsTable: string;
  /** The columns rows are counted by (after file_id, month and force), and a row's values for them. */
  countKeyColumns: readonly string[];
  countKey(row: Row): CopyValue[];
  /** The column holding the count. */
  countColumn: string;
  /**
   * Whether a rejected line is stored as it was. Not for stop and search: a line that fails the
   * checks may hold something about the person searched that police.uk does not publish.
   */
  keepRejectedLines: boolean;
}

export type KindLoaded = Pick<FileResult, 'status' | 'message' | 'rows' | 'accepted' | 'rejected' | 'rejections'>;

/** Rejected lines kept in memory per file for the summary; every one is stored in the database. */
const REJECTIONS_IN_SUMMARY = 1000;
/** Rows sent to the database in one COPY. */
const COPY_ROWS = 16384;
/** Longest part of a rejected line that is stored. */
const RAW_LIMIT = 500;
const REJECTION_COLUMNS = ['import_id', 'file_name', 'line', 'reason', 'raw'] as const;

function copyValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return copyText(value);
}

const copyLine = (values: readonly CopyValue[]) => values.map(copyValue).join('\t');

/**
 * Turns the data lines of one file into COPY text for the kind's row table, and adds up its counts as
 * it goes. Pure work on strings: the caller decides when to send a chunk.
 */
export class KindCopyBuilder<Row> {
  rows = 0;
  accepted = 0;
  rejected = 0;
  /** Rejected lines not yet stored. */
  pendingRejections: Rejection[] = [];
  /** The first rejected lines, for the summary. */
  readonly firstRejections: Rejection[] = [];
  private readonly counts = new Map<string, number>();
  private parts: string[] = [];
  private readonly head: string;

  constructor(
    private readonly spec: PoliceFileKind<Row>,
    readonly fileId: number,
    private readonly month: string,
    force: string,
  ) {
    this.head = `\t${month}-01\t${copyText(force)}`;
  }

  get pendingRows(): number {
    return this.parts.length;
  }

  private reject(line: number, reason: string, raw: string): void {
    this.rejected++;
    const rejection = { line, reason, raw: this.spec.keepRejectedLines ? raw.slice(0, RAW_LIMIT) : '' };
    this.pendingRejections.push(rejection);
    if (this.firstRejections.length < REJECTIONS_IN_SUMMARY) this.firstRejections.push(rejection);
  }

  /**
   * The reader's current line, a data line: added, or rejected with the reader's reason when it is
   * too long, holds a NUL byte or is not UTF-8 (see src/platform/text/lines.ts).
   */
  addRead(lines: ByteLineReader): void {
    if (lines.problem === null) return this.add(lines.line, lines.text());
    this.rows++;
    this.reject(lines.line, `the line ${lines.problem}`, lines.text());
  }

  /** One data line, by its line number in the file (the header is line 1). Blank lines are not rows. */
  add(lineNo: number, line: string): void {
    if (line.length === 0) return;
    this.rows++;
    const parsed = this.spec.parse(line);
    if (!parsed.ok) return this.reject(lineNo, parsed.reason, line);
    const month = this.spec.monthOf(parsed.row);
    if (month !== this.month) return this.reject(lineNo, `${this.spec.monthName} ${month} does not match the file's month ${this.month}`, line);
    this.accepted++;
    this.parts.push(`${this.fileId}\t${lineNo}${this.head}\t${copyLine(this.spec.rowValues(parsed.row))}\n`);
    const key = copyLine(this.spec.countKey(parsed.row));
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** The COPY text of the rows added since the last call. */
  takeRows(): string {
    const text = this.parts.join('');
    this.parts = [];
    return text;
  }

  takeRejections(importId: number, fileName: string): string {
    const prefix = `${importId}\t${copyText(fileName)}\t`;
    const text = this.pendingRejections.map((r) => `${prefix}${r.line}\t${copyText(r.reason)}\t${this.spec.keepRejectedLines ? copyText(r.raw) : '\\N'}\n`).join('');
    this.pendingRejections = [];
    return text;
  }

  /** The COPY text for the kind's counts table. */
  countRows(): string {
    return [...this.counts].map(([key, n]) => `${this.fileId}${this.head}\t${key}\t${n}\n`).join('');
  }
}

/** A file that is not of the kind its name says, refused whole; `raw` is its first line. */
class Refused extends Error {
  constructor(
    message: string,
    readonly raw: string,
  ) {
    super(message);
  }
}

/** The same file as the one loaded already: thrown to undo the transaction, counted as unchanged. */
export class Unchanged extends Error {}

/** What loading one file added up to. */
export interface FileTally {
  fileId: number;
  rows: number;
  accepted: number;
  rejected: number;
  firstRejections: Rejection[];
}

/**
 * Starts a file's row in police_files, in the transaction that loads it: the force-month's earlier
 * file of the same kind is locked and deleted (its rows and counts go with it, by trigger: see
 * migrations 0006 and 0007), and a new row is made for recordLoadedFile() to complete. Gives the new
 * row's id and the earlier file, if there was one.
 */
export async function startFileRow(
  s: BulkSession,
  importId: number,
  file: { kind: string; force: string; month: string; name: string },
): Promise<{ fileId: number; previous: { id: number; checksum: string } | undefined }> {
  const monthDate = `${file.month}-01`;
  const [previous] = await s.query<{ id: number; checksum: string }>(
    'select id, checksum from police_files where kind = $1 and force = $2 and month = $3 for update',
    [file.kind, file.force, monthDate],
  );
  if (previous) await s.query('delete from police_files where id = $1', [previous.id]);
  const [row] = await s.query<{ id: number }>(
    `insert into police_files (import_id, kind, force, month, file_name, checksum, rows_total, rows_accepted, rows_rejected)
     values ($1, $2, $3, $4, $5, '', 0, 0, 0) returning id`,
    [importId, file.kind, file.force, monthDate, file.name],
  );
  return { fileId: row!.id, previous };
}

/**
 * Records a loaded file's checksum and totals on its police_files row, then adds them to its import
 * (last, so that files loading side by side wait for each other's lock on that row only briefly),
 * and says how the load went. For every kind of police.uk file.
 */
export async function recordLoadedFile(
  s: BulkSession,
  importId: number,
  tally: FileTally,
  checksum: string,
  replaced: boolean,
): Promise<Omit<FileResult, 'name' | 'force' | 'month' | 'message'>> {
  const { fileId, rows, accepted, rejected } = tally;
  await s.query('update police_files set checksum = $2, rows_total = $3, rows_accepted = $4, rows_rejected = $5 where id = $1', [
    fileId,
    checksum,
    rows,
    accepted,
    rejected,
  ]);
  await s.query(
    `update police_imports set files_loaded = files_loaded + 1, rows_total = rows_total + $2,
       rows_accepted = rows_accepted + $3, rows_rejected = rows_rejected + $4 where id = $1`,
    [importId, rows, accepted, rejected],
  );
  return { status: replaced ? 'replaced' : 'loaded', rows, accepted, rejected, rejections: tally.firstRejections };
}

const headerText = (spec: PoliceFileKind<unknown>) => spec.header.join(',');

async function hashSource(source: PoliceSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of (await source.open()) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/** Loads one file in one transaction, reading it as a stream. */
function loadFile<Row>(
  db: Database,
  importId: number,
  source: PoliceSource,
  meta: { force: string; month: string },
  spec: PoliceFileKind<Row>,
  onRows: (rows: number) => void,
  signal: AbortSignal | undefined,
): Promise<KindLoaded> {
  return db.bulk(async (s: BulkSession) => {
    const hash = createHash('sha256');
    const lines = new ByteLineReader();
    let builder: KindCopyBuilder<Row> | undefined;
    let previous: { id: number; checksum: string } | undefined;
    let reported = 0;

    const send = async (final: boolean) => {
      if (!builder) return;
      if (builder.pendingRows >= COPY_ROWS || (final && builder.pendingRows > 0)) {
        await s.copy(spec.rowsTable, ['file_id', 'line', 'month', 'force', ...spec.rowColumns], builder.takeRows());
      }
      if (builder.pendingRejections.length >= COPY_ROWS || (final && builder.pendingRejections.length > 0)) {
        await s.copy('police_rejections', REJECTION_COLUMNS, builder.takeRejections(importId, source.name));
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
        const notKind = `${source.name} is not a police.uk ${spec.label} file`;
        if (lines.problem !== null) throw new Refused(`${notKind}: line 1 ${lines.problem}`, lines.text());
        if (!spec.isHeader(lines.text())) {
          throw new Refused(`${notKind}: its first line should be the header "${headerText(spec)}"`, lines.text());
        }
        const started = await startFileRow(s, importId, { kind: spec.kind, force: meta.force, month: meta.month, name: source.name });
        previous = started.previous;
        builder = new KindCopyBuilder(spec, started.fileId, meta.month, meta.force);
      }
      while (lines.next()) builder.addRead(lines);
      if (signal?.aborted) throw new Error(`Stopped while loading ${source.name}`);
      await send(false);
    };

    for await (const chunk of (await source.open()) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      lines.push(chunk);
      await consume();
    }
    lines.finish();
    await consume();
    const b = builder as KindCopyBuilder<Row> | undefined;
    if (!b) throw new Refused(`${source.name} is empty: a police.uk ${spec.label} file starts with the header "${headerText(spec)}"`, '');
    await send(true);
    const checksum = hash.digest('hex');
    // The same file was loaded by someone else since we looked: undo, and count it as unchanged.
    if (previous?.checksum === checksum) throw new Unchanged();
    const counts = b.countRows();
    if (counts.length > 0) await s.copy(spec.countsTable, ['file_id', 'month', 'force', ...spec.countKeyColumns, spec.countColumn], counts);
    return recordLoadedFile(s, importId, b, checksum, previous !== undefined);
  });
}

/**
 * Imports one outcomes or stop-and-search file: a new force-month is loaded; a known one is first
 * checked by checksum and loaded (replacing the old) only if it differs. A file without the header
 * of its kind is refused, and the refusal stored as its line 1.
 */
export async function importOtherPoliceFile(
  db: Database,
  importId: number,
  source: PoliceSource,
  meta: { kind: 'outcomes' | 'stop-and-search'; force: string; month: string },
  onRows: (rows: number) => void,
  signal: AbortSignal | undefined,
): Promise<KindLoaded> {
  const spec: PoliceFileKind<unknown> = meta.kind === 'outcomes' ? outcomesFiles : stopSearchFiles;
  const known = await db.bulk((s) =>
    s.query<{ checksum: string; rows_total: number; rows_accepted: number; rows_rejected: number }>(
      'select checksum, rows_total, rows_accepted, rows_rejected from police_files where kind = $1 and force = $2 and month = $3',
      [meta.kind, meta.force, `${meta.month}-01`],
    ),
  );
  const old = known[0];
  if (!old || (await hashSource(source)) !== old.checksum) {
    try {
      return await loadFile(db, importId, source, meta, spec, onRows, signal);
    } catch (error) {
      if (error instanceof Refused) {
        await db.bulk((s) =>
          s.query('insert into police_rejections (import_id, file_name, line, reason, raw) values ($1, $2, 1, $3, $4) on conflict do nothing', [
            importId,
            source.name,
            error.message,
            spec.keepRejectedLines ? error.raw.slice(0, RAW_LIMIT) : null,
          ]),
        );
        return { status: 'refused', message: error.message, rows: 0, accepted: 0, rejected: 0, rejections: [] };
      }
      if (!(error instanceof Unchanged)) throw error;
    }
  }
  await db.bulk((s) => s.query('update police_imports set files_unchanged = files_unchanged + 1 where id = $1', [importId]));
  return { status: 'unchanged', rows: old?.rows_total ?? 0, accepted: old?.rows_accepted ?? 0, rejected: old?.rows_rejected ?? 0, rejections: [] };
}

/**
 * Checks that the loaded outcomes and stop-and-search files add up: rows are accepted plus rejected,
 * and accepted rows are exactly the stored rows and the sum of their counts. Returns what is wrong.
 */
export async function otherPoliceDataProblems(db: Database): Promise<string[]> {
  const problems: string[] = [];
  for (const spec of [outcomesFiles, stopSearchFiles] as PoliceFileKind<unknown>[]) {
    const rows = await db.bulk((s) =>
      s.query<{ file_name: string; rows_total: number; rows_accepted: number; rows_rejected: number; stored: number; counted: number }>(
        `select f.file_name, f.rows_total, f.rows_accepted, f.rows_rejected,
           (select count(*)::int from ${spec.rowsTable} r where r.file_id = f.id) as stored,
           (select coalesce(sum(c.${spec.countColumn}), 0)::int from ${spec.countsTable} c where c.file_id = f.id) as counted
         from police_files f where f.kind = $1 order by f.id`,
        [spec.kind],
      ),
    );
    for (const f of rows) {
      if (f.rows_accepted + f.rows_rejected !== f.rows_total) problems.push(`${f.file_name}: ${f.rows_accepted} accepted + ${f.rows_rejected} rejected is not ${f.rows_total} rows`);
      if (f.stored !== f.rows_accepted) problems.push(`${f.file_name}: ${f.stored} rows stored, but ${f.rows_accepted} accepted`);
      if (f.counted !== f.rows_accepted) problems.push(`${f.file_name}: counts add up to ${f.counted}, but ${f.rows_accepted} accepted`);
    }
  }
  return problems;
}
