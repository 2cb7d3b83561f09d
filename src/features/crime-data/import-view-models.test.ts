import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { filesText, pagination, rangeText, rejectionRows, shortFileName } from './import-view-models.ts';

describe('import page view models', () => {
  test('files are shown by their own names', () => {
    assert.equal(shortFileName('archive.zip:2019-01/2019-01-kent-street.csv'), '2019-01-kent-street.csv');
    assert.equal(shortFileName('open-data/police-uk/street/2019-01/2019-01-kent-street.csv'), '2019-01-kent-street.csv');
    assert.equal(shortFileName('2019-01-kent-street.csv'), '2019-01-kent-street.csv');
  });

  test('a rejection on line 0 is about the whole file', () => {
    assert.deepEqual(rejectionRows([{ file_name: 'a.zip:kent.csv', line: 0, reason: 'not a police.uk file name', raw: null }])[0], [
      { text: 'kent.csv' },
      { text: 'Whole file', format: 'numeric' },
      { text: 'not a police.uk file name' },
    ]);
    assert.equal(rejectionRows([{ file_name: 'x.csv', line: 12345, reason: 'r', raw: null }])[0]![1]!.text, '12,345');
  });

  test('pages: none for one page; previous, next and nearby pages with gaps otherwise', () => {
    const href = (p: number) => `/imports/1?page=${p}`;
    assert.equal(pagination(1, 50, 50, href), undefined);
    const middle = pagination(5, 500, 50, href)!;
    assert.deepEqual(middle.previous, { href: href(4) });
    assert.deepEqual(middle.next, { href: href(6) });
    assert.deepEqual(
      middle.items.map((i) => ('ellipsis' in i ? '…' : `${i.number}${i.current ? '*' : ''}`)),
      ['1', '…', '4', '5*', '6', '…', '10'],
    );
    assert.equal(pagination(10, 500, 50, href)!.next, undefined);
    assert.equal(rangeText(2, 50, 11, 61, 'rejected lines'), 'Showing 51 to 61 of 61 rejected lines');
    assert.equal(rangeText(1, 50, 0, 0, 'rejected lines'), 'No rejected lines');
  });

  test('files loaded and unchanged', () => {
    assert.equal(filesText({ files_total: 5, files_loaded: 3, files_unchanged: 2 }), '3 loaded, 2 unchanged (already loaded), of 5');
    assert.equal(filesText({ files_total: 1, files_loaded: 1, files_unchanged: 0 }), '1 loaded, of 1');
  });
});
