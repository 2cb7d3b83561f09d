import { BinaryCopyWriter, put32 } from '../../platform/db/binary-copy.ts';
import { ByteMemo, bytesAre, crimeTypeIndexOf, CRIME_TYPES, isNoLocation, outcomeOfBytes, UK, WELSH_LSOA_KEY } from './police-uk-format.ts';
import type { StreetTallies } from './street-tallies.ts';

/*
 * The bytes the quick path reads, by their ASCII codes. A field is "printable ASCII with no quotes":
 * FIRST_PRINTABLE to LAST_PRINTABLE, without QUOTE.
 */
const COMMA = 0x2c;
const QUOTE = 0x22;
const SPACE = 0x20;
const MINUS = 0x2d;
const DECIMAL_POINT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const SMALL_A = 0x61;
const SMALL_F = 0x66;
const CAPITAL_E = 0x45;
const CAPITAL_W = 0x57;
const FIRST_PRINTABLE = 0x20;
const LAST_PRINTABLE = 0x7e;
/** The bit that makes an ASCII capital letter small (and leaves a small one as it is). */
const ASCII_LOWER_CASE_BIT = 0x20;

/** What a byte is to the quick path: part of a value, the comma after one, or a byte it leaves to parseStreetLine(). */
const VALUE = 0;
const FIELD_END = 1;
const NOT_QUICK = 2;
const BYTE_CLASS = new Uint8Array(256).map((_, c) =>
  c === COMMA ? FIELD_END : c < FIRST_PRINTABLE || c === QUOTE || c > LAST_PRINTABLE ? NOT_QUICK : VALUE,
);

/** A Crime ID when given: 64 hexadecimal digits. */
const CRIME_ID_DIGITS = 64;
/** An LSOA code: E or W, 0, and seven digits (LSOA in police-uk-format.ts). */
const LSOA_CODE_BYTES = 9;
const LSOA_DIGITS_FROM = 2;
/** A coordinate's digits, at most: more than Number() reads exactly as a whole number divided by a power of ten. */
const MAX_COORDINATE_DIGITS = 15;

/*
 * The binary COPY format's pieces the quick path writes itself (src/platform/db/binary-copy.ts): each
 * field is its length, a 32-bit integer (NULL_LENGTH for null), then its bytes.
 */
const LENGTH_BYTES = 4;
const NULL_LENGTH = -1;
const FLOAT8_BYTES = 8;
/** Where the line number's value is in a row's head: after the field count (2 bytes), the file id (length and value) and its own length. */
const HEAD_LINE_NUMBER_AT = 2 + (LENGTH_BYTES + 4) + LENGTH_BYTES;
/** The fields in a row's head: file id, line, month and force. */
const HEAD_FIELDS = 4;
/** Room for a crime type or outcome written longer than the file spells it (normalised). */
const NORMALISED_SLACK = 128;

/** The crime types as written: normaliseCrimeType()'s spelling. */
const CRIME_TYPE_BYTES = CRIME_TYPES.map((t) => Buffer.from(t, 'utf8'));

/** A coordinate as stored: the number the text reads as, with -0 as 0 (as its text was stored before). */
export const storedCoordinate = (value: number) => value + 0;

/**
 * A street-level file's lines in the common form, written as rows for street_crimes straight from
 * their bytes in one pass, without becoming strings: printable ASCII with no quotes and no spaces
 * around values, the file's own month, coordinates as plain decimals. write() says false, having
 * written and counted nothing, for any other line, which the caller then parses as text: the two
 * must agree on every line (street-copy.test.ts checks it).
 */
export class StreetQuickPath {
  /** The start of every row: its field count, file id, line number (written over), month and force. */
  private readonly head: Buffer;
  private readonly monthBytes: Buffer;
  /** Room for a row besides the line's own bytes: its head, the other fields' lengths and NORMALISED_SLACK. */
  private readonly rowRoom: number;
  /** Where the quick path reads next in the line: the start of the field after the one it read last. */
  private next = 0;

  /** columns: how many fields a row has (STREET_COLUMNS). */
  constructor(
    columns: number,
    fileId: number,
    month: string,
    monthDays: number,
    force: string,
    private readonly tallies: StreetTallies,
  ) {
    this.monthBytes = Buffer.from(month, 'utf8');
    const head = new BinaryCopyWriter(64);
    head.row(columns);
    head.int4(fileId);
    head.int4(0);
    head.date(monthDays);
    head.text(force);
    this.head = head.takeRowBytes();
    this.rowRoom = this.head.length + (columns - HEAD_FIELDS) * LENGTH_BYTES + NORMALISED_SLACK;
  }

  /** Writes the row of a line in the common form, bytes b[start, end), into w and counts it; false for any other line. */
  write(w: BinaryCopyWriter, lineNo: number, b: Buffer, start: number, end: number): boolean {
    w.ensure(this.rowRoom + (end - start));
    const o = w.bytes;
    let at = w.length;
    const head = this.head;
    for (let k = 0; k < head.length; k++) o[at + k] = head[k]!;
    put32(o, at + HEAD_LINE_NUMBER_AT, lineNo);
    at += head.length;

    // Crime ID: blank, or 64 hexadecimal digits, stored in lower case.
    let i = start;
    const idAt = at;
    at += LENGTH_BYTES;
    for (; i < end; i++) {
      const c = b[i]!;
      if (c === COMMA) break;
      if (c >= DIGIT_0 && c <= DIGIT_9) o[at++] = c;
      else {
        const small = c | ASCII_LOWER_CASE_BIT;
        if (small < SMALL_A || small > SMALL_F) return false;
        o[at++] = small;
      }
    }
    const idLength = i - start;
    if (i === end || (idLength !== 0 && idLength !== CRIME_ID_DIGITS)) return false;
    put32(o, idAt, idLength === 0 ? NULL_LENGTH : idLength);
    i++;

    // Month: the file's own (it is in the head).
    const month = this.monthBytes;
    if (end - i <= month.length || !bytesAre(month, b, i) || b[i + month.length] !== COMMA) return false;
    i += month.length + 1;

    // Reported by, Falls within.
    at = this.value(b, i, end, o, at, false, false);
    if (at < 0) return false;
    at = this.value(b, this.next, end, o, at, false, false);
    if (at < 0) return false;
    i = this.next;

    // Longitude and latitude: both blank, or both plain decimals within the UK.
    if (end - i >= 2 && b[i] === COMMA && b[i + 1] === COMMA) {
      put32(o, at, NULL_LENGTH);
      put32(o, at + LENGTH_BYTES, NULL_LENGTH);
      at += 2 * LENGTH_BYTES;
      i += 2;
    } else {
      const longitude = this.decimal(b, i, end);
      const latitude = this.decimal(b, this.next, end);
      if (!(longitude >= UK.minLon && longitude <= UK.maxLon && latitude >= UK.minLat && latitude <= UK.maxLat)) return false;
      at = float8(o, at, storedCoordinate(longitude));
      at = float8(o, at, storedCoordinate(latitude));
      i = this.next;
    }

    // Location: "No Location" (in any case, as locationOf() reads it) is none.
    const locationAt = at;
    at = this.value(b, i, end, o, at, false, true);
    if (at < 0) return false;
    let locationFrom = -1;
    const locationTo = this.next - 1;
    if (isNoLocation(b, i, locationTo)) {
      put32(o, locationAt, NULL_LENGTH);
      at = locationAt + LENGTH_BYTES;
    } else if (at > locationAt + LENGTH_BYTES) {
      locationFrom = i;
    }
    i = this.next;

    // LSOA code: blank, or E or W, 0 and seven digits.
    let lsoa = -1;
    if (i < end && b[i] === COMMA) {
      put32(o, at, NULL_LENGTH);
      at += LENGTH_BYTES;
      i++;
    } else {
      const country = b[i];
      if (end - i <= LSOA_CODE_BYTES || b[i + LSOA_CODE_BYTES] !== COMMA) return false;
      if ((country !== CAPITAL_E && country !== CAPITAL_W) || b[i + 1] !== DIGIT_0) return false;
      let code = 0;
      for (let k = i + LSOA_DIGITS_FROM; k < i + LSOA_CODE_BYTES; k++) {
        const d = b[k]! - DIGIT_0;
        if (d < 0 || d > 9) return false;
        code = code * 10 + d;
      }
      lsoa = (country === CAPITAL_W ? WELSH_LSOA_KEY : 0) + code;
      put32(o, at, LSOA_CODE_BYTES);
      for (let k = 0; k < LSOA_CODE_BYTES; k++) o[at + LENGTH_BYTES + k] = b[i + k]!;
      at += LENGTH_BYTES + LSOA_CODE_BYTES;
      i += LSOA_CODE_BYTES + 1;
    }

    // LSOA name.
    at = this.value(b, i, end, o, at, false, true);
    if (at < 0) return false;
    i = this.next;

    // Crime type and outcome, as normaliseCrimeType() and normaliseOutcome() give them.
    let from = i;
    let hash = ByteMemo.EMPTY;
    for (; i < end && BYTE_CLASS[b[i]!] === VALUE; i++) hash = ByteMemo.hash(hash, b[i]!);
    if (i === end || b[i] !== COMMA) return false;
    const type = crimeTypeIndexOf.hashed(hash, b, from, i);
    if (type < 0) return false;
    at = copied(o, at, CRIME_TYPE_BYTES[type]!);
    from = ++i;
    hash = ByteMemo.EMPTY;
    for (; i < end && BYTE_CLASS[b[i]!] === VALUE; i++) hash = ByteMemo.hash(hash, b[i]!);
    if (i === end || b[i] !== COMMA) return false;
    const outcome = this.tallies.outcomeNumber(i === from ? null : outcomeOfBytes.hashed(hash, b, from, i));
    if (outcome === 0) {
      put32(o, at, NULL_LENGTH);
      at += LENGTH_BYTES;
    } else {
      at = copied(o, at, this.tallies.outcomeBytes(outcome));
    }

    // Context, the last field.
    at = this.value(b, i + 1, end, o, at, true, true);
    if (at < 0) return false;

    w.length = at;
    w.rows++;
    this.tallies.count(lsoa, type, outcome, b, locationFrom, locationTo);
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
    let to = at + LENGTH_BYTES;
    for (; i < end; i++) {
      const c = b[i]!;
      const kind = BYTE_CLASS[c]!;
      if (kind !== VALUE) {
        if (kind === FIELD_END) break;
        return -1;
      }
      o[to++] = c;
    }
    // Too few fields, or too many.
    if ((i === end) !== last) return -1;
    const length = i - from;
    // Spaces around the value, which parseStreetLine() trims.
    if (length > 0 && (b[from] === SPACE || b[i - 1] === SPACE)) return -1;
    this.next = i + 1;
    if (length === 0 && nullable) {
      put32(o, at, NULL_LENGTH);
      return at + LENGTH_BYTES;
    }
    put32(o, at, length);
    return to;
  }

  /**
   * The coordinate that starts at bytes[i], up to a comma: a plain decimal, -?digits[.digits] with
   * at most 15 digits, read exactly as Number() reads it (the digits as a whole number, divided by a
   * power of ten, is one correctly rounded division). NaN for anything else. this.next as for value().
   */
  private decimal(b: Uint8Array, i: number, end: number): number {
    const negative = i < end && b[i] === MINUS;
    if (negative) i++;
    const first = i;
    let n = 0;
    let scale = 1;
    for (; i < end; i++) {
      const d = b[i]! - DIGIT_0;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    let digits = i - first;
    if (digits === 0) return NaN;
    if (i < end && b[i] === DECIMAL_POINT) {
      const fraction = ++i;
      for (; i < end; i++) {
        const d = b[i]! - DIGIT_0;
        if (d < 0 || d > 9) break;
        n = n * 10 + d;
        scale *= 10;
      }
      if (i === fraction) return NaN;
      digits += i - fraction;
    }
    if (i === end || b[i] !== COMMA || digits > MAX_COORDINATE_DIGITS) return NaN;
    this.next = i + 1;
    return negative ? -(n / scale) : n / scale;
  }
}

/** A float8 field at `at`; returns where the row goes on. */
function float8(o: Buffer, at: number, value: number): number {
  put32(o, at, FLOAT8_BYTES);
  o.writeDoubleBE(value, at + LENGTH_BYTES);
  return at + LENGTH_BYTES + FLOAT8_BYTES;
}

/** A text field of the given bytes at `at`; returns where the row goes on. */
function copied(o: Uint8Array, at: number, bytes: Buffer): number {
  put32(o, at, bytes.length);
  for (let k = 0; k < bytes.length; k++) o[at + LENGTH_BYTES + k] = bytes[k]!;
  return at + LENGTH_BYTES + bytes.length;
}
