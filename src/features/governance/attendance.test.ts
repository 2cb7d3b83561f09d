import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tableCsv } from '../../platform/exports.ts';
import { attendanceExport, calculateAttendance } from './attendance.ts';

const input = {
  agencies: [
    { id: 1, name: 'Kent Police' },
    { id: 2, name: 'Maidstone Borough Council' },
    { id: 3, name: 'Kent Fire and Rescue Service' },
  ],
  meetings: [
    { id: 10, bodyId: 100 },
    { id: 11, bodyId: 100 },
    { id: 12, bodyId: 200 },
  ],
  memberships: [
    { agencyId: 1, bodyId: 100 },
    { agencyId: 1, bodyId: 200 },
    { agencyId: 2, bodyId: 100 },
  ],
  attendance: [
    { meetingId: 10, agencyId: 1, attended: true },
    { meetingId: 11, agencyId: 1, attended: false },
    { meetingId: 12, agencyId: 1, attended: true },
    { meetingId: 10, agencyId: 2, attended: true },
    { meetingId: 12, agencyId: 2, attended: true },
  ],
};

describe('responsible authorities’ attendance', () => {
  test('counts meetings of the bodies each agency is a member of', () => {
    assert.deepEqual(calculateAttendance({ ...input, scope: 'member' }), [
      { agencyId: 1, agencyName: 'Kent Police', meetingsHeld: 3, meetingsAttended: 2, percent: 67 },
      { agencyId: 2, agencyName: 'Maidstone Borough Council', meetingsHeld: 2, meetingsAttended: 1, percent: 50 },
      { agencyId: 3, agencyName: 'Kent Fire and Rescue Service', meetingsHeld: 0, meetingsAttended: 0, percent: null },
    ]);
  });

  test('or every meeting of every body', () => {
    const rows = calculateAttendance({ ...input, scope: 'all' });
    assert.deepEqual(
      rows.map((r) => [r.meetingsHeld, r.meetingsAttended, r.percent]),
      [
        [3, 2, 67],
        [3, 2, 67],
        [3, 0, 0],
      ],
    );
  });

  test('downloads as a table with a blank percentage where no meetings were held', () => {
    const table = attendanceExport(calculateAttendance({ ...input, scope: 'member' }), 2019, 'member');
    assert.equal(table.fileName, 'attendance-2019-member');
    assert.equal(
      tableCsv(table),
      'Agency,Meetings held,Meetings attended,Percentage attended\r\nKent Police,3,2,67\r\nMaidstone Borough Council,2,1,50\r\nKent ' +
        'Fire and Rescue Service,0,0,\r\n',
    );
  });
});
