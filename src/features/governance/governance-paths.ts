import type { ExportFormat } from '../../platform/exports.ts';
import { id, type Id } from '../../platform/paths.ts';

/** Governance's URLs: routes register them with ':id', templates build links with `paths.governance`. */
export const governancePaths = {
  overview: () => '/governance',
  structure: () => '/governance/structure',
  attendance: () => '/governance/attendance',
  attendanceExport: (format: ExportFormat) => `/governance/attendance/export.${format}`,
  bodiesExport: (format: ExportFormat) => `/governance/export.${format}`,
  bodies: {
    create: () => '/governance/bodies/new',
    show: (bodyId: Id) => `/governance/bodies/${id(bodyId)}`,
    edit: (bodyId: Id) => `/governance/bodies/${id(bodyId)}/edit`,
    members: (bodyId: Id) => `/governance/bodies/${id(bodyId)}/members`,
    delivers: (bodyId: Id) => `/governance/bodies/${id(bodyId)}/delivers`,
    newMeeting: (bodyId: Id) => `/governance/bodies/${id(bodyId)}/meetings/new`,
    remove: (bodyId: Id) => `/governance/bodies/${id(bodyId)}/delete`,
    membersExport: (bodyId: Id, format: ExportFormat) => `/governance/bodies/${id(bodyId)}/members/export.${format}`,
    meetingsExport: (bodyId: Id, format: ExportFormat) => `/governance/bodies/${id(bodyId)}/meetings/export.${format}`,
  },
  removeMember: (memberId: Id) => `/governance/members/${id(memberId)}/remove`,
  meetings: {
    show: (meetingId: Id) => `/governance/meetings/${id(meetingId)}`,
    edit: (meetingId: Id) => `/governance/meetings/${id(meetingId)}/edit`,
    agenda: (meetingId: Id) => `/governance/meetings/${id(meetingId)}/agenda`,
    attendance: (meetingId: Id) => `/governance/meetings/${id(meetingId)}/attendance`,
    decisions: (meetingId: Id) => `/governance/meetings/${id(meetingId)}/decisions`,
    remove: (meetingId: Id) => `/governance/meetings/${id(meetingId)}/delete`,
  },
  removeAgendaItem: (itemId: Id) => `/governance/agenda-items/${id(itemId)}/remove`,
  moveAgendaItem: (itemId: Id) => `/governance/agenda-items/${id(itemId)}/move`,
  removeDecision: (decisionId: Id) => `/governance/decisions/${id(decisionId)}/remove`,
} as const;
