import type { AuditEvent } from '../../platform/db/schema.ts';
import { formatDateTime } from '../../platform/format.ts';
import { auditPaths } from './audit-paths.ts';
import type { AuditQueryValues, DatePart } from './audit-schemas.ts';

/** What the audit log page passes to the GOV.UK macros, built here so the template stays simple. */

export const AUDIT_PAGE_SIZE = 50;

export interface TableCell {
  text: string;
  classes?: string;
}

export interface SelectItem {
  value: string;
  text: string;
  selected?: boolean;
}

interface DateInputItem {
  name: DatePart;
  value: string;
  classes: string;
  error?: boolean;
}

export type PaginationItem = { number: number; href: string; current: boolean } | { ellipsis: true };

export interface Pagination {
  previous?: { href: string };
  next?: { href: string };
  items: PaginationItem[];
}

export type AuditRow = Pick<
  AuditEvent,
  'occurred_at' | 'actor_name' | 'actor_agency' | 'action' | 'subject_type' | 'subject_id' | 'request_id' | 'details'
>;

const subjectTypeNames: Record<string, string> = {
  user: 'User',
  agency: 'Agency',
  partnership: 'Partnership',
  session: 'Session',
  police_import: 'Police.uk import',
};

/** What the audit log says of each event, by its stored name (every feature's auditEvents). */
type EventTexts = Readonly<Record<string, string>>;

/** The words for an action; an action this version does not know is shown as stored. */
export function actionText(action: string, events: EventTexts): string {
  return Object.hasOwn(events, action) ? events[action]! : action;
}

/**
 * What an event did, in words, with the file and result when it stored them (every import does, as
 * `file` and `result`): "Finished a police.uk import: kent.zip. Completed: 5 of 5 files loaded; …".
 */
export function whatText(action: string, details: Readonly<Record<string, unknown>>, events: EventTexts): string {
  const text = actionText(action, events);
  const file = typeof details['file'] === 'string' ? details['file'] : undefined;
  const result = typeof details['result'] === 'string' ? details['result'] : undefined;
  if (!file && !result) return text;
  const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;
  return [file ? `${text}: ${file}.` : `${text}.`, result ? sentence(result) : ''].filter((p) => p !== '').join(' ');
}

/** The record an event is about, for example "User 12". */
export function recordText(subjectType: string | null, subjectId: string | null): string {
  const type = subjectType
    ? (subjectTypeNames[subjectType] ?? `${subjectType.charAt(0).toUpperCase()}${subjectType.slice(1).replaceAll('_', ' ')}`)
    : '';
  return [type, subjectId ?? ''].filter((s) => s !== '').join(' ');
}

/** One table row per event: when, who, agency, what, record and request id. */
export function auditEventRows(rows: readonly AuditRow[], events: EventTexts): TableCell[][] {
  return rows.map((e) => [
    { text: formatDateTime(e.occurred_at) },
    { text: e.actor_name ?? 'System' },
    { text: e.actor_agency ?? '' },
    { text: whatText(e.action, e.details, events) },
    { text: recordText(e.subject_type, e.subject_id) },
    { text: e.request_id ?? '', classes: 'safer-code govuk-!-font-size-16 govuk-!-text-break-word' },
  ]);
}

/** The user filter: "All users", then the partnership's users, disabled ones marked. */
export function userSelectItems(users: readonly { id: number; name: string; disabled_at?: Date | null }[], selected: string): SelectItem[] {
  return [
    { value: '', text: 'All users', selected: selected === '' },
    ...users.map((u) => ({
      value: String(u.id),
      text: u.disabled_at ? `${u.name} (disabled)` : u.name,
      selected: selected === String(u.id),
    })),
  ];
}

/** The action filter: "All actions", then every action the log records, in words. */
export function actionSelectItems(selected: string, events: EventTexts): SelectItem[] {
  return [
    { value: '', text: 'All actions', selected: selected === '' },
    ...Object.entries(events).map(([value, text]) => ({ value, text, selected: selected === value })),
  ];
}

/**
 * The day, month and year boxes of a date filter with what was typed. `errorParts` marks the boxes
 * that are wrong; when it is empty the component marks all three, as GOV.UK asks.
 */
export function dateInputItems(values: AuditQueryValues, field: 'from' | 'to', errorParts: readonly DatePart[] = []): DateInputItem[] {
  return (['day', 'month', 'year'] as const).map((name) => ({
    name,
    value: values[`${field}-${name}`],
    classes: name === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2',
    ...(errorParts.includes(name) ? { error: true } : {}),
  }));
}

/** Whether any filter is set (the page number is not a filter). */
export function isFiltered(values: AuditQueryValues): boolean {
  return Object.entries(values).some(([key, value]) => key !== 'page' && value !== '');
}

/** A link to one page of the log that keeps the filters. */
export function auditPageHref(values: AuditQueryValues, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (key !== 'page' && value !== '') params.set(key, value);
  }
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${auditPaths.log()}?${query}` : auditPaths.log();
}

const pageCount = (total: number, pageSize = AUDIT_PAGE_SIZE): number => Math.max(1, Math.ceil(total / pageSize));

/**
 * GOV.UK pagination: previous and next, the first and last pages, the current page and those
 * either side of it, with an ellipsis for each gap. Null when everything fits on one page.
 */
export function auditPagination(values: AuditQueryValues, page: number, total: number, pageSize = AUDIT_PAGE_SIZE): Pagination | null {
  const last = pageCount(total, pageSize);
  if (last <= 1 && page <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, last])].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  let previous = 0;
  for (const n of shown) {
    if (n - previous === 2) items.push({ number: n - 1, href: auditPageHref(values, n - 1), current: false });
    else if (n - previous > 2) items.push({ ellipsis: true });
    items.push({ number: n, href: auditPageHref(values, n), current: n === page });
    previous = n;
  }
  return {
    ...(page > 1 ? { previous: { href: auditPageHref(values, Math.min(page - 1, last)) } } : {}),
    ...(page < last ? { next: { href: auditPageHref(values, page + 1) } } : {}),
    items,
  };
}

const count = (n: number): string => n.toLocaleString('en-GB');

/** "Showing 1 to 50 of 230 events", or why there is nothing to show. */
export function resultsSummary(page: number, shown: number, total: number, filtered: boolean, pageSize = AUDIT_PAGE_SIZE): string {
  if (total === 0) return filtered ? 'No events match these filters' : 'There are no events in the audit log yet';
  if (shown === 0) return `There are no events on page ${count(page)}. The last page is ${count(pageCount(total, pageSize))}`;
  const first = (page - 1) * pageSize + 1;
  return `Showing ${count(first)} to ${count(first + shown - 1)} of ${count(total)} ${total === 1 ? 'event' : 'events'}`;
}
