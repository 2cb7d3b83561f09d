import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { describe, test } from 'node:test';
import { ByteLineReader, invalidUtf8At, lineBatches, MAX_LINE_BYTES, type LineReaderOptions, type TextLine } from './lines.ts';

/** Every line the reader gives, fed the input in pieces of the given size. */
function read(input: Buffer | string, size: number, options: LineReaderOptions = {}): TextLine[] {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const reader = new ByteLineReader(options);
  const out: TextLine[] = [];
  const take = () => {
    while (reader.next()) out.push({ line: reader.line, text: reader.text(), problem: reader.problem });
  };
  for (let i = 0; i < bytes.length; i += size) {
    reader.push(bytes.subarray(i, i + size));
    take();
  }
  reader.finish();
  take();
  return out;
}

/** The lines of a whole text, as the reader should give them when nothing is wrong. */
function reference(text: string, crEnds = false): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = body.split(crEnds ? /\r\n|\r|\n/ : '\n');
  if (lines.at(-1) === '') lines.pop();
  return crEnds ? lines : lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

const SIZES = [1, 2, 3, 5, 7, 64, 4096];
const good = (text: string) => ({ text, problem: null });

describe('reading lines from bytes', () => {
  test('lines end with LF or CRLF, a leading byte-order mark is dropped, and the last line needs no line end', () => {
    const rows = ['Crime ID,Month', 'a,2019-01', '', 'On or near Heol Y Nant, Ynys Môn', 'b,c', '\r', 'end'];
    for (const text of [`\uFEFF${rows.join('\r\n')}\r\n`, rows.join('\n'), `${rows.join('\n')}\r`, `\uFEFF${rows.join('\n')}\n`]) {
      for (const size of SIZES) {
        const lines = read(text, size);
        assert.deepEqual(
          lines.map((l) => l.text),
          reference(text),
          `${JSON.stringify(text.slice(-3))} in pieces of ${size}`,
        );
        assert.deepEqual(
          lines.map((l) => l.line),
          lines.map((_, i) => i + 1),
        );
        assert.ok(lines.every((l) => l.problem === null));
      }
    }
    assert.equal(read('\uFEFF', 1).length, 0, 'a byte-order mark alone is no line');
    assert.deepEqual(read('ab', 1), [{ line: 1, ...good('ab') }], 'two bytes, fewer than a byte-order mark');
  });

  test('with crEnds, a CR alone ends a line too, and a CRLF split between pieces is one line end', () => {
    const text = '\uFEFFa,b\r1,2\r\n3,4\r5,6\n\n7,8\r\r9';
    for (const size of SIZES) {
      assert.deepEqual(
        read(text, size, { crEnds: true }).map((l) => l.text),
        reference(text, true),
        `pieces of ${size}`,
      );
    }
    assert.deepEqual(reference(text, true), ['a,b', '1,2', '3,4', '5,6', '', '7,8', '', '9']);
  });

  test('a line with a NUL byte or bytes that are not UTF-8 is given with its problem, and the lines around it are read as usual', () => {
    const text = Buffer.concat([
      Buffer.from('header\nfirst\nsec\0ond\n'),
      Buffer.from('Ynys M'),
      Buffer.from([0xf4, 0x6e]),
      Buffer.from('\nfourteen bytes\n'),
      Buffer.from('seventeen bytes: '),
      Buffer.from([0xc3]),
      Buffer.from('\nlast Môn'),
    ]);
    const expected = [
      { line: 1, ...good('header') },
      { line: 2, ...good('first') },
      { line: 3, text: 'sec\uFFFDond', problem: 'contains a NUL byte' },
      { line: 4, text: 'Ynys M\uFFFDn', problem: 'is not valid UTF-8 at byte 7' },
      { line: 5, ...good('fourteen bytes') },
      { line: 6, text: 'seventeen bytes: \uFFFD', problem: 'is not valid UTF-8 at byte 18' },
      { line: 7, ...good('last Môn') },
    ];
    for (const size of SIZES) assert.deepEqual(read(text, size), expected, `pieces of ${size}`);
    for (const size of SIZES) assert.deepEqual(read(text, size, { crEnds: true }), expected, `crEnds, pieces of ${size}`);
  });

  test('a character split between pieces is not a problem', () => {
    const text = `${'é'.repeat(50)}\n${'€𝄞'.repeat(30)}\n`;
    for (const size of SIZES)
      assert.deepEqual(
        read(text, size),
        reference(text).map((t, i) => ({ line: i + 1, ...good(t) })),
        `pieces of ${size}`,
      );
  });

  test('an over-long line is given as its first bytes with its problem; the next line is read as usual', () => {
    const long = 'x'.repeat(40);
    const text = `a\n${long}\nb\n${long}`;
    for (const size of SIZES) {
      for (const crEnds of [false, true]) {
        const lines = read(text, size, { maxLineBytes: 30, crEnds });
        assert.deepEqual(
          lines.map((l) => [l.line, l.problem]),
          [
            [1, null],
            [2, 'is longer than 30 bytes'],
            [3, null],
            [4, 'is longer than 30 bytes'],
          ],
          `pieces of ${size}`,
        );
        assert.equal(lines[2]!.text, 'b');
        assert.match(lines[1]!.text, /^x+$/);
      }
    }
    assert.equal(MAX_LINE_BYTES, 1024 * 1024);
  });

  test('an over-long line is reported before its end arrives, and what follows it is not kept', () => {
    const reader = new ByteLineReader();
    const piece = Buffer.alloc(256 * 1024, 'a');
    let pieces = 0;
    while (!reader.next()) {
      reader.push(piece);
      pieces++;
    }
    assert.equal(pieces, 5, 'reported once more than 1 MiB has arrived');
    assert.equal(reader.line, 1);
    assert.equal(reader.problem, 'is longer than 1,048,576 bytes');
    assert.equal(reader.end - reader.start, 1024, 'only its first bytes are kept to show');
    for (let i = 0; i < 100; i++) {
      reader.push(piece);
      assert.equal(reader.next(), false);
    }
    reader.push(Buffer.from('rest of it\nnext line\n'));
    assert.equal(reader.next(), true);
    assert.deepEqual([reader.line, reader.text(), reader.problem], [2, 'next line', null]);
  });

  test('the time taken grows with the input, not with the square of a line: 64 MiB in one line, in small pieces', () => {
    for (const options of [{}, { crEnds: true }]) {
      const started = process.hrtime.bigint();
      const reader = new ByteLineReader(options);
      const piece = Buffer.alloc(16 * 1024, 'a');
      let given = 0;
      for (let i = 0; i < 4096; i++) {
        reader.push(piece);
        while (reader.next()) given++;
      }
      reader.finish();
      while (reader.next()) given++;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.equal(given, 1, 'one over-long line');
      assert.ok(ms < 3000, `64 MiB took ${ms.toFixed(0)} ms`);
    }
    // Many short lines ended by CRs alone, in one large piece: each line end is looked for once.
    const started = process.hrtime.bigint();
    const lines = read(Buffer.alloc(4 * 1024 * 1024, 'ab\r'), 4 * 1024 * 1024, { crEnds: true });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(lines.length, Math.ceil((4 * 1024 * 1024) / 3), 'the last line, cut short, has no line end');
    assert.ok(ms < 3000, `4 MiB of short lines took ${ms.toFixed(0)} ms`);
  });

  test('lineBatches() gives the same lines from a stream of pieces, bytes or text', async () => {
    async function* pieces() {
      yield Buffer.from('\uFEFFa,b\r');
      yield '\n1,2\r\n3,4\n';
      yield new Uint8Array([0x35, 0x00, 0x0a, 0x36]);
    }
    const lines: TextLine[] = [];
    for await (const batch of lineBatches(pieces())) lines.push(...batch);
    assert.deepEqual(lines, [
      { line: 1, ...good('a,b') },
      { line: 2, ...good('1,2') },
      { line: 3, ...good('3,4') },
      { line: 4, text: '5\uFFFD', problem: 'contains a NUL byte' },
      { line: 5, ...good('6') },
    ]);
  });
});

describe('where bytes stop being UTF-8', () => {
  test('known cases: overlong forms, surrogates, past U+10FFFF, cut short, stray continuation bytes', () => {
    const cases: [number[], number][] = [
      [[0x61, 0x62], -1],
      [[0xc3, 0xa9], -1],
      [[0xe2, 0x82, 0xac], -1],
      [[0xf0, 0x9d, 0x84, 0x9e], -1],
      [[0x61, 0xc0, 0x80], 1],
      [[0xe0, 0x80, 0xaf], 0],
      [[0xed, 0xa0, 0x80], 0],
      [[0xf4, 0x90, 0x80, 0x80], 0],
      [[0xf5, 0x80, 0x80, 0x80], 0],
      [[0x61, 0x62, 0xe2, 0x82], 2],
      [[0x80], 0],
      [[0x61, 0xff], 1],
    ];
    for (const [bytes, at] of cases) assert.equal(invalidUtf8At(new Uint8Array(bytes)), at, bytes.map((b) => b.toString(16)).join(' '));
  });

  test('agrees with Node on random bytes', () => {
    let seed = 12345;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const alphabet = [0x41, 0x7f, 0x80, 0xbf, 0xc2, 0xc3, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0x90, 0xa0, 0x8f];
    for (let n = 0; n < 20000; n++) {
      const bytes = Buffer.from(
        Array.from({ length: 1 + Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]!),
      );
      assert.equal(invalidUtf8At(bytes) < 0, isUtf8(bytes), bytes.toString('hex'));
    }
  });
});
