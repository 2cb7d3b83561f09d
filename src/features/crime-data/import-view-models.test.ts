import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  filesText,
  geographyImportRows,
  geographyRejectionGroups,
  pagination,
  rangeText,
  rejectionRows,
  shortFileName,
} from './import-view-models.ts';
import type { GeographyImportRow } from './import-repository.ts';

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

  test('geography imports: a row each, and the rejected rows of those with any, by line or feature', () => {
    const imported = (over: Partial<GeographyImportRow>): GeographyImportRow => ({
      id: 1,
      kind: 'population',
      file_name: 'open-data/population/2019_population.csv',
      unit: 'line',
      rows_total: 42619,
      rows_accepted: 42619,
      rows_rejected: 0,
      rows_ignored: 42524,
      ignored_reason: 'not in the loaded LSOAs',
      rows_inserted: 0,
      rows_updated: 95,
      rows_unchanged: 0,
      imported_at: new Date('2026-11-30T10:00:00Z'),
      ...over,
    });
    const rows = [
      imported({ id: 3, kind: 'wards', file_name: 'E07000110.json', unit: 'feature', rows_total: 26, rows_accepted: 24, rows_rejected: 2 }),
      imported({ id: 2, kind: 'rural-urban', file_name: 'ruc.csv', rows_total: 5, rows_accepted: 2, rows_rejected: 3 }),
      imported({}),
    ];
    assert.deepEqual(
      geographyImportRows(rows)[0]!
        .map((c) => c.text)
        .filter((t, i) => i !== 1),
      ['Geography import 3', 'Wards', 'E07000110.json', '26', '24', '2'],
    );
    assert.equal(geographyImportRows(rows)[2]![2]!.text, 'Population');
    const groups = geographyRejectionGroups(rows, [
      { import_id: 3, line: 3, reason: 'its geometry is a Point, not a Polygon or MultiPolygon' },
      { import_id: 3, line: 5, reason: 'ward code "nonsense" is not a ward code like E05004982' },
      { import_id: 2, line: 1234, reason: 'the rural-urban class name is empty' },
    ]);
    assert.deepEqual(
      groups.map((g) => [g.title, g.summary, g.where, g.rows.map((r) => r.map((c) => c.text))]),
      [
        [
          'E07000110.json, geography import 3',
          '2 rejected rows',
          'Feature',
          [
            ['3', 'its geometry is a Point, not a Polygon or MultiPolygon'],
            ['5', 'ward code "nonsense" is not a ward code like E05004982'],
          ],
        ],
        [
          'ruc.csv, geography import 2',
          'Showing the first 1 of 3 rejected rows',
          'Line',
          [['1,234', 'the rural-urban class name is empty']],
        ],
      ],
    );
  });
});
