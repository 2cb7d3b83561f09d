import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import { insertDemoPartnership } from '../../../test/helpers/demo.ts';
import { loadDemoActions, type DemoActionBodyKey } from './demo-actions.ts';
import { loadDemoPlan } from './demo-plan.ts';

describe('demo action plans', () => {
  let d: TestDatabase;
  before(async () => {
    d = await createTestDatabase();
  });
  after(() => d.drop());

  test('loads 2019-20 action plans with a spread of statuses and one signed-off equality analysis, once', async () => {
    const counts = await d.db.system(async (trx) => {
      const { pid, userIds } = await insertDemoPartnership(trx, 'demo', [], { coordinator: 'Sam Okafor', member: 'Jordan Reeve' });
      const { coordinator, member } = userIds;
      const plan = await loadDemoPlan(trx, pid);
      const bodies: Partial<Record<DemoActionBodyKey, number>> = {};
      for (const key of ['socp', 'da_forum', 'cysg', 'substance_misuse', 'csvg'] as const) {
        bodies[key] = (
          await trx
            .insertInto('bodies')
            .values({ partnership_id: pid, name: key, kind: 'sub_group' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }
      const users = { coordinator, member, coordinatorName: 'Sam Okafor', memberName: 'Jordan Reeve' };
      const first = await loadDemoActions(trx, pid, plan, bodies, users);
      const second = await loadDemoActions(trx, pid, plan, bodies, users);
      const statuses = (await trx.selectFrom('actions').select('status').execute()).map((r) => r.status);
      const memberLeads = await trx.selectFrom('actions').select('id').where('lead_user_id', '=', member).execute();
      const signedOff = await trx.selectFrom('equality_assessments').select('id').where('status', '=', 'signed_off').execute();
      return { first, second, statuses, memberLeads: memberLeads.length, signedOff: signedOff.length };
    });
    assert.equal(counts.first, 5);
    assert.equal(counts.second, 0);
    assert.equal(counts.statuses.filter((s) => s === 'off_track').length, 1);
    assert.equal(counts.statuses.filter((s) => s === 'complete').length, 1);
    assert.ok(counts.statuses.filter((s) => s === 'at_risk').length >= 2);
    assert.ok(counts.memberLeads >= 2);
    assert.equal(counts.signedOff, 1);
  });
});
