import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decimalToPence, formatPounds, parsePounds, penceToDecimal } from './money.ts';

describe('money in pounds', () => {
  test('reads amounts as typed, to whole pence', () => {
    assert.deepEqual(parsePounds('1234'), { ok: true, pence: 123400 });
    assert.deepEqual(parsePounds(' £1,234.5 '), { ok: true, pence: 123450 });
    assert.deepEqual(parsePounds('0.07'), { ok: true, pence: 7 });
    assert.deepEqual(parsePounds('12.'), { ok: true, pence: 1200 });
    assert.deepEqual(parsePounds('9999999999.99'), { ok: true, pence: 999_999_999_999 });
  });

  test('refuses what is not an amount in pounds and pence', () => {
    assert.deepEqual(parsePounds(''), { ok: false, problem: 'empty' });
    assert.deepEqual(parsePounds('-1'), { ok: false, problem: 'negative' });
    assert.deepEqual(parsePounds('1.234'), { ok: false, problem: 'too_many_decimals' });
    assert.deepEqual(parsePounds('ten'), { ok: false, problem: 'format' });
    assert.deepEqual(parsePounds('1,23'), { ok: false, problem: 'format' });
    assert.deepEqual(parsePounds('1e5'), { ok: false, problem: 'format' });
    assert.deepEqual(parsePounds('10000000000'), { ok: false, problem: 'too_large' });
  });

  test('converts to and from the stored decimal, and formats for reading', () => {
    assert.equal(penceToDecimal(123456), '1234.56');
    assert.equal(penceToDecimal(5), '0.05');
    assert.equal(decimalToPence('1234.5'), 123450);
    assert.equal(decimalToPence('1234.56'), 123456);
    assert.equal(decimalToPence('12'), 1200);
    assert.equal(decimalToPence(null), null);
    assert.equal(formatPounds(123456), '£1,234.56');
    assert.equal(formatPounds(null), '');
  });
});
