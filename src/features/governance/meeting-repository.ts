import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/** Meetings of governance bodies with their agendas, attendance and decisions, for the partnership set on the transaction. */

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
    .select(['m.id', 'm.body_id', 'b.name as body_name', 'm.held_on', 'm.title', 'm.location', 'm.minutes']);

export async function listMeetings(trx: Trx, bodyId: number): Promise<MeetingRow[]> {
  return meetingSelect(trx).where('m.body_id', '=', bodyId).orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').execute();
}

export async function findMeeting(trx: Trx, meetingId: number): Promise<MeetingRow | undefined> {
  return meetingSelect(trx).where('m.id', '=', meetingId).executeTakeFirst();
}

export async function insertMeeting(
  trx: Trx,
  partnershipId: number,
  bodyId: number,
  v: MeetingValues & { minutes?: string },
): Promise<number> {
  return insertReturningId(trx, 'meetings', {
    partnership_id: partnershipId,
    body_id: bodyId,
    held_on: v.heldOn,
    title: v.title,
    location: v.location,
    minutes: v.minutes ?? '',
  });
}

export async function updateMeeting(trx: Trx, meetingId: number, v: MeetingValues & { minutes: string }): Promise<void> {
  await trx
    .updateTable('meetings')
    .set({ held_on: v.heldOn, title: v.title, location: v.location, minutes: v.minutes })
    .where('id', '=', meetingId)
    .execute();
}

export interface AgendaItemRow {
  id: number;
  meeting_id: number;
  title: string;
  notes: string;
  position: number;
}

export async function listAgenda(trx: Trx, meetingId: number): Promise<AgendaItemRow[]> {
  return trx
    .selectFrom('agenda_items')
    .select(['id', 'meeting_id', 'title', 'notes', 'position'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function findAgendaItem(trx: Trx, itemId: number): Promise<AgendaItemRow | undefined> {
  return trx
    .selectFrom('agenda_items')
    .select(['id', 'meeting_id', 'title', 'notes', 'position'])
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export async function insertAgendaItem(trx: Trx, partnershipId: number, meetingId: number, title: string, notes = ''): Promise<number> {
  const last = await trx
    .selectFrom('agenda_items')
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return insertReturningId(trx, 'agenda_items', {
    partnership_id: partnershipId,
    meeting_id: meetingId,
    title,
    notes,
    position: (last?.max ?? 0) + 1,
  });
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
    if (it.position !== i + 1)
      await trx
        .updateTable('agenda_items')
        .set({ position: i + 1 })
        .where('id', '=', it.id)
        .execute();
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
    .values(
      entries.map((e) => ({
        partnership_id: partnershipId,
        meeting_id: meetingId,
        agency_id: e.agencyId,
        attended: e.attended,
        attendees: e.attendees,
      })),
    )
    .execute();
}

export interface DecisionRow {
  id: number;
  meeting_id: number;
  decision: string;
  position: number;
}

export async function listDecisions(trx: Trx, meetingId: number): Promise<DecisionRow[]> {
  return trx
    .selectFrom('meeting_decisions')
    .select(['id', 'meeting_id', 'decision', 'position'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function findDecision(trx: Trx, decisionId: number): Promise<DecisionRow | undefined> {
  return trx
    .selectFrom('meeting_decisions')
    .select(['id', 'meeting_id', 'decision', 'position'])
    .where('id', '=', decisionId)
    .executeTakeFirst();
}

export async function insertDecision(trx: Trx, partnershipId: number, meetingId: number, decision: string): Promise<number> {
  const last = await trx
    .selectFrom('meeting_decisions')
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return insertReturningId(trx, 'meeting_decisions', {
    partnership_id: partnershipId,
    meeting_id: meetingId,
    decision,
    position: (last?.max ?? 0) + 1,
  });
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
  const rows = await sql<{ year: number }>`
    select distinct extract(year from held_on)::int as year from meetings order by year desc`.execute(trx);
  return rows.rows.map((r) => Number(r.year));
}

export async function deleteMeeting(trx: Trx, meetingId: number): Promise<void> {
  await trx.deleteFrom('meetings').where('id', '=', meetingId).execute();
}
