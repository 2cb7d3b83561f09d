import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertEachCase } from '../../../test/helpers/cases.ts';
import { can } from '../../platform/policies.ts';
import { canUpdateAction, financialYear, isOverdue, ragOf, statusTag } from './action-rules.ts';
import { parseDateParts, parseEqualityForm } from './action-plan-schemas.ts';
import { remindersFor } from '../reminders/reminders.ts';
import type { ActionRow } from './action-plan-repository.ts';

describe('action rules', () => {
  test('RAG: green on track and complete, amber at risk, red off track, grey not started and cancelled', () => {
    assertEachCase(ragOf, [
      ['on_track', 'green'],
      ['complete', 'green'],
      ['at_risk', 'amber'],
      ['off_track', 'red'],
      ['not_started', 'grey'],
      ['cancelled', 'grey'],
    ]);
    assert.deepEqual(statusTag('off_track'), { text: 'Off track', classes: 'govuk-tag--red' });
  });

  test('overdue: due before today and neither complete nor cancelled', () => {
    const today = '2020-04-01';
    assert.equal(isOverdue({ status: 'on_track', due_on: '2020-03-31' }, today), true);
    assert.equal(isOverdue({ status: 'on_track', due_on: '2020-04-01' }, today), false, 'due today is not overdue');
    assert.equal(isOverdue({ status: 'complete', due_on: '2020-03-31' }, today), false);
    assert.equal(isOverdue({ status: 'cancelled', due_on: '2019-03-31' }, today), false);
    assert.equal(isOverdue({ status: 'at_risk', due_on: null }, today), false);
  });

  test('authorisation: managers do everything; members update their groups or their own actions; analysts and viewers read', () => {
    const base = { userId: 5, isBodyMember: false, isLead: false };
    assert.equal(can({ role: 'admin' }, 'action-plans.manage'), true);
    assert.equal(can({ role: 'coordinator' }, 'action-plans.manage'), true);
    assert.equal(can({ role: 'member' }, 'action-plans.manage'), false);
    assert.equal(canUpdateAction({ ...base, role: 'coordinator' }), true);
    assert.equal(canUpdateAction({ ...base, role: 'member' }), false, 'a member of another group');
    assert.equal(canUpdateAction({ ...base, role: 'member', isBodyMember: true }), true);
    assert.equal(canUpdateAction({ ...base, role: 'member', isLead: true }), true);
    assert.equal(canUpdateAction({ ...base, role: 'analyst', isBodyMember: true, isLead: true }), false);
    assert.equal(canUpdateAction({ ...base, role: 'viewer', isBodyMember: true, isLead: true }), false);
  });

  test('financial years and dates', () => {
    assert.equal(financialYear(2019), '2019-20');
    assert.equal(financialYear(2099), '2099-00');
    assert.deepEqual(parseDateParts('31', '3', '2020'), { ok: true, value: '2020-03-31' });
    assert.deepEqual(parseDateParts('', '', ''), { ok: true, value: null });
    assert.deepEqual(parseDateParts('30', '2', '2020'), { ok: false });
  });

  test('equality analysis needs an impact for each characteristic and a mitigation for each negative one', () => {
    const result = parseEqualityForm({ 'age-impact': 'negative' });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.ok(result.messages.some(([f]) => f === 'age-mitigation'));
      assert.ok(result.messages.some(([f]) => f === 'sexual_orientation-impact'));
    }
  });

  test('reminders: one per owner with an email, for open actions due soon, overdue or without a recent update', () => {
    const row = (id: number, lead: number | null, due: string | null, status: ActionRow['status'], last: Date | null): ActionRow =>
      ({
        id,
        title: `A${id}`,
        lead_user_id: lead,
        lead_user_name: `U${lead}`,
        lead_user_email: lead ? `u${lead}@x.test` : null,
        due_on: due,
        status,
        last_update_at: last,
      }) as ActionRow;
    const recent = new Date('2026-11-20T00:00:00Z');
    const owners = remindersFor(
      [
        row(1, 1, '2026-12-01', 'on_track', recent),
        row(2, 1, '2026-10-01', 'at_risk', recent),
        row(3, 2, '2027-06-01', 'on_track', recent),
        row(4, 3, '2026-01-01', 'complete', null),
        row(5, null, '2026-01-01', 'on_track', null),
        row(6, 4, null, 'not_started', null),
      ],
      { dueWithinDays: 14, staleAfterDays: 30, publicUrl: 'https://x', today: '2026-11-26', now: new Date('2026-11-26T09:00:00Z') },
    );
    assert.deepEqual(
      owners.map((o) => [o.userId, o.items.map((i) => i.reasons.join('+'))]),
      [
        [1, ['due', 'overdue']],
        [4, ['stale']],
      ],
    );
  });
});
