import { BinaryCopyWriter, postgresDate } from '../../platform/db/binary-copy.ts';
import { copyText } from '../../platform/db/database.ts';
import type { ByteLineReader } from '../../platform/text/lines.ts';
import type { Rejection } from './police-import.ts';
import { CRIME_TYPES, lsoaKey, parseStreetLine } from './police-uk-format.ts';
import { storedCoordinate, StreetQuickPath } from './street-quick-path.ts';
import { StreetTallies } from './street-tallies.ts';

/**
 * Turns the lines of one street-level file, as bytes, into rows for street_crimes in PostgreSQL's
 * binary COPY format, and adds up as it goes what crime_lsoa_months holds for each LSOA
 * (street-tallies.ts). A line in the common form is written field by field straight from its bytes
 * (street-quick-path.ts); any other line is parsed as text by parseStreetLine(), which accepts it
 * with the same values or says why it is rejected. Pure work on bytes: the caller decides when to
 * send a chunk.
 */

/** Rejected lines kept in memory per file for the summary; every one is stored in the database. */
const REJECTIONS_IN_SUMMARY = 1000;
/** Longest part of a rejected line that is stored. */
export const RAW_LIMIT = 500;
/** Rows are sent to the database in COPYs of about this many bytes (see pendingBytes). */
export const COPY_CHUNK_BYTES = 2 << 20;

export const STREET_COLUMNS = [
  'file_id',
  'line',
  'month',
  'force',
  'crime_id',
  'reported_by',
  'falls_within',
  'longitude',
  'latitude',
  'location',
  'lsoa_code',
  'lsoa_name',
  'crime_type',
  'outcome',
  'context',
] as const;
export const REJECTION_COLUMNS = ['import_id', 'file_name', 'line', 'reason', 'raw'] as const;

const crimeTypeIndex = new Map<string, number>(CRIME_TYPES.map((t, i) => [t, i]));
const EMPTY = Buffer.alloc(0);

/**
 * The writers of files that have finished, for the next files: each file's rows go out in chunks of a
 * few megabytes, and new buffers for every file keep the garbage collector busy.
 */
const idleWriters: BinaryCopyWriter[] = [];

export class StreetCopyBuilder {
  rows = 0;
  accepted = 0;
  rejected = 0;
  /** Rejected lines not yet stored. */
  pendingRejections: Rejection[] = [];
  /** The first rejected lines, for the summary. */
  readonly firstRejections: Rejection[] = [];
  private readonly out = idleWriters.pop() ?? new BinaryCopyWriter();
  private readonly monthDays: number;
  private readonly tallies: StreetTallies;
  private readonly quick: StreetQuickPath;

  constructor(
    readonly fileId: number,
    private readonly month: string,
    private readonly force: string,
  ) {
    this.monthDays = postgresDate(`${month}-01`);
    this.tallies = new StreetTallies(fileId, this.monthDays, force);
    this.quick = new StreetQuickPath(STREET_COLUMNS.length, fileId, month, this.monthDays, force, this.tallies);
  }

  /** Rows added since the last takeRows(). */
  get pendingRows(): number {
    return this.out.rows;
  }

  /** Bytes of rows added since the last takeRows(). */
  get pendingBytes(): number {
    return this.out.length;
  }

  private reject(line: number, reason: string, raw: string): void {
    this.rejected++;
    const rejection = { line, reason, raw: raw.slice(0, RAW_LIMIT) };
    this.pendingRejections.push(rejection);
    if (this.firstRejections.length < REJECTIONS_IN_SUMMARY) this.firstRejections.push(rejection);
  }

  /**
   * The reader's current line, a data line: stored, or rejected with the reader's reason when it is
   * too long, holds a NUL byte or is not UTF-8 (see src/platform/text/lines.ts).
   */
  add(lines: ByteLineReader): void {
    if (lines.problem === null) return this.addLine(lines.line, lines.bytes, lines.start, lines.end);
    this.rows++;
    this.reject(lines.line, `the line ${lines.problem}`, lines.text());
  }

  /**
   * One data line, bytes[start, end) without its line ending, by its line number in the file (the
   * header is line 1), known to be UTF-8 without NUL bytes. Blank lines are not rows.
   */
  addLine(lineNo: number, bytes: Buffer, start: number, end: number): void {
    if (end === start) return;
    this.rows++;
    if (this.quick.write(this.out, lineNo, bytes, start, end)) this.accepted++;
    else this.addText(lineNo, bytes.toString('utf8', start, end));
  }

  /** A line not in the common form, as text. */
  private addText(lineNo: number, line: string): void {
    const parsed = parseStreetLine(line);
    if (!parsed.ok) return this.reject(lineNo, parsed.reason, line);
    const r = parsed.row;
    if (r.month !== this.month) return this.reject(lineNo, `month ${r.month} does not match the file's month ${this.month}`, line);
    this.accepted++;
    const location = r.location === null ? EMPTY : Buffer.from(r.location, 'utf8');
    this.tallies.count(
      r.lsoaCode === null ? -1 : lsoaKey(r.lsoaCode),
      crimeTypeIndex.get(r.crimeType)!,
      this.tallies.outcomeNumber(r.outcome),
      location,
      r.location === null ? -1 : 0,
      location.length,
    );
    const out = this.out;
    const text = (value: string | null) => (value === null ? out.null() : out.text(value));
    out.row(STREET_COLUMNS.length);
    out.int4(this.fileId);
    out.int4(lineNo);
    out.date(this.monthDays);
    out.text(this.force);
    text(r.crimeId);
    text(r.reportedBy);
    text(r.fallsWithin);
    if (r.longitude === null || r.latitude === null) {
      out.null();
      out.null();
    } else {
      out.float8(storedCoordinate(r.longitude));
      out.float8(storedCoordinate(r.latitude));
    }
    text(r.location);
    text(r.lsoaCode);
    text(r.lsoaName);
    text(r.crimeType);
    text(r.outcome);
    text(r.context);
  }

  /**
   * The rows added since the last call, as a binary COPY payload for STREET_COLUMNS. It stays valid
   * until the next call: finish with it (its COPY) first.
   */
  takeRows(): Buffer {
    return this.out.take();
  }

  /** The rejected lines not yet taken, as COPY text for REJECTION_COLUMNS. */
  takeRejections(importId: number, fileName: string): string {
    const prefix = `${importId}\t${copyText(fileName)}\t`;
    const text = this.pendingRejections.map((r) => `${prefix}${r.line}\t${copyText(r.reason)}\t${copyText(r.raw)}\n`).join('');
    this.pendingRejections = [];
    return text;
  }

  /**
   * What each LSOA's rows add up to, as a binary COPY payload for LSOA_MONTH_COLUMNS (see
   * StreetTallies.writeLsoaMonthRows()). Null when there are no rows. Call it once every row has been
   * taken, and finish with the rows (their COPY) first, as for takeRows().
   */
  lsoaMonthRows(): Buffer | null {
    if (this.out.rows > 0) throw new Error('lsoaMonthRows(): rows not yet taken');
    if (this.tallies.empty) return null;
    this.tallies.writeLsoaMonthRows(this.out);
    return this.out.take();
  }

  /**
   * The force's totals per crime type, as a binary COPY payload for FORCE_COUNT_COLUMNS. Null when
   * there are none. As for lsoaMonthRows(), finish with those first.
   */
  forceCountRows(): Buffer | null {
    if (this.out.rows > 0) throw new Error('forceCountRows(): rows not yet taken');
    return this.tallies.writeForceCountRows(this.out) ? this.out.take() : null;
  }

  /** Once the file is stored (every COPY finished): the next file's builder reuses this one's buffers. */
  release(): void {
    if (this.out.rows === 0 && idleWriters.length < 4 && !idleWriters.includes(this.out)) idleWriters.push(this.out);
  }
}
