import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { visitsStoredMapping } from '../../../test/helpers/service-usage.ts';
import type { ColumnMapping } from './service-usage-format.ts';
import { checkMapping, describeMapping, guessMapping, storedMapping, type FilePreview } from './service-usage-mapping.ts';

const preview = (header: string[], rows: string[][]): FilePreview => ({ header, rows: rows.map((fields, i) => ({ line: i + 2, fields })) });

const visits = preview(
  ['Visit ID', 'Visit date', 'Visit time', 'Service', 'Home LSOA'],
  [
    ['101', '01/03/2017', '10:04', 'Domestic abuse support', ''],
    ['102', '01/03/2017', '10:15', 'Employment and benefits', 'E01024402'],
    ['103', '02/03/2017', '14:47', 'Housing advice', 'E01024371'],
  ],
);

/** The right mapping of `visits`. */
const good: ColumnMapping = {
  dateColumn: 1,
  timeColumn: 2,
  dateFormat: 'DD/MM/YYYY',
  serviceColumn: 3,
  locationColumn: 4,
  locationKind: 'lsoa',
};

describe('guessing the mapping', () => {
  test('the demo file: date, its format, the separate time, the service and the LSOA', () => {
    assert.deepEqual(guessMapping(visits), good);
  });

  test('a date-time column, a postcode column by its values, and a category for the service', () => {
    const p = preview(
      ['Reference', 'Category', 'Created', 'Client postcode'],
      [
        ['A1', 'Advice', '2018-07-01T09:00:00Z', 'ME14 1XX'],
        ['A2', 'Advice', '2018-07-01T09:30:00Z', 'ME15 6AB'],
      ],
    );
    assert.deepEqual(guessMapping(p), {
      dateColumn: 2,
      timeColumn: null,
      dateFormat: 'ISO 8601',
      serviceColumn: 1,
      locationColumn: 3,
      locationKind: 'postcode',
    });
  });

  test('a column named like a date is preferred among columns of dates; districts are told from postcodes', () => {
    const p = preview(
      ['Referred', 'Date of visit', 'District'],
      [
        ['2018-01-02', '2018-02-03', 'ME14'],
        ['2018-01-05', '2018-02-06', 'TN12'],
      ],
    );
    const guess = guessMapping(p);
    assert.equal(guess.dateColumn, 1);
    assert.equal(guess.dateFormat, 'YYYY-MM-DD');
    assert.equal(guess.locationColumn, 2);
    assert.equal(guess.locationKind, 'postcode-district');
    assert.equal(guess.serviceColumn, null);
  });

  test('what cannot be told is left for the person to choose', () => {
    const guess = guessMapping(preview(['a', 'b'], [['x', 'y']]));
    assert.deepEqual(guess, {
      dateColumn: null,
      timeColumn: null,
      dateFormat: null,
      serviceColumn: null,
      locationColumn: null,
      locationKind: null,
    });
  });
});

describe('checking a chosen mapping against the first rows', () => {
  test('a good mapping passes', () => {
    assert.deepEqual(checkMapping(good, visits), { ok: true, mapping: good });
  });

  test('the date column and format are needed', () => {
    const r = checkMapping({ ...good, dateColumn: null, dateFormat: null }, visits);
    assert.deepEqual(r, {
      ok: false,
      errors: [
        ['dateColumn', 'Select the column that holds the date'],
        ['dateFormat', 'Select the format of the dates'],
      ],
    });
  });

  test('the same column twice is named, against the later choice', () => {
    const r = checkMapping({ ...good, serviceColumn: 1 }, visits);
    assert.deepEqual(r, {
      ok: false,
      errors: [
        ['serviceColumn', 'The service column cannot be "Visit date": that is already the date column. Choose a different column for each'],
      ],
    });
  });

  test('a time column beside a format with the time, and a location column without its kind, are refused', () => {
    const r = checkMapping({ ...good, dateFormat: 'DD/MM/YYYY HH:mm', locationKind: null }, visits);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map(([field]) => field),
      ['timeColumn', 'locationKind'],
    );
    assert.match(r.errors[0]![1], /DD\/MM\/YYYY HH:mm already includes the time/);
  });

  test('dates of the first rows not in the chosen format: the message names the column, line and value', () => {
    const r = checkMapping({ ...good, dateFormat: 'YYYY-MM-DD' }, visits);
    assert.deepEqual(r, {
      ok: false,
      errors: [['dateFormat', 'The dates in column "Visit date" are not in the format YYYY-MM-DD: line 2 has "01/03/2017"']],
    });
  });

  test('one bad date among the first rows is left for the import to reject; most of them bad is an error', () => {
    const oneBad = preview(visits.header, [
      ...visits.rows.map((r) => r.fields),
      ['104', '31/06/2017', '10:00', 'Legal advice', 'E01024402'],
    ]);
    assert.equal(checkMapping(good, oneBad).ok, true);
  });

  test('a column that does not hold what it is said to: times and places', () => {
    const times = checkMapping({ ...good, timeColumn: 3, serviceColumn: null }, visits);
    assert.ok(!times.ok);
    assert.deepEqual(times.errors, [
      ['timeColumn', 'Column "Service" does not hold times of day like 14:05: line 2 has "Domestic abuse support"'],
    ]);
    const places = checkMapping({ ...good, locationKind: 'postcode' }, visits);
    assert.ok(!places.ok);
    assert.deepEqual(places.errors, [['locationKind', 'Column "Home LSOA" does not hold postcodes: line 3 has "E01024402"']]);
    const noDates = checkMapping(
      { ...good, dateColumn: 4, timeColumn: null, locationColumn: null, locationKind: null },
      preview(['a', 'b', 'c', 'd', 'e'], [['', '', '', '', '']]),
    );
    assert.ok(!noDates.ok);
    assert.match(noDates.errors[0]![1], /Column "e" has no dates in the first row: select the column/);
  });

  test('the stored mapping names the columns, and reads in words', () => {
    const stored = storedMapping(good, visits.header);
    assert.deepEqual(stored, visitsStoredMapping);
    assert.deepEqual(describeMapping(stored), [
      { key: 'Date', value: 'column "Visit date", DD/MM/YYYY' },
      { key: 'Time', value: 'column "Visit time"' },
      { key: 'Service', value: 'column "Service"' },
      { key: 'Location', value: 'column "Home LSOA", LSOA codes' },
    ]);
  });
});
