import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActionRow } from './action-plan-repository.ts';
import {
  actionFormValuesOf,
  actionPlanTableRows,
  actionTableRows,
  assessmentSummary,
  equalityItems,
  priorityActionItems,
  updateItems,
} from './action-plan-view-models.ts';
import { actionForm } from './action-plan-schemas.ts';
import { protectedCharacteristics } from './action-rules.ts';

const action = (overrides: Partial<ActionRow> = {}): ActionRow => ({
  id: 12,
  action_plan_id: 3,
  action_plan_title: 'CYSG action plan 2019-20',
  plan_year: 2019,
  body_id: 2,
  body_name: 'Community Youth Safety Group',
  title: 'Survey <schools>',
  description: 'Ask young people',
  priority_id: 5,
  priority_title: 'Knife crime',
  theme_id: null,
  theme_title: null,
  lead_user_id: 8,
  lead_user_name: 'Sam Okafor',
  lead_user_email: 'sam@alpha.test',
  lead_name: '',
  lead_agency_id: 4,
  lead_agency_name: 'Alpha Council',
  starts_on: '2019-04-01',
  due_on: '2020-03-31',
  status: 'at_risk',
  status_reason: 'Schools have not agreed',
  meeting_id: null,
  last_update_at: null,
  version: 6,
  updated_at: new Date('2019-05-01T10:00:00Z'),
  ...overrides,
});

describe('action plan view models', () => {
  test('the action plans table links each plan, names its year as a financial year and tags its status', () => {
    const rows = actionPlanTableRows([
      { id: 3, title: 'CYSG <2019>', body_name: 'Community Youth Safety Group', plan_year: 2019, action_count: 4, status: 'draft' },
      { id: 4, title: 'DAF 2020-21', body_name: 'Domestic Abuse Forum', plan_year: 2020, action_count: 0, status: 'approved' },
    ]);
    assert.deepEqual(rows[0], [
      { html: '<a class="govuk-link" href="/action-plans/3">CYSG &lt;2019&gt;</a>' },
      { text: 'Community Youth Safety Group' },
      { text: '2019-20' },
      { text: '4', format: 'numeric' },
      { html: '<strong class="govuk-tag govuk-tag--grey">Draft</strong>' },
    ]);
    assert.deepEqual(rows[1]![4], { html: '<strong class="govuk-tag govuk-tag--green">Approved</strong>' });
  });

  test('actions link to their page by its path, in the table and in the lists of a priority or meeting', () => {
    const [row] = actionTableRows([action()], '2020-04-01');
    assert.deepEqual(row![0], { html: '<a class="govuk-link" href="/actions/12">Survey &lt;schools&gt;</a>' });
    assert.match(row![3]!.html!, /31 March 2020 <strong class="govuk-tag govuk-tag--red">Overdue<\/strong>/);
    assert.equal(priorityActionItems([action()])[0]!.href, '/actions/12');
  });

  test('an update that changed the status shows it as from and to tags', () => {
    const base = { id: 1, posted_at: new Date('2019-05-01T10:00:00Z'), author_name: 'Sam', text: 'Agreed', evidence_url: null };
    const [changed, same] = updateItems([
      { ...base, status_from: 'at_risk', status_to: 'on_track' },
      { ...base, id: 2, status_from: null, status_to: null },
    ]);
    assert.equal(
      changed!.statusChange,
      '<strong class="govuk-tag govuk-tag--orange">At risk</strong> to <strong class="govuk-tag govuk-tag--green">On track</strong>',
    );
    assert.equal(same!.statusChange, null);
  });

  test("a stored action as the change form's fields reads back into the same action, with its version", () => {
    const values = actionFormValuesOf(action());
    assert.equal(values['dueOn-day'], '31');
    assert.equal(values['startsOn-month'], '4');
    assert.equal(values['version'], '6');
    const parsed = actionForm.parse(values);
    assert.equal(parsed.version, 6);
    assert.deepEqual(parsed.values, {
      title: 'Survey <schools>',
      description: 'Ask young people',
      priority_id: 5,
      theme_id: null,
      lead_user_id: 8,
      lead_name: '',
      lead_agency_id: 4,
      starts_on: '2019-04-01',
      due_on: '2020-03-31',
      status: 'at_risk',
      status_reason: 'Schools have not agreed',
    });
  });

  test('the action form drops a typed lead name when the lead is a user of Safer', () => {
    const values = { ...actionFormValuesOf(action()), leadName: 'Someone else' };
    assert.equal(actionForm.parse(values).values.lead_name, '');
    assert.equal(actionForm.parse({ ...values, leadUserId: '' }).values.lead_name, 'Someone else');
  });

  test('the equality analysis: its status in words, and each characteristic as stored or as posted', () => {
    assert.deepEqual(assessmentSummary(undefined), { status: 'none', text: 'Not started' });
    assert.deepEqual(assessmentSummary({ status: 'draft', signed_off_by: null, signed_off_on: null }), {
      status: 'draft',
      text: 'Draft, not signed off',
    });
    assert.deepEqual(assessmentSummary({ status: 'signed_off', signed_off_by: 'Sam Okafor', signed_off_on: '2019-05-15' }), {
      status: 'signed_off',
      text: 'Signed off',
      by: 'Sam Okafor',
      on: '15 May 2019',
    });

    const age = { characteristic: 'age', impact: 'negative', evidence: 'Survey of pupils', mitigation: 'Easy-read version' } as const;
    const stored = { impacts: [age] };
    const items = equalityItems(stored);
    assert.deepEqual(
      items.map((i) => i.key),
      [...protectedCharacteristics],
    );
    const ageItem = items[0]!;
    assert.equal(ageItem.label, 'Age');
    assert.equal(ageItem.evidence, 'Survey of pupils');
    assert.equal(ageItem.impactText, 'Negative');
    assert.deepEqual(
      ageItem.impactItems.filter((i) => i.checked).map((i) => i.value),
      ['negative'],
    );
    assert.equal(items[1]!.impactText, 'Not known yet', 'a characteristic not yet assessed');

    const posted = equalityItems(stored, { 'age-impact': 'neutral', 'age-evidence': 'Typed again' });
    assert.equal(posted[0]!.evidence, 'Typed again');
    assert.equal(posted[0]!.mitigation, '', 'what was posted, not what was stored');
    assert.deepEqual(
      posted[0]!.impactItems.filter((i) => i.checked).map((i) => i.value),
      ['neutral'],
    );
    assert.equal(posted[0]!.impactText, 'Negative', 'the stored impact, for those who read it');
  });
});
