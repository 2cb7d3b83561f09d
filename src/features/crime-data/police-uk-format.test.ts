import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rowMaker } from '../../../test/helpers/csv-rows.ts';
import {
  CRIME_TYPES,
  isStreetHeader,
  locationOf,
  normaliseCrimeType,
  normaliseOutcome,
  parsePoliceFileName,
  parseStreetLine,
  splitCsvLine,
  STREET_HEADER,
  type RowResult,
  type StreetRow,
} from './police-uk-format.ts';
import { parseOutcomeLine } from './police-outcomes-format.ts';

const ID = 'c656b990527ef323f85f5b0ed10832599bf4fc2c5e453f7f3c95b6014e3ea7c0';
const HEADER = STREET_HEADER.join(',');

/** A real Kent row, with any field replaced. */
const line = rowMaker(STREET_HEADER, {
  'Crime ID': ID,
  Month: '2018-10',
  'Reported by': 'Kent Police',
  'Falls within': 'Kent Police',
  Longitude: '0.967072',
  Latitude: '51.256014',
  Location: 'On or near North Downs Close',
  'LSOA code': 'E01023987',
  'LSOA name': 'Ashford 001B',
  'Crime type': 'Criminal damage and arson',
  'Last outcome category': 'Investigation complete; no suspect identified',
  Context: '',
});

/** An outcomes file's line for the same crime, at the location given. */
const outcomeLine = (location: string) =>
  [ID, '2018-10', 'Kent Police', 'Kent Police', '0.967072', '51.256014', location, 'E01023987', 'Ashford 001B', 'Local resolution'].join(
    ',',
  );

function accepted(result: RowResult): StreetRow {
  if (!result.ok) assert.fail(`expected the row to be accepted, but: ${result.reason}`);
  return result.row;
}

function rejected(result: RowResult, reason: RegExp): void {
  assert.equal(result.ok, false, 'expected the row to be rejected');
  if (!result.ok) assert.match(result.reason, reason);
}

describe('police.uk headers', () => {
  test('the header may differ in case and spacing; anything else is not a street file', () => {
    assert.ok(isStreetHeader(HEADER));
    assert.ok(isStreetHeader(STREET_HEADER.map((h) => ` ${h.toUpperCase()} `).join(',')));
    assert.ok(!isStreetHeader('Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude'));
    assert.ok(!isStreetHeader(STREET_HEADER.slice(0, 11).join(',')));
    assert.ok(!isStreetHeader(line()));
  });
});

describe('police.uk street rows: accepted variants', () => {
  test('a crime row is read and normalised', () => {
    const row = accepted(parseStreetLine(line({ 'Crime ID': ID.toUpperCase(), 'Reported by': ' Kent Police ' })));
    assert.deepEqual(row, {
      crimeId: ID,
      month: '2018-10',
      reportedBy: 'Kent Police',
      fallsWithin: 'Kent Police',
      longitude: 0.967072,
      latitude: 51.256014,
      location: 'On or near North Downs Close',
      lsoaCode: 'E01023987',
      lsoaName: 'Ashford 001B',
      crimeType: 'Criminal damage and arson',
      outcome: 'Investigation complete; no suspect identified',
      context: null,
    });
  });

  test('anti-social behaviour has a blank Crime ID and outcome', () => {
    const row = accepted(parseStreetLine(line({ 'Crime ID': '', 'Crime type': 'Anti-social behaviour', 'Last outcome category': '' })));
    assert.equal(row.crimeId, null);
    assert.equal(row.outcome, null);
    assert.equal(row.crimeType, 'Anti-social behaviour');
  });

  test('"Public disorder and weapons", the category before May 2013, is a crime type', () => {
    assert.ok(CRIME_TYPES.includes('Public disorder and weapons'));
    const row = accepted(parseStreetLine(line({ Month: '2012-04', 'Crime type': 'Public disorder and weapons' })));
    assert.equal(row.crimeType, 'Public disorder and weapons');
  });

  test('crime types in another case or spacing are normalised', () => {
    assert.equal(
      accepted(parseStreetLine(line({ 'Crime type': ' violence  and SEXUAL offences ' }))).crimeType,
      'Violence and sexual offences',
    );
    assert.equal(normaliseCrimeType('anti-social behaviour'), 'Anti-social behaviour');
    assert.equal(normaliseCrimeType('Burglary in a dwelling'), null);
  });

  test('outcome spelling variants from different years become one form', () => {
    const cases: [string, string][] = [
      ['Offender given penalty notice', 'Offender given a penalty notice'],
      ['Offender given a penalty notice', 'Offender given a penalty notice'],
      ['Further action is not in the public interest', 'Formal action is not in the public interest'],
      ['Formal action is not in the public interest', 'Formal action is not in the public interest'],
      ['further investigation is not in the public interest', 'Further investigation is not in the public interest'],
      ['  Under   investigation ', 'Under investigation'],
      ['LOCAL RESOLUTION', 'Local resolution'],
      ['Offender given conditional discharge', 'Offender given conditional discharge'],
    ];
    for (const [raw, expected] of cases) {
      assert.equal(normaliseOutcome(raw), expected, raw);
      assert.equal(accepted(parseStreetLine(line({ 'Last outcome category': raw }))).outcome, expected, raw);
    }
    assert.equal(normaliseOutcome('Awaiting court outcome'), 'Awaiting court outcome', 'unknown outcomes are kept as given');
    assert.equal(normaliseOutcome('   '), null);
  });

  test('blank coordinates and "No Location" are a row with no location', () => {
    const row = accepted(parseStreetLine(line({ Longitude: '', Latitude: '', Location: 'No Location', 'LSOA code': '', 'LSOA name': '' })));
    assert.equal(row.longitude, null);
    assert.equal(row.latitude, null);
    assert.equal(row.location, null);
    assert.equal(row.lsoaCode, null);
    assert.equal(row.lsoaName, null);
  });

  test('"No Location" is no location in any case, in street and outcomes files alike', () => {
    for (const location of ['No Location', 'no location', 'NO LOCATION', ' No location ']) {
      assert.equal(accepted(parseStreetLine(line({ Location: location }))).location, null, location);
      const outcome = parseOutcomeLine(outcomeLine(location));
      assert.ok(outcome.ok, location);
      assert.equal(outcome.row.location, null, location);
      assert.equal(locationOf(location), null, location);
    }
    for (const location of ['No Locations', 'On or near No Location Road']) {
      assert.equal(accepted(parseStreetLine(line({ Location: location }))).location, location);
      const outcome = parseOutcomeLine(outcomeLine(location));
      assert.equal(outcome.ok && outcome.row.location, location);
    }
  });

  test('quoted fields may hold commas and doubled quotes', () => {
    const row = accepted(parseStreetLine(line({ Location: '"On or near Station Road, Ashford"', 'LSOA name': '"Ashford ""Town"" 001B"' })));
    assert.equal(row.location, 'On or near Station Road, Ashford');
    assert.equal(row.lsoaName, 'Ashford "Town" 001B');
    assert.deepEqual(splitCsvLine('"a,b","",c,'), ['a,b', '', 'c', '']);
    assert.deepEqual(splitCsvLine('"say ""hi""",x'), ['say "hi"', 'x']);
  });

  test('a context, when given, is kept', () => {
    assert.equal(accepted(parseStreetLine(line({ Context: 'Recorded at a station' }))).context, 'Recorded at a station');
  });
});

describe('police.uk street rows: rejected, with a reason', () => {
  test('the wrong number of columns', () => {
    rejected(parseStreetLine(line().split(',').slice(0, 10).join(',')), /wrong number of columns: 10, expected 12/);
    rejected(parseStreetLine(`${line()},extra`), /wrong number of columns: 13, expected 12/);
    rejected(parseStreetLine(''), /wrong number of columns: 1/);
  });

  test('a bad month', () => {
    for (const month of ['2019-13', '201901', 'January 2019', '2019-1', '']) {
      rejected(parseStreetLine(line({ Month: month })), /bad month .*expected YYYY-MM/);
    }
  });

  test('coordinates outside the UK, not numbers, or only one of them', () => {
    rejected(parseStreetLine(line({ Longitude: '-30.5', Latitude: '10.25' })), /coordinates outside the UK: -30.5, 10.25/);
    rejected(parseStreetLine(line({ Longitude: '0', Latitude: '0' })), /coordinates outside the UK/);
    rejected(parseStreetLine(line({ Longitude: '2.5', Latitude: '51.2' })), /coordinates outside the UK/);
    rejected(parseStreetLine(line({ Longitude: 'east', Latitude: '51.2' })), /bad coordinates: not numbers/);
    rejected(parseStreetLine(line({ Longitude: '', Latitude: '51.2' })), /only one of longitude and latitude/);
  });

  test('malformed quoting', () => {
    rejected(parseStreetLine(line({ Location: '"On or near Station Road' })), /malformed quoting: a quoted field is not closed/);
    rejected(parseStreetLine(line({ Location: '"On or near" Station Road' })), /malformed quoting: text after a closing quote/);
    rejected(parseStreetLine(line({ Location: 'On or near "Station" Road' })), /malformed quoting: a quote inside an unquoted field/);
  });

  test('a bad Crime ID, an unknown crime type, a bad LSOA code, a NUL character', () => {
    rejected(parseStreetLine(line({ 'Crime ID': 'abc123' })), /bad Crime ID/);
    rejected(parseStreetLine(line({ 'Crime type': 'Jaywalking' })), /unknown crime type "Jaywalking"/);
    rejected(parseStreetLine(line({ 'LSOA code': 'S01000001' })), /bad LSOA code/);
    rejected(parseStreetLine(line({ Context: 'a\u0000b' })), /NUL character/);
  });
});

describe('police.uk file names', () => {
  test('say the month, force and kind', () => {
    assert.deepEqual(parsePoliceFileName('2019-01/2019-01-kent-street.csv'), { month: '2019-01', force: 'kent', kind: 'street' });
    assert.deepEqual(parsePoliceFileName('2019-01-avon-and-somerset-street.csv'), {
      month: '2019-01',
      force: 'avon-and-somerset',
      kind: 'street',
    });
    assert.deepEqual(parsePoliceFileName('2019-01-btp-stop-and-search.csv'), { month: '2019-01', force: 'btp', kind: 'stop-and-search' });
    assert.equal(parsePoliceFileName('2019-13-kent-street.csv'), null);
    assert.equal(parsePoliceFileName('kent.csv'), null);
  });
});
