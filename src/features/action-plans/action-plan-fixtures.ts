import type { Database } from '../../platform/db/database.ts';
import type { ActionStatus } from '../../platform/db/schema.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/** Test data: a group (body) with members, and optionally an action plan with one action. */
export async function seedBodyWithPlan(
  db: Database,
  partnershipId: number,
  options: {
    name: string;
    memberUserIds?: number[];
    plan?: {
      year: number;
      title: string;
      action?: { title: string; leadUserId?: number | null; dueOn?: string | null; status?: ActionStatus };
    };
  },
): Promise<{ bodyId: number; actionPlanId: number | null; actionId: number | null }> {
  return db.system(async (trx) => {
    const bodyId = await insertReturningId(trx, 'bodies', { partnership_id: partnershipId, name: options.name, kind: 'sub_group' });
    for (const userId of options.memberUserIds ?? []) {
      await trx
        .insertInto('body_members')
        .values({ partnership_id: partnershipId, body_id: bodyId, person_name: `User ${userId}`, user_id: userId })
        .execute();
    }
    if (!options.plan) return { bodyId, actionPlanId: null, actionId: null };
    const planId = await insertReturningId(trx, 'action_plans', {
      partnership_id: partnershipId,
      body_id: bodyId,
      plan_year: options.plan.year,
      title: options.plan.title,
    });
    const a = options.plan.action;
    if (!a) return { bodyId, actionPlanId: planId, actionId: null };
    const actionId = await insertReturningId(trx, 'actions', {
      partnership_id: partnershipId,
      action_plan_id: planId,
      title: a.title,
      lead_user_id: a.leadUserId ?? null,
      due_on: a.dueOn ?? null,
      status: a.status ?? 'not_started',
    });
    return { bodyId, actionPlanId: planId, actionId };
  });
}
