import { exportLinks, type ExportTable } from '../../platform/exports.ts';
import { postedFields, type FormErrors } from '../../platform/forms.ts';
import { bodyKinds, memberRoles } from '../../platform/db/schema.ts';
import { formatDate } from '../../platform/format.ts';
import { escapeHtml, fieldText, fieldTexts, type ChoiceItem, type SelectItem, type TableCell } from '../../platform/view-models.ts';
import type { AttendanceRow, AttendanceScope } from './attendance.ts';
import { bodyKindNames, memberRoleNames, roleName } from './body-kinds.ts';
import type { BodyRow } from './body-repository.ts';
import { governancePaths } from './governance-paths.ts';
import { diagramBodies, structureLinks } from './structure-diagram.ts';

const link = (href: string, text: string) => `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** The bodies list: one group per kind that has bodies, in the order of the structure. */
export function bodyGroups(bodies: readonly BodyRow[]) {
  const byId = new Map(bodies.map((b) => [b.id, b]));
  return bodyKinds
    .map((kind) => ({
      kind,
      heading: bodyKindNames[kind].many,
      rows: bodies
        .filter((b) => b.kind === kind)
        .map((b): TableCell[] => {
          const parent = b.reports_to_body_id === null ? undefined : byId.get(b.reports_to_body_id);
          return [{ html: link(governancePaths.bodies.show(b.id), b.name) }, { text: b.short_name ?? '' }, { text: parent?.name ?? '' }];
        }),
    }))
    .filter((g) => g.rows.length > 0);
}

/** A body's page heading: its name, with its short name in brackets. */
export const bodyHeading = (body: { name: string; short_name: string | null }): string =>
  body.short_name ? `${body.name} (${body.short_name})` : body.name;

/** The relationships beneath the diagram: each body, its kind and whom it reports to. */
export function structureRows(bodies: readonly BodyRow[]): TableCell[][] {
  return structureLinks(diagramBodies(bodies)).map(({ body, kind, parent }) => [
    { html: link(governancePaths.bodies.show(body.id), body.name) },
    { text: kind },
    parent ? { html: link(governancePaths.bodies.show(parent.id), parent.name) } : { text: 'None' },
  ]);
}

export interface BodyFormValues {
  name: string;
  shortName: string;
  kind: string;
  purpose: string;
  termsOfReference: string;
  reportsToBodyId: string;
}

export const blankBody: BodyFormValues = { name: '', shortName: '', kind: '', purpose: '', termsOfReference: '', reportsToBodyId: '' };

export function bodyFormValues(body: BodyRow): BodyFormValues {
  return {
    name: body.name,
    shortName: body.short_name ?? '',
    kind: body.kind,
    purpose: body.purpose,
    termsOfReference: body.terms_of_reference,
    reportsToBodyId: body.reports_to_body_id === null ? '' : String(body.reports_to_body_id),
  };
}

export function postedBodyValues(body: unknown): BodyFormValues {
  return fieldTexts(postedFields(body), ['name', 'shortName', 'kind', 'purpose', 'termsOfReference', 'reportsToBodyId']);
}

function kindItems(selected: string): ChoiceItem[] {
  return bodyKinds.map((k) => ({ value: k, text: bodyKindNames[k].one, checked: selected === k }));
}

/** A select with a first "none" option. */
export function optionalSelectItems(options: readonly { id: number; text: string }[], selected: string, noneText: string): SelectItem[] {
  return [
    { value: '', text: noneText, selected: selected === '' },
    ...options.map((o) => ({ value: String(o.id), text: o.text, selected: selected === String(o.id) })),
  ];
}

export function bodyFormView(values: BodyFormValues, bodies: readonly BodyRow[], exceptId?: number) {
  return {
    values,
    kindItems: kindItems(values.kind),
    reportsToItems: optionalSelectItems(
      bodies.filter((b) => b.id !== exceptId).map((b) => ({ id: b.id, text: b.name })),
      values.reportsToBodyId,
      'Does not report to another body',
    ),
  };
}

export interface MemberFormValues {
  personName: string;
  agencyId: string;
  userId: string;
  role: string;
}

export const blankMember: MemberFormValues = { personName: '', agencyId: '', userId: '', role: 'member' };

export function postedMemberValues(body: unknown): MemberFormValues {
  return fieldTexts(postedFields(body), ['personName', 'agencyId', 'userId', 'role']);
}

export function memberFormView(
  values: MemberFormValues,
  choices: { agencies: readonly { id: number; name: string }[]; users: readonly { id: number; name: string; agency_name: string }[] },
) {
  return {
    memberValues: values,
    agencyItems: optionalSelectItems(
      choices.agencies.map((a) => ({ id: a.id, text: a.name })),
      values.agencyId,
      'No agency',
    ),
    userItems: optionalSelectItems(
      choices.users.map((u) => ({ id: u.id, text: `${u.name} (${u.agency_name})` })),
      values.userId,
      'Not linked to a user',
    ),
    roleItems: memberRoles.map((r) => ({ value: r, text: memberRoleNames[r], selected: values.role === r })),
  };
}

/** Checkboxes for the priorities or themes a body delivers; the plan's title as a hint when there are several plans. */
export function deliversItems(
  choices: readonly { id: number; title: string; plan_title: string }[],
  selected: readonly number[],
): ChoiceItem[] {
  const plans = new Set(choices.map((c) => c.plan_title));
  return choices.map((c) => ({
    value: String(c.id),
    text: c.title,
    checked: selected.includes(c.id),
    ...(plans.size > 1 ? { hint: { text: c.plan_title } } : {}),
  }));
}

interface MeetingFormValues {
  day: string;
  month: string;
  year: string;
  title: string;
  location: string;
  minutes: string;
}

/** A meeting's stored values as the meeting form posts them. */
export function meetingFormValues(m: { held_on: string; title: string; location: string; minutes: string }): Record<string, string> {
  const [year = '', month = '', day = ''] = m.held_on.split('-');
  return {
    'heldOn-day': String(Number(day)),
    'heldOn-month': String(Number(month)),
    'heldOn-year': year,
    title: m.title,
    location: m.location,
    minutes: m.minutes,
  };
}

function postedMeetingValues(body: unknown): MeetingFormValues {
  const v = postedFields(body);
  return {
    day: fieldText(v['heldOn-day']),
    month: fieldText(v['heldOn-month']),
    year: fieldText(v['heldOn-year']),
    title: fieldText(v['title']),
    location: fieldText(v['location']),
    minutes: fieldText(v['minutes']),
  };
}

/** The items of a GOV.UK date input, marking the parts in error. */
export function dateInputItems(
  name: string,
  values: { day: string; month: string; year: string },
  errorFields: Record<string, unknown> = {},
) {
  const anyError = [`${name}-day`, `${name}-month`, `${name}-year`].some((f) => f in errorFields);
  const cls = (width: number) => `govuk-input--width-${width}${anyError ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', value: values.day, classes: cls(2) },
    { name: 'month', value: values.month, classes: cls(2) },
    { name: 'year', value: values.year, classes: cls(4) },
  ];
}

/** The first date-part error, for the date input's error message. */
export function dateError(name: string, errorFields: Record<string, { text: string }> = {}): { text: string } | undefined {
  return errorFields[`${name}-day`] ?? errorFields[`${name}-month`] ?? errorFields[`${name}-year`];
}

/** The meeting form's values and its date input, from the values posted (or stored, in the same shape). */
export function meetingFormView(posted: Record<string, unknown>, errors?: FormErrors) {
  const values = postedMeetingValues(posted);
  return { values, dateItems: dateInputItems('heldOn', values, errors?.fields), dateError: dateError('heldOn', errors?.fields) };
}

export const meetingLabel = (m: { held_on: string; title: string }) => `${formatDate(m.held_on)}${m.title ? `: ${m.title}` : ''}`;

/** The attendance form's rows: each agency, whether it attended and who came; the body's member agencies first. */
export function attendanceFormRows(
  agencies: readonly { id: number; name: string; responsible_authority: boolean }[],
  attendance: readonly { agency_id: number; attended: boolean; attendees: string }[],
  memberAgencyIds: readonly number[],
) {
  const byAgency = new Map(attendance.map((a) => [a.agency_id, a]));
  return [...agencies]
    .sort((a, b) => Number(memberAgencyIds.includes(b.id)) - Number(memberAgencyIds.includes(a.id)))
    .map((a) => ({
      id: a.id,
      name: a.name,
      isMember: memberAgencyIds.includes(a.id),
      responsibleAuthority: a.responsible_authority,
      attended: byAgency.get(a.id)?.attended ?? false,
      attendees: byAgency.get(a.id)?.attendees ?? '',
      hint: [memberAgencyIds.includes(a.id) ? 'Member of this body' : '', a.responsible_authority ? 'Responsible authority' : '']
        .filter(Boolean)
        .join(', '),
    }));
}

function attendanceTableRows(rows: readonly AttendanceRow[]): TableCell[][] {
  return rows.map((r) => [
    { text: r.agencyName },
    { text: String(r.meetingsHeld), format: 'numeric' },
    { text: String(r.meetingsAttended), format: 'numeric' },
    { text: r.percent === null ? 'No meetings' : `${r.percent}%`, format: 'numeric' },
  ]);
}

/** The attendance report page: the year and scope chosen, their choices, the table and its downloads. */
export function attendanceReportView(
  report: { rows: readonly AttendanceRow[]; meetingCount: number; years: readonly number[] },
  options: { year: number; scope: AttendanceScope },
) {
  const years = [...new Set([...report.years, options.year])].sort((a, b) => b - a);
  return {
    pageTitle: `Attendance of responsible authorities in ${options.year}`,
    year: options.year,
    scope: options.scope,
    yearItems: years.map((y) => ({ value: String(y), text: String(y), selected: y === options.year })),
    scopeItems: [
      { value: 'member', text: 'Meetings of bodies the agency is a member of', checked: options.scope === 'member' },
      { value: 'all', text: 'Meetings of all bodies', checked: options.scope === 'all' },
    ],
    rows: attendanceTableRows(report.rows),
    hasRows: report.rows.length > 0,
    meetingCount: report.meetingCount,
    exports: exportLinks(
      governancePaths.attendanceExport,
      `the attendance in ${options.year}`,
      `?year=${options.year}&scope=${options.scope}`,
    ),
  };
}

// Downloads of the lists, as CSV and XLSX (src/platform/exports.ts).

export function bodiesExport(bodies: readonly BodyRow[]): ExportTable {
  return {
    fileName: 'governance-bodies',
    title: 'Governance bodies',
    headers: ['Body', 'Short name', 'Kind', 'Reports to', 'Purpose'],
    rows: structureLinks(diagramBodies(bodies)).map(({ body, kind, parent }) => [
      body.name,
      body.shortName,
      kind,
      parent?.name ?? null,
      bodies.find((b) => b.id === body.id)?.purpose ?? '',
    ]),
  };
}

export function membersExport(
  body: { name: string },
  members: readonly { person_name: string; role: string; agency_name: string | null; user_name: string | null }[],
): ExportTable {
  return {
    fileName: `${body.name} members`,
    title: `Members of ${body.name}`,
    headers: ['Name', 'Role', 'Agency', 'Linked user'],
    rows: members.map((m) => [m.person_name, roleName(m.role), m.agency_name, m.user_name]),
  };
}

export function meetingsExport(
  body: { name: string },
  meetings: readonly { held_on: string; title: string; location: string }[],
): ExportTable {
  return {
    fileName: `${body.name} meetings`,
    title: `Meetings of ${body.name}`,
    headers: ['Date', 'Title', 'Location'],
    rows: meetings.map((m) => [m.held_on, m.title, m.location]),
  };
}
