import type { ActionPlanStatus } from '../../platform/db/schema.ts';
import type { ExportTable } from '../../platform/exports.ts';
import { formatDate, formatDateTime } from '../../platform/format.ts';
import { escapeHtml, fieldText, type SelectItem, type TableCell } from '../../platform/view-models.ts';
import type { ActionPlanRow, ActionRow, Choice } from './action-plan-repository.ts';
import { actionPaths, actionPlanPaths } from './action-plan-paths.ts';
import type { UpdateRow } from './action-progress-repository.ts';
import {
  actionStatuses,
  characteristicLabels,
  financialYear,
  impactLabels,
  impacts,
  isOverdue,
  protectedCharacteristics,
  ragOf,
  ragWords,
  statusLabels,
  statusTag,
  type ActionStatus,
} from './action-rules.ts';
import type { AssessmentRow } from './equality-repository.ts';

const link = (href: string, text: string): TableCell => ({
  html: `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`,
});

/** An action's status as its GOV.UK tag, in the colour of its RAG rating. */
export function statusTagHtml(status: ActionStatus): string {
  const tag = statusTag(status);
  return `<strong class="govuk-tag ${tag.classes}">${escapeHtml(tag.text)}</strong>`;
}

export const leadOf = (a: Pick<ActionRow, 'lead_user_name' | 'lead_name'>): string => a.lead_user_name ?? a.lead_name;

/** The actions table: title (a link), group, lead, due date (with "Overdue"), status as a RAG tag. */
export function actionTableRows(actions: readonly ActionRow[], today?: string): TableCell[][] {
  return actions.map((a) => [
    link(actionPaths.show(a.id), a.title),
    { text: a.body_name },
    { text: [leadOf(a), a.lead_agency_name].filter(Boolean).join(', ') },
    {
      html: escapeHtml(formatDate(a.due_on)) + (isOverdue(a, today) ? ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>' : ''),
    },
    { html: statusTagHtml(a.status) },
  ]);
}

export function choiceItems(choices: readonly Choice[], selected: unknown, prompt: string): SelectItem[] {
  const chosen = typeof selected === 'number' ? String(selected) : fieldText(selected);
  return [
    { value: '', text: prompt, selected: chosen === '' },
    ...choices.map((c) => ({ value: String(c.id), text: c.name, selected: chosen === String(c.id) })),
  ];
}

export function statusItems(selected: unknown): SelectItem[] {
  return actionStatuses.map((s) => ({ value: s, text: statusLabels[s], selected: selected === s }));
}

/** Years an action plan may cover, as financial years: 2019 is 2019-20. */
export function yearItems(selected: unknown, thisYear = new Date().getFullYear()): SelectItem[] {
  const chosen = fieldText(typeof selected === 'number' ? String(selected) : selected);
  const years: number[] = [];
  for (let y = thisYear + 1; y >= 2015; y--) years.push(y);
  return [
    { value: '', text: 'Select a year', selected: chosen === '' },
    ...years.map((y) => ({ value: String(y), text: financialYear(y), selected: chosen === String(y) })),
  ];
}

interface DateParts {
  day: string;
  month: string;
  year: string;
}

function datePartsOf(value: string | null): DateParts {
  if (!value) return { day: '', month: '', year: '' };
  const [y, m, d] = value.split('-');
  return { day: String(Number(d)), month: String(Number(m)), year: y ?? '' };
}

/** The date input items (day, month, year) for govukDateInput, with the error class on all three when wrong. */
export function dateItems(name: string, parts: DateParts, hasError: boolean) {
  const cls = (w: string) => `govuk-input--width-${w}${hasError ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', label: 'Day', value: parts.day, classes: cls('2'), id: `${name}-day` },
    { name: 'month', label: 'Month', value: parts.month, classes: cls('2'), id: `${name}-month` },
    { name: 'year', label: 'Year', value: parts.year, classes: cls('4'), id: `${name}-year` },
  ];
}

export function postedDateParts(body: Record<string, unknown>, name: string): DateParts {
  return { day: fieldText(body[`${name}-day`]), month: fieldText(body[`${name}-month`]), year: fieldText(body[`${name}-year`]) };
}

/** The update history: newest first, with a change of status shown as from and to tags. */
export function updateItems(updates: readonly UpdateRow[]) {
  return updates.map((u) => ({
    id: u.id,
    when: formatDateTime(u.posted_at),
    author: u.author_name,
    text: u.text,
    evidenceUrl: u.evidence_url,
    statusChange: u.status_from && u.status_to ? `${statusTagHtml(u.status_from)} to ${statusTagHtml(u.status_to)}` : null,
  }));
}

const EXPORT_HEAD = [
  'Reference',
  'Action',
  'Description',
  'Group',
  'Action plan year',
  'Priority',
  'Theme',
  'Lead',
  'Lead agency',
  'Start date',
  'Due date',
  'Status',
  'RAG',
  'Reason',
  'Overdue',
  'Last update',
];

/** One row per action, the same columns in CSV and XLSX. Dates are YYYY-MM-DD, as spreadsheets sort them. */
function exportRows(actions: readonly ActionRow[], today?: string): (string | number | null)[][] {
  return actions.map((a) => [
    a.id,
    a.title,
    a.description,
    a.body_name,
    financialYear(a.plan_year),
    a.priority_title,
    a.theme_title,
    leadOf(a),
    a.lead_agency_name,
    a.starts_on,
    a.due_on,
    statusLabels[a.status],
    ragWords[ragOf(a.status)],
    a.status_reason,
    isOverdue(a, today) ? 'Yes' : 'No',
    a.last_update_at ? a.last_update_at.toISOString().slice(0, 10) : null,
  ]);
}

/** The actions as a table to download as CSV or XLSX, under a title saying which list it is. */
export const actionsExport = (actions: readonly ActionRow[], title: string, today?: string): ExportTable => ({
  fileName: 'actions',
  title,
  headers: EXPORT_HEAD,
  rows: exportRows(actions, today),
});

/** The action plans as a table to download as CSV or XLSX. */
type PlanListRow = Pick<ActionPlanRow, 'id' | 'title' | 'body_name' | 'plan_year' | 'action_count' | 'status'>;

const planStatusTags: Record<ActionPlanStatus, string> = {
  approved: '<strong class="govuk-tag govuk-tag--green">Approved</strong>',
  draft: '<strong class="govuk-tag govuk-tag--grey">Draft</strong>',
};

/** The action plans table: title (a link), group, year, how many actions, and Approved or Draft. */
export function actionPlanTableRows(plans: readonly PlanListRow[]): TableCell[][] {
  return plans.map((p) => [
    link(actionPlanPaths.show(p.id), p.title),
    { text: p.body_name },
    { text: financialYear(p.plan_year) },
    { text: String(p.action_count), format: 'numeric' },
    { html: planStatusTags[p.status] },
  ]);
}

export const actionPlansExport = (plans: readonly PlanListRow[]): ExportTable => ({
  fileName: 'action-plans',
  title: 'Action plans',
  headers: ['Action plan', 'Group', 'Year', 'Actions', 'Status'],
  rows: plans.map((p) => [
    p.title,
    p.body_name,
    financialYear(p.plan_year),
    Number(p.action_count),
    p.status === 'approved' ? 'Approved' : 'Draft',
  ]),
});

/** The short list of actions on a priority's or a meeting's page (priority-actions.njk, meeting-actions.njk). */
export function priorityActionItems(actions: readonly ActionRow[]) {
  return actions.map((a) => ({
    href: actionPaths.show(a.id),
    title: a.title,
    body: a.body_name,
    lead: leadOf(a),
    statusHtml: statusTagHtml(a.status),
  }));
}

/** A stored action as the change form's fields, with the version it is opened at. */
export function actionFormValuesOf(a: ActionRow): Record<string, unknown> {
  const starts = datePartsOf(a.starts_on);
  const due = datePartsOf(a.due_on);
  return {
    title: a.title,
    description: a.description,
    priorityId: a.priority_id === null ? '' : String(a.priority_id),
    themeId: a.theme_id === null ? '' : String(a.theme_id),
    leadUserId: a.lead_user_id === null ? '' : String(a.lead_user_id),
    leadName: a.lead_name,
    leadAgencyId: a.lead_agency_id === null ? '' : String(a.lead_agency_id),
    status: a.status,
    statusReason: a.status_reason,
    'startsOn-day': starts.day,
    'startsOn-month': starts.month,
    'startsOn-year': starts.year,
    'dueOn-day': due.day,
    'dueOn-month': due.month,
    'dueOn-year': due.year,
    version: String(a.version),
  };
}

/** Where an action plan's equality analysis stands, in words, with who signed it off and when. */
export function assessmentSummary(assessment: Pick<AssessmentRow, 'status' | 'signed_off_by' | 'signed_off_on'> | undefined) {
  if (!assessment) return { status: 'none', text: 'Not started' };
  if (assessment.status === 'signed_off') {
    return { status: 'signed_off', text: 'Signed off', by: assessment.signed_off_by, on: formatDate(assessment.signed_off_on) };
  }
  return { status: 'draft', text: 'Draft, not signed off' };
}

/** The equality analysis, one entry per protected characteristic: the values as posted, or else as stored. */
export function equalityItems(assessment: Pick<AssessmentRow, 'impacts'> | undefined, posted?: Record<string, unknown>) {
  return protectedCharacteristics.map((c) => {
    const stored = assessment?.impacts.find((i) => i.characteristic === c);
    const value = (field: 'impact' | 'evidence' | 'mitigation') => (posted ? fieldText(posted[`${c}-${field}`]) : (stored?.[field] ?? ''));
    return {
      key: c,
      label: characteristicLabels[c],
      impactItems: impacts.map((i) => ({ value: i, text: impactLabels[i], checked: value('impact') === i })),
      evidence: value('evidence'),
      mitigation: value('mitigation'),
      impactText: impactLabels[stored?.impact ?? 'unknown'],
    };
  });
}
