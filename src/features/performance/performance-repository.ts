import { sql, type NotNull } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { ActionStatus } from '../../platform/db/schema.ts';
import { exists } from '../action-plans/action-plan-repository.ts';

/**
 * The SQL of dashboards and the performance report: the plan and its priorities, the actions that
 * deliver them and each priority's commentary per quarter. Row-level security confines every query.
 * Queries for the public report have their own select lists that name no person, so a public
 * report is made from data in which no name was ever loaded.
 */

export interface PlanRow {
  id: number;
  title: string;
  starts_year: number;
  ends_year: number;
}

interface PriorityRow {
  id: number;
  plan_id: number;
  title: string;
  objective: string;
  position: number;
}

const planColumns = ['id', 'title', 'starts_year', 'ends_year'] as const;

/** The plan covering the year (the latest starting, if several do), or else the latest plan. */
export async function planFor(trx: Trx, year?: number): Promise<PlanRow | undefined> {
  if (year !== undefined) {
    const covering = await trx
      .selectFrom('plans')
      .select(planColumns)
      .where('starts_year', '<=', year)
      .where('ends_year', '>=', year)
      .orderBy('starts_year', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (covering) return covering;
  }
  return trx.selectFrom('plans').select(planColumns).orderBy('starts_year', 'desc').orderBy('id', 'desc').executeTakeFirst();
}

export const findPlan = (trx: Trx, id: number): Promise<PlanRow | undefined> =>
  trx.selectFrom('plans').select(planColumns).where('id', '=', id).executeTakeFirst();

const priorityColumns = ['id', 'plan_id', 'title', 'objective', 'position'] as const;

export const listPriorities = (trx: Trx, planId: number): Promise<PriorityRow[]> =>
  trx.selectFrom('priorities').select(priorityColumns).where('plan_id', '=', planId).orderBy('position').orderBy('id').execute();

export const findPriority = (trx: Trx, id: number): Promise<PriorityRow | undefined> =>
  trx.selectFrom('priorities').select(priorityColumns).where('id', '=', id).executeTakeFirst();

export async function partnershipName(trx: Trx, partnershipId: number): Promise<string> {
  const row = await trx.selectFrom('partnerships').select('name').where('id', '=', partnershipId).executeTakeFirstOrThrow();
  return row.name;
}

/** An action as the public report shows it: no lead person, only the lead agency. */
export interface PublicActionRow {
  id: number;
  priority_id: number;
  title: string;
  body_name: string;
  lead_agency_name: string | null;
  status: ActionStatus;
  status_reason: string;
  due_on: string | null;
}

/** An action as dashboards and the full report show it: with the person who leads it. */
export interface ActionRow extends PublicActionRow {
  /** The lead user's name, or the lead's name as typed for someone who is not a user. */
  lead_name: string;
}

function actionsOf(trx: Trx, priorityIds: readonly number[]) {
  return (
    trx
      .selectFrom('actions as a')
      .innerJoin('action_plans as ap', (j) => j.onRef('ap.id', '=', 'a.action_plan_id').onRef('ap.partnership_id', '=', 'a.partnership_id'))
      .innerJoin('bodies as b', (j) => j.onRef('b.id', '=', 'ap.body_id').onRef('b.partnership_id', '=', 'ap.partnership_id'))
      .leftJoin('agencies as ag', (j) => j.onRef('ag.id', '=', 'a.lead_agency_id').onRef('ag.partnership_id', '=', 'a.partnership_id'))
      .where('a.priority_id', 'in', priorityIds.length ? [...priorityIds] : [0])
      .select([
        'a.id',
        'a.priority_id',
        'a.title',
        'b.name as body_name',
        'ag.name as lead_agency_name',
        'a.status',
        'a.status_reason',
        'a.due_on',
      ])
      // Every action here delivers one of the priorities.
      .$narrowType<{ priority_id: NotNull }>()
      .orderBy(sql`a.due_on nulls last`)
      .orderBy('a.id')
  );
}

/** The actions delivering the priorities, without the names of the people who lead them. */
export function listPublicActions(trx: Trx, priorityIds: readonly number[]): Promise<PublicActionRow[]> {
  return actionsOf(trx, priorityIds).execute();
}

/** The actions delivering the priorities, with the person who leads each. */
export function listActions(trx: Trx, priorityIds: readonly number[]): Promise<ActionRow[]> {
  return actionsOf(trx, priorityIds)
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'a.lead_user_id').onRef('u.partnership_id', '=', 'a.partnership_id'))
    .select(sql<string>`coalesce(u.name, a.lead_name)`.as('lead_name'))
    .execute();
}

/** Whether the user leads an action delivering the priority. */
export const leadsActionUnder = (trx: Trx, userId: number, priorityId: number): Promise<boolean> =>
  exists(trx.selectFrom('actions').select('id').where('priority_id', '=', priorityId).where('lead_user_id', '=', userId));

/** A commentary as the public report shows it: the text and when, not who wrote it. */
export interface PublicCommentaryRow {
  priority_id: number;
  period: string;
  commentary: string;
  updated_at: Date;
}

export interface CommentaryRow extends PublicCommentaryRow {
  updated_by_name: string | null;
}

/** The commentaries of the priorities for the quarter, without their authors. */
export const listPublicCommentaries = (trx: Trx, priorityIds: readonly number[], period: string): Promise<PublicCommentaryRow[]> =>
  trx
    .selectFrom('priority_commentaries')
    .select(['priority_id', 'period', 'commentary', 'updated_at'])
    .where('priority_id', 'in', priorityIds.length ? [...priorityIds] : [0])
    .where('period', '=', period)
    .execute();

/** The commentaries of the priorities for the quarter, with who last changed each. */
export const listCommentaries = (trx: Trx, priorityIds: readonly number[], period: string): Promise<CommentaryRow[]> =>
  trx
    .selectFrom('priority_commentaries as c')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'c.updated_by').onRef('u.partnership_id', '=', 'c.partnership_id'))
    .select(['c.priority_id', 'c.period', 'c.commentary', 'c.updated_at', 'u.name as updated_by_name'])
    .where('c.priority_id', 'in', priorityIds.length ? [...priorityIds] : [0])
    .where('c.period', '=', period)
    .execute();

/** Saves the commentary of a priority for a quarter, replacing any there was (the last save wins). */
export async function saveCommentary(
  trx: Trx,
  values: { partnershipId: number; priorityId: number; period: string; commentary: string; updatedBy: number | null },
): Promise<'added' | 'changed'> {
  const row = await trx
    .insertInto('priority_commentaries')
    .values({
      partnership_id: values.partnershipId,
      priority_id: values.priorityId,
      period: values.period,
      commentary: values.commentary,
      updated_by: values.updatedBy,
    })
    .onConflict((oc) =>
      oc
        .columns(['partnership_id', 'priority_id', 'period'])
        .doUpdateSet({ commentary: values.commentary, updated_by: values.updatedBy, updated_at: sql`now()` }),
    )
    // xmax is 0 for a row just inserted, and not for one updated by the conflict clause.
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirstOrThrow();
  return row.inserted ? 'added' : 'changed';
}
