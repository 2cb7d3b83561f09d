import type { Database, Trx } from '../../platform/db/database.ts';
import type { FieldResult } from '../../platform/forms.ts';
import { mustFind } from '../../platform/errors.ts';
import { tenantIfAllowed } from '../../platform/policies.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import { auditedDelete } from '../audit/audited-delete.ts';
import { changedFields } from '../audit/changes.ts';
import type { Actor, AuditEntry } from '../audit/events.ts';
import { calculateAttendance, type AttendanceScope } from './attendance.ts';
import type { BodyForm, MeetingInput, MemberForm } from './governance-schemas.ts';
import * as bodyRepo from './body-repository.ts';
import * as meetingRepo from './meeting-repository.ts';

/** The audit entry for a change to a meeting: its agenda, attendance or decisions. */
const meetingUpdated = (id: number, details: Record<string, unknown>): AuditEntry => ({
  action: 'meeting.updated',
  subjectType: 'meeting',
  subjectId: id,
  details,
});

/** Governance bodies, members, meetings and the attendance report: rules, audit, transactions. */
export function createGovernanceService(deps: { db: Database }) {
  const { db } = deps;
  const tenant = <T>(actor: Actor, fn: (trx: Trx) => Promise<T>) => db.tenant(actor.partnershipId, fn);
  /** Bodies, members, meetings, agendas, attendance and decisions are changed by those who may edit governance. */
  const edit = tenantIfAllowed(db, 'governance.edit');

  const mustFindBody = mustFind(bodyRepo.findBody);
  const mustFindMeeting = mustFind(meetingRepo.findMeeting);
  const mustFindMember = mustFind(bodyRepo.findMember);
  const mustFindAgendaItem = mustFind(meetingRepo.findAgendaItem);
  const mustFindDecision = mustFind(meetingRepo.findDecision);

  async function checkBody(trx: Trx, input: BodyForm, bodyId?: number): Promise<{ field: string; message: string } | null> {
    if (await bodyRepo.bodyNameTaken(trx, input.name, bodyId)) return { field: 'name', message: 'A body with this name already exists' };
    if (input.reportsToBodyId !== null) {
      if (!(await bodyRepo.findBody(trx, input.reportsToBodyId))) {
        return { field: 'reportsToBodyId', message: 'Select the body it reports to' };
      }
      if (bodyId !== undefined && (input.reportsToBodyId === bodyId || (await bodyRepo.wouldLoop(trx, bodyId, input.reportsToBodyId)))) {
        return { field: 'reportsToBodyId', message: 'A body cannot report to itself or to a body that reports to it' };
      }
    }
    return null;
  }

  const bodyDelete = auditedDelete(db, 'governance.edit', {
    table: 'bodies',
    find: mustFindBody,
    remove: bodyRepo.deleteBody,
    audit: (body, bodyId): AuditEntry => ({
      action: 'body.deleted',
      subjectType: 'body',
      subjectId: bodyId,
      details: { name: body.name, kind: body.kind },
    }),
  });

  const memberDelete = auditedDelete(db, 'governance.edit', {
    table: 'body_members',
    find: mustFindMember,
    remove: bodyRepo.deleteMember,
    audit: (member, memberId): AuditEntry => ({
      action: 'body_member.removed',
      subjectType: 'body',
      subjectId: member.body_id,
      details: { memberId, personName: member.person_name },
    }),
  });

  const meetingDelete = auditedDelete(db, 'governance.edit', {
    table: 'meetings',
    find: mustFindMeeting,
    remove: meetingRepo.deleteMeeting,
    audit: (meeting, meetingId): AuditEntry => ({
      action: 'meeting.deleted',
      subjectType: 'meeting',
      subjectId: meetingId,
      details: { bodyId: meeting.body_id, heldOn: meeting.held_on, title: meeting.title },
    }),
  });

  const agendaItemDelete = auditedDelete(db, 'governance.edit', {
    table: 'agenda_items',
    find: mustFindAgendaItem,
    remove: meetingRepo.deleteAgendaItem,
    audit: (item, itemId) => meetingUpdated(item.meeting_id, { agendaItemRemoved: { id: itemId, title: item.title } }),
  });

  const decisionDelete = auditedDelete(db, 'governance.edit', {
    table: 'meeting_decisions',
    find: mustFindDecision,
    remove: meetingRepo.deleteDecision,
    audit: (decision, decisionId) => meetingUpdated(decision.meeting_id, { decisionRemoved: { id: decisionId } }),
  });

  return {
    listBodies: (actor: Actor) => tenant(actor, (trx) => bodyRepo.listBodies(trx)),

    async getBody(actor: Actor, bodyId: number) {
      return tenant(actor, async (trx) => {
        const body = await mustFindBody(trx, bodyId);
        const parent = body.reports_to_body_id === null ? undefined : await bodyRepo.findBody(trx, body.reports_to_body_id);
        const [members, meetings, delivers, priorities, themes, bodies] = await Promise.all([
          bodyRepo.listMembers(trx, bodyId),
          meetingRepo.listMeetings(trx, bodyId),
          bodyRepo.bodyDelivers(trx, bodyId),
          bodyRepo.listPriorityChoices(trx),
          bodyRepo.listThemeChoices(trx),
          bodyRepo.listBodies(trx),
        ]);
        const reportingToIt = bodies.filter((b) => b.reports_to_body_id === bodyId);
        return { body, parent, members, meetings, delivers, priorities, themes, reportingToIt };
      });
    },

    /** The choices for the member form: the partnership's agencies and active users. */
    memberChoices: (actor: Actor) =>
      tenant(actor, async (trx) => ({ agencies: await bodyRepo.listAgencyChoices(trx), users: await bodyRepo.listUserChoices(trx) })),

    async createBody(actor: Actor, input: BodyForm): Promise<FieldResult<{ bodyId: number }>> {
      return edit(actor, async (trx) => {
        const problem = await checkBody(trx, input);
        if (problem) return { ok: false as const, ...problem };
        const bodyId = await bodyRepo.insertBody(trx, actor.partnershipId, input);
        await recordAudit(trx, actor, {
          action: 'body.created',
          subjectType: 'body',
          subjectId: bodyId,
          details: { name: input.name, kind: input.kind },
        });
        return { ok: true as const, bodyId };
      });
    },

    async updateBody(actor: Actor, bodyId: number, input: BodyForm): Promise<FieldResult<{ bodyId: number }>> {
      return edit(actor, async (trx) => {
        const before = await mustFindBody(trx, bodyId);
        const problem = await checkBody(trx, input, bodyId);
        if (problem) return { ok: false as const, ...problem };
        await bodyRepo.updateBody(trx, bodyId, input);
        const changed = changedFields(
          [
            ['name', before.name, input.name],
            ['shortName', before.short_name, input.shortName],
            ['kind', before.kind, input.kind],
            ['reportsToBodyId', before.reports_to_body_id, input.reportsToBodyId],
            ['purpose', before.purpose, input.purpose],
            ['termsOfReference', before.terms_of_reference, input.termsOfReference],
          ],
          ['purpose', 'termsOfReference'],
        );
        await recordAudit(trx, actor, { action: 'body.updated', subjectType: 'body', subjectId: bodyId, details: changed });
        return { ok: true as const, bodyId };
      });
    },

    async addMember(actor: Actor, bodyId: number, input: MemberForm): Promise<FieldResult<{ memberId: number }>> {
      return edit(actor, async (trx) => {
        await mustFindBody(trx, bodyId);
        if (input.agencyId !== null && !(await bodyRepo.agencyExists(trx, input.agencyId))) {
          return { ok: false as const, field: 'agencyId', message: 'Select an agency' };
        }
        if (input.userId !== null && !(await bodyRepo.userExists(trx, input.userId))) {
          return { ok: false as const, field: 'userId', message: 'Select a user' };
        }
        const memberId = await bodyRepo.insertMember(trx, actor.partnershipId, { bodyId, ...input });
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
    bodyDeletion: bodyDelete.check,
    /** Deletes a body with its members and its links to priorities and themes, unless other records use it. */
    deleteBody: bodyDelete.remove,

    memberDeletion: memberDelete.check,
    /** Removes a member from their body. */
    removeMember: memberDelete.remove,

    /** Sets which priorities and themes the body delivers; ids not in the partnership's plans are ignored. */
    async setDelivers(actor: Actor, bodyId: number, priorityIds: number[], themeIds: number[]): Promise<void> {
      await edit(actor, async (trx) => {
        await mustFindBody(trx, bodyId);
        const knownPriorities = new Set((await bodyRepo.listPriorityChoices(trx)).map((p) => p.id));
        const knownThemes = new Set((await bodyRepo.listThemeChoices(trx)).map((t) => t.id));
        const priorities = priorityIds.filter((id) => knownPriorities.has(id));
        const themes = themeIds.filter((id) => knownThemes.has(id));
        await bodyRepo.setBodyDelivers(trx, actor.partnershipId, bodyId, priorities, themes);
        await recordAudit(trx, actor, {
          action: 'body.updated',
          subjectType: 'body',
          subjectId: bodyId,
          details: { priorityIds: priorities, themeIds: themes },
        });
      });
    },

    // Meetings

    async getMeeting(actor: Actor, meetingId: number) {
      return tenant(actor, async (trx) => {
        const meeting = await mustFindMeeting(trx, meetingId);
        const [agenda, attendance, decisions, agencies, members] = await Promise.all([
          meetingRepo.listAgenda(trx, meetingId),
          meetingRepo.listAttendance(trx, meetingId),
          meetingRepo.listDecisions(trx, meetingId),
          bodyRepo.listAgencyChoices(trx),
          bodyRepo.listMembers(trx, meeting.body_id),
        ]);
        return {
          meeting,
          agenda,
          attendance,
          decisions,
          agencies,
          memberAgencyIds: [...new Set(members.map((m) => m.agency_id).filter((id): id is number => id !== null))],
        };
      });
    },

    async findBodyForMeeting(actor: Actor, bodyId: number) {
      return tenant(actor, (trx) => mustFindBody(trx, bodyId));
    },

    async createMeeting(actor: Actor, bodyId: number, input: MeetingInput): Promise<number> {
      return edit(actor, async (trx) => {
        await mustFindBody(trx, bodyId);
        const meetingId = await meetingRepo.insertMeeting(trx, actor.partnershipId, bodyId, input);
        await recordAudit(trx, actor, {
          action: 'meeting.created',
          subjectType: 'meeting',
          subjectId: meetingId,
          details: { bodyId, heldOn: input.heldOn },
        });
        return meetingId;
      });
    },

    async updateMeeting(actor: Actor, meetingId: number, input: MeetingInput): Promise<void> {
      await edit(actor, async (trx) => {
        const before = await mustFindMeeting(trx, meetingId);
        await meetingRepo.updateMeeting(trx, meetingId, input);
        const details = changedFields(
          [
            ['heldOn', before.held_on, input.heldOn],
            ['title', before.title, input.title],
            ['location', before.location, input.location],
            ['minutes', before.minutes, input.minutes],
          ],
          ['minutes'],
        );
        await recordAudit(trx, actor, meetingUpdated(meetingId, details));
      });
    },

    /** A meeting and whether it can be deleted: actions arising from it and funding it decided keep it. */
    meetingDeletion: meetingDelete.check,
    /** Deletes a meeting with its agenda, attendance and decisions, unless other records use it. */
    deleteMeeting: meetingDelete.remove,

    async addAgendaItem(actor: Actor, meetingId: number, title: string): Promise<void> {
      await edit(actor, async (trx) => {
        await mustFindMeeting(trx, meetingId);
        const itemId = await meetingRepo.insertAgendaItem(trx, actor.partnershipId, meetingId, title);
        await recordAudit(trx, actor, meetingUpdated(meetingId, { agendaItemAdded: { id: itemId, title } }));
      });
    },

    agendaItemDeletion: agendaItemDelete.check,
    removeAgendaItem: agendaItemDelete.remove,

    async moveAgendaItem(actor: Actor, itemId: number, direction: 'up' | 'down'): Promise<number> {
      return edit(actor, async (trx) => {
        const item = await mustFindAgendaItem(trx, itemId);
        await meetingRepo.moveAgendaItem(trx, item, direction);
        await recordAudit(trx, actor, meetingUpdated(item.meeting_id, { agendaItemMoved: { id: itemId, direction } }));
        return item.meeting_id;
      });
    },

    async saveAttendance(
      actor: Actor,
      meetingId: number,
      entries: { agencyId: number; attended: boolean; attendees: string }[],
    ): Promise<void> {
      await edit(actor, async (trx) => {
        await mustFindMeeting(trx, meetingId);
        const known = new Set((await bodyRepo.listAgencyChoices(trx)).map((a) => a.id));
        const valid = entries.filter((e) => known.has(e.agencyId));
        await meetingRepo.replaceAttendance(trx, actor.partnershipId, meetingId, valid);
        await recordAudit(trx, actor, meetingUpdated(meetingId, { attendance: valid.filter((e) => e.attended).map((e) => e.agencyId) }));
      });
    },

    async addDecision(actor: Actor, meetingId: number, decision: string): Promise<void> {
      await edit(actor, async (trx) => {
        await mustFindMeeting(trx, meetingId);
        const id = await meetingRepo.insertDecision(trx, actor.partnershipId, meetingId, decision);
        await recordAudit(trx, actor, meetingUpdated(meetingId, { decisionAdded: { id, decision } }));
      });
    },

    decisionDeletion: decisionDelete.check,
    removeDecision: decisionDelete.remove,

    /** Responsible authorities' attendance over a calendar year. */
    async attendanceReport(actor: Actor, year: number, scope: AttendanceScope) {
      return tenant(actor, async (trx) => {
        const data = await meetingRepo.attendanceReportData(trx, year);
        const years = await meetingRepo.meetingYears(trx);
        return { rows: calculateAttendance({ ...data, scope }), meetingCount: data.meetings.length, years };
      });
    },
  };
}
