/**
 * Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html,
 * "Binary Format"), for BulkSession.copyBinary(). Each value goes in as the column type's own bytes,
 * so the database parses no text: for wide rows that roughly halves what a COPY costs it (measured on
 * PGlite and PostgreSQL 15 with street_crimes). The types written must be the columns' types exactly:
 * integer (int4), double precision (float8), date, text, and one-dimensional arrays of text, smallint
 * and integer.
 */

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** The signature, flags (none) and header extension length (none). */
const HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
/** The element types of arrays (pg_type.oid), which an array's bytes name. */
const ELEMENT_OIDS = { text: 25, int2: 21, int4: 23 } as const;
/** PostgreSQL counts dates in days from 2000-01-01. */
const POSTGRES_EPOCH_DAYS = Date.UTC(2000, 0, 1) / 86_400_000;

/** A date column's value for 'YYYY-MM-DD'. */
export function postgresDate(isoDate: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Error(`postgresDate(): not a YYYY-MM-DD date: ${isoDate}`);
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000 - POSTGRES_EPOCH_DAYS;
}

/** A 32-bit big-endian integer into bytes at `at` (writeInt32BE without its checks, for the hot loops). */
export function put32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = (value >>> 16) & 255;
  bytes[at + 2] = (value >>> 8) & 255;
  bytes[at + 3] = value & 255;
}

/**
 * Writes rows into a growing buffer. Start each row with row(fields), then write exactly that many
 * values. take() gives the rows written so far as one complete COPY payload and starts again; the
 * payload stays valid until the next take(), which writes into its memory again (so a loader that
 * waits for each COPY before taking the next allocates two buffers, not one per COPY). A hot path
 * may write a row's bytes into `bytes` itself after ensure(), then move `length` on and count the row
 * in `rows`.
 */
export class BinaryCopyWriter {
  bytes: Buffer;
  length = 0;
  /** Rows written since the last take(). */
  rows = 0;
  /** The buffer of the payload take() gave last, to write into after the next take(). */
  private spare: Buffer | undefined;

  constructor(capacity = 1 << 16) {
    this.bytes = Buffer.allocUnsafe(Math.max(capacity, HEADER.length + 2));
    this.begin();
  }

  private begin(): void {
    HEADER.copy(this.bytes, 0);
    this.length = HEADER.length;
    this.rows = 0;
  }

  /** Makes room for `extra` more bytes. */
  ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  row(fields: number): void {
    this.ensure(2);
    this.bytes.writeInt16BE(fields, this.length);
    this.length += 2;
    this.rows++;
  }

  null(): void {
    this.ensure(4);
    this.bytes.writeInt32BE(-1, this.length);
    this.length += 4;
  }

  int4(value: number): void {
    this.ensure(8);
    put32(this.bytes, this.length, 4);
    put32(this.bytes, this.length + 4, value);
    this.length += 8;
  }

  /** A date column, as postgresDate() gives it. */
  date(days: number): void {
    this.int4(days);
  }

  float8(value: number): void {
    this.ensure(12);
    this.bytes.writeInt32BE(8, this.length);
    this.bytes.writeDoubleBE(value, this.length + 4);
    this.length += 12;
  }

  text(value: string): void {
    this.ensure(4 + 3 * value.length);
    const written = this.bytes.write(value, this.length + 4, 'utf8');
    this.bytes.writeInt32BE(written, this.length);
    this.length += 4 + written;
  }

  /** A smallint column (or array element). */
  int2(value: number): void {
    this.ensure(6);
    const b = this.bytes;
    put32(b, this.length, 2);
    b[this.length + 4] = (value >> 8) & 255;
    b[this.length + 5] = value & 255;
    this.length += 6;
  }

  /** A text column (or array element) from bytes[start, end), which are UTF-8. */
  textBytes(bytes: Uint8Array, start: number, end: number): void {
    this.ensure(4 + end - start);
    const b = this.bytes;
    put32(b, this.length, end - start);
    let at = this.length + 4;
    for (let i = start; i < end; i++) b[at++] = bytes[i]!;
    this.length = at;
  }

  /**
   * Starts a one-dimensional array column: its dimensions (none when empty), whether it has nulls,
   * its element type, and its length and lower bound (1). Write exactly that many elements, as
   * values of the type (or null()), then endArray() with what this returned.
   */
  beginArray(elements: number, hasNull: boolean, type: keyof typeof ELEMENT_OIDS): number {
    this.ensure(24);
    const start = this.length;
    const b = this.bytes;
    put32(b, start + 4, elements === 0 ? 0 : 1);
    put32(b, start + 8, hasNull ? 1 : 0);
    put32(b, start + 12, ELEMENT_OIDS[type]);
    this.length += 16;
    if (elements > 0) {
      put32(b, this.length, elements);
      put32(b, this.length + 4, 1);
      this.length += 8;
    }
    return start;
  }

  /** Ends the array beginArray() started at `start`: writes its length in bytes. */
  endArray(start: number): void {
    put32(this.bytes, start, this.length - start - 4);
  }

  /** A text[] column; null elements are nulls. */
  textArray(values: readonly (string | null)[]): void {
    const start = this.beginArray(values.length, values.includes(null), 'text');
    for (const value of values) {
      if (value === null) this.null();
      else this.text(value);
    }
    this.endArray(start);
  }

  /** A smallint[] column. */
  int2Array(values: ArrayLike<number>): void {
    const start = this.beginArray(values.length, false, 'int2');
    for (let i = 0; i < values.length; i++) this.int2(values[i]!);
    this.endArray(start);
  }

  /** An integer[] column. */
  int4Array(values: ArrayLike<number>): void {
    const start = this.beginArray(values.length, false, 'int4');
    for (let i = 0; i < values.length; i++) this.int4(values[i]!);
    this.endArray(start);
  }

  /**
   * The rows written since the last take(), as bytes of their own without the COPY header and
   * trailer: a piece of rows for a hot path to copy into another writer's bytes.
   */
  takeRowBytes(): Buffer {
    const rows = Buffer.from(this.bytes.subarray(HEADER.length, this.length));
    this.begin();
    return rows;
  }

  /** The rows written since the last call, as one COPY payload (header, rows, trailer). */
  take(): Buffer {
    this.ensure(2);
    this.bytes.writeInt16BE(-1, this.length);
    const out = this.bytes.subarray(0, this.length + 2);
    const next = this.spare && this.spare.length >= this.bytes.length ? this.spare : Buffer.allocUnsafe(this.bytes.length);
    this.spare = this.bytes;
    this.bytes = next;
    this.begin();
    return out;
  }
}
