import { copyText, type Database } from '../../platform/db/database.ts';
import type { ByteLineReader } from '../../platform/text/lines.ts';
import { LoadingFile, type Loaded } from './police-file-switch.ts';
import { kindFileTotals } from './police-file-repository.ts';
import { everyFewRows, recordRefusal, type FileLoad, type Rejection } from './police-import.ts';
import { outcomesFiles } from './police-outcomes-load.ts';
import { readSourceLines, type PoliceSource, type SourceLines } from './police-sources.ts';
import { stopSearchFiles } from './police-stop-search-load.ts';
import { RAW_LIMIT, REJECTION_COLUMNS } from './street-copy.ts';

/**
 * Loads police.uk files other than street files (outcomes, stop and search) with the street files'
 * guarantees: the rows streamed in with COPY as they are read and checked, their counts (added up
 * while reading), the rejected lines with their line numbers and reasons, and the import's totals,
 * switched in for the force, month and kind as police-file-switch.ts does (a corrected file replaces
 * the earlier one whole). A file without the kind's header is refused, with the reason stored as a
 * rejected line.
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

/** Rejected lines kept in memory per file for the summary; every one is stored in the database. */
const REJECTIONS_IN_SUMMARY = 1000;
/** Rows sent to the database in one COPY. */
const COPY_ROWS = 16384;

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
    if (month !== this.month)
      return this.reject(lineNo, `${this.spec.monthName} ${month} does not match the file's month ${this.month}`, line);
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
    const text = this.pendingRejections
      .map((r) => `${prefix}${r.line}\t${copyText(r.reason)}\t${this.spec.keepRejectedLines ? copyText(r.raw) : '\\N'}\n`)
      .join('');
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

const headerText = (spec: PoliceFileKind<unknown>) => spec.header.join(',');

/** Loads one file, reading it as a stream: its rows a COPY per transaction, then the switch to it with its counts. */
async function loadFile<Row>(load: FileLoad, source: PoliceSource, spec: PoliceFileKind<Row>): Promise<Loaded> {
  const { importId, signal, onRows } = load;
  const rowColumns = ['file_id', 'line', 'month', 'force', ...spec.rowColumns];
  let loading: LoadingFile | undefined;
  const progress = everyFewRows(onRows);

  /** The header checked, the file's rows are written as it is read. */
  const start = (header: ByteLineReader) => {
    const notKind = `${source.name} is not a police.uk ${spec.label} file`;
    if (header.problem !== null) throw new Refused(`${notKind}: line 1 ${header.problem}`, header.text());
    if (!spec.isHeader(header.text())) {
      throw new Refused(`${notKind}: its first line should be the header "${headerText(spec)}"`, header.text());
    }
    loading = new LoadingFile(load, { kind: spec.kind, force: load.force, month: load.month, name: source.name });
    return { s: loading, builder: new KindCopyBuilder(spec, loading.fileId, load.month, load.force) };
  };

  /** Takes the complete lines read so far, and sends the rows and rejections a chunk at a time; the last ones go with the switch. */
  const take = async ({ s, builder }: ReturnType<typeof start>, lines: ByteLineReader) => {
    while (lines.next()) builder.addRead(lines);
    if (signal?.aborted) throw new Error(`Stopped while loading ${source.name}`);
    if (builder.pendingRows >= COPY_ROWS) await s.copy(spec.rowsTable, rowColumns, builder.takeRows());
    if (builder.pendingRejections.length >= COPY_ROWS) {
      await s.copy('police_rejections', REJECTION_COLUMNS, builder.takeRejections(importId, source.name));
    }
    progress(builder.rows);
  };

  let read: SourceLines<ReturnType<typeof start>> | null;
  try {
    read = await readSourceLines(source, start, take);
  } catch (error) {
    await loading?.abandon();
    throw error;
  }
  if (!read) throw new Refused(`${source.name} is empty: a police.uk ${spec.label} file starts with the header "${headerText(spec)}"`, '');
  const {
    taker: { s, builder: b },
    checksum,
  } = read;
  onRows(b.rows);
  // The same file may have been loaded by someone else since we looked: then it counts as unchanged.
  // Its last rows go in with the switch, so that a small file is one transaction.
  return s.finish(checksum, b, async (session) => {
    if (b.pendingRows > 0) await session.copy(spec.rowsTable, rowColumns, b.takeRows());
    if (b.pendingRejections.length > 0) await session.copy('police_rejections', REJECTION_COLUMNS, b.takeRejections(importId, source.name));
    const counts = b.countRows();
    const countColumns = ['file_id', 'month', 'force', ...spec.countKeyColumns, spec.countColumn];
    if (counts.length > 0) await session.copy(spec.countsTable, countColumns, counts);
  });
}

/**
 * Loads one outcomes or stop-and-search file. A file without the header of its kind is refused, and
 * the refusal stored as its line 1.
 */
export async function loadOtherPoliceFile(load: FileLoad, source: PoliceSource, kind: 'outcomes' | 'stop-and-search'): Promise<Loaded> {
  const spec: PoliceFileKind<unknown> = kind === 'outcomes' ? outcomesFiles : stopSearchFiles;
  try {
    return await loadFile(load, source, spec);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    await recordRefusal(load.db, load.importId, source.name, 1, error.message, spec.keepRejectedLines ? error.raw : null);
    return { status: 'refused', message: error.message, rows: 0, accepted: 0, rejected: 0, rejections: [] };
  }
}

/**
 * Checks that the loaded outcomes and stop-and-search files add up: rows are accepted plus rejected,
 * and accepted rows are exactly the stored rows and the sum of their counts. Returns what is wrong.
 */
export async function otherPoliceDataProblems(db: Database): Promise<string[]> {
  const problems: string[] = [];
  for (const spec of [outcomesFiles, stopSearchFiles] as PoliceFileKind<unknown>[]) {
    const rows = await db.bulk((s) => kindFileTotals(s, spec.kind, spec.countColumn));
    for (const f of rows) {
      if (f.rows_accepted + f.rows_rejected !== f.rows_total)
        problems.push(`${f.file_name}: ${f.rows_accepted} accepted + ${f.rows_rejected} rejected is not ${f.rows_total} rows`);
      if (f.stored !== f.rows_accepted) problems.push(`${f.file_name}: ${f.stored} rows stored, but ${f.rows_accepted} accepted`);
      if (f.counted !== f.rows_accepted) problems.push(`${f.file_name}: counts add up to ${f.counted}, but ${f.rows_accepted} accepted`);
    }
  }
  return problems;
}
