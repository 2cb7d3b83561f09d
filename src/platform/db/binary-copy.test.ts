import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BinaryCopyWriter, postgresDate } from './binary-copy.ts';

describe('binary COPY rows', () => {
  test('dates count days from 2000-01-01, as PostgreSQL stores them', () => {
    assert.equal(postgresDate('2000-01-01'), 0);
    assert.equal(postgresDate('2019-02-01'), 6971);
    assert.equal(postgresDate('1999-12-31'), -1);
    assert.throws(() => postgresDate('2019-02'), /not a YYYY-MM-DD date/);
  });

  test('a payload is the signature, each row as a field count and length-prefixed values, and the trailer', () => {
    const w = new BinaryCopyWriter(8);
    w.row(5);
    w.int4(-7);
    w.float8(51.256014);
    w.date(postgresDate('2019-02-01'));
    w.text('Café');
    w.null();
    assert.equal(w.rows, 1);
    const payload = w.take();
    const expected = Buffer.concat([
      Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'),
      Buffer.alloc(8),
      Buffer.from([0, 5]),
      Buffer.from([0, 0, 0, 4, 0xff, 0xff, 0xff, 0xf9]),
      Buffer.from([0, 0, 0, 8]),
      (() => {
        const b = Buffer.alloc(8);
        b.writeDoubleBE(51.256014);
        return b;
      })(),
      Buffer.from([0, 0, 0, 4, 0, 0, 0x1b, 0x3b]),
      Buffer.from([0, 0, 0, 5, 0x43, 0x61, 0x66, 0xc3, 0xa9]),
      Buffer.from([0xff, 0xff, 0xff, 0xff]),
      Buffer.from([0xff, 0xff]),
    ]);
    assert.deepEqual(payload, expected);
    assert.equal(w.rows, 0, 'take() starts again');
  });

  test('a payload stays as it was while the next rows are written, until the next take()', () => {
    const w = new BinaryCopyWriter();
    w.row(1);
    w.text('first');
    const first = w.take();
    w.row(1);
    w.text('other');
    assert.equal(first.toString('latin1', 25, 30), 'first');
    assert.equal(w.take().toString('latin1', 25, 30), 'other');
  });
});
