import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { GeographyFileResult } from './geography-import.ts';
import { districtFromFileName } from './geography-kinds.ts';
import { formatBundleResults, formatFileResults, formatWardLookup } from './geography-summary.ts';

const result = (over: Partial<GeographyFileResult>): GeographyFileResult => ({
  importId: 1,
  kind: 'lsoa-boundaries',
  file: 'open-data/boundaries/lsoa_by_lad/E07000110.json',
  unit: 'feature',
  rows: 95,
  accepted: 95,
  rejected: 0,
  ignored: 0,
  ignoredReason: null,
  inserted: 0,
  updated: 95,
  unchanged: 0,
  rejections: [],
  seconds: 0.12,
  ...over,
});

describe('geography import summaries', () => {
  test('a bundle gives one line per kind, summing its files, then the rejected rows', () => {
    const lines = formatBundleResults(
      [
        result({}),
        result({
          importId: 2,
          file: 'E07000111.json',
          rows: 75,
          accepted: 74,
          rejected: 1,
          updated: 70,
          unchanged: 4,
          rejections: [{ line: 3, reason: 'it has no geometry', raw: '{}' }],
        }),
        result({
          kind: 'population',
          file: 'population/2019_population.csv',
          unit: 'line',
          rows: 10,
          accepted: 10,
          updated: 2,
          ignored: 8,
          ignoredReason: 'not in the loaded LSOAs',
        }),
      ],
      5,
    );
    assert.deepEqual(lines, [
      '  lsoa-boundaries    2 files: 170 features, 169 accepted, 1 rejected; 0 added, 165 updated, 4 unchanged',
      '  population         2019_population.csv: 10 rows, 10 accepted, 0 rejected; 0 added, 2 updated, 0 unchanged; 8 not in the ' +
        'loaded LSOAs',
      '  rejected E07000111.json feature 3: it has no geometry',
      '  every rejected row is stored with geography import 2: see Import data, Geography imports',
    ]);
  });

  test('rejected rows beyond the limit are counted, not listed, and the imports that store them are named', () => {
    const rejections = [1, 2, 3].map((line) => ({ line, reason: 'bad', raw: '' }));
    const lines = formatFileResults(
      [
        result({ importId: 7, kind: 'population', file: 'p.csv', unit: 'line', rows: 3, accepted: 0, rejected: 3, updated: 0, rejections }),
        result({
          importId: 8,
          kind: 'rural-urban',
          file: 'r.csv',
          unit: 'line',
          rows: 1,
          accepted: 0,
          rejected: 1,
          updated: 0,
          rejections: [{ line: 2, reason: 'worse', raw: '' }],
        }),
      ],
      1,
    );
    assert.deepEqual(lines, [
      '  population         p.csv: 3 rows, 0 accepted, 3 rejected; 0 added, 0 updated, 0 unchanged (0.1s)',
      '  rural-urban        r.csv: 1 row, 0 accepted, 1 rejected; 0 added, 0 updated, 0 unchanged (0.1s)',
      '  rejected p.csv line 1: bad',
      '  ... and 3 more rejected rows',
      '  every rejected row is stored with geography imports 7 and 8: see Import data, Geography imports',
    ]);
  });

  test('the ward lookup line says what could not be given a ward', () => {
    assert.equal(
      formatWardLookup({ lsoas: 10, contained: 6, nearest: 1, withoutBoundary: 2, withoutWards: 1, changed: 7, seconds: 0.04 }),
      '  ward lookup        10 LSOAs: 6 within a ward, 1 given the nearest ward, 2 without a boundary, 1 in districts with no wards ' +
        'loaded; 7 changed (0.0s)',
    );
  });

  test('a boundary file named after a district says its district', () => {
    assert.equal(districtFromFileName('open-data/boundaries/wards_by_lad/E07000110.json'), 'E07000110');
    assert.equal(districtFromFileName('topo_e06000035.json'), 'E06000035');
    assert.equal(districtFromFileName('W06000015.geojson'), 'W06000015');
    assert.equal(districtFromFileName('wards.json'), null);
    assert.equal(districtFromFileName('E05004982.json'), null, 'a ward code is not a district');
  });
});
