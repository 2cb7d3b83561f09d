import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lsoaRow as lsoa } from '../../../test/helpers/explore.ts';
import { areaChoices, areaPopulation, resolveArea, ruralUrban } from './explore-area.ts';
import { groupCounts, monthsNotLoaded, summariseCounts, typesFor } from './explore-service.ts';

const rows = [
  lsoa('E01000001'),
  lsoa('E01000002', { ruc_name: 'Rural town and fringe', ward_code: 'E05000002' }),
  lsoa('E01000003', { ruc_name: null, ward_code: null }),
  lsoa('E01000009', { district_code: 'E07000105', district_name: 'Ashford' }),
];
const choices = areaChoices(['E07000110'], rows.slice(0, 3), [{ code: 'E05000001', name: 'Bridge' }]);
const counts = [
  { month: '2018-10', lsoa_code: 'E01000001', crime_type: 'Burglary', crimes: 4 },
  { month: '2018-10', lsoa_code: 'E01000002', crime_type: 'Burglary', crimes: 1 },
  { month: '2018-12', lsoa_code: 'E01000001', crime_type: 'Drugs', crimes: 2 },
  { month: '2018-12', lsoa_code: 'E01000009', crime_type: 'Drugs', crimes: 50 },
];

describe('areas', () => {
  test('urban or rural from the classification’s name', () => {
    assert.equal(ruralUrban('Urban major conurbation'), 'urban');
    assert.equal(ruralUrban('Rural village in a sparse setting'), 'rural');
    assert.equal(ruralUrban(null), null);
    assert.equal(ruralUrban('Unknown'), null);
  });

  test('resolve to the partnership’s own LSOAs, or to nothing', () => {
    assert.equal(resolveArea(choices, { kind: 'all' })!.lsoas.length, 3);
    assert.deepEqual(
      resolveArea(choices, { kind: 'urban' })!.lsoas.map((l) => l.code),
      ['E01000001'],
    );
    assert.deepEqual(
      resolveArea(choices, { kind: 'rural' })!.lsoas.map((l) => l.code),
      ['E01000002'],
    );
    assert.equal(resolveArea(choices, { kind: 'ward', code: 'E05000001' })!.label, 'Bridge ward');
    assert.equal(
      resolveArea(choices, { kind: 'ward', code: 'E05000002' })!.label,
      'E05000002 ward',
      'a ward without a name is called by its code',
    );
    assert.equal(resolveArea(choices, { kind: 'district', code: 'E07000110' })!.label, 'Maidstone');
    assert.equal(resolveArea(choices, { kind: 'district', code: 'E07000105' }), null);
    assert.equal(resolveArea(choices, { kind: 'lsoa', code: 'E01000009' }), null, 'another district’s LSOA');
    assert.equal(resolveArea(choices, { kind: 'lsoa', code: 'E01000001' })!.label, 'Name 1');
    const noRural = areaChoices(['E07000110'], [rows[0]!], []);
    assert.equal(resolveArea(noRural, { kind: 'rural' }), null, 'an empty class is not an area');
  });

  test('residents only when every LSOA has a figure', () => {
    assert.equal(areaPopulation(resolveArea(choices, { kind: 'all' })!.lsoas), 3000);
    assert.equal(areaPopulation([{ ...choices.lsoas[0]!, population: null }, choices.lsoas[1]!]), null);
    assert.equal(areaPopulation([]), null);
  });
});

describe('summing counts', () => {
  test('totals by month, type and LSOA count only the area’s LSOAs, types and months', () => {
    const area = resolveArea(choices, { kind: 'all' })!;
    const s = summariseCounts(area, { from: '2018-10', to: '2018-12', types: ['Burglary', 'Drugs'] }, counts);
    assert.equal(s.total, 7);
    assert.deepEqual(s.byMonth, [
      { month: '2018-10', crimes: 5 },
      { month: '2018-11', crimes: 0 },
      { month: '2018-12', crimes: 2 },
    ]);
    assert.deepEqual(s.byType, [
      { crimeType: 'Burglary', crimes: 5 },
      { crimeType: 'Drugs', crimes: 2 },
    ]);
    assert.deepEqual(
      s.byLsoa.map((l) => [l.code, l.crimes, l.byType]),
      [
        ['E01000001', 6, { Burglary: 4, Drugs: 2 }],
        ['E01000002', 1, { Burglary: 1 }],
        ['E01000003', 0, {}],
      ],
    );
    assert.equal(s.population, 3000);
    assert.equal(s.populationYear, 2019);
    const burglary = summariseCounts(area, { from: '2018-12', to: '2018-12', types: ['Burglary'] }, counts);
    assert.equal(burglary.total, 0);
  });

  test('group by any of month, type and LSOA, sorted by those columns, with a row for every one of them', () => {
    const grid = { lsoas: choices.lsoas, months: ['2018-10', '2018-11', '2018-12'], types: ['Burglary', 'Drugs'] };
    const area = counts.filter((c) => c.lsoa_code !== 'E01000009');
    assert.deepEqual(groupCounts(area, grid, ['month']), {
      lsoaCount: 3,
      columns: ['month', 'crimes'],
      rows: [
        ['2018-10', 5],
        ['2018-11', 0],
        ['2018-12', 2],
      ],
    });
    assert.deepEqual(groupCounts(area, grid, ['type', 'lsoa']).rows, [
      ['Burglary', 'E01000001', 'Name 1', 4],
      ['Burglary', 'E01000002', 'Name 2', 1],
      ['Burglary', 'E01000003', 'Name 3', 0],
      ['Drugs', 'E01000001', 'Name 1', 2],
      ['Drugs', 'E01000002', 'Name 2', 0],
      ['Drugs', 'E01000003', 'Name 3', 0],
    ]);
    assert.deepEqual(groupCounts(area, grid, ['lsoa', 'month']).columns, ['lsoa_code', 'lsoa_name', 'month', 'crimes']);
    assert.equal(groupCounts(area, grid, ['lsoa', 'month', 'type']).rows.length, 3 * 3 * 2);
    assert.deepEqual(groupCounts(counts, grid, ['month']).rows[2], ['2018-12', 2], 'rows of LSOAs outside the area are not counted');
  });

  test('the pre-2013 combined category is offered only with months before May 2013', () => {
    assert.equal(typesFor(['2018-10']).includes('Public disorder and weapons'), false);
    assert.equal(typesFor(['2013-04', '2018-10']).includes('Public disorder and weapons'), true);
    assert.equal(typesFor(['2018-10']).length, 14);
  });
});

describe('outcomes and stop and search files loaded', () => {
  test('each force’s months in the range with no file are listed', () => {
    const loaded = [
      { force: 'kent', month: '2018-10' },
      { force: 'kent', month: '2018-12' },
      { force: 'essex', month: '2018-10' },
      { force: 'essex', month: '2018-11' },
      { force: 'essex', month: '2018-12' },
    ];
    assert.deepEqual(monthsNotLoaded(loaded, ['kent', 'essex', 'sussex'], '2018-10', '2018-12'), [
      { force: 'kent', month: '2018-11' },
      { force: 'sussex', month: '2018-10' },
      { force: 'sussex', month: '2018-11' },
      { force: 'sussex', month: '2018-12' },
    ]);
    assert.deepEqual(monthsNotLoaded(loaded, [], '2018-10', '2018-12'), []);
  });
});
