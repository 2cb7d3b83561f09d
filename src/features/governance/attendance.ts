import type { ExportTable } from '../../platform/exports.ts';

/** Responsible authorities' attendance at meetings over a year: a pure calculation, tested alone. */

export type AttendanceScope = 'member' | 'all';

export interface AttendanceInput {
  /** The responsible-authority agencies to report on. */
  agencies: readonly { id: number; name: string }[];
  meetings: readonly { id: number; bodyId: number }[];
  /** Which agencies have a member on which bodies. */
  memberships: readonly { agencyId: number; bodyId: number }[];
  attendance: readonly { meetingId: number; agencyId: number; attended: boolean }[];
  /** 'member': only meetings of bodies the agency is a member of; 'all': every meeting. */
  scope: AttendanceScope;
}

export interface AttendanceRow {
  agencyId: number;
  agencyName: string;
  meetingsHeld: number;
  meetingsAttended: number;
  /** Whole per cent, or null when no meetings were held for the agency. */
  percent: number | null;
}

export function calculateAttendance(input: AttendanceInput): AttendanceRow[] {
  const bodiesOf = new Map<number, Set<number>>();
  for (const m of input.memberships) {
    if (!bodiesOf.has(m.agencyId)) bodiesOf.set(m.agencyId, new Set());
    bodiesOf.get(m.agencyId)!.add(m.bodyId);
  }
  const attendedSet = new Set(input.attendance.filter((a) => a.attended).map((a) => `${a.agencyId}:${a.meetingId}`));
  return input.agencies.map((agency) => {
    const bodies = bodiesOf.get(agency.id) ?? new Set<number>();
    const meetings = input.scope === 'all' ? input.meetings : input.meetings.filter((m) => bodies.has(m.bodyId));
    const attended = meetings.filter((m) => attendedSet.has(`${agency.id}:${m.id}`)).length;
    return {
      agencyId: agency.id,
      agencyName: agency.name,
      meetingsHeld: meetings.length,
      meetingsAttended: attended,
      percent: meetings.length === 0 ? null : Math.round((attended / meetings.length) * 100),
    };
  });
}

/** The report as a table to download as CSV or XLSX; a blank percentage where no meetings were held. */
export function attendanceExport(rows: readonly AttendanceRow[], year: number, scope: AttendanceScope): ExportTable {
  return {
    fileName: `attendance-${year}-${scope}`,
    title:
      `Attendance of responsible authorities in ${year} ` +
      `(${scope === 'all' ? 'meetings of all bodies' : 'meetings of bodies the agency is a member of'})`,
    headers: ['Agency', 'Meetings held', 'Meetings attended', 'Percentage attended'],
    rows: rows.map((r) => [r.agencyName, r.meetingsHeld, r.meetingsAttended, r.percent]),
  };
}
