import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { ActionStatus } from '../../platform/db/schema.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/** The milestones of actions and their progress updates, of the partnership on the transaction. */

interface MilestoneRow {
  id: number;
  title: string;
  due_on: string | null;
  done_on: string | null;
}

export const listMilestones = (trx: Trx, actionId: number): Promise<MilestoneRow[]> =>
  trx
    .selectFrom('action_milestones')
    .select(['id', 'title', 'due_on', 'done_on'])
    .where('action_id', '=', actionId)
    .orderBy('position')
    .orderBy(sql`due_on nulls last`)
    .orderBy('id')
    .execute();

export async function insertMilestone(
  trx: Trx,
  partnershipId: number,
  actionId: number,
  values: { title: string; due_on: string | null },
): Promise<number> {
  return insertReturningId(trx, 'action_milestones', {
    partnership_id: partnershipId,
    action_id: actionId,
    title: values.title,
    due_on: values.due_on,
  });
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
  status_from: ActionStatus | null;
  status_to: ActionStatus | null;
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
    statusFrom: ActionStatus | null;
    statusTo: ActionStatus | null;
    postedAt?: Date;
  },
): Promise<number> {
  return insertReturningId(trx, 'action_updates', {
    partnership_id: values.partnershipId,
    action_id: values.actionId,
    author_user_id: values.authorUserId,
    author_name: values.authorName,
    text: values.text,
    evidence_url: values.evidenceUrl,
    status_from: values.statusFrom,
    status_to: values.statusTo,
    ...(values.postedAt ? { posted_at: values.postedAt } : {}),
  });
}
