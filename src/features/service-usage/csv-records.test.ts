import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CsvRecordSplitter, csvRecords } from './csv-records.ts';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<string | Buffer> {
  yield* parts;
}

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe('reading CSV records from a stream', () => {
  test(
    'records are numbered by line from 1, without a byte-order mark or line ends (LF, CRLF or CR), however the ' + 'chunks fall',
    async () => {
      const records = await collect(csvRecords(chunks('\uFEFFa,b\r', '\n1,2\r\n', '3,4\r5,6\n\n7,8')));
      assert.deepEqual(records, [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
        { line: 3, fields: ['3', '4'] },
        { line: 4, fields: ['5', '6'] },
        { line: 6, fields: ['7', '8'] },
      ]);
    },
  );

  test('a character split between two chunks of bytes is decoded whole', async () => {
    const bytes = Buffer.from('name\nCafé £5\n', 'utf8');
    const cut = bytes.indexOf(0xa3); // the second byte of "£"
    const records = await collect(csvRecords(chunks(Buffer.from([0xef, 0xbb, 0xbf]), bytes.subarray(0, cut), bytes.subarray(cut))));
    assert.deepEqual(
      records.map((r) => ('fields' in r ? r.fields : r.error)),
      [['name'], ['Café £5']],
    );
  });

  test(
    'a line longer than a megabyte, with a NUL byte or with bytes that are not UTF-8 is rejected with its number; the lines after ' +
      'it are read',
    async () => {
      const records = await collect(
        csvRecords(
          chunks(
            'a\n',
            'x'.repeat(600 * 1024),
            `${'x'.repeat(600 * 1024)}\rb\n`,
            Buffer.from([0x63, 0x00, 0x0d, 0x0a]),
            Buffer.from([0x64, 0x2c, 0xe9, 0x0d]),
            'e,"two\n',
            Buffer.from([0x6c, 0x69, 0x00, 0x0a]),
            'f\n',
          ),
        ),
      );
      assert.deepEqual(records, [
        { line: 1, fields: ['a'] },
        { line: 2, error: 'the line is longer than 1,048,576 bytes' },
        { line: 3, fields: ['b'] },
        { line: 4, error: 'the line contains a NUL byte' },
        { line: 5, error: 'the line is not valid UTF-8 at byte 3' },
        { line: 6, error: 'malformed quoting: a quoted field is not closed' },
        { line: 7, error: 'the line contains a NUL byte' },
        { line: 8, fields: ['f'] },
      ]);
    },
  );

  test('quoted fields keep commas, doubled quotes and line breaks; the record is numbered by its first line', async () => {
    const text =
      'Date,Service,Note\r\n2019-01-02,"Housing, advice","He said ""hi"""\r\n2019-01-03,Legal ' +
      'advice,"two\r\nlines"\r\n\r\n2019-01-04,Victim support,\r\n';
    assert.deepEqual(await collect(csvRecords(chunks(text))), [
      { line: 1, fields: ['Date', 'Service', 'Note'] },
      { line: 2, fields: ['2019-01-02', 'Housing, advice', 'He said "hi"'] },
      { line: 3, fields: ['2019-01-03', 'Legal advice', 'two\nlines'] },
      { line: 6, fields: ['2019-01-04', 'Victim support', ''] },
    ]);
  });

  test('a quote left open rejects only its own line: the lines after it are read again', () => {
    const splitter = new CsvRecordSplitter(3);
    const out = [
      ...splitter.push(1, 'a,b'),
      ...splitter.push(2, '1,"open'),
      ...splitter.push(3, '2,x'),
      ...splitter.push(4, '3,y'),
      ...splitter.push(5, '4,z'),
      ...splitter.push(6, '5,w'),
      ...splitter.end(),
    ];
    assert.deepEqual(out, [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'malformed quoting: a quoted field is not closed' },
      { line: 3, fields: ['2', 'x'] },
      { line: 4, fields: ['3', 'y'] },
      { line: 5, fields: ['4', 'z'] },
      { line: 6, fields: ['5', 'w'] },
    ]);
  });

  test('a quote still open at the end of the file rejects its line; a quote inside an unquoted field is malformed', async () => {
    const records = await collect(csvRecords(chunks('a,b\n1,x"y\n2,"never closed\n3,z\n')));
    assert.deepEqual(records, [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'malformed quoting: a quote inside an unquoted field' },
      { line: 3, error: 'malformed quoting: a quoted field is not closed' },
      { line: 4, fields: ['3', 'z'] },
    ]);
    const inside = await collect(csvRecords(chunks('a,b\n1,x""y\n')));
    assert.deepEqual(inside[1], { line: 2, error: 'malformed quoting: a quote inside an unquoted field' });
  });
});
