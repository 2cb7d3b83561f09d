import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertEachCase } from '../../../test/helpers/cases.ts';
import { lsoaRow, triangleBoundary } from '../../../test/helpers/explore.ts';
import { areaChoices, resolveArea } from './explore-area.ts';
import {
  countsCsv,
  csvField,
  formatCountsTable,
  lsoaGeoJson,
  outcomesCsv,
  ratePer1000,
  stopSearchCsv,
  toCsv,
} from './explore-downloads.ts';
import { summariseCounts } from './explore-service.ts';

const choices = areaChoices(
  ['E07000110'],
  [
    lsoaRow('E01000001', { name: 'Town, "centre"', district_name: 'M', ward_code: null, ruc_name: null, population: 2000 }),
    lsoaRow('E01000002', {
      name: '=HYPERLINK("x")',
      district_name: 'M',
      ward_code: null,
      ruc_name: null,
      population: null,
      population_year: null,
    }),
  ],
  [],
);
const area = resolveArea(choices, { kind: 'all' })!;
const rows = [
  { month: '2018-11', lsoa_code: 'E01000001', crime_type: 'Burglary', crimes: 3 },
  { month: '2018-12', lsoa_code: 'E01000001', crime_type: 'Violence and sexual offences', crimes: 1 },
  { month: '2018-12', lsoa_code: 'E01000002', crime_type: 'Burglary', crimes: 2 },
];
const summary = {
  ...summariseCounts(area, { from: '2018-11', to: '2018-12', types: ['Burglary', 'Violence and sexual offences'] }, rows),
  rows,
  completeness: {
    low: [{ force: 'kent', month: '2018-12', crimeType: 'Violence and sexual offences', crimes: 1, median: 9, neighbours: [] }],
    missing: [],
  },
  leftOut: { forces: ['kent'], noLocation: 12, outsideArea: 3400 },
};

describe('downloads', () => {
  test('CSV fields are quoted when they must be, and never run as formulas', () => {
    assertEachCase(csvField, [
      ['plain', 'plain'],
      ['a,b', '"a,b"'],
      ['say "hi"', '"say ""hi"""'],
      ['two\nlines', '"two\nlines"'],
      ['=1+1', "'=1+1"],
      ['@SUM(A1)', "'@SUM(A1)"],
      [-5, '-5'],
      [null, ''],
    ]);
    assert.equal(toCsv(['a', 'b'], [[1, 'x']]), 'a,b\r\n1,x\r\n');
  });

  test('the CSV has a row per month, type and LSOA, 0 when there are none, with the incomplete ones marked', () => {
    assert.equal(
      countsCsv(summary),
      [
        'month,crime_type,lsoa_code,lsoa_name,crimes,possibly_incomplete',
        '2018-11,Burglary,E01000001,"Town, ""centre""",3,no',
        `2018-11,Burglary,E01000002,"'=HYPERLINK(""x"")",0,no`,
        '2018-11,Violence and sexual offences,E01000001,"Town, ""centre""",0,no',
        `2018-11,Violence and sexual offences,E01000002,"'=HYPERLINK(""x"")",0,no`,
        '2018-12,Burglary,E01000001,"Town, ""centre""",0,no',
        `2018-12,Burglary,E01000002,"'=HYPERLINK(""x"")",2,no`,
        '2018-12,Violence and sexual offences,E01000001,"Town, ""centre""",1,yes',
        `2018-12,Violence and sexual offences,E01000002,"'=HYPERLINK(""x"")",0,yes`,
        '',
      ].join('\r\n'),
    );
  });

  test('the GeoJSON has each LSOA with its counts by type, rate and boundary', () => {
    const boundary = triangleBoundary;
    const parsed = JSON.parse(lsoaGeoJson(summary, new Map([['E01000001', { type: 'Feature', geometry: boundary }]]))) as {
      type: string;
      features: { id: string; properties: Record<string, unknown>; geometry: unknown }[];
    };
    assert.equal(parsed.type, 'FeatureCollection');
    assert.deepEqual((parsed as { not_counted?: unknown }).not_counted, { forces: ['kent'], no_location: 12, outside_area: 3400 });
    const [first, second] = ['E01000001', 'E01000002'].map((id) => parsed.features.find((f) => f.id === id)!);
    assert.deepEqual(first, {
      type: 'Feature',
      id: 'E01000001',
      properties: {
        lsoa_code: 'E01000001',
        lsoa_name: 'Town, "centre"',
        from: '2018-11',
        to: '2018-12',
        population: 2000,
        crimes: 4,
        rate_per_1000: 2,
        Burglary: 3,
        'Violence and sexual offences': 1,
      },
      geometry: boundary,
    });
    assert.equal(second!.properties['rate_per_1000'], null);
    assert.equal(second!.geometry, null);
    assert.equal(ratePer1000(5, 0), null);
  });

  test('the command line gets CSV or JSON', () => {
    const table = {
      columns: ['month', 'crimes'],
      rows: [
        ['2018-10', 1756],
        ['2018-11', 1127],
      ],
    };
    assert.equal(formatCountsTable(table, 'csv'), 'month,crimes\r\n2018-10,1756\r\n2018-11,1127\r\n');
    assert.deepEqual(JSON.parse(formatCountsTable(table, 'json')), [
      { month: '2018-10', crimes: 1756 },
      { month: '2018-11', crimes: 1127 },
    ]);
  });

  test('outcomes recorded: one row per month, LSOA and outcome type, with the LSOA name made safe', () => {
    const csv = outcomesCsv({
      area,
      rows: [
        { month: '2018-11', lsoa_code: 'E01000001', outcome_type: 'Investigation complete; no suspect identified', outcomes: 4 },
        { month: '2018-12', lsoa_code: 'E01000002', outcome_type: 'Suspect charged', outcomes: 1 },
      ],
    });
    assert.equal(
      csv,
      'month,lsoa_code,lsoa_name,outcome_type,outcomes\r\n' +
        '2018-11,E01000001,"Town, ""centre""",Investigation complete; no suspect identified,4\r\n' +
        `2018-12,E01000002,"'=HYPERLINK(""x"")",Suspect charged,1\r\n`,
    );
  });

  test('stop and search: one row per month, object, outcome and legislation, blank when not recorded', () => {
    const csv = stopSearchCsv({
      rows: [
        {
          month: '2018-10',
          objectOfSearch: 'Controlled drugs',
          outcome: 'Arrest',
          legislation: 'Misuse of Drugs Act 1971 (section 23)',
          searches: 2,
        },
        { month: '2018-10', objectOfSearch: '', outcome: 'A no further action disposal', legislation: '', searches: 1 },
      ],
    });
    assert.equal(
      csv,
      'month,object_of_search,outcome,legislation,searches\r\n' +
        '2018-10,Controlled drugs,Arrest,Misuse of Drugs Act 1971 (section 23),2\r\n' +
        '2018-10,,A no further action disposal,,1\r\n',
    );
  });
});
