import type { Database, Trx } from '../../platform/db/database.ts';
import { deleteCheck, type DeleteCheck } from '../../platform/db/record-uses.ts';
import { notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import type { Actor } from '../audit/events.ts';
import { calculateAttendance, type AttendanceScope } from './attendance.ts';
import type { BodyForm, MeetingInput, MemberForm } from './governance-schemas.ts';
import * as repo from './governance-repository.ts';

export type FieldResult<T> = ({ ok: true } & T) | { ok: false; field: string; message: string };

/** A delete: done, or refused because other records still use the record (check.blockers says which). */
export type DeleteResult<T> = { ok: boolean; record: T; check: DeleteCheck };

/** Governance bodies, members, meetings and the attendance report: rules, audit, transactions. */
export function createGovernanceService(deps: { db: Database }) {
  const { db } = deps;
  const tenant = <T>(actor: Actor, fn: (trx: Trx) => Promise<T>) => db.tenant(actor.partnershipId, fn);

  const mustFindBody = async (trx: Trx, id: number) => {
    const body = await repo.findBody(trx, id);
    if (!body) throw notFound();
    return body;
  };
  const mustFindMeeting = async (trx: Trx, id: number) => {
    const meeting = await repo.findMeeting(trx, id);
    if (!meeting) throw notFound();
    return meeting;
  };

  async function checkBody(trx: Trx, input: BodyForm, bodyId?: number): Promise<{ field: string; message: string } | null> {
    if (await repo.bodyNameTaken(trx, input.name, bodyId)) return { field: 'name', message: 'A body with this name already exists' };
    if (input.reportsToBodyId !== null) {
      if (!(await repo.findBody(trx, input.reportsToBodyId))) return { field: 'reportsToBodyId', message: 'Select the body it reports to' };
      if (bodyId !== undefined && (input.reportsToBodyId === bodyId || (await repo.wouldLoop(trx, bodyId, input.reportsToBodyId)))) {
        return { field: 'reportsToBodyId', message: 'A body cannot report to itself or to a body that reports to it' };
      }
    }
    return null;
  }

  const mustFindMember = async (trx: Trx, id: number) => {
    const member = await repo.findMember(trx, id);
    if (!member) throw notFound();
    return member;
  };
  const mustFindAgendaItem = async (trx: Trx, id: number) => {
    const item = await repo.findAgendaItem(trx, id);
    if (!item) throw notFound();
    return item;
  };
  const mustFindDecision = async (trx: Trx, id: number) => {
    const decision = await repo.findDecision(trx, id);
    if (!decision) throw notFound();
    return decision;
  };

  /** Deletes a record unless other records use it: the check, then the delete and its audit in the same transaction. */
  async function guardedDelete<T>(trx: Trx, table: string, id: number, record: T, remove: () => Promise<void>): Promise<DeleteResult<T>> {
    const check = await deleteCheck(trx, table, id);
    if (check.blockers.length) return { ok: false, record, check };
    await remove();
    return { ok: true, record, check };
  }

  const toValues = (input: BodyForm): repo.BodyValues => ({
    name: input.name,
    shortName: input.shortName,
    kind: input.kind,
    purpose: input.purpose,
    termsOfReference: input.termsOfReference,
    reportsToBodyId: input.reportsToBodyId,
  });

  return {
    listBodies: (actor: Actor) => tenant(actor, (trx) => repo.listBodies(trx)),

    async getBody(actor: Actor, bodyId: number) {
      return tenant(actor, async (trx) => {
        const body = await mustFindBody(trx, bodyId);
        const parent = body.reports_to_body_id === null ? undefined : await repo.findBody(trx, body.reports_to_body_id);
        const [members, meetings, delivers, priorities, themes, bodies] = await Promise.all([
          repo.listMembers(trx, bodyId),
          repo.listMeetings(trx, bodyId),
          repo.bodyDelivers(trx, bodyId),
          repo.listPriorityChoices(trx),
          repo.listThemeChoices(trx),
          repo.listBodies(trx),
        ]);
        const reportingToIt = bodies.filter((b) => b.reports_to_body_id === bodyId);
        return { body, parent, members, meetings, delivers, priorities, themes, reportingToIt };
      });
    },

    /** The choices for the member form: the partnership's agencies and active users. */
    memberChoices: (actor: Actor) =>
      tenant(actor, async (trx) => ({ agencies: await repo.listAgencyChoices(trx), users: await repo.listUserChoices(trx) })),

    async createBody(actor: Actor, input: BodyForm): Promise<FieldResult<{ bodyId: number }>> {
      return tenant(actor, async (trx) => {
        const problem = await checkBody(trx, input);
        if (problem) return { ok: false as const, ...problem };
        const bodyId = await repo.insertBody(trx, actor.partnershipId, toValues(input));
        await recordAudit(trx, actor, { action: 'body.created', subjectType: 'body', subjectId: bodyId, details: { name: input.name, kind: input.kind } });
        return { ok: true as const, bodyId };
      });
    },

    async updateBody(actor: Actor, bodyId: number, input: BodyForm): Promise<FieldResult<{ bodyId: number }>> {
      return tenant(actor, async (trx) => {
        const before = await mustFindBody(trx, bodyId);
        const problem = await checkBody(trx, input, bodyId);
        if (problem) return { ok: false as const, ...problem };
        await repo.updateBody(trx, bodyId, toValues(input));
        const changed = Object.fromEntries(
          (
            [
              ['name', before.name, input.name],
              ['shortName', before.short_name, input.shortName],
              ['kind', before.kind, input.kind],
              ['reportsToBodyId', before.reports_to_body_id, input.reportsToBodyId],
              ['purpose', before.purpose, input.purpose],
              ['termsOfReference', before.terms_of_reference, input.termsOfReference],
            ] as const
          )
            .filter(([, from, to]) => from !== to)
            .map(([field, from, to]) => [field, field === 'termsOfReference' || field === 'purpose' ? 'changed' : { from, to }]),
        );
        await recordAudit(trx, actor, { action: 'body.updated', subjectType: 'body', subjectId: bodyId, details: changed });
        return { ok: true as const, bodyId };
      });
    },

    async addMember(actor: Actor, bodyId: number, input: MemberForm): Promise<FieldResult<{ memberId: number }>> {
      return tenant(actor, async (trx) => {
        await mustFindBody(trx, bodyId);
        if (input.agencyId !== null && !(await repo.agencyExists(trx, input.agencyId))) return { ok: false as const, field: 'agencyId', message: 'Select an agency' };
        if (input.userId !== null && !(await repo.userExists(trx, input.userId))) return { ok: false as const, field: 'userId', message: 'Select a user' };
        const memberId = await repo.insertMember(trx, actor.partnershipId, { bodyId, ...input });
        await recordAudit(trx, actor, {
          action: 'body_member.added',
          subjectType: 'body',
          subjectId: bodyId,
          details: { memberId, personName: input.personName, role: input.role, agencyId: input.agencyId, userId: input.userId },
        });
        return { ok: true as const, memberId };
      });
    },

    /** A body and whether it can be deleted: its meetings, action plans, funding applications and the bodies reporting to it keep it. */
    bodyDeletion: (actor: Actor, bodyId: number) =>
      tenant(actor, async (trx) => ({ record: await mustFindBody(trx, bodyId), check: await deleteCheck(trx, 'bodies', bodyId) })),

    /** Deletes a body with its members and its links to priorities and themes, unless other records use it. */
    deleteBody: (actor: Actor, bodyId: number) =>
      tenant(actor, async (trx) => {
        const body = await mustFindBody(trx, bodyId);
        return guardedDelete(trx, 'bodies', bodyId, body, async () => {
          await repo.deleteBody(trx, bodyId);
          await recordAudit(trx, actor, { action: 'body.deleted', subjectType: 'body', subjectId: bodyId, details: { name: body.name, kind: body.kind } });
        });
      }),

    memberDeletion: (actor: Actor, memberId: number) =>
      tenant(actor, async (trx) => ({ record: await mustFindMember(trx, memberId), check: await deleteCheck(trx, 'body_members', memberId) })),

    /** Removes a member from their body. */
    removeMember: (actor: Actor, memberId: number) =>
      tenant(actor, async (trx) => {
        const member = await mustFindMember(trx, memberId);
        return guardedDelete(trx, 'body_members', memberId, member, async () => {
          await repo.deleteMember(trx, memberId);
          await recordAudit(trx, actor, { action: 'body_member.removed', subjectType: 'body', subjectId: member.body_id, details: { memberId, personName: member.person_name } });
        });
      }),

    /** Sets which priorities and themes the body delivers; ids not in the partnership's plans are ignored. */
    async setDelivers(actor: Actor, bodyId: number, priorityIds: number[], themeIds: number[]): Promise<void> {
      await tenant(actor, async (trx) => {
        await mustFindBody(trx, bodyId);
        const knownPriorities = new Set((await repo.listPriorityChoices(trx)).map((p) => p.id));
        const knownThemes = new Set((await repo.listThemeChoices(trx)).map((t) => t.id));
        const priorities = priorityIds.filter((id) => knownPriorities.has(id));
        const themes = themeIds.filter((id) => knownThemes.has(id));
        await repo.setBodyDelivers(trx, actor.partnershipId, bodyId, priorities, themes);
        await recordAudit(trx, actor, { action: 'body.updated', subjectType: 'body', subjectId: bodyId, details: { priorityIds: priorities, themeIds: themes } });
      });
    },

    // Meetings

    async getMeeting(actor: Actor, meetingId: number) {
      return tenant(actor, async (trx) => {
        const meeting = await mustFindMeeting(trx, meetingId);
        const [agenda, attendance, decisions, agencies, members] = await Promise.all([
          repo.listAgenda(trx, meetingId),
          repo.listAttendance(trx, meetingId),
          repo.listDecisions(trx, meetingId),
          repo.listAgencyChoices(trx),
          repo.listMembers(trx, meeting.body_id),
        ]);
        return { meeting, agenda, attendance, decisions, agencies, memberAgencyIds: [...new Set(members.map((m) => m.agency_id).filter((id): id is number => id !== null))] };
      });
    },

    async findBodyForMeeting(actor: Actor, bodyId: number) {
      return tenant(actor, (trx) => mustFindBody(trx, bodyId));
    },

    async createMeeting(actor: Actor, bodyId: number, input: MeetingInput): Promise<number> {
      return tenant(actor, async (trx) => {
        await mustFindBody(trx, bodyId);
        const meetingId = await repo.insertMeeting(trx, actor.partnershipId, bodyId, input);
        await recordAudit(trx, actor, { action: 'meeting.created', subjectType: 'meeting', subjectId: meetingId, details: { bodyId, heldOn: input.heldOn } });
        return meetingId;
      });
    },

    async updateMeeting(actor: Actor, meetingId: number, input: MeetingInput): Promise<void> {
      await tenant(actor, async (trx) => {
        const before = await mustFindMeeting(trx, meetingId);
        await repo.updateMeeting(trx, meetingId, input);
        const details: Record<string, unknown> = {};
        if (before.held_on !== input.heldOn) details['heldOn'] = { from: before.held_on, to: input.heldOn };
        if (before.title !== input.title) details['title'] = { from: before.title, to: input.title };
        if (before.location !== input.location) details['location'] = { from: before.location, to: input.location };
        if (before.minutes !== input.minutes) details['minutes'] = 'changed';
        await recordAudit(trx, actor, { action: 'meeting.updated', subjectType: 'meeting', subjectId: meetingId, details });
      });
    },

    /** A meeting and whether it can be deleted: actions arising from it and funding it decided keep it. */
    meetingDeletion: (actor: Actor, meetingId: number) =>
      tenant(actor, async (trx) => ({ record: await mustFindMeeting(trx, meetingId), check: await deleteCheck(trx, 'meetings', meetingId) })),

    /** Deletes a meeting with its agenda, attendance and decisions, unless other records use it. */
    deleteMeeting: (actor: Actor, meetingId: number) =>
      tenant(actor, async (trx) => {
        const meeting = await mustFindMeeting(trx, meetingId);
        return guardedDelete(trx, 'meetings', meetingId, meeting, async () => {
          await repo.deleteMeeting(trx, meetingId);
          await recordAudit(trx, actor, { action: 'meeting.deleted', subjectType: 'meeting', subjectId: meetingId, details: { bodyId: meeting.body_id, heldOn: meeting.held_on, title: meeting.title } });
        });
      }),

    async addAgendaItem(actor: Actor, meetingId: number, title: string): Promise<void> {
      await tenant(actor, async (trx) => {
        await mustFindMeeting(trx, meetingId);
        const itemId = await repo.insertAgendaItem(trx, actor.partnershipId, meetingId, title);
        await recordAudit(trx, actor, { action: 'meeting.updated', subjectType: 'meeting', subjectId: meetingId, details: { agendaItemAdded: { id: itemId, title } } });
      });
    },

    agendaItemDeletion: (actor: Actor, itemId: number) =>
      tenant(actor, async (trx) => ({ record: await mustFindAgendaItem(trx, itemId), check: await deleteCheck(trx, 'agenda_items', itemId) })),

    removeAgendaItem: (actor: Actor, itemId: number) =>
      tenant(actor, async (trx) => {
        const item = await mustFindAgendaItem(trx, itemId);
        return guardedDelete(trx, 'agenda_items', itemId, item, async () => {
          await repo.deleteAgendaItem(trx, itemId);
          await recordAudit(trx, actor, { action: 'meeting.updated', subjectType: 'meeting', subjectId: item.meeting_id, details: { agendaItemRemoved: { id: itemId, title: item.title } } });
        });
      }),

    async moveAgendaItem(actor: Actor, itemId: number, direction: 'up' | 'down'): Promise<number> {
      return tenant(actor, async (trx) => {
        const item = await repo.findAgendaItem(trx, itemId);
        if (!item) throw notFound();
        await repo.moveAgendaItem(trx, item, direction);
        await recordAudit(trx, actor, { action: 'meeting.updated', subjectType: 'meeting', subjectId: item.meeting_id, details: { agendaItemMoved: { id: itemId, direction } } });
        return item.meeting_id;
      });
    },

    async saveAttendance(actor: Actor, meetingId: number, entries: { agencyId: number; attended: boolean; attendees: string }[]): Promise<void> {
      await tenant(actor, async (trx) => {
        await mustFindMeeting(trx, meetingId);
        const known = new Set((await repo.listAgencyChoices(trx)).map((a) => a.id));
        const valid = entries.filter((e) => known.has(e.agencyId));
        await repo.replaceAttendance(trx, actor.partnershipId, meetingId, valid);
        await recordAudit(trx, actor, {
          action: 'meeting.updated',
          subjectType: 'meeting',
          subjectId: meetingId,
          details: { attendance: valid.filter((e) => e.attended).map((e) => e.agencyId) },
        });
      });
    },

    async addDecision(actor: Actor, meetingId: number, decision: string): Promise<void> {
      await tenant(actor, async (trx) => {
        await mustFindMeeting(trx, meetingId);
        const id = await repo.insertDecision(trx, actor.partnershipId, meetingId, decision);
        await recordAudit(trx, actor, { action: 'meeting.updated', subjectType: 'meeting', subjectId: meetingId, details: { decisionAdded: { id, decision } } });
      });
    },

    decisionDeletion: (actor: Actor, decisionId: number) =>
      tenant(actor, async (trx) => ({ record: await mustFindDecision(trx, decisionId), check: await deleteCheck(trx, 'meeting_decisions', decisionId) })),

    removeDecision: (actor: Actor, decisionId: number) =>
      tenant(actor, async (trx) => {
        const decision = await mustFindDecision(trx, decisionId);
        return guardedDelete(trx, 'meeting_decisions', decisionId, decision, async () => {
          await repo.deleteDecision(trx, decisionId);
          await recordAudit(trx, actor, { action: 'meeting.updated', subjectType: 'meeting', subjectId: decision.meeting_id, details: { decisionRemoved: { id: decisionId } } });
        });
      }),

    /** Responsible authorities' attendance over a calendar year. */
    async attendanceReport(actor: Actor, year: number, scope: AttendanceScope) {
      return tenant(actor, async (trx) => {
        const data = await repo.attendanceReportData(trx, year);
        const years = await repo.meetingYears(trx);
        return { rows: calculateAttendance({ ...data, scope }), meetingCount: data.meetings.length, years };
      });
    },
  };
}

export type GovernanceService = ReturnType<typeof createGovernanceService>;
