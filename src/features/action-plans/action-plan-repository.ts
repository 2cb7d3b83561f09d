import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { ActionStatus, Impact, ProtectedCharacteristic } from './action-rules.ts';

/** Action plans, actions, milestones, updates and equality analysis of the partnership on the transaction. */

/** A date column, which database.ts gives as YYYY-MM-DD text, or null. */
export function toDay(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

export interface ActionPlanRow {
  id: number;
  body_id: number;
  body_name: string;
  plan_year: number;
  title: string;
  status: 'draft' | 'approved';
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
  return rows.map((r) => ({ ...r, status: r.status as ActionPlanRow['status'], approved_on: toDay(r.approved_on), action_count: Number(r.action_count) }));
}

export async function findActionPlan(trx: Trx, id: number): Promise<ActionPlanRow | undefined> {
  return (await listActionPlans(trx)).find((p) => p.id === id);
}

export async function actionPlanExists(trx: Trx, bodyId: number, planYear: number): Promise<boolean> {
  const row = await trx.selectFrom('action_plans').select('id').where('body_id', '=', bodyId).where('plan_year', '=', planYear).executeTakeFirst();
  return row !== undefined;
}

export async function insertActionPlan(trx: Trx, values: { partnershipId: number; bodyId: number; planYear: number; title: string }): Promise<number> {
  const row = await trx
    .insertInto('action_plans')
    .values({ partnership_id: values.partnershipId, body_id: values.bodyId, plan_year: values.planYear, title: values.title })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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
  trx.selectFrom('users').select(['id', 'name']).where('disabled_at', 'is', null).orderBy(sql`lower(name)`).execute();

export const listAgencies = (trx: Trx): Promise<Choice[]> => trx.selectFrom('agencies').select(['id', 'name']).orderBy(sql`lower(name)`).execute();

/** Whether the user sits on the body (body_members.user_id). */
export async function isBodyMember(trx: Trx, bodyId: number, userId: number): Promise<boolean> {
  const row = await trx.selectFrom('body_members').select('id').where('body_id', '=', bodyId).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

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

export interface ActionFilter {
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
  const rows = await q.orderBy('ap.plan_year', 'desc').orderBy('b.name').orderBy(sql`a.due_on nulls last`).orderBy('a.id').execute();
  return rows.map((r) => ({ ...r, status: r.status as ActionStatus, starts_on: toDay(r.starts_on), due_on: toDay(r.due_on) }));
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
  const row = await trx
    .insertInto('actions')
    .values({ partnership_id: partnershipId, action_plan_id: actionPlanId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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

export interface MilestoneRow {
  id: number;
  title: string;
  due_on: string | null;
  done_on: string | null;
}

export const listMilestones = async (trx: Trx, actionId: number): Promise<MilestoneRow[]> =>
  (
    await trx
    .selectFrom('action_milestones')
    .select(['id', 'title', 'due_on', 'done_on'])
    .where('action_id', '=', actionId)
    .orderBy('position')
    .orderBy(sql`due_on nulls last`)
    .orderBy('id')
    .execute()
  ).map((m) => ({ ...m, due_on: toDay(m.due_on), done_on: toDay(m.done_on) }));

export async function insertMilestone(trx: Trx, partnershipId: number, actionId: number, values: { title: string; due_on: string | null }): Promise<number> {
  const row = await trx
    .insertInto('action_milestones')
    .values({ partnership_id: partnershipId, action_id: actionId, title: values.title, due_on: values.due_on })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setMilestoneDone(trx: Trx, actionId: number, milestoneId: number, doneOn: string | null): Promise<boolean> {
  const result = await trx
    .updateTable('action_milestones')
    .set({ done_on: doneOn })
    .where('id', '=', milestoneId)
    .where('action_id', '=', actionId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface UpdateRow {
  id: number;
  posted_at: Date;
  author_name: string;
  text: string;
  evidence_url: string | null;
  status_from: string | null;
  status_to: string | null;
}

export const listUpdates = (trx: Trx, actionId: number): Promise<UpdateRow[]> =>
  trx
    .selectFrom('action_updates')
    .select(['id', 'posted_at', 'author_name', 'text', 'evidence_url', 'status_from', 'status_to'])
    .where('action_id', '=', actionId)
    .orderBy('posted_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

export async function insertUpdate(
  trx: Trx,
  values: {
    partnershipId: number;
    actionId: number;
    authorUserId: number | null;
    authorName: string;
    text: string;
    evidenceUrl: string | null;
    statusFrom: string | null;
    statusTo: string | null;
    postedAt?: Date;
  },
): Promise<number> {
  const row = await trx
    .insertInto('action_updates')
    .values({
      partnership_id: values.partnershipId,
      action_id: values.actionId,
      author_user_id: values.authorUserId,
      author_name: values.authorName,
      text: values.text,
      evidence_url: values.evidenceUrl,
      status_from: values.statusFrom,
      status_to: values.statusTo,
      ...(values.postedAt ? { posted_at: values.postedAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface AssessmentRow {
  id: number;
  status: 'draft' | 'signed_off';
  summary: string;
  signed_off_by: string | null;
  signed_off_on: string | null;
  impacts: { characteristic: ProtectedCharacteristic; impact: Impact; evidence: string; mitigation: string }[];
}

export async function findAssessment(trx: Trx, actionPlanId: number): Promise<AssessmentRow | undefined> {
  const row = await trx
    .selectFrom('equality_assessments')
    .select(['id', 'status', 'summary', 'signed_off_by', 'signed_off_on'])
    .where('action_plan_id', '=', actionPlanId)
    .executeTakeFirst();
  if (!row) return undefined;
  const impacts = await trx
    .selectFrom('equality_impacts')
    .select(['characteristic', 'impact', 'evidence', 'mitigation'])
    .where('assessment_id', '=', row.id)
    .execute();
  return {
    ...row,
    signed_off_on: toDay(row.signed_off_on),
    status: row.status as AssessmentRow['status'],
    impacts: impacts.map((i) => ({ ...i, characteristic: i.characteristic as ProtectedCharacteristic, impact: i.impact as Impact })),
  };
}

/** Saves the assessment and its impacts; any change returns it to draft, to be signed off again. */
export async function saveAssessment(
  trx: Trx,
  partnershipId: number,
  actionPlanId: number,
  values: { summary: string; impacts: AssessmentRow['impacts'] },
): Promise<number> {
  const existing = await trx.selectFrom('equality_assessments').select('id').where('action_plan_id', '=', actionPlanId).executeTakeFirst();
  let id: number;
  if (existing) {
    id = existing.id;
    await trx
      .updateTable('equality_assessments')
      .set({ summary: values.summary, status: 'draft', signed_off_by: null, signed_off_on: null })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('equality_impacts').where('assessment_id', '=', id).execute();
  } else {
    const row = await trx
      .insertInto('equality_assessments')
      .values({ partnership_id: partnershipId, action_plan_id: actionPlanId, summary: values.summary })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
  }
  if (values.impacts.length) {
    await trx
      .insertInto('equality_impacts')
      .values(values.impacts.map((i) => ({ partnership_id: partnershipId, assessment_id: id, ...i })))
      .execute();
  }
  return id;
}

export async function signOffAssessment(trx: Trx, assessmentId: number, by: string, on: string): Promise<void> {
  await trx
    .updateTable('equality_assessments')
    .set({ status: 'signed_off', signed_off_by: by, signed_off_on: on })
    .where('id', '=', assessmentId)
    .execute();
}

/** Open actions with a lead user who has an email address, for reminders. */
export async function listOpenLedActions(trx: Trx): Promise<ActionRow[]> {
  return (await listActions(trx)).filter((a) => a.lead_user_id !== null && a.status !== 'complete' && a.status !== 'cancelled');
}
