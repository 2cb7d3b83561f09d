import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateForm } from '../../platform/forms.ts';
import { attendanceForm, attendanceOptionsFrom, deliversForm, meetingForm } from './governance-schemas.ts';

/** The error summary of a form the schema refuses, as [field, message] pairs in order. */
const problems = (result: ReturnType<typeof validateForm>) =>
  result.ok ? [] : result.errors.summary.map((e) => [e.href.slice(1), e.text]);
/** The problems with a meeting on the day, month and year given. */
const dateProblems = (day: string, month: string, year: string) =>
  problems(validateForm(meetingForm, { 'heldOn-day': day, 'heldOn-month': month, 'heldOn-year': year }));

describe('governance forms', () => {
  test('a meeting has a real date, given as day, month and year', () => {
    const posted = { 'heldOn-day': ' 7', 'heldOn-month': '3', 'heldOn-year': '2019', title: ' Quarterly ', _csrf: 'x' };
    assert.deepEqual(validateForm(meetingForm, posted), {
      ok: true,
      data: { heldOn: '2019-03-07', title: 'Quarterly', location: '', minutes: '' },
    });
    assert.deepEqual(problems(validateForm(meetingForm, {})), [['heldOn-day', 'Enter the date of the meeting']]);
    assert.deepEqual(dateProblems('7', '', '2019'), [['heldOn-month', 'The date of the meeting must include a month']]);
    assert.deepEqual(dateProblems('31', '2', '2019'), [['heldOn-day', 'The date of the meeting must be a real date']]);
    assert.deepEqual(dateProblems('1', '2', '1999'), [['heldOn-year', 'The date of the meeting must be between 2000 and 2100']]);
  });

  test('every problem with a meeting is shown at once, the date’s first', () => {
    const posted = { 'heldOn-day': '40', 'heldOn-month': '1', 'heldOn-year': '2019', title: 'x'.repeat(301), location: 'y'.repeat(301) };
    const result = validateForm(meetingForm, posted);
    assert.deepEqual(problems(result), [
      ['heldOn-day', 'The date of the meeting must be a real date'],
      ['title', 'Title must be 300 characters or fewer'],
      ['location', 'Location must be 300 characters or fewer'],
    ]);
    assert.equal(result.ok ? '' : result.values['title'], 'x'.repeat(301), 'what was typed is kept to show again');
  });

  test('the priorities and themes a body delivers: none, one or several ticked; what is not an id is dropped', () => {
    assert.deepEqual(validateForm(deliversForm, {}), { ok: true, data: { priorities: [], themes: [] } });
    assert.deepEqual(validateForm(deliversForm, { priorities: '4', themes: ['2', '9', '2', 'abc', '0'] }), {
      ok: true,
      data: { priorities: [4], themes: [2, 9] },
    });
    assert.equal(validateForm(deliversForm, { priorities: { nested: '1' } }).ok, false);
  });

  test('attendance: an entry for each agency ticked or with names given, the names trimmed', () => {
    const posted = { attended: ['2', '5'], 'attendees-2': ' Sgt Reeve ', 'attendees-5': '', 'attendees-7': 'Ms Patel', 'attendees-8': ' ' };
    const result = validateForm(attendanceForm, posted);
    assert.deepEqual(result, {
      ok: true,
      data: [
        { agencyId: 2, attended: true, attendees: 'Sgt Reeve' },
        { agencyId: 5, attended: true, attendees: '' },
        { agencyId: 7, attended: false, attendees: 'Ms Patel' },
      ],
    });
    assert.deepEqual(validateForm(attendanceForm, {}), { ok: true, data: [] });
    const long = validateForm(attendanceForm, { attended: '3', 'attendees-3': 'n'.repeat(1200) });
    assert.equal(long.ok && long.data[0]!.attendees.length, 1000);
  });

  test('the attendance report’s year and scope: anything else is this year, for member bodies', () => {
    assert.deepEqual(attendanceOptionsFrom({ year: '2019', scope: 'all' }, 2026), { year: 2019, scope: 'all' });
    assert.deepEqual(attendanceOptionsFrom({ year: '1850', scope: 'everyone' }, 2026), { year: 2026, scope: 'member' });
    assert.deepEqual(attendanceOptionsFrom(undefined, 2026), { year: 2026, scope: 'member' });
  });
});
