import { BinaryCopyWriter, postgresDate } from '../../platform/db/binary-copy.ts';
import { copyText } from '../../platform/db/database.ts';
import type { ByteLineReader } from '../../platform/text/lines.ts';
import { LocationTally } from './location-tally.ts';
import type { Rejection } from './police-import.ts';
import { ByteMemo, bytesAre, CRIME_TYPES, crimeTypeIndexOf, crimeTypeNumber, lsoaCodeOf, lsoaKey, outcomeOfBytes, parseStreetLine, UK } from './police-uk-format.ts';

/**
 * Turns the lines of one street-level file, as bytes, into rows for street_crimes in PostgreSQL's
 * binary COPY format, and adds up as it goes what crime_lsoa_months holds for each LSOA: crimes by
 * crime type, by crime type and last outcome, and by location and crime type. A line in the common
 * form is written field by field straight from its bytes, in one pass, without becoming a string:
 * printable ASCII with no quotes and no spaces around values, the file's own month, coordinates as
 * plain decimals. Any other line is parsed as text by parseStreetLine(), which accepts it with the
 * same values or says why it is rejected. Pure work on bytes: the caller decides when to send a chunk.
 */

/** Rejected lines kept in memory per file for the summary; every one is stored in the database. */
const REJECTIONS_IN_SUMMARY = 1000;
/** Longest part of a rejected line that is stored. */
export const RAW_LIMIT = 500;
/** Rows are sent to the database in COPYs of about this many bytes (see pendingBytes). */
export const COPY_CHUNK_BYTES = 2 << 20;

export const STREET_COLUMNS = [
  'file_id', 'line', 'month', 'force', 'crime_id', 'reported_by', 'falls_within', 'longitude', 'latitude',
  'location', 'lsoa_code', 'lsoa_name', 'crime_type', 'outcome', 'context',
] as const;
export const LSOA_MONTH_COLUMNS = [
  'file_id', 'month', 'force', 'lsoa_code', 'crime_types', 'crimes', 'outcome_types', 'outcomes', 'outcome_crimes',
  'locations', 'location_types', 'location_crimes',
] as const;
export const FORCE_COUNT_COLUMNS = ['file_id', 'month', 'force', 'crime_type', 'crimes'] as const;
export const REJECTION_COLUMNS = ['import_id', 'file_name', 'line', 'reason', 'raw'] as const;

const crimeTypeIndex = new Map<string, number>(CRIME_TYPES.map((t, i) => [t, i]));
const crimeTypeBytes = CRIME_TYPES.map((t) => Buffer.from(t, 'utf8'));
const NO_LOCATION = Buffer.from('No Location', 'utf8');
const EMPTY = Buffer.alloc(0);
const TYPES = CRIME_TYPES.length;

/**
 * What one LSOA's rows add up to (a row of crime_lsoa_months). Its crimes by crime type and outcome
 * are outcomeCrimes[k] for the key outcomeKeys[k], crime type * OUTCOME_KEYS + outcome number (see
 * StreetCopyBuilder.outcomeNumber()): an LSOA has a few of the many pairs a file has. Locations
 * are their numbers in the file's LocationTally, in the order first seen.
 */
class LsoaTally {
  readonly crimes = new Int32Array(TYPES);
  readonly outcomeKeys: number[] = [];
  readonly outcomeCrimes: number[] = [];
  readonly locations: number[] = [];

  countOutcome(key: number): void {
    const keys = this.outcomeKeys;
    for (let k = 0; k < keys.length; k++) {
      if (keys[k] === key) {
        this.outcomeCrimes[k]!++;
        return;
      }
    }
    keys.push(key);
    this.outcomeCrimes.push(1);
  }
}

/** More outcomes than a file can have (see outcomeNumber()); keys stay small integers. */
const OUTCOME_KEYS = 2 ** 26;


/** What a byte is to the quick path: part of a value, the comma after one, or a byte it leaves to parseStreetLine(). */
const VALUE = 0;
const COMMA = 1;
const BYTE_CLASS = new Uint8Array(256).map((_, c) => (c === 44 ? COMMA : c < 32 || c === 34 || c > 126 ? 2 : VALUE));

/** A coordinate as stored: the number the text reads as, with -0 as 0 (as its text was stored before). */
const stored = (value: number) => value + 0;

/**
 * The writers of files that have finished, for the next files: each file's rows go out in chunks of a
 * few megabytes, and new buffers for every file keep the garbage collector busy.
 */
const idleWriters: BinaryCopyWriter[] = [];

function int32(out: Uint8Array, at: number, value: number): void {
  out[at] = value >>> 24;
  out[at + 1] = (value >>> 16) & 255;
  out[at + 2] = (value >>> 8) & 255;
  out[at + 3] = value & 255;
}

export class StreetCopyBuilder {
  rows = 0;
  accepted = 0;
  rejected = 0;
  /** Rejected lines not yet stored. */
  pendingRejections: Rejection[] = [];
  /** The first rejected lines, for the summary. */
  readonly firstRejections: Rejection[] = [];
  /** By lsoaKey(), and -1 for rows with no LSOA. */
  private readonly tallies = new Map<number, LsoaTally>();
  private readonly locationTally = new LocationTally();
  /** This file's outcomes by number: 0 is none, n is outcomes[n - 1]. */
  private readonly outcomes: { name: string; bytes: Buffer }[] = [];
  private readonly outcomeNumbers = new Map<string, number>();
  private readonly out = idleWriters.pop() ?? new BinaryCopyWriter();
  private readonly monthDays: number;
  private readonly monthBytes: Buffer;
  /** The start of every row: its field count, file id, line number (written over), month and force. */
  private readonly head: Buffer;
  /** Where the quick path reads next in the line: the start of the field after the one it read last. */
  private next = 0;

  constructor(
    readonly fileId: number,
    private readonly month: string,
    private readonly force: string,
  ) {
    this.monthDays = postgresDate(`${month}-01`);
    this.monthBytes = Buffer.from(month, 'utf8');
    const head = new BinaryCopyWriter(64);
    head.row(STREET_COLUMNS.length);
    head.int4(fileId);
    head.int4(0);
    head.date(this.monthDays);
    head.text(force);
    // Without the COPY header in front and the trailer behind.
    this.head = Buffer.from(head.take().subarray(19, -2));
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

  /** The number of an outcome in this file (0 for none). */
  private outcomeNumber(outcome: string | null): number {
    if (outcome === null) return 0;
    let n = this.outcomeNumbers.get(outcome);
    if (n === undefined) {
      if (this.outcomes.length + 1 >= OUTCOME_KEYS) throw new Error(`more than ${OUTCOME_KEYS - 2} different outcomes in one file`);
      this.outcomes.push({ name: outcome, bytes: Buffer.from(outcome, 'utf8') });
      n = this.outcomes.length;
      this.outcomeNumbers.set(outcome, n);
    }
    return n;
  }

  /** Counts a row: its LSOA, crime type, outcome number, and location as bytes[from, to) (from < 0: none). */
  private count(lsoa: number, crimeType: number, outcome: number, bytes: Uint8Array, from: number, to: number): void {
    let tally = this.tallies.get(lsoa);
    if (!tally) {
      tally = new LsoaTally();
      this.tallies.set(lsoa, tally);
    }
    tally.crimes[crimeType]!++;
    tally.countOutcome(crimeType * OUTCOME_KEYS + outcome);
    if (from < 0) return;
    const added = this.locationTally.add(lsoa, bytes, from, to, crimeType);
    if (added >= 0) tally.locations.push(added);
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
    if (!this.quick(lineNo, bytes, start, end)) this.addText(lineNo, bytes.toString('utf8', start, end));
  }

  /**
   * Writes the row of a line in the common form straight from its bytes; says false, having
   * written nothing, for any other line.
   */
  private quick(lineNo: number, b: Buffer, start: number, end: number): boolean {
    const w = this.out;
    // Room for the row: its head, 11 lengths, the line's bytes and a longer outcome or crime type.
    w.ensure(this.head.length + 44 + (end - start) + 128);
    const o = w.bytes;
    let at = w.length;
    const head = this.head;
    for (let k = 0; k < head.length; k++) o[at + k] = head[k]!;
    int32(o, at + 14, lineNo);
    at += head.length;

    // Crime ID: blank, or 64 hexadecimal digits, stored in lower case.
    let i = start;
    const idAt = at;
    at += 4;
    for (; i < end; i++) {
      const c = b[i]!;
      if (c === 44) break;
      if (c >= 48 && c <= 57) o[at++] = c;
      else {
        const lower = c | 0x20;
        if (lower < 97 || lower > 102) return false;
        o[at++] = lower;
      }
    }
    const idLength = i - start;
    if (i === end || (idLength !== 0 && idLength !== 64)) return false;
    int32(o, idAt, idLength === 0 ? -1 : idLength);
    i++;

    // Month: the file's own (it is in the head).
    const month = this.monthBytes;
    if (end - i <= month.length || !bytesAre(month, b, i) || b[i + month.length] !== 44) return false;
    i += month.length + 1;

    at = this.value(b, i, end, o, at, false, false);
    if (at < 0) return false;
    at = this.value(b, this.next, end, o, at, false, false);
    if (at < 0) return false;
    i = this.next;

    // Longitude and latitude: both blank, or both plain decimals within the UK.
    if (end - i >= 2 && b[i] === 44 && b[i + 1] === 44) {
      int32(o, at, -1);
      int32(o, at + 4, -1);
      at += 8;
      i += 2;
    } else {
      const longitude = this.decimal(b, i, end);
      const latitude = this.decimal(b, this.next, end);
      if (!(longitude >= UK.minLon && longitude <= UK.maxLon && latitude >= UK.minLat && latitude <= UK.maxLat)) return false;
      int32(o, at, 8);
      o.writeDoubleBE(stored(longitude), at + 4);
      int32(o, at + 12, 8);
      o.writeDoubleBE(stored(latitude), at + 16);
      at += 24;
      i = this.next;
    }

    // Location: "No Location" is none.
    const locationAt = at;
    at = this.value(b, i, end, o, at, false, true);
    if (at < 0) return false;
    let locationFrom = -1;
    const locationTo = this.next - 1;
    if (locationTo - i === NO_LOCATION.length && bytesAre(NO_LOCATION, b, i)) {
      int32(o, locationAt, -1);
      at = locationAt + 4;
    } else if (at > locationAt + 4) {
      locationFrom = i;
    }
    i = this.next;

    // LSOA code: blank, or E or W, 0 and seven digits.
    let lsoa = -1;
    if (i < end && b[i] === 44) {
      int32(o, at, -1);
      at += 4;
      i++;
    } else {
      if (end - i < 10 || b[i + 9] !== 44 || (b[i] !== 69 && b[i] !== 87) || b[i + 1] !== 48) return false;
      let code = 0;
      for (let k = i + 2; k < i + 9; k++) {
        const d = b[k]! - 48;
        if (d < 0 || d > 9) return false;
        code = code * 10 + d;
      }
      lsoa = (b[i] === 87 ? 10_000_000 : 0) + code;
      int32(o, at, 9);
      for (let k = 0; k < 9; k++) o[at + 4 + k] = b[i + k]!;
      at += 13;
      i += 10;
    }

    at = this.value(b, i, end, o, at, false, true);
    if (at < 0) return false;
    i = this.next;

    // Crime type and outcome, as normaliseCrimeType() and normaliseOutcome() give them.
    let from = i;
    let hash = ByteMemo.EMPTY;
    for (; i < end && BYTE_CLASS[b[i]!] === VALUE; i++) hash = ByteMemo.hash(hash, b[i]!);
    if (i === end || b[i] !== 44) return false;
    const type = crimeTypeIndexOf.hashed(hash, b, from, i);
    if (type < 0) return false;
    const typeBytes = crimeTypeBytes[type]!;
    int32(o, at, typeBytes.length);
    for (let k = 0; k < typeBytes.length; k++) o[at + 4 + k] = typeBytes[k]!;
    at += 4 + typeBytes.length;
    from = ++i;
    hash = ByteMemo.EMPTY;
    for (; i < end && BYTE_CLASS[b[i]!] === VALUE; i++) hash = ByteMemo.hash(hash, b[i]!);
    if (i === end || b[i] !== 44) return false;
    const outcome = this.outcomeNumber(i === from ? null : outcomeOfBytes.hashed(hash, b, from, i));
    if (outcome === 0) {
      int32(o, at, -1);
      at += 4;
    } else {
      const outcomeBytes = this.outcomes[outcome - 1]!.bytes;
      int32(o, at, outcomeBytes.length);
      for (let k = 0; k < outcomeBytes.length; k++) o[at + 4 + k] = outcomeBytes[k]!;
      at += 4 + outcomeBytes.length;
    }

    // Context, the last field.
    at = this.value(b, i + 1, end, o, at, true, true);
    if (at < 0) return false;

    w.length = at;
    w.rows++;
    this.accepted++;
    this.count(lsoa, type, outcome, b, locationFrom, locationTo);
    return true;
  }

  /**
   * Copies the text field that starts at bytes[i] into the row at `at`, after its length; blank is
   * null if nullable. The field ends at a comma, or at the end of the line if it is the last. Returns
   * where the row goes on, or -1 if the quick path cannot take the field; this.next is then where the
   * next field starts.
   */
  private value(b: Uint8Array, i: number, end: number, o: Uint8Array, at: number, last: boolean, nullable: boolean): number {
    const from = i;
    let to = at + 4;
    for (; i < end; i++) {
      const c = b[i]!;
      const kind = BYTE_CLASS[c]!;
      if (kind !== VALUE) {
        if (kind === COMMA) break;
        return -1;
      }
      o[to++] = c;
    }
    // Too few fields, or too many.
    if ((i === end) !== last) return -1;
    const length = i - from;
    // Spaces around the value, which parseStreetLine() trims.
    if (length > 0 && (b[from] === 32 || b[i - 1] === 32)) return -1;
    this.next = i + 1;
    if (length === 0 && nullable) {
      int32(o, at, -1);
      return at + 4;
    }
    int32(o, at, length);
    return to;
  }

  /**
   * The coordinate that starts at bytes[i], up to a comma: a plain decimal, -?digits[.digits] with
   * at most 15 digits, read exactly as Number() reads it (the digits as a whole number, divided by a
   * power of ten, is one correctly rounded division). NaN for anything else. this.next as for value().
   */
  private decimal(b: Uint8Array, i: number, end: number): number {
    const negative = i < end && b[i] === 45;
    if (negative) i++;
    const first = i;
    let n = 0;
    let scale = 1;
    for (; i < end; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    let digits = i - first;
    if (digits === 0) return NaN;
    if (i < end && b[i] === 46) {
      const fraction = ++i;
      for (; i < end; i++) {
        const d = b[i]! - 48;
        if (d < 0 || d > 9) break;
        n = n * 10 + d;
        scale *= 10;
      }
      if (i === fraction) return NaN;
      digits += i - fraction;
    }
    if (i === end || b[i] !== 44 || digits > 15) return NaN;
    this.next = i + 1;
    return negative ? -(n / scale) : n / scale;
  }

  /** A line not in the common form, as text. */
  private addText(lineNo: number, line: string): void {
    const parsed = parseStreetLine(line);
    if (!parsed.ok) return this.reject(lineNo, parsed.reason, line);
    const r = parsed.row;
    if (r.month !== this.month) return this.reject(lineNo, `month ${r.month} does not match the file's month ${this.month}`, line);
    this.accepted++;
    const location = r.location === null ? EMPTY : Buffer.from(r.location, 'utf8');
    this.count(r.lsoaCode === null ? -1 : lsoaKey(r.lsoaCode), crimeTypeIndex.get(r.crimeType)!, this.outcomeNumber(r.outcome), location, r.location === null ? -1 : 0, location.length);
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
      out.float8(stored(r.longitude));
      out.float8(stored(r.latitude));
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
   * What each LSOA's rows add up to, as a binary COPY payload for LSOA_MONTH_COLUMNS, in LSOA code
   * order; lsoa_code is '' for rows with no LSOA. Crime types are their crime_types.id. Counts by
   * crime type in CRIME_TYPES order; by outcome, by crime type and then no outcome first and the
   * others in the order first seen in the file; by location, locations and each one's crime types in
   * the order first seen. Null when there are no rows. Call it once every row has been taken, and
   * finish with the rows (their COPY) first, as for takeRows().
   */
  lsoaMonthRows(): Buffer | null {
    if (this.out.rows > 0) throw new Error('lsoaMonthRows(): rows not yet taken');
    if (this.tallies.size === 0) return null;
    const out = this.out;
    const types: number[] = [];
    const crimes: number[] = [];
    const outcomes: (string | null)[] = [];
    for (const lsoa of [...this.tallies.keys()].sort((a, b) => a - b)) {
      const tally = this.tallies.get(lsoa)!;
      out.row(LSOA_MONTH_COLUMNS.length);
      out.int4(this.fileId);
      out.date(this.monthDays);
      out.text(this.force);
      out.text(lsoa < 0 ? '' : lsoaCodeOf(lsoa));

      types.length = crimes.length = 0;
      for (let type = 0; type < TYPES; type++) {
        if (tally.crimes[type] === 0) continue;
        types.push(crimeTypeNumber(type));
        crimes.push(tally.crimes[type]!);
      }
      out.int2Array(types);
      out.int4Array(crimes);

      types.length = crimes.length = 0;
      const order = tally.outcomeKeys.map((_, k) => k).sort((a, b) => tally.outcomeKeys[a]! - tally.outcomeKeys[b]!);
      for (const k of order) {
        const outcome = tally.outcomeKeys[k]! % OUTCOME_KEYS;
        types.push(crimeTypeNumber((tally.outcomeKeys[k]! - outcome) / OUTCOME_KEYS));
        outcomes.push(outcome === 0 ? null : this.outcomes[outcome - 1]!.name);
        crimes.push(tally.outcomeCrimes[k]!);
      }
      out.int2Array(types);
      out.textArray(outcomes);
      out.int4Array(crimes);

      outcomes.length = 0;
      this.locationTally.write(out, tally.locations);
    }
    return out.take();
  }

  /**
   * The force's totals per crime type (the counts added up over LSOAs), as a binary COPY payload
   * for FORCE_COUNT_COLUMNS. Null when there are none. As for lsoaMonthRows(), finish with those first.
   */
  forceCountRows(): Buffer | null {
    if (this.out.rows > 0) throw new Error('forceCountRows(): rows not yet taken');
    const totals = new Int32Array(CRIME_TYPES.length);
    for (const tally of this.tallies.values()) for (let i = 0; i < totals.length; i++) totals[i]! += tally.crimes[i]!;
    if (!totals.some((n) => n > 0)) return null;
    const out = this.out;
    totals.forEach((crimes, i) => {
      if (crimes === 0) return;
      out.row(FORCE_COUNT_COLUMNS.length);
      out.int4(this.fileId);
      out.date(this.monthDays);
      out.text(this.force);
      out.text(CRIME_TYPES[i]!);
      out.int4(crimes);
    });
    return out.take();
  }

  /** Once the file is stored (every COPY finished): the next file's builder reuses this one's buffers. */
  release(): void {
    if (this.out.rows === 0 && idleWriters.length < 4 && !idleWriters.includes(this.out)) idleWriters.push(this.out);
  }
}
