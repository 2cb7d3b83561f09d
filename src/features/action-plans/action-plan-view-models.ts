import type { ExportTable } from '../../platform/exports.ts';
import { formatDate, formatDateTime } from '../../platform/format.ts';
import { escapeHtml, fieldText, type SelectItem, type TableCell } from '../../platform/view-models.ts';
import type { ActionRow, Choice, UpdateRow } from './action-plan-repository.ts';
import {
  actionStatuses,
  financialYear,
  isActionStatus,
  isOverdue,
  ragOf,
  ragWords,
  statusLabels,
  statusTag,
  type ActionStatus,
} from './action-rules.ts';

export const actionHref = (id: number) => `/actions/${id}`;
export const actionPlanHref = (id: number) => `/action-plans/${id}`;

export function statusTagHtml(status: ActionStatus): string {
  const tag = statusTag(status);
  return `<strong class="govuk-tag ${tag.classes}">${escapeHtml(tag.text)}</strong>`;
}

export const leadOf = (a: Pick<ActionRow, 'lead_user_name' | 'lead_name'>): string => a.lead_user_name ?? a.lead_name;

/** The actions table: title (a link), group, lead, due date (with "Overdue"), status as a RAG tag. */
export function actionTableRows(actions: readonly ActionRow[], today?: string): TableCell[][] {
  return actions.map((a) => [
    { html: `<a class="govuk-link" href="${escapeHtml(actionHref(a.id))}">${escapeHtml(a.title)}</a>` },
    { text: a.body_name },
    { text: [leadOf(a), a.lead_agency_name].filter(Boolean).join(', ') },
    {
      html:
        escapeHtml(formatDate(a.due_on)) +
        (isOverdue(a, today) ? ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>' : ''),
    },
    { html: statusTagHtml(a.status) },
  ]);
}

export function choiceItems(choices: readonly Choice[], selected: unknown, prompt: string): SelectItem[] {
  const chosen = typeof selected === 'number' ? String(selected) : fieldText(selected);
  return [{ value: '', text: prompt, selected: chosen === '' }, ...choices.map((c) => ({ value: String(c.id), text: c.name, selected: chosen === String(c.id) }))];
}

export function statusItems(selected: unknown): SelectItem[] {
  return actionStatuses.map((s) => ({ value: s, text: statusLabels[s], selected: selected === s }));
}

/** Years an action plan may cover, as financial years: 2019 is 2019-20. */
export function yearItems(selected: unknown, thisYear = new Date().getFullYear()): SelectItem[] {
  const chosen = fieldText(typeof selected === 'number' ? String(selected) : selected);
  const years: number[] = [];
  for (let y = thisYear + 1; y >= 2015; y--) years.push(y);
  return [{ value: '', text: 'Select a year', selected: chosen === '' }, ...years.map((y) => ({ value: String(y), text: financialYear(y), selected: chosen === String(y) }))];
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export function datePartsOf(value: string | null): DateParts {
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
    statusChange:
      u.status_from && u.status_to && isActionStatus(u.status_from) && isActionStatus(u.status_to)
        ? `${statusTagHtml(u.status_from)} to ${statusTagHtml(u.status_to)}`
        : null,
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
export function exportRows(actions: readonly ActionRow[], today?: string): (string | number | null)[][] {
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
export const actionPlansExport = (plans: readonly { title: string; body_name: string; plan_year: number; action_count: number; status: string }[]): ExportTable => ({
  fileName: 'action-plans',
  title: 'Action plans',
  headers: ['Action plan', 'Group', 'Year', 'Actions', 'Status'],
  rows: plans.map((p) => [p.title, p.body_name, financialYear(p.plan_year), Number(p.action_count), p.status === 'approved' ? 'Approved' : 'Draft']),
});

/** The short list of actions on a priority's or a meeting's page (priority-actions.njk, meeting-actions.njk). */
export function priorityActionItems(actions: readonly ActionRow[]) {
  return actions.map((a) => ({ href: actionHref(a.id), title: a.title, body: a.body_name, lead: leadOf(a), statusHtml: statusTagHtml(a.status) }));
}
