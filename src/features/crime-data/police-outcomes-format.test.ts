import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rejectionReason, rowMaker } from '../../../test/helpers/csv-rows.ts';
import { isOutcomesHeader, OUTCOMES_HEADER, parseOutcomeLine } from './police-outcomes-format.ts';

const ID = '7cf6710035aeb094b3e6cacbe27ad6d45c0c3edfafae76d4c87de0ff8d8a84b1';

/** A synthetic outcomes row, with any field replaced. */
const line = rowMaker(OUTCOMES_HEADER, {
  'Crime ID': ID,
  Month: '2018-10',
  'Reported by': 'Kent Police',
  'Falls within': 'Kent Police',
  Longitude: '0.483532',
  Latitude: '51.279169',
  Location: 'On or near High Street',
  'LSOA code': 'E01024320',
  'LSOA name': 'Maidstone 003A',
  'Outcome type': 'Investigation complete; no suspect identified',
});

const reason = rejectionReason(parseOutcomeLine);

describe('police.uk outcomes rows', () => {
  test('a good row is read and normalised', () => {
    const r = parseOutcomeLine(line({ 'Crime ID': ID.toUpperCase() }));
    assert.ok(r.ok);
    assert.deepEqual(r.row, {
      crimeId: ID,
      month: '2018-10',
      reportedBy: 'Kent Police',
      fallsWithin: 'Kent Police',
      longitude: 0.483532,
      latitude: 51.279169,
      location: 'On or near High Street',
      lsoaCode: 'E01024320',
      lsoaName: 'Maidstone 003A',
      outcomeType: 'Investigation complete; no suspect identified',
    });
  });

  test('outcome spellings that differ across years become one', () => {
    const outcome = (raw: string) => {
      const r = parseOutcomeLine(line({ 'Outcome type': raw }));
      assert.ok(r.ok, raw);
      return r.row.outcomeType;
    };
    assert.equal(outcome('Investigation complete: no suspect identified'), 'Investigation complete; no suspect identified');
    assert.equal(outcome('  investigation   complete; no suspect identified '), 'Investigation complete; no suspect identified');
    assert.equal(outcome('unable to prosecute suspect'), 'Unable to prosecute suspect');
    assert.equal(outcome('Offender given penalty notice'), 'Offender given a penalty notice');
    assert.equal(outcome('A new category police.uk adds'), 'A new category police.uk adds', 'unknown outcomes are kept as given');
  });

  test('no location: blank coordinates, "No Location" and no LSOA', () => {
    const r = parseOutcomeLine(line({ Longitude: '', Latitude: '', Location: 'No Location', 'LSOA code': '', 'LSOA name': '' }));
    assert.ok(r.ok);
    assert.deepEqual([r.row.longitude, r.row.latitude, r.row.location, r.row.lsoaCode, r.row.lsoaName], [null, null, null, null, null]);
  });

  test('bad rows are rejected with the reason', () => {
    assert.equal(reason(line().split(',').slice(0, 9).join(',')), 'wrong number of columns: 9, expected 10');
    assert.equal(reason(line({ 'Crime ID': '' })), 'no Crime ID: every outcome is for a crime');
    assert.equal(reason(line({ 'Crime ID': 'abc' })), 'bad Crime ID: expected 64 hexadecimal characters');
    assert.equal(reason(line({ Month: '2018-13' })), 'bad month "2018-13": expected YYYY-MM');
    assert.equal(reason(line({ Longitude: '-30.5', Latitude: '10.25' })), 'coordinates outside the UK: -30.5, 10.25');
    assert.equal(reason(line({ Longitude: '' })), 'bad coordinates: only one of longitude and latitude given');
    assert.equal(reason(line({ Latitude: 'north' })), 'bad coordinates: not numbers');
    assert.equal(reason(line({ 'LSOA code': 'Maidstone' })), 'bad LSOA code "Maidstone"');
    assert.equal(reason(line({ 'Outcome type': ' ' })), 'no outcome type');
    assert.equal(reason(line({ Location: '"On or near High Street' })), 'malformed quoting: a quoted field is not closed');
    assert.equal(reason(`${line()}\u0000`), 'the line contains a NUL character');
  });

  test('the header, in any case and with spaces around names', () => {
    assert.ok(isOutcomesHeader(OUTCOMES_HEADER.join(',')));
    assert.ok(isOutcomesHeader(OUTCOMES_HEADER.map((h) => ` ${h.toUpperCase()} `).join(',')));
    assert.ok(!isOutcomesHeader(OUTCOMES_HEADER.slice(0, 9).join(',')));
  });
});
