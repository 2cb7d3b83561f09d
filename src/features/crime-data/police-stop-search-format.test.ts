import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rejectionReason, rowMaker } from '../../../test/helpers/csv-rows.ts';
import { isStopSearchHeader, parseStopSearchLine, SELF_DEFINED_ETHNICITIES, STOP_SEARCH_HEADER } from './police-stop-search-format.ts';

/** A synthetic search, with any field replaced. */
const line = rowMaker(STOP_SEARCH_HEADER, {
  Type: 'Person search',
  Date: '2018-10-01T09:15:00+01:00',
  'Part of a policing operation': 'False',
  'Policing operation': '',
  Latitude: '51.279169',
  Longitude: '0.483532',
  Gender: 'Male',
  'Age range': '18-24',
  'Self-defined ethnicity': 'White - English/Welsh/Scottish/Northern Irish/British',
  'Officer-defined ethnicity': 'White',
  Legislation: 'Misuse of Drugs Act 1971 (section 23)',
  'Object of search': 'Controlled drugs',
  Outcome: 'A no further action disposal',
  'Outcome linked to object of search': 'False',
  'Removal of more than just outer clothing': 'False',
});

const reason = rejectionReason(parseStopSearchLine);

describe('police.uk stop-and-search rows', () => {
  test('a good row is read, latitude before longitude', () => {
    const r = parseStopSearchLine(line());
    assert.ok(r.ok);
    assert.deepEqual(r.row, {
      type: 'Person search',
      date: '2018-10-01T09:15:00+01:00',
      month: '2018-10',
      partOfOperation: false,
      operation: null,
      latitude: 51.279169,
      longitude: 0.483532,
      gender: 'Male',
      ageRange: '18-24',
      selfDefinedEthnicity: 'White - English/Welsh/Scottish/Northern Irish/British',
      officerDefinedEthnicity: 'White',
      legislation: 'Misuse of Drugs Act 1971 (section 23)',
      objectOfSearch: 'Controlled drugs',
      outcome: 'A no further action disposal',
      outcomeLinkedToObject: false,
      removalOfMoreThanOuterClothing: false,
    });
  });

  test('categories in any case become police.uk’s spelling; blanks are not recorded', () => {
    const r = parseStopSearchLine(
      line({
        Type: 'person and vehicle search',
        Gender: 'female',
        'Age range': 'OVER 34',
        'Officer-defined ethnicity': 'black',
        'Part of a policing operation': 'true',
        'Policing operation': ' Operation  Synthetic ',
      }),
    );
    assert.ok(r.ok);
    assert.deepEqual(
      [r.row.type, r.row.gender, r.row.ageRange, r.row.officerDefinedEthnicity, r.row.partOfOperation, r.row.operation],
      ['Person and Vehicle search', 'Female', 'over 34', 'Black', true, 'Operation Synthetic'],
    );
    const vehicle = parseStopSearchLine(
      line({
        Type: 'Vehicle search',
        Gender: '',
        'Age range': '',
        'Self-defined ethnicity': '',
        'Officer-defined ethnicity': '',
        'Outcome linked to object of search': '',
        Latitude: '',
        Longitude: '',
        'Object of search': '',
      }),
    );
    assert.ok(vehicle.ok);
    assert.deepEqual(
      [
        vehicle.row.gender,
        vehicle.row.ageRange,
        vehicle.row.selfDefinedEthnicity,
        vehicle.row.officerDefinedEthnicity,
        vehicle.row.outcomeLinkedToObject,
        vehicle.row.latitude,
        vehicle.row.objectOfSearch,
      ],
      [null, null, null, null, null, null, null],
    );
    for (const group of SELF_DEFINED_ETHNICITIES) assert.ok(parseStopSearchLine(line({ 'Self-defined ethnicity': group })).ok, group);
  });

  test('dates: an offset or Z is needed, the date must exist, and its month is the date as written', () => {
    const month = (date: string) => {
      const r = parseStopSearchLine(line({ Date: date }));
      assert.ok(r.ok, date);
      return r.row.month;
    };
    assert.equal(month('2018-10-31T23:30:00+00:00'), '2018-10');
    assert.equal(month('2019-02-28T10:00Z'), '2019-02');
    assert.equal(month('2018-10-05T14:30:00.123+01:00'), '2018-10');
    assert.equal(reason(line({ Date: '2019-02-29T10:00:00+00:00' })), 'bad date "2019-02-29T10:00:00+00:00": no such date or time');
    assert.equal(reason(line({ Date: '2018-10-05T24:00:00+00:00' })), 'bad date "2018-10-05T24:00:00+00:00": no such date or time');
    assert.match(
      reason(line({ Date: '05/10/2018 14:30' })),
      /^bad date "05\/10\/2018 14:30": expected a date and time like 2019-01-05T14:30:00\+00:00$/,
    );
    assert.match(reason(line({ Date: '2018-10-05T14:30:00' })), /^bad date/);
  });

  test('a value about the person that is not a published category is rejected without repeating it', () => {
    assert.equal(reason(line({ Gender: 'Unknown' })), "gender is not one of police.uk's published categories (Male, Female, Other)");
    assert.equal(
      reason(line({ 'Age range': '42' })),
      "age range is not one of police.uk's published categories (under 10, 10-17, 18-24, 25-34, over 34)",
    );
    const free = reason(line({ 'Self-defined ethnicity': 'Described in their own words' }));
    assert.equal(free, "self-defined ethnicity is not one of police.uk's published categories");
    assert.equal(
      reason(line({ 'Officer-defined ethnicity': 'Tall' })),
      "officer-defined ethnicity is not one of police.uk's published categories (Asian, Black, Mixed, Other, White)",
    );
  });

  test('other bad rows are rejected with the reason', () => {
    assert.equal(
      reason(line({ Type: 'Dog search' })),
      'unknown type of search "Dog search": expected Person search, Vehicle search, Person and Vehicle search',
    );
    assert.equal(reason(line({ Type: '' })), 'no type of search');
    assert.equal(reason(line({ 'Part of a policing operation': 'Yes' })), 'Part of a policing operation must be True, False or blank');
    assert.equal(
      reason(line({ 'Outcome linked to object of search': '1' })),
      'Outcome linked to object of search must be True, False or blank',
    );
    assert.equal(
      reason(line({ 'Removal of more than just outer clothing': 'Maybe' })),
      'Removal of more than just outer clothing must be True, False or blank',
    );
    assert.equal(reason(line({ Latitude: '10.25', Longitude: '-30.5' })), 'coordinates outside the UK: -30.5, 10.25');
    assert.equal(reason(line({ Legislation: 'x'.repeat(201) })), 'legislation longer than 200 characters');
    assert.equal(reason(line().split(',').slice(0, 14).join(',')), 'wrong number of columns: 14, expected 15');
  });

  test('the header', () => {
    assert.ok(isStopSearchHeader(STOP_SEARCH_HEADER.join(',')));
    assert.ok(!isStopSearchHeader('Type,Date'));
  });
});
