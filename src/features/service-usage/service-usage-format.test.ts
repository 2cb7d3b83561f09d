import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertEachCase } from '../../../test/helpers/cases.ts';
import {
  checkRow,
  parseDate,
  parseLsoa,
  parseTime,
  postcodeDistrict,
  type ColumnMapping,
  type DateFormat,
} from './service-usage-format.ts';

/** parseDate for one format. */
const inFormat = (format: DateFormat) => (text: string) => parseDate(text, format);

describe('service-usage values', () => {
  test('each date format reads its own dates as UK local time and nothing else', () => {
    assertEachCase(inFormat('YYYY-MM-DD'), [
      ['2019-03-28', '2019-03-28 00:00:00'],
      [' 2019-03-28 ', '2019-03-28 00:00:00'],
      ['28/03/2019', null],
    ]);
    assertEachCase(inFormat('DD/MM/YYYY'), [
      ['28/03/2019', '2019-03-28 00:00:00'],
      ['1/3/2019', '2019-03-01 00:00:00'],
      ['2019-03-28', null],
    ]);
    assertEachCase(inFormat('DD/MM/YYYY HH:mm'), [
      ['28/03/2019 14:05', '2019-03-28 14:05:00'],
      ['28/03/2019 9:05:30', '2019-03-28 09:05:30'],
      ['28/03/2019', null],
    ]);
    assertEachCase(inFormat('ISO 8601'), [
      ['2019-03-28T14:05:00', '2019-03-28 14:05:00'],
      ['2019-03-28 14:05', '2019-03-28 14:05:00'],
      ['2019-03-28', null],
    ]);
  });

  test('an ISO 8601 time with Z or an offset becomes UK local time (summer time included)', () => {
    assertEachCase(inFormat('ISO 8601'), [
      ['2018-07-01T09:00:00Z', '2018-07-01 10:00:00'],
      ['2018-12-01T09:00:00.250Z', '2018-12-01 09:00:00'],
      ['2018-07-01T09:00:00+02:00', '2018-07-01 08:00:00'],
      ['2018-07-01T23:30:00-0100', '2018-07-02 01:30:00'],
    ]);
  });

  test('dates that do not exist are refused in every format', () => {
    assertEachCase(inFormat('YYYY-MM-DD'), [
      ['2019-02-29', null],
      ['2020-02-29', '2020-02-29 00:00:00'],
      ['1850-01-01', null],
    ]);
    assertEachCase(inFormat('DD/MM/YYYY'), [
      ['31/06/2017', null],
      ['13/13/2017', null],
    ]);
    assert.equal(parseDate('01/01/2017 24:00', 'DD/MM/YYYY HH:mm'), null);
    assert.equal(parseDate('2017-01-01T10:60:00', 'ISO 8601'), null);
  });

  test('times of day', () => {
    assertEachCase(parseTime, [
      ['14:05', '14:05:00'],
      ['9:05', '09:05:00'],
      ['09.05', '09:05:00'],
      ['23:59:59', '23:59:59'],
      ['24:00', null],
      ['2pm', null],
    ]);
  });

  test('a full postcode is cut to its district; a district stays; anything else is not a place', () => {
    assertEachCase(postcodeDistrict, [
      ['ME14 1XX', 'ME14'],
      ['me141xx', 'ME14'],
      [' ME15  6AB ', 'ME15'],
      ['TN12 9QA', 'TN12'],
      ['EC1A 1BB', 'EC1A'],
      ['W1A 0AX', 'W1A'],
      ['M1 1AE', 'M1'],
      ['ME14', 'ME14'],
      ['Maidstone', null],
      ['ME14 1X', null],
      ['', null],
    ]);
  });

  test('LSOA codes of England and Wales, upper-cased', () => {
    assertEachCase(parseLsoa, [
      ['E01024320', 'E01024320'],
      [' e01024320 ', 'E01024320'],
      ['W01000001', 'W01000001'],
      ['E0102432', null],
      ['E02000001', null],
      ['Maidstone 003A', null],
    ]);
  });
});

describe('a row checked against the mapping', () => {
  const header = ['Visit date', 'Time', 'Service', 'Postcode'];
  const mapping: ColumnMapping = {
    dateColumn: 0,
    timeColumn: 1,
    dateFormat: 'DD/MM/YYYY',
    serviceColumn: 2,
    locationColumn: 3,
    locationKind: 'postcode',
  };

  test('an accepted row has the date and time together, the service tidied, and only the postcode district', () => {
    assert.deepEqual(checkRow(['28/03/2019', '14:05', '  Housing   advice ', 'ME14 1XX'], header, mapping), {
      ok: true,
      event: { occurredAt: '2019-03-28 14:05:00', service: 'Housing advice', lsoaCode: null, postcodeDistrict: 'ME14' },
    });
    const noPlace = checkRow(['28/03/2019', '14:05', '', ''], header, mapping);
    assert.deepEqual(noPlace, {
      ok: true,
      event: { occurredAt: '2019-03-28 14:05:00', service: '', lsoaCode: null, postcodeDistrict: null },
    });
  });

  test('each rejection says what is wrong, in which column, with the value (never a postcode)', () => {
    const reason = (fields: string[], m: ColumnMapping = mapping) => {
      const r = checkRow(fields, header, m);
      assert.equal(r.ok, false);
      return (r as { reason: string }).reason;
    };
    assert.equal(reason(['28/03/2019', '14:05', 'Housing advice']), 'the line has 3 fields; the header has 4');
    assert.equal(reason(['', '14:05', 'Housing advice', 'ME14 1XX']), 'no date in column "Visit date"');
    assert.equal(
      reason(['2019-03-28', '14:05', 'Housing advice', 'ME14 1XX']),
      'date "2019-03-28" in column "Visit date" is not in the format DD/MM/YYYY',
    );
    assert.equal(
      reason(['31/06/2017', '14:05', 'Housing advice', 'ME14 1XX']),
      'date "31/06/2017" in column "Visit date" is not a real date',
    );
    assert.equal(
      reason(['28/03/2019', 'noon', 'Housing advice', 'ME14 1XX']),
      'time "noon" in column "Time" is not a time of day like 14:05',
    );
    assert.equal(reason(['28/03/2019', '', 'Housing advice', 'ME14 1XX']), 'no time in column "Time"');
    assert.equal(
      reason(['28/03/2019', '14:05', 'x'.repeat(201), 'ME14 1XX']),
      'the service in column "Service" is longer than 200 characters',
    );
    const postcode = reason(['28/03/2019', '14:05', 'Housing advice', 'ME14 1X']);
    assert.equal(postcode, 'the value in column "Postcode" is not a UK postcode');
    assert.doesNotMatch(postcode, /ME14/);
    const lsoa = { ...mapping, locationKind: 'lsoa' as const };
    assert.equal(
      reason(['28/03/2019', '14:05', 'Housing advice', 'Maidstone 003A'], lsoa),
      '"Maidstone 003A" in column "Postcode" is not an LSOA code like E01024320',
    );
    const iso = { ...mapping, dateFormat: 'ISO 8601' as const, timeColumn: null };
    assert.equal(
      reason(['2019-03-28T25:00', '', 'Housing advice', 'ME14'], iso),
      'date "2019-03-28T25:00" in column "Visit date" is not a real date and time',
    );
  });
});
