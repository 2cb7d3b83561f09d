import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from './errors.ts';
import { recordIdFrom } from './http/params.ts';
import { escapeHtml, fieldText } from './view-models.ts';

describe('view model helpers', () => {
  test('escapeHtml escapes every character that could open markup or an attribute', () => {
    assert.equal(escapeHtml(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    assert.equal(escapeHtml('Plain text'), 'Plain text');
  });

  test('fieldText keeps strings and blanks anything else', () => {
    assert.equal(fieldText('abc'), 'abc');
    assert.equal(fieldText(['a', 'b']), '');
    assert.equal(fieldText(undefined), '');
    assert.equal(fieldText(5), '');
  });
});

describe('record ids in the URL', () => {
  test('a positive whole number that fits the database; anything else is not found', () => {
    assert.equal(recordIdFrom({ id: '42' }), 42);
    assert.equal(recordIdFrom({ id: '2147483647' }), 2147483647);
    for (const id of ['0', '-1', '1.5', '1e3', '0x10', ' 4', '07', '8.0', 'eight', '2147483648', '99999999999', 'abc', '']) {
      assert.throws(
        () => recordIdFrom({ id }),
        (e: unknown) => e instanceof AppError && e.status === 404,
        id,
      );
    }
    assert.throws(() => recordIdFrom(undefined), AppError);
  });
});
