import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { ActionPlanStatus, ActionStatus } from '../../platform/db/schema.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/**
 * Action plans and their actions, and the choices the action forms offer, of the partnership on the
 * transaction. Milestones and progress updates are in action-progress-repository.ts, the equality
 * analysis in equality-repository.ts.
 */

/** Whether the query finds a row. */
export async function exists(query: { executeTakeFirst(): Promise<unknown> }): Promise<boolean> {
  return (await query.executeTakeFirst()) !== undefined;
}

export interface ActionPlanRow {
  id: number;
  body_id: number;
  body_name: string;
  plan_year: number;
  title: string;
  status: ActionPlanStatus;
  approved_on: string | null;
  approved_by: string | null;
  action_count: number;
}

export async function listActionPlans(trx: Trx): Promise<ActionPlanRow[]> {
  const rows = await trx
    .selectFrom('action_plans as ap')
    .innerJoin('bodies as b', (j) => j.onRef('b.id', '=', 'ap.body_id').onRef('b.partnership_id', '=', 'ap.partnership_id'))
    .select([
      'ap.id',
      'ap.body_id',
      'b.name as body_name',
      'ap.plan_year',
      'ap.title',
      'ap.status',
      'ap.approved_on',
      'ap.approved_by',
      sql<number>`(select count(*) from actions a where a.action_plan_id = ap.id)`.as('action_count'),
    ])
    .orderBy('ap.plan_year', 'desc')
    .orderBy('b.position')
    .orderBy('b.name')
    .execute();
  return rows.map((r) => ({ ...r, action_count: Number(r.action_count) }));
}

export async function findActionPlan(trx: Trx, id: number): Promise<ActionPlanRow | undefined> {
  return (await listActionPlans(trx)).find((p) => p.id === id);
}

export const actionPlanExists = (trx: Trx, bodyId: number, planYear: number): Promise<boolean> =>
  exists(trx.selectFrom('action_plans').select('id').where('body_id', '=', bodyId).where('plan_year', '=', planYear));

export async function insertActionPlan(
  trx: Trx,
  values: { partnershipId: number; bodyId: number; planYear: number; title: string },
): Promise<number> {
  return insertReturningId(trx, 'action_plans', {
    partnership_id: values.partnershipId,
    body_id: values.bodyId,
    plan_year: values.planYear,
    title: values.title,
  });
}

export async function approveActionPlan(trx: Trx, id: number, by: string, on: string): Promise<void> {
  await trx
    .updateTable('action_plans')
    .set((eb) => ({ status: 'approved', approved_by: by, approved_on: on, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export interface Choice {
  id: number;
  name: string;
}

export const listBodies = (trx: Trx): Promise<Choice[]> =>
  trx.selectFrom('bodies').select(['id', 'name']).orderBy('position').orderBy('name').execute();

export const listPriorities = (trx: Trx): Promise<Choice[]> =>
  trx.selectFrom('priorities').select(['id', 'title as name']).orderBy('plan_id', 'desc').orderBy('position').orderBy('id').execute();

export const listThemes = (trx: Trx): Promise<Choice[]> =>
  trx.selectFrom('themes').select(['id', 'title as name']).orderBy('plan_id', 'desc').orderBy('position').orderBy('id').execute();

export const listActiveUsers = (trx: Trx): Promise<Choice[]> =>
  trx
    .selectFrom('users')
    .select(['id', 'name'])
    .where('disabled_at', 'is', null)
    .orderBy(sql`lower(name)`)
    .execute();

export const listAgencies = (trx: Trx): Promise<Choice[]> =>
  trx
    .selectFrom('agencies')
    .select(['id', 'name'])
    .orderBy(sql`lower(name)`)
    .execute();

/** Whether the user sits on the body (body_members.user_id). */
export const isBodyMember = (trx: Trx, bodyId: number, userId: number): Promise<boolean> =>
  exists(trx.selectFrom('body_members').select('id').where('body_id', '=', bodyId).where('user_id', '=', userId));

export interface ActionRow {
  id: number;
  action_plan_id: number;
  action_plan_title: string;
  plan_year: number;
  body_id: number;
  body_name: string;
  title: string;
  description: string;
  priority_id: number | null;
  priority_title: string | null;
  theme_id: number | null;
  theme_title: string | null;
  lead_user_id: number | null;
  lead_user_name: string | null;
  lead_user_email: string | null;
  lead_name: string;
  lead_agency_id: number | null;
  lead_agency_name: string | null;
  starts_on: string | null;
  due_on: string | null;
  status: ActionStatus;
  status_reason: string;
  meeting_id: number | null;
  last_update_at: Date | null;
  version: number;
  updated_at: Date;
}

interface ActionFilter {
  actionPlanId?: number;
  priorityId?: number;
  bodyId?: number;
  leadUserId?: number;
  meetingId?: number;
  /** Due before this day (YYYY-MM-DD) and still open. */
  overdueOn?: string;
  atRisk?: boolean;
  ids?: number[];
}

export async function listActions(trx: Trx, filter: ActionFilter = {}): Promise<ActionRow[]> {
  let q = trx
    .selectFrom('actions as a')
    .innerJoin('action_plans as ap', (j) => j.onRef('ap.id', '=', 'a.action_plan_id').onRef('ap.partnership_id', '=', 'a.partnership_id'))
    .innerJoin('bodies as b', (j) => j.onRef('b.id', '=', 'ap.body_id').onRef('b.partnership_id', '=', 'ap.partnership_id'))
    .leftJoin('priorities as p', (j) => j.onRef('p.id', '=', 'a.priority_id').onRef('p.partnership_id', '=', 'a.partnership_id'))
    .leftJoin('themes as t', (j) => j.onRef('t.id', '=', 'a.theme_id').onRef('t.partnership_id', '=', 'a.partnership_id'))
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'a.lead_user_id').onRef('u.partnership_id', '=', 'a.partnership_id'))
    .leftJoin('agencies as ag', (j) => j.onRef('ag.id', '=', 'a.lead_agency_id').onRef('ag.partnership_id', '=', 'a.partnership_id'))
    .select([
      'a.id',
      'a.action_plan_id',
      'ap.title as action_plan_title',
      'ap.plan_year',
      'ap.body_id',
      'b.name as body_name',
      'a.title',
      'a.description',
      'a.priority_id',
      'p.title as priority_title',
      'a.theme_id',
      't.title as theme_title',
      'a.lead_user_id',
      'u.name as lead_user_name',
      'u.email as lead_user_email',
      'a.lead_name',
      'a.lead_agency_id',
      'ag.name as lead_agency_name',
      'a.starts_on',
      'a.due_on',
      'a.status',
      'a.status_reason',
      'a.meeting_id',
      'a.last_update_at',
      'a.version',
      'a.updated_at',
    ]);
  if (filter.actionPlanId !== undefined) q = q.where('a.action_plan_id', '=', filter.actionPlanId);
  if (filter.priorityId !== undefined) q = q.where('a.priority_id', '=', filter.priorityId);
  if (filter.bodyId !== undefined) q = q.where('ap.body_id', '=', filter.bodyId);
  if (filter.leadUserId !== undefined) q = q.where('a.lead_user_id', '=', filter.leadUserId);
  if (filter.meetingId !== undefined) q = q.where('a.meeting_id', '=', filter.meetingId);
  if (filter.ids !== undefined) q = q.where('a.id', 'in', filter.ids.length ? filter.ids : [0]);
  if (filter.overdueOn !== undefined) {
    q = q.where('a.due_on', '<', filter.overdueOn).where('a.status', 'not in', ['complete', 'cancelled']);
  }
  if (filter.atRisk) q = q.where('a.status', 'in', ['at_risk', 'off_track']);
  return q
    .orderBy('ap.plan_year', 'desc')
    .orderBy('b.name')
    .orderBy(sql`a.due_on nulls last`)
    .orderBy('a.id')
    .execute();
}

export async function findAction(trx: Trx, id: number): Promise<ActionRow | undefined> {
  return (await listActions(trx, { ids: [id] }))[0];
}

export interface ActionValues {
  title: string;
  description: string;
  priority_id: number | null;
  theme_id: number | null;
  lead_user_id: number | null;
  lead_name: string;
  lead_agency_id: number | null;
  starts_on: string | null;
  due_on: string | null;
  status: ActionStatus;
  status_reason: string;
}

export async function insertAction(trx: Trx, partnershipId: number, actionPlanId: number, values: ActionValues): Promise<number> {
  return insertReturningId(trx, 'actions', { partnership_id: partnershipId, action_plan_id: actionPlanId, ...values });
}

/** Saves a change only if nobody has saved one since `version` was read; false if someone has. */
export async function updateActionIfVersion(
  trx: Trx,
  id: number,
  version: number,
  values: Partial<ActionValues> & { last_update_at?: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('actions')
    .set({ ...values, version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Open actions with a lead user who has an email address, for reminders. */
export async function listOpenLedActions(trx: Trx): Promise<ActionRow[]> {
  return (await listActions(trx)).filter((a) => a.lead_user_id !== null && a.status !== 'complete' && a.status !== 'cancelled');
}
