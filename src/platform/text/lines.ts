import { isUtf8 } from 'node:buffer';

/**
 * Text files read line by line from their bytes. Every file someone gives Safer to import (police.uk
 * street, outcomes and stop-and-search files; service-usage CSV files) is read by this one reader,
 * so one rule holds for all of them:
 *   - a leading byte-order mark is dropped; lines end with LF or CRLF (and, when asked, a CR alone);
 *   - a line longer than MAX_LINE_BYTES is reported as soon as it is that long, and the rest of it
 *     is passed over without being kept;
 *   - a line holding a NUL byte, or bytes that are not UTF-8, is reported, saying what is wrong;
 *   - the time taken grows with the bytes read, never with the square of a line's length: each byte
 *     is looked at a fixed number of times, and a line split between pieces is copied once.
 * Callers reject a reported line with its number and keep the others; a reported first line (the
 * header) refuses the file.
 */

/** The longest line read, in bytes without its line end. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** The first bytes of an over-long line kept, to show which line it was. */
const SHOWN_BYTES = 1024;
const LF = 10;
const CR = 13;
const EMPTY = Buffer.alloc(0);

export interface LineReaderOptions {
  /** A CR alone ends a line too, as in files saved by old Mac programs (service-usage files). */
  crEnds?: boolean;
  /** The longest line, in bytes without its line end; MAX_LINE_BYTES unless given. */
  maxLineBytes?: number;
}

/** Where the first byte that is not part of valid UTF-8 is in bytes (from 0), or -1 if they are all valid. */
export function invalidUtf8At(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead bytes of 2, 3 and 4-byte sequences; the second byte's range rules out overlong forms,
    // UTF-16 surrogates and code points past U+10FFFF (RFC 3629).
    const follow = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (follow === 0) return i;
    const low = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const high = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    const second = i + 1 < n ? bytes[i + 1]! : -1;
    if (second < low || second > high) return i;
    for (let k = 2; k <= follow; k++) if (i + k >= n || (bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += follow + 1;
  }
  return -1;
}

/** What is wrong with bytes[start, end) as a line of text, to follow "line 3" or "the line"; null if nothing. */
function textProblem(bytes: Buffer, start: number, end: number): string | null {
  const line = bytes.subarray(start, end);
  if (line.indexOf(0) >= 0) return 'contains a NUL byte';
  if (!isUtf8(line)) return `is not valid UTF-8 at byte ${invalidUtf8At(line) + 1}`;
  return null;
}

const tooLong = (max: number) => `is longer than ${max.toLocaleString('en-GB')} bytes`;

/**
 * Splits bytes that arrive in pieces into numbered lines. Push a piece, then call next() until it
 * says false; after finish(), next() gives the last line even without a line end. After next() says
 * true, the line is bytes[start, end) without its line end (not copied unless it was split between
 * pieces), `line` is its number from 1, and `problem` says what is wrong with it, or is null. A line
 * with a problem is not given whole: an over-long one is its first bytes, and it is reported before
 * its end has been read.
 */
export class ByteLineReader {
  line = 0;
  bytes: Buffer = EMPTY;
  start = 0;
  end = 0;
  problem: string | null = null;

  private readonly crEnds: boolean;
  private readonly max: number;
  /** The piece being read, and where in it. */
  private piece: Buffer = EMPTY;
  private pos = 0;
  /** The lines that end before this in the piece hold no NUL byte and are UTF-8 (checked in one go). */
  private cleanEnd = 0;
  /** The next LF and CR in the piece at or after pos (the piece's length when there is none); -1: not looked for. */
  private nextLf = -1;
  private nextCr = -1;
  /** The start of a line that began in earlier pieces. */
  private partial: Buffer[] = [];
  private partialBytes = 0;
  /** Passing over the rest of an over-long line, already reported, up to its end. */
  private skipping = false;
  /** The last line ended with a CR: an LF straight after it is part of its line end. */
  private afterCr = false;
  /** The first bytes, until there are enough to tell whether they start with a byte-order mark. */
  private head: Buffer | undefined = EMPTY;
  private finished = false;

  constructor(options: LineReaderOptions = {}) {
    this.crEnds = options.crEnds ?? false;
    this.max = options.maxLineBytes ?? MAX_LINE_BYTES;
  }

  /** The next piece of input; take the lines of the pieces before it with next() first. */
  push(chunk: Buffer): void {
    if (this.head !== undefined) {
      const head = this.head.length > 0 ? Buffer.concat([this.head, chunk]) : chunk;
      if (head.length < 3) {
        this.head = head;
        return;
      }
      this.head = undefined;
      chunk = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
    }
    if (this.pos < this.piece.length) throw new Error('ByteLineReader.push(): take the lines read so far with next() first');
    this.piece = chunk;
    this.pos = 0;
    this.nextLf = this.nextCr = -1;
    this.cleanEnd = 0;
    // The piece's whole lines, checked in one go: after the line that began in earlier pieces (it
    // is checked once joined), up to the last line end. A line end is one ASCII byte, so the lines
    // together are UTF-8 exactly when each of them is.
    const last = this.crEnds ? Math.max(chunk.lastIndexOf(LF), chunk.lastIndexOf(CR)) : chunk.lastIndexOf(LF);
    if (last < 0) return;
    const from = this.partialBytes > 0 || this.skipping ? this.lineEnd(0) + 1 : 0;
    const nul = chunk.indexOf(0, from);
    if ((nul < 0 || nul > last) && isUtf8(chunk.subarray(from, last + 1))) this.cleanEnd = last + 1;
  }

  /** The input has ended: a last line without a line end is then given by next(). */
  finish(): void {
    this.finished = true;
    if (this.head !== undefined) {
      const head = this.head;
      this.head = undefined;
      this.push(head);
    }
  }

  /** The first line end (LF, or CR when CRs end lines) in the piece at or after from; -1 if none. */
  private lineEnd(from: number): number {
    const piece = this.piece;
    if (this.nextLf < from) {
      const lf = piece.indexOf(LF, from);
      this.nextLf = lf < 0 ? piece.length : lf;
    }
    let end = this.nextLf;
    if (this.crEnds) {
      if (this.nextCr < from) {
        const cr = piece.indexOf(CR, from);
        this.nextCr = cr < 0 ? piece.length : cr;
      }
      end = Math.min(end, this.nextCr);
    }
    return end < piece.length ? end : -1;
  }

  private give(bytes: Buffer, start: number, end: number, problem: string | null): true {
    this.line++;
    this.bytes = bytes;
    this.start = start;
    this.end = end;
    this.problem = problem;
    return true;
  }

  /** The line that began in earlier pieces and ends at piece[from, to), joined: copied once. */
  private joined(from: number, to: number): Buffer {
    const parts = this.partial;
    parts.push(this.piece.subarray(from, to));
    const bytes = Buffer.concat(parts, this.partialBytes + to - from);
    this.partial = [];
    this.partialBytes = 0;
    return bytes;
  }

  /** A line ends here: its bytes, checked unless they are in the part of the piece checked already. */
  private complete(bytes: Buffer, start: number, end: number, checked: boolean): true {
    // LF line ends may be CRLF.
    if (!this.crEnds && end > start && bytes[end - 1] === CR) end--;
    if (end - start > this.max) return this.give(bytes, start, Math.min(end, start + SHOWN_BYTES), tooLong(this.max));
    return this.give(bytes, start, end, checked ? null : textProblem(bytes, start, end));
  }

  /** Moves to the next line; false when there is none yet (push the next piece, or finish). */
  next(): boolean {
    for (;;) {
      const piece = this.piece;
      if (this.afterCr && this.pos < piece.length) {
        if (piece[this.pos] === LF) this.pos++;
        this.afterCr = false;
      }
      const from = this.pos;
      if (from >= piece.length) {
        if (!this.finished || this.partialBytes === 0) return false;
        const last = this.joined(from, from);
        return this.complete(last, 0, last.length, false);
      }
      const at = this.lineEnd(from);
      if (at < 0) {
        // The rest of the piece starts a line that goes on in the next piece.
        this.pos = piece.length;
        if (this.skipping) continue;
        this.partial.push(piece.subarray(from));
        this.partialBytes += piece.length - from;
        if (this.partialBytes > this.max) {
          const shown = Buffer.concat(this.partial, Math.min(SHOWN_BYTES, this.partialBytes));
          this.partial = [];
          this.partialBytes = 0;
          this.skipping = true;
          return this.give(shown, 0, shown.length, tooLong(this.max));
        }
        continue;
      }
      this.pos = at + 1;
      this.afterCr = this.crEnds && piece[at] === CR;
      if (this.skipping) {
        this.skipping = false;
        continue;
      }
      if (this.partialBytes > 0) {
        const line = this.joined(from, at);
        return this.complete(line, 0, line.length, false);
      }
      return this.complete(piece, from, at, at < this.cleanEnd);
    }
  }

  /** The current line as text; for a line with a problem, what can be shown of it (never a NUL). */
  text(): string {
    const text = this.bytes.toString('utf8', this.start, this.end);
    return this.problem === null ? text : text.replaceAll('\u0000', '\uFFFD');
  }
}

/** A line read by lineBatches(): its number, its text, and what is wrong with it (or null). */
export interface TextLine {
  line: number;
  text: string;
  problem: string | null;
}

/**
 * The lines of a stream of bytes (see ByteLineReader), numbered from 1, in one array per piece read
 * (so a large file costs few awaits). Text pieces are read as UTF-8.
 */
export async function* lineBatches(
  chunks: AsyncIterable<Uint8Array | string>,
  options: LineReaderOptions = {},
): AsyncGenerator<TextLine[]> {
  const reader = new ByteLineReader(options);
  const take = (): TextLine[] => {
    const out: TextLine[] = [];
    while (reader.next()) out.push({ line: reader.line, text: reader.text(), problem: reader.problem });
    return out;
  };
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') reader.push(Buffer.from(chunk, 'utf8'));
    else reader.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    const lines = take();
    if (lines.length > 0) yield lines;
  }
  reader.finish();
  const lines = take();
  if (lines.length > 0) yield lines;
}
