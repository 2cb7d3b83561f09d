import type { Database } from '../../platform/db/database.ts';
import type { ActionStatus } from '../../platform/db/schema.ts';

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
    const body = await trx
      .insertInto('bodies')
      .values({ partnership_id: partnershipId, name: options.name, kind: 'sub_group' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const userId of options.memberUserIds ?? []) {
      await trx
        .insertInto('body_members')
        .values({ partnership_id: partnershipId, body_id: body.id, person_name: `User ${userId}`, user_id: userId })
        .execute();
    }
    if (!options.plan) return { bodyId: body.id, actionPlanId: null, actionId: null };
    const plan = await trx
      .insertInto('action_plans')
      .values({ partnership_id: partnershipId, body_id: body.id, plan_year: options.plan.year, title: options.plan.title })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = options.plan.action;
    if (!a) return { bodyId: body.id, actionPlanId: plan.id, actionId: null };
    const action = await trx
      .insertInto('actions')
      .values({
        partnership_id: partnershipId,
        action_plan_id: plan.id,
        title: a.title,
        lead_user_id: a.leadUserId ?? null,
        due_on: a.dueOn ?? null,
        status: a.status ?? 'not_started',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { bodyId: body.id, actionPlanId: plan.id, actionId: action.id };
  });
}
