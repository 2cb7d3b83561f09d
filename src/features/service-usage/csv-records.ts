/**
 * Reading any CSV file someone exports from their own system, as a stream: UTF-8 with or without a
 * byte-order mark, lines ending in LF, CRLF or CR, and RFC 4180 quoting, where a quoted field may
 * hold commas, doubled quotes and line breaks. A record is numbered by the line it starts on, as an
 * editor shows it (the header is line 1). The lines are read by the platform's line reader
 * (src/platform/text/lines.ts), so a line over 1 MiB, with a NUL byte or with bytes that are not
 * UTF-8 is rejected with its number, wherever it is in the file, and the other lines are kept.
 */
import { splitCsvLine } from '../../platform/csv.ts';
import { lineBatches } from '../../platform/text/lines.ts';

export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

/** A quoted field may run over at most this many lines before the record is rejected as unclosed. */
export const MAX_RECORD_LINES = 100;

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

  /**
   * A line that cannot be read (see src/platform/text/lines.ts): a record still open before it
   * cannot go on through it, so it ends there as at the end of the file, and the line is rejected.
   */
  reject(line: number, reason: string, out: CsvRecord[] = []): CsvRecord[] {
    this.end(out);
    out.push({ line, error: reason });
    return out;
  }

  /** The end of the file: any record still open is rejected. */
  end(out: CsvRecord[] = []): CsvRecord[] {
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
    out.push({
      line: first!.line,
      error: reason ?? ('error' in alone ? alone.error : `malformed quoting: a quoted field is not closed within ${this.maxLines} lines`),
    });
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
  for await (const lines of lineBatches(chunks, { crEnds: true })) {
    const records: CsvRecord[] = [];
    for (const { line, text, problem } of lines) {
      if (problem === null) splitter.push(line, text, records);
      else splitter.reject(line, `the line ${problem}`, records);
    }
    if (records.length > 0) yield records;
  }
  const rest = splitter.end();
  if (rest.length > 0) yield rest;
}

/** The records of a stream of CSV text, one at a time (see csvRecordBatches). */
export async function* csvRecords(chunks: AsyncIterable<string | Buffer>, maxLines = MAX_RECORD_LINES): AsyncGenerator<CsvRecord> {
  for await (const batch of csvRecordBatches(chunks, maxLines)) yield* batch;
}
