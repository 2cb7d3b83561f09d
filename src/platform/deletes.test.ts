import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { usesInWords } from './db/record-uses.ts';
import { deletePageContext, quoted } from './deletes.ts';

describe('delete confirmation pages', () => {
  test('what uses a record is said in words, one or many, for any table', () => {
    assert.equal(usesInWords({ table: 'actions', count: 1 }), '1 action');
    assert.equal(usesInWords({ table: 'indicators', count: 12 }), '12 performance indicators');
    assert.equal(usesInWords({ table: 'priority_commentaries', count: 2 }), '2 performance commentaries');
    assert.equal(usesInWords({ table: 'new_things', count: 1500 }), '1,500 new things records', 'a table added later still reads');
  });

  test('names are quoted and cut to 80 characters', () => {
    assert.equal(quoted('  Domestic   abuse '), '“Domestic abuse”');
    const long = quoted('word '.repeat(40));
    assert.ok(long.endsWith('…”'));
    assert.ok(long.length <= 82);
  });

  test('the page asks first, or says why it cannot delete', () => {
    const ask = deletePageContext({ what: 'the priority “ASB”', action: '/priorities/1/delete', cancelHref: '/priorities/1', check: { blockers: [], alsoDeleted: ['1 alignment'] } });
    assert.equal(ask['heading'], 'Are you sure you want to delete the priority “ASB”?');
    assert.equal(ask['pageTitle'], ask['heading']);
    assert.equal(ask['blocked'], false);
    const refuse = deletePageContext({ what: 'the priority “ASB”', action: '/priorities/1/delete', cancelHref: '/priorities/1', check: { blockers: ['2 actions'], alsoDeleted: [] } });
    assert.equal(refuse['heading'], 'You cannot delete the priority “ASB”');
    assert.deepEqual(refuse['blockers'], ['2 actions']);
  });
});
