/**
 * Reading any CSV file someone exports from their own system, as a stream: UTF-8 with or without a
 * byte-order mark, lines ending in LF, CRLF or CR, and RFC 4180 quoting, where a quoted field may
 * hold commas, doubled quotes and line breaks. A record is numbered by the line it starts on, as an
 * editor shows it (the header is line 1).
 */
import { splitCsvLine } from '../../platform/csv.ts';

export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

/** The longest physical line read; a file without line breaks for this long is not a CSV file. */
export const MAX_LINE_CHARS = 1024 * 1024;
/** A quoted field may run over at most this many lines before the record is rejected as unclosed. */
export const MAX_RECORD_LINES = 100;

/** The file cannot be read as CSV at all (as opposed to one bad line, which is rejected). */
export class CsvFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The physical lines of a stream of text, numbered from 1, without their line ends or a leading
 * byte-order mark, in one array per chunk read (so a large file costs few awaits). An empty last
 * line (after the final line break) is left out.
 */
export async function* lineBatches(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<{ line: number; text: string }[]> {
  const decoder = new TextDecoder('utf-8');
  const ends = /\r\n|\n|\r/g;
  let carry = '';
  let line = 0;
  let first = true;
  const tooLong = (at: number) => new CsvFileError(at, `line ${at} is longer than ${MAX_LINE_CHARS.toLocaleString('en-GB')} characters: this is not a CSV file`);
  const split = (text: string, final: boolean): { line: number; text: string }[] => {
    const out: { line: number; text: string }[] = [];
    let start = 0;
    ends.lastIndex = 0;
    for (let m = ends.exec(text); m; m = ends.exec(text)) {
      // A CR at the very end may be the first half of a CRLF split across chunks.
      if (!final && m[0] === '\r' && m.index === text.length - 1) break;
      line++;
      if (m.index - start > MAX_LINE_CHARS) throw tooLong(line);
      out.push({ line, text: text.slice(start, m.index) });
      start = m.index + m[0].length;
    }
    carry = text.slice(start);
    if (carry.length > MAX_LINE_CHARS) throw tooLong(line + 1);
    return out;
  };
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const lines = split(carry + text, false);
    if (lines.length > 0) yield lines;
  }
  const lines = split(carry + decoder.decode(), true);
  if (carry.length > 0) lines.push({ line: ++line, text: carry });
  if (lines.length > 0) yield lines;
}

/** The physical lines of a stream of text, one at a time (see lineBatches). */
export async function* numberedLines(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<{ line: number; text: string }> {
  for await (const batch of lineBatches(chunks)) yield* batch;
}

const odd = (text: string): boolean => {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n % 2 === 1;
};

/**
 * Joins physical lines into CSV records. A line with an odd number of quotes opens a quoted field
 * that carries on until a line with an odd number closes it. A field left open for more than
 * MAX_RECORD_LINES lines (or at the end of the file), or lines that do not make a record when
 * joined, reject the line it started on, and the lines after it are read again as records of their
 * own, so one stray quote costs one line.
 * Blank lines outside a quoted field are not records.
 */
export class CsvRecordSplitter {
  private pending: { line: number; text: string }[] = [];

  constructor(private readonly maxLines = MAX_RECORD_LINES) {}

  /** One physical line; returns the records it completes, added to out when given. */
  push(line: number, text: string, out: CsvRecord[] = []): CsvRecord[] {
    this.feed(line, text, out);
    return out;
  }

  /** The end of the file: any record still open is rejected. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    while (this.pending.length > 0) this.fail(out);
    return out;
  }

  private feed(line: number, text: string, out: CsvRecord[]): void {
    if (this.pending.length === 0) {
      if (text.length === 0) return;
      if (odd(text)) {
        this.pending.push({ line, text });
        return;
      }
      out.push(record(line, text));
      return;
    }
    this.pending.push({ line, text });
    if (odd(text)) {
      const joined = record(this.pending[0]!.line, this.pending.map((p) => p.text).join('\n'));
      if ('fields' in joined) {
        this.pending = [];
        out.push(joined);
      } else {
        // Two stray quotes on different lines do not make a field: the first line alone is wrong.
        this.fail(out);
      }
    } else if (this.pending.length > this.maxLines) {
      this.fail(out);
    }
  }

  /**
   * Rejects the first pending line and reads the others again. The reason is what is wrong with
   * that line on its own (a quote inside an unquoted field, or a quoted field not closed).
   */
  private fail(out: CsvRecord[], reason?: string): void {
    const [first, ...rest] = this.pending;
    this.pending = [];
    const alone = record(first!.line, first!.text);
    out.push({ line: first!.line, error: reason ?? ('error' in alone ? alone.error : `malformed quoting: a quoted field is not closed within ${this.maxLines} lines`) });
    for (const r of rest) this.feed(r.line, r.text, out);
  }
}

function record(line: number, text: string): CsvRecord {
  const fields = splitCsvLine(text);
  return Array.isArray(fields) ? { line, fields } : { line, error: fields.error };
}

/** The records of a stream of CSV text, numbered by the line each starts on, in one array per chunk read. */
export async function* csvRecordBatches(chunks: AsyncIterable<string | Buffer>, maxLines = MAX_RECORD_LINES): AsyncGenerator<CsvRecord[]> {
  const splitter = new CsvRecordSplitter(maxLines);
  for await (const lines of lineBatches(chunks)) {
    const records: CsvRecord[] = [];
    for (const { line, text } of lines) splitter.push(line, text, records);
    if (records.length > 0) yield records;
  }
  const rest = splitter.end();
  if (rest.length > 0) yield rest;
}

/** The records of a stream of CSV text, one at a time (see csvRecordBatches). */
export async function* csvRecords(chunks: AsyncIterable<string | Buffer>, maxLines = MAX_RECORD_LINES): AsyncGenerator<CsvRecord> {
  for await (const batch of csvRecordBatches(chunks, maxLines)) yield* batch;
}
