import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';

/** Governance bodies, their members and meetings, for the partnership set on the transaction. */

export interface BodyRow {
  id: number;
  name: string;
  short_name: string | null;
  kind: string;
  purpose: string;
  terms_of_reference: string;
  reports_to_body_id: number | null;
  position: number;
}

export interface BodyValues {
  name: string;
  shortName: string | null;
  kind: string;
  purpose: string;
  termsOfReference: string;
  reportsToBodyId: number | null;
}

const bodyColumns = ['id', 'name', 'short_name', 'kind', 'purpose', 'terms_of_reference', 'reports_to_body_id', 'position'] as const;

export async function listBodies(trx: Trx): Promise<BodyRow[]> {
  return trx.selectFrom('bodies').select(bodyColumns).orderBy('position').orderBy(sql`lower(name)`).execute();
}

export async function findBody(trx: Trx, bodyId: number): Promise<BodyRow | undefined> {
  return trx.selectFrom('bodies').select(bodyColumns).where('id', '=', bodyId).executeTakeFirst();
}

export async function bodyNameTaken(trx: Trx, name: string, exceptId?: number): Promise<boolean> {
  let query = trx.selectFrom('bodies').select('id').where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertBody(trx: Trx, partnershipId: number, v: BodyValues, position = 0): Promise<number> {
  const row = await trx
    .insertInto('bodies')
    .values({
      partnership_id: partnershipId,
      name: v.name,
      short_name: v.shortName,
      kind: v.kind,
      purpose: v.purpose,
      terms_of_reference: v.termsOfReference,
      reports_to_body_id: v.reportsToBodyId,
      position,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateBody(trx: Trx, bodyId: number, v: BodyValues): Promise<void> {
  await trx
    .updateTable('bodies')
    .set({
      name: v.name,
      short_name: v.shortName,
      kind: v.kind,
      purpose: v.purpose,
      terms_of_reference: v.termsOfReference,
      reports_to_body_id: v.reportsToBodyId,
    })
    .where('id', '=', bodyId)
    .execute();
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
  role: string;
}

export async function listMembers(trx: Trx, bodyId: number): Promise<MemberRow[]> {
  return trx
    .selectFrom('body_members as m')
    .leftJoin('agencies as a', 'a.id', 'm.agency_id')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.body_id', 'm.person_name', 'm.agency_id', 'a.name as agency_name', 'm.user_id', 'u.name as user_name', 'm.role'])
    .where('m.body_id', '=', bodyId)
    .orderBy(sql`case m.role when 'chair' then 0 when 'co_chair' then 1 when 'vice_chair' then 2 when 'secretary' then 4 when 'adviser' then 5 else 3 end`)
    .orderBy(sql`lower(m.person_name)`)
    .execute();
}

export async function findMember(trx: Trx, memberId: number): Promise<{ id: number; body_id: number; person_name: string } | undefined> {
  return trx.selectFrom('body_members').select(['id', 'body_id', 'person_name']).where('id', '=', memberId).executeTakeFirst();
}

export async function insertMember(
  trx: Trx,
  partnershipId: number,
  v: { bodyId: number; personName: string; agencyId: number | null; userId: number | null; role: string },
): Promise<number> {
  const row = await trx
    .insertInto('body_members')
    .values({ partnership_id: partnershipId, body_id: v.bodyId, person_name: v.personName, agency_id: v.agencyId, user_id: v.userId, role: v.role })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteMember(trx: Trx, memberId: number): Promise<void> {
  await trx.deleteFrom('body_members').where('id', '=', memberId).execute();
}

/**
 * Whether the user is a linked member of the body. The action-plans feature uses this to let a
 * body's members update their own body's actions.
 */
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
  return trx.selectFrom('agencies').select(['id', 'name', 'responsible_authority']).orderBy(sql`lower(name)`).execute();
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

/** Priorities and themes of every plan, newest plan first, for the "delivers" checkboxes. */
export async function listPriorityChoices(trx: Trx): Promise<{ id: number; title: string; plan_title: string }[]> {
  return trx
    .selectFrom('priorities as p')
    .innerJoin('plans as pl', 'pl.id', 'p.plan_id')
    .select(['p.id', 'p.title', 'pl.title as plan_title'])
    .orderBy('pl.starts_year', 'desc')
    .orderBy('pl.id', 'desc')
    .orderBy('p.position')
    .orderBy('p.id')
    .execute();
}

export async function listThemeChoices(trx: Trx): Promise<{ id: number; title: string; plan_title: string }[]> {
  return trx
    .selectFrom('themes as t')
    .innerJoin('plans as pl', 'pl.id', 't.plan_id')
    .select(['t.id', 't.title', 'pl.title as plan_title'])
    .orderBy('pl.starts_year', 'desc')
    .orderBy('pl.id', 'desc')
    .orderBy('t.position')
    .orderBy('t.id')
    .execute();
}

export async function bodyDelivers(trx: Trx, bodyId: number): Promise<{ priorityIds: number[]; themeIds: number[] }> {
  const priorities = await trx.selectFrom('body_priorities').select('priority_id').where('body_id', '=', bodyId).execute();
  const themes = await trx.selectFrom('body_themes').select('theme_id').where('body_id', '=', bodyId).execute();
  return { priorityIds: priorities.map((p) => p.priority_id), themeIds: themes.map((t) => t.theme_id) };
}

export async function setBodyDelivers(trx: Trx, partnershipId: number, bodyId: number, priorityIds: number[], themeIds: number[]): Promise<void> {
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

// Meetings

export interface MeetingRow {
  id: number;
  body_id: number;
  body_name: string;
  held_on: string;
  title: string;
  location: string;
  minutes: string;
}

export interface MeetingValues {
  heldOn: string;
  title: string;
  location: string;
}

const meetingSelect = (trx: Trx) =>
  trx
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select(['m.id', 'm.body_id', 'b.name as body_name', sql<string>`to_char(m.held_on, 'YYYY-MM-DD')`.as('held_on'), 'm.title', 'm.location', 'm.minutes']);

export async function listMeetings(trx: Trx, bodyId: number): Promise<MeetingRow[]> {
  return meetingSelect(trx).where('m.body_id', '=', bodyId).orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').execute();
}

export async function findMeeting(trx: Trx, meetingId: number): Promise<MeetingRow | undefined> {
  return meetingSelect(trx).where('m.id', '=', meetingId).executeTakeFirst();
}

export async function insertMeeting(trx: Trx, partnershipId: number, bodyId: number, v: MeetingValues & { minutes?: string }): Promise<number> {
  const row = await trx
    .insertInto('meetings')
    .values({ partnership_id: partnershipId, body_id: bodyId, held_on: v.heldOn, title: v.title, location: v.location, minutes: v.minutes ?? '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMeeting(trx: Trx, meetingId: number, v: MeetingValues & { minutes: string }): Promise<void> {
  await trx.updateTable('meetings').set({ held_on: v.heldOn, title: v.title, location: v.location, minutes: v.minutes }).where('id', '=', meetingId).execute();
}

export interface AgendaItemRow {
  id: number;
  meeting_id: number;
  title: string;
  notes: string;
  position: number;
}

export async function listAgenda(trx: Trx, meetingId: number): Promise<AgendaItemRow[]> {
  return trx.selectFrom('agenda_items').select(['id', 'meeting_id', 'title', 'notes', 'position']).where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();
}

export async function findAgendaItem(trx: Trx, itemId: number): Promise<AgendaItemRow | undefined> {
  return trx.selectFrom('agenda_items').select(['id', 'meeting_id', 'title', 'notes', 'position']).where('id', '=', itemId).executeTakeFirst();
}

export async function insertAgendaItem(trx: Trx, partnershipId: number, meetingId: number, title: string, notes = ''): Promise<number> {
  const last = await trx
    .selectFrom('agenda_items')
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  const row = await trx
    .insertInto('agenda_items')
    .values({ partnership_id: partnershipId, meeting_id: meetingId, title, notes, position: (last?.max ?? 0) + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteAgendaItem(trx: Trx, itemId: number): Promise<void> {
  await trx.deleteFrom('agenda_items').where('id', '=', itemId).execute();
}

/** Moves an agenda item one place up or down, renumbering the agenda 1, 2, 3... */
export async function moveAgendaItem(trx: Trx, item: AgendaItemRow, direction: 'up' | 'down'): Promise<void> {
  const items = await listAgenda(trx, item.meeting_id);
  const index = items.findIndex((i) => i.id === item.id);
  const other = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= items.length) return;
  [items[index], items[other]] = [items[other]!, items[index]!];
  for (const [i, it] of items.entries()) {
    if (it.position !== i + 1) await trx.updateTable('agenda_items').set({ position: i + 1 }).where('id', '=', it.id).execute();
  }
}

export interface AttendanceEntry {
  agency_id: number;
  attended: boolean;
  attendees: string;
}

export async function listAttendance(trx: Trx, meetingId: number): Promise<AttendanceEntry[]> {
  return trx.selectFrom('meeting_attendance').select(['agency_id', 'attended', 'attendees']).where('meeting_id', '=', meetingId).execute();
}

/** Replaces the meeting's attendance: one row per agency that attended, or was recorded as absent. */
export async function replaceAttendance(
  trx: Trx,
  partnershipId: number,
  meetingId: number,
  entries: { agencyId: number; attended: boolean; attendees: string }[],
): Promise<void> {
  await trx.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute();
  if (!entries.length) return;
  await trx
    .insertInto('meeting_attendance')
    .values(entries.map((e) => ({ partnership_id: partnershipId, meeting_id: meetingId, agency_id: e.agencyId, attended: e.attended, attendees: e.attendees })))
    .execute();
}

export interface DecisionRow {
  id: number;
  meeting_id: number;
  decision: string;
  position: number;
}

export async function listDecisions(trx: Trx, meetingId: number): Promise<DecisionRow[]> {
  return trx.selectFrom('meeting_decisions').select(['id', 'meeting_id', 'decision', 'position']).where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();
}

export async function findDecision(trx: Trx, decisionId: number): Promise<DecisionRow | undefined> {
  return trx.selectFrom('meeting_decisions').select(['id', 'meeting_id', 'decision', 'position']).where('id', '=', decisionId).executeTakeFirst();
}

export async function insertDecision(trx: Trx, partnershipId: number, meetingId: number, decision: string): Promise<number> {
  const last = await trx
    .selectFrom('meeting_decisions')
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  const row = await trx
    .insertInto('meeting_decisions')
    .values({ partnership_id: partnershipId, meeting_id: meetingId, decision, position: (last?.max ?? 0) + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteDecision(trx: Trx, decisionId: number): Promise<void> {
  await trx.deleteFrom('meeting_decisions').where('id', '=', decisionId).execute();
}

/** Everything the attendance report needs for one calendar year, as plain rows. */
export async function attendanceReportData(trx: Trx, year: number) {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const agencies = await trx
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('responsible_authority', '=', true)
    .orderBy(sql`lower(name)`)
    .execute();
  const meetings = await trx
    .selectFrom('meetings')
    .select(['id', 'body_id as bodyId'])
    .where('held_on', '>=', from)
    .where('held_on', '<', to)
    .execute();
  const memberships = await trx
    .selectFrom('body_members')
    .select(['agency_id', 'body_id'])
    .where('agency_id', 'is not', null)
    .distinct()
    .execute();
  const attendance = await trx
    .selectFrom('meeting_attendance as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select(['a.meeting_id', 'a.agency_id', 'a.attended'])
    .where('m.held_on', '>=', from)
    .where('m.held_on', '<', to)
    .execute();
  return {
    agencies,
    meetings,
    memberships: memberships.map((m) => ({ agencyId: m.agency_id!, bodyId: m.body_id })),
    attendance: attendance.map((a) => ({ meetingId: a.meeting_id, agencyId: a.agency_id, attended: a.attended })),
  };
}

/** The years that have meetings, newest first, for the report's year choice. */
export async function meetingYears(trx: Trx): Promise<number[]> {
  const rows = await sql<{ year: number }>`select distinct extract(year from held_on)::int as year from meetings order by year desc`.execute(trx);
  return rows.rows.map((r) => Number(r.year));
}

export async function deleteBody(trx: Trx, bodyId: number): Promise<void> {
  await trx.deleteFrom('bodies').where('id', '=', bodyId).execute();
}

export async function deleteMeeting(trx: Trx, meetingId: number): Promise<void> {
  await trx.deleteFrom('meetings').where('id', '=', meetingId).execute();
}
