import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formErrors } from '../../platform/forms.ts';
import type { BodyRow } from './body-repository.ts';
import {
  attendanceFormRows,
  attendanceReportView,
  bodyFormValues,
  bodyFormView,
  bodyGroups,
  bodyHeading,
  deliversItems,
  meetingFormValues,
  meetingFormView,
  meetingLabel,
  structureRows,
} from './governance-view-models.ts';

const body = (overrides: Partial<BodyRow> = {}): BodyRow => ({
  id: 1,
  name: 'Executive Group',
  short_name: 'EG',
  kind: 'executive_group',
  purpose: 'Leads the partnership',
  terms_of_reference: '',
  reports_to_body_id: null,
  position: 0,
  ...overrides,
});

const bodies = [body(), body({ id: 2, name: 'Youth <Safety> & Group', short_name: null, kind: 'sub_group', reports_to_body_id: 1 })];

describe('governance view models', () => {
  test('bodies are grouped by kind in the order of the structure, each linked, with whom it reports to', () => {
    const groups = bodyGroups([...bodies].reverse());
    assert.deepEqual(
      groups.map((g) => [g.kind, g.heading]),
      [
        ['executive_group', 'Executive groups'],
        ['sub_group', 'Sub-groups'],
      ],
    );
    assert.deepEqual(groups[1]!.rows[0], [
      { html: '<a class="govuk-link" href="/governance/bodies/2">Youth &lt;Safety&gt; &amp; Group</a>' },
      { text: '' },
      { text: 'Executive Group' },
    ]);
  });

  test('the structure table links each body and the body it reports to, or says None', () => {
    assert.deepEqual(structureRows(bodies), [
      [{ html: '<a class="govuk-link" href="/governance/bodies/1">Executive Group</a>' }, { text: 'Executive group' }, { text: 'None' }],
      [
        { html: '<a class="govuk-link" href="/governance/bodies/2">Youth &lt;Safety&gt; &amp; Group</a>' },
        { text: 'Sub-group' },
        { html: '<a class="govuk-link" href="/governance/bodies/1">Executive Group</a>' },
      ],
    ]);
    assert.equal(bodyHeading(bodies[0]!), 'Executive Group (EG)');
    assert.equal(bodyHeading(bodies[1]!), 'Youth <Safety> & Group');
  });

  test('the body form offers every other body to report to, and the kind chosen', () => {
    const view = bodyFormView(bodyFormValues(bodies[1]!), bodies, 2);
    assert.deepEqual(view.values, {
      name: 'Youth <Safety> & Group',
      shortName: '',
      kind: 'sub_group',
      purpose: 'Leads the partnership',
      termsOfReference: '',
      reportsToBodyId: '1',
    });
    assert.deepEqual(view.reportsToItems, [
      { value: '', text: 'Does not report to another body', selected: false },
      { value: '1', text: 'Executive Group', selected: true },
    ]);
    assert.deepEqual(
      view.kindItems.filter((i) => i.checked).map((i) => i.value),
      ['sub_group'],
    );
  });

  test('the meeting form shows a stored meeting as it would be posted, and marks the date in error', () => {
    const stored = meetingFormValues({ held_on: '2019-03-07', title: 'Quarterly', location: 'Town hall', minutes: 'Agreed.' });
    assert.deepEqual(stored, {
      'heldOn-day': '7',
      'heldOn-month': '3',
      'heldOn-year': '2019',
      title: 'Quarterly',
      location: 'Town hall',
      minutes: 'Agreed.',
    });
    const view = meetingFormView(stored);
    assert.deepEqual(view.values, { day: '7', month: '3', year: '2019', title: 'Quarterly', location: 'Town hall', minutes: 'Agreed.' });
    assert.deepEqual(
      view.dateItems.map((i) => [i.name, i.value, i.classes]),
      [
        ['day', '7', 'govuk-input--width-2'],
        ['month', '3', 'govuk-input--width-2'],
        ['year', '2019', 'govuk-input--width-4'],
      ],
    );
    assert.equal(view.dateError, undefined);
    const wrong = meetingFormView(
      { 'heldOn-day': '31', 'heldOn-month': '2' },
      formErrors([['heldOn-day', 'The date of the meeting must be a real date']]),
    );
    assert.ok(wrong.dateItems.every((i) => i.classes.endsWith(' govuk-input--error')));
    assert.deepEqual(wrong.dateError, { text: 'The date of the meeting must be a real date' });
    assert.equal(wrong.values.year, '');
    assert.equal(meetingLabel({ held_on: '2019-03-07', title: '' }), '7 March 2019');
    assert.equal(meetingLabel({ held_on: '2019-03-07', title: 'Quarterly' }), '7 March 2019: Quarterly');
  });

  test('priorities and themes to deliver name their plan only when there are several plans', () => {
    const one = deliversItems([{ id: 4, title: 'Reducing ASB', plan_title: 'Plan 2019' }], [4]);
    assert.deepEqual(one, [{ value: '4', text: 'Reducing ASB', checked: true }]);
    const two = deliversItems(
      [
        { id: 4, title: 'Reducing ASB', plan_title: 'Plan 2019' },
        { id: 9, title: 'Reducing ASB', plan_title: 'Plan 2022' },
      ],
      [],
    );
    assert.deepEqual(
      two.map((i) => [i.checked, i.hint]),
      [
        [false, { text: 'Plan 2019' }],
        [false, { text: 'Plan 2022' }],
      ],
    );
  });

  test('the attendance form lists the body’s member agencies first, with what they are and who came', () => {
    const rows = attendanceFormRows(
      [
        { id: 1, name: 'Change Grow Live', responsible_authority: false },
        { id: 2, name: 'Kent Police', responsible_authority: true },
      ],
      [{ agency_id: 2, attended: true, attendees: 'Sgt Reeve' }],
      [2],
    );
    assert.deepEqual(
      rows.map((r) => [r.name, r.attended, r.attendees, r.hint]),
      [
        ['Kent Police', true, 'Sgt Reeve', 'Member of this body, Responsible authority'],
        ['Change Grow Live', false, '', ''],
      ],
    );
  });

  test('the attendance report offers the years with meetings and the one chosen, newest first, and its downloads', () => {
    const view = attendanceReportView(
      {
        rows: [
          { agencyId: 2, agencyName: 'Kent Police', meetingsHeld: 4, meetingsAttended: 3, percent: 75 },
          { agencyId: 3, agencyName: 'KCC', meetingsHeld: 0, meetingsAttended: 0, percent: null },
        ],
        meetingCount: 4,
        years: [2019, 2018],
      },
      { year: 2021, scope: 'all' },
    );
    assert.equal(view.pageTitle, 'Attendance of responsible authorities in 2021');
    assert.deepEqual(
      view.yearItems.map((i) => [i.value, i.selected]),
      [
        ['2021', true],
        ['2019', false],
        ['2018', false],
      ],
    );
    assert.deepEqual(
      view.scopeItems.map((i) => [i.value, i.checked]),
      [
        ['member', false],
        ['all', true],
      ],
    );
    assert.deepEqual(view.rows, [
      [{ text: 'Kent Police' }, { text: '4', format: 'numeric' }, { text: '3', format: 'numeric' }, { text: '75%', format: 'numeric' }],
      [{ text: 'KCC' }, { text: '0', format: 'numeric' }, { text: '0', format: 'numeric' }, { text: 'No meetings', format: 'numeric' }],
    ]);
    assert.deepEqual(view.exports, {
      csv: '/governance/attendance/export.csv?year=2021&scope=all',
      xlsx: '/governance/attendance/export.xlsx?year=2021&scope=all',
      what: 'the attendance in 2021',
    });
  });
});
