import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accountSummaryRows } from './account-view-models.ts';

const overview = {
  name: 'Sam Okafor',
  email: 'sam@example.org',
  role: 'admin' as const,
  agencyName: 'Kent Police',
  passwordChangedAt: new Date('2026-07-01T08:05:00Z'),
  authenticatorSetUpAt: new Date('2026-06-30T12:00:00Z'),
  recoveryCodesLeft: 7,
};

describe('the "Your account" summary', () => {
  const rowsOf = (values: Parameters<typeof accountSummaryRows>[0]) => accountSummaryRows(values).map((r) => [r.key.text, r.value.text]);

  test('names, agency, role in a word, when the password changed, the authenticator and the recovery codes left', () => {
    assert.deepEqual(rowsOf(overview), [
      ['Name', 'Sam Okafor'],
      ['Email address', 'sam@example.org'],
      ['Agency', 'Kent Police'],
      ['Role', 'Administrator'],
      ['Password last changed', '1 July 2026, 9:05am'],
      ['Authenticator app', 'Set up on 30 June 2026'],
      ['Recovery codes left', '7'],
    ]);
  });

  test('says what is not set up yet', () => {
    const rows = rowsOf({ ...overview, role: 'viewer', passwordChangedAt: null, authenticatorSetUpAt: null, recoveryCodesLeft: 0 });
    assert.deepEqual(rows.slice(3), [
      ['Role', 'Viewer'],
      ['Password last changed', 'Not set'],
      ['Authenticator app', 'Not set up'],
      ['Recovery codes left', '0'],
    ]);
  });
});
