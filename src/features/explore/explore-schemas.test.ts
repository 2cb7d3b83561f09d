import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { areaParam, countsCommandSchema, defaultRange, parseAreaParam, parseExploreQuery } from './explore-schemas.ts';

const months = ['2018-10', '2018-11', '2018-12', '2019-01', '2019-02'];
const types = ['Anti-social behaviour', 'Burglary', 'Drugs'];
const choices = { months, types };

const errorsOf = (query: Record<string, unknown>) => {
  const result = parseExploreQuery(query, choices);
  return result.ok ? [] : result.errors.summary;
};

describe('the explore query', () => {
  test('defaults to the whole area, the last 12 loaded months (or all of fewer) and every type', () => {
    const result = parseExploreQuery({}, choices);
    assert.ok(result.ok);
    assert.deepEqual(result.query, { area: { kind: 'all' }, from: '2018-10', to: '2019-02', types });
    const many = Array.from({ length: 20 }, (_, i) => `20${String(10 + Math.floor(i / 12))}-${String((i % 12) + 1).padStart(2, '0')}`);
    assert.deepEqual(defaultRange(many), { from: many[8], to: many[19] });
    assert.equal(defaultRange([]), null);
  });

  test('reads the area as all, urban, rural, or a district, ward or LSOA code', () => {
    assert.deepEqual(parseAreaParam('urban'), { kind: 'urban' });
    assert.deepEqual(parseAreaParam('E07000110'), { kind: 'district', code: 'E07000110' });
    assert.deepEqual(parseAreaParam('E06000035'), { kind: 'district', code: 'E06000035' });
    assert.deepEqual(parseAreaParam('W06000015'), { kind: 'district', code: 'W06000015' });
    assert.deepEqual(parseAreaParam('E05004982'), { kind: 'ward', code: 'E05004982' });
    assert.deepEqual(parseAreaParam('W01001234'), { kind: 'lsoa', code: 'W01001234' });
    for (const bad of ['', 'E02000001', 'E0100000', 'e01000001', 'E01000001 ', "E01000001'--", 'W07000110']) {
      assert.equal(parseAreaParam(bad), null, bad);
    }
    assert.equal(areaParam({ kind: 'lsoa', code: 'E01000001' }), 'E01000001');
    assert.equal(areaParam({ kind: 'rural' }), 'rural');
  });

  test('keeps the chosen types in the list’s order, one of each', () => {
    const result = parseExploreQuery({ area: 'E01024320', from: '2018-11', to: '2018-11', types: ['Drugs', 'Burglary', 'Drugs'] }, choices);
    assert.ok(result.ok);
    assert.deepEqual(result.query, {
      area: { kind: 'lsoa', code: 'E01024320' },
      from: '2018-11',
      to: '2018-11',
      types: ['Burglary', 'Drugs'],
    });
    assert.deepEqual(result.values.types, ['Drugs', 'Burglary', 'Drugs']);
    const single = parseExploreQuery({ types: 'Drugs' }, choices);
    assert.ok(single.ok && single.query.types.length === 1);
  });

  test('refuses what is not in the lists, repeated single values and a range the wrong way round', () => {
    assert.deepEqual(errorsOf({ from: '2018-13' }), [{ text: 'Select a start month from the list', href: '#from' }]);
    assert.deepEqual(errorsOf({ to: '2020-01' }), [{ text: 'Select an end month from the list', href: '#to' }]);
    assert.deepEqual(errorsOf({ from: '2019-01', to: '2018-12' }), [
      { text: 'End month must be the same as or after the start month', href: '#to' },
    ]);
    assert.deepEqual(errorsOf({ area: 'E02000001' }), [{ text: 'Select an area from the list', href: '#area' }]);
    assert.deepEqual(errorsOf({ area: ['all', 'all'] }), [{ text: 'Select an area from the list', href: '#area' }]);
    assert.deepEqual(errorsOf({ types: ['Burglary', 'Arson'] }), [{ text: 'Select crime types from the list', href: '#types' }]);
    assert.deepEqual(errorsOf({ types: Array.from({ length: 50 }, () => 'Drugs') }), [
      { text: 'Select crime types from the list', href: '#types' },
    ]);
    assert.deepEqual(
      errorsOf({ area: 'x', from: 'y', to: 'z' }).map((e) => e.href),
      ['#area', '#from', '#to'],
      'in the order of the form',
    );
    const nothing = parseExploreQuery({}, { months: [], types });
    assert.equal(nothing.ok, false);
  });
});

describe('the options of safer query counts', () => {
  const schema = countsCommandSchema(types);
  const base = { area: 'E07000110', from: '2018-10', to: '2019-02', by: 'month', format: 'csv' };
  const messages = (opts: Record<string, unknown>) => {
    const result = schema.safeParse({ ...base, ...opts });
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  test('reads the area, months, grouping, types (any case) and format', () => {
    assert.deepEqual(schema.parse({ ...base, by: 'month, type,lsoa', types: 'drugs,Burglary', format: 'json' }), {
      areaCode: 'E07000110',
      from: '2018-10',
      to: '2019-02',
      by: ['month', 'type', 'lsoa'],
      types: ['Drugs', 'Burglary'],
      format: 'json',
    });
    assert.equal(schema.parse(base).types, null);
  });

  test('names the option in every message', () => {
    assert.deepEqual(messages({ area: 'Maidstone' }), ['--area: give a district, ward or LSOA code, like E07000110']);
    assert.deepEqual(messages({ from: '2018-1' }), ['--from: give a month as YYYY-MM, like 2018-10']);
    assert.deepEqual(messages({ to: '2018-09' }), ['--to: must be the same month as --from or after it']);
    assert.deepEqual(messages({ by: 'week' }), ['--by: give one or more of month, type, lsoa, comma-separated']);
    assert.deepEqual(messages({ by: 'month,month' }), ['--by: give one or more of month, type, lsoa, comma-separated']);
    assert.match(
      messages({ types: 'Burglary,Arson' })[0]!,
      /^--types: "Arson" is not a police.uk crime type; use Anti-social behaviour, Burglary, Drugs$/,
    );
    assert.deepEqual(messages({ format: 'xml' }), ['--format: use csv or json']);
  });
});
