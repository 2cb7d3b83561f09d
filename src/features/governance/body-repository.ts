import { sql, type Selectable } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { BodyKind, DB, MemberRole } from '../../platform/db/schema.ts';
import { insertReturningId, textTaken } from '../../platform/db/rows.ts';

/** Governance bodies, their members and what they deliver, for the partnership set on the transaction. */

export interface BodyRow {
  id: number;
  name: string;
  short_name: string | null;
  kind: BodyKind;
  purpose: string;
  terms_of_reference: string;
  reports_to_body_id: number | null;
  position: number;
}

export interface BodyValues {
  name: string;
  shortName: string | null;
  kind: BodyKind;
  purpose: string;
  termsOfReference: string;
  reportsToBodyId: number | null;
}

const bodyColumns = ['id', 'name', 'short_name', 'kind', 'purpose', 'terms_of_reference', 'reports_to_body_id', 'position'] as const;

export async function listBodies(trx: Trx): Promise<BodyRow[]> {
  return trx
    .selectFrom('bodies')
    .select(bodyColumns)
    .orderBy('position')
    .orderBy(sql`lower(name)`)
    .execute();
}

export async function findBody(trx: Trx, bodyId: number): Promise<BodyRow | undefined> {
  return trx.selectFrom('bodies').select(bodyColumns).where('id', '=', bodyId).executeTakeFirst();
}

export const bodyNameTaken = (trx: Trx, name: string, exceptId?: number): Promise<boolean> =>
  textTaken(trx, 'bodies', 'name', name, exceptId);

/** A body's values as its columns. */
const bodyFields = (v: BodyValues) => ({
  name: v.name,
  short_name: v.shortName,
  kind: v.kind,
  purpose: v.purpose,
  terms_of_reference: v.termsOfReference,
  reports_to_body_id: v.reportsToBodyId,
});

export async function insertBody(trx: Trx, partnershipId: number, v: BodyValues, position = 0): Promise<number> {
  return insertReturningId(trx, 'bodies', { partnership_id: partnershipId, ...bodyFields(v), position });
}

export async function updateBody(trx: Trx, bodyId: number, v: BodyValues): Promise<void> {
  await trx.updateTable('bodies').set(bodyFields(v)).where('id', '=', bodyId).execute();
}

export async function deleteBody(trx: Trx, bodyId: number): Promise<void> {
  await trx.deleteFrom('bodies').where('id', '=', bodyId).execute();
}

/** True if reporting bodyId to parentId would make a loop (the parent already reports up to bodyId). */
export async function wouldLoop(trx: Trx, bodyId: number, parentId: number): Promise<boolean> {
  const result = await sql<{ loops: boolean }>`
    with recursive up(id, reports_to) as (
      select id, reports_to_body_id from bodies where id = ${parentId}
      union
      select b.id, b.reports_to_body_id from bodies b join up on b.id = up.reports_to
    )
    select exists (select 1 from up where id = ${bodyId}) as loops`.execute(trx);
  return result.rows[0]?.loops ?? false;
}

export interface MemberRow {
  id: number;
  body_id: number;
  person_name: string;
  agency_id: number | null;
  agency_name: string | null;
  user_id: number | null;
  user_name: string | null;
  role: MemberRole;
}

export async function listMembers(trx: Trx, bodyId: number): Promise<MemberRow[]> {
  return trx
    .selectFrom('body_members as m')
    .leftJoin('agencies as a', 'a.id', 'm.agency_id')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.body_id', 'm.person_name', 'm.agency_id', 'a.name as agency_name', 'm.user_id', 'u.name as user_name', 'm.role'])
    .where('m.body_id', '=', bodyId)
    .orderBy(
      sql`case m.role
        when 'chair' then 0 when 'co_chair' then 1 when 'vice_chair' then 2 when 'secretary' then 4 when 'adviser' then 5 else 3
      end`,
    )
    .orderBy(sql`lower(m.person_name)`)
    .execute();
}

export async function findMember(trx: Trx, memberId: number): Promise<{ id: number; body_id: number; person_name: string } | undefined> {
  return trx.selectFrom('body_members').select(['id', 'body_id', 'person_name']).where('id', '=', memberId).executeTakeFirst();
}

export async function insertMember(
  trx: Trx,
  partnershipId: number,
  v: { bodyId: number; personName: string; agencyId: number | null; userId: number | null; role: MemberRole },
): Promise<number> {
  return insertReturningId(trx, 'body_members', {
    partnership_id: partnershipId,
    body_id: v.bodyId,
    person_name: v.personName,
    agency_id: v.agencyId,
    user_id: v.userId,
    role: v.role,
  });
}

export async function deleteMember(trx: Trx, memberId: number): Promise<void> {
  await trx.deleteFrom('body_members').where('id', '=', memberId).execute();
}

/** Whether the user is a linked member of the body (so may update the body's actions). */
export async function isBodyMember(trx: Trx, bodyId: number, userId: number): Promise<boolean> {
  const row = await trx
    .selectFrom('body_members')
    .select('id')
    .where('body_id', '=', bodyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function userExists(trx: Trx, userId: number): Promise<boolean> {
  return (await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined;
}

export async function agencyExists(trx: Trx, agencyId: number): Promise<boolean> {
  return (await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst()) !== undefined;
}

export async function listAgencyChoices(trx: Trx): Promise<{ id: number; name: string; responsible_authority: boolean }[]> {
  return trx
    .selectFrom('agencies')
    .select(['id', 'name', 'responsible_authority'])
    .orderBy(sql`lower(name)`)
    .execute();
}

export async function listUserChoices(trx: Trx): Promise<{ id: number; name: string; agency_name: string }[]> {
  return trx
    .selectFrom('users as u')
    .innerJoin('agencies as a', 'a.id', 'u.agency_id')
    .select(['u.id', 'u.name', 'a.name as agency_name'])
    .where('u.disabled_at', 'is', null)
    .orderBy(sql`lower(u.name)`)
    .execute();
}

/** Priorities or themes of every plan, newest plan first, in the plan's order, for the "delivers" checkboxes. */
async function planPartChoices(trx: Trx, table: 'priorities' | 'themes'): Promise<{ id: number; title: string; plan_title: string }[]> {
  return trx
    .selectFrom(sql<Pick<Selectable<DB[typeof table]>, 'id' | 'title' | 'plan_id' | 'position'>>`${sql.table(table)}`.as('part'))
    .innerJoin('plans as pl', 'pl.id', 'part.plan_id')
    .select(['part.id', 'part.title', 'pl.title as plan_title'])
    .orderBy('pl.starts_year', 'desc')
    .orderBy('pl.id', 'desc')
    .orderBy('part.position')
    .orderBy('part.id')
    .execute();
}

export const listPriorityChoices = (trx: Trx) => planPartChoices(trx, 'priorities');
export const listThemeChoices = (trx: Trx) => planPartChoices(trx, 'themes');

export async function bodyDelivers(trx: Trx, bodyId: number): Promise<{ priorityIds: number[]; themeIds: number[] }> {
  const priorities = await trx.selectFrom('body_priorities').select('priority_id').where('body_id', '=', bodyId).execute();
  const themes = await trx.selectFrom('body_themes').select('theme_id').where('body_id', '=', bodyId).execute();
  return { priorityIds: priorities.map((p) => p.priority_id), themeIds: themes.map((t) => t.theme_id) };
}

export async function setBodyDelivers(
  trx: Trx,
  partnershipId: number,
  bodyId: number,
  priorityIds: number[],
  themeIds: number[],
): Promise<void> {
  await trx.deleteFrom('body_priorities').where('body_id', '=', bodyId).execute();
  await trx.deleteFrom('body_themes').where('body_id', '=', bodyId).execute();
  if (priorityIds.length) {
    await trx
      .insertInto('body_priorities')
      .values(priorityIds.map((priority_id) => ({ partnership_id: partnershipId, body_id: bodyId, priority_id })))
      .execute();
  }
  if (themeIds.length) {
    await trx
      .insertInto('body_themes')
      .values(themeIds.map((theme_id) => ({ partnership_id: partnershipId, body_id: bodyId, theme_id })))
      .execute();
  }
}
