import { z } from 'zod';
import type { FormErrors } from '../../platform/forms.ts';
import type { AuditAction } from './events.ts';
import { MONTH_NAMES } from '../../platform/format.ts';

/** The audit log's filter form: a GET form, so everything arrives as query parameters. */

export const dateParts = ['day', 'month', 'year'] as const;
export type DatePart = (typeof dateParts)[number];
type DateField = 'from' | 'to';

/** Every query parameter the page reads, in the order of the form. */
const auditQueryKeys = ['user', 'action', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year', 'page'] as const;
type AuditQueryKey = (typeof auditQueryKeys)[number];

/** The parameters as typed, for showing the form again and for keeping the filters in links. */
export type AuditQueryValues = Record<AuditQueryKey, string>;

/** What the log is filtered by, once the parameters are valid. Dates are ISO 'YYYY-MM-DD'. */
interface AuditQuery {
  userId?: number;
  action?: AuditAction;
  from?: string;
  to?: string;
  page: number;
}

type AuditQueryResult =
  | { ok: true; query: AuditQuery; values: AuditQueryValues }
  | {
      ok: false;
      errors: FormErrors;
      /** Which boxes of each date input to mark; an empty list marks all three. */
      dateErrors: Partial<Record<DateField, DatePart[]>>;
      values: AuditQueryValues;
    };

const MAX_PAGE = 100_000;
const MONTH_NAMES_LOWER = MONTH_NAMES.map((name) => name.toLowerCase());

const optionalText = (message: string, max = 100) => z.string({ error: message }).trim().max(max, message).optional();

/** A month as a number 1 to 12, written as digits or as a name ('March' or 'Mar'). */
function monthNumber(value: string): number | null {
  if (/^\d{1,2}$/.test(value)) {
    const n = Number(value);
    return n >= 1 && n <= 12 ? n : null;
  }
  const lower = value.toLowerCase();
  const index = MONTH_NAMES_LOWER.findIndex((name) => name === lower || (lower.length >= 3 && name.startsWith(lower)));
  return index === -1 ? null : index + 1;
}

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const joinWithAnd = (items: readonly string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** One GOV.UK date input (day, month, year): all blank means no date; otherwise it must be a real date. */
function dateInput(label: string) {
  const part = optionalText(`${label} must be a real date`, 20);
  return z.object({ day: part, month: part, year: part }).transform((v, ctx): string | undefined => {
    const given = { day: v.day ?? '', month: v.month ?? '', year: v.year ?? '' };
    const fail = (message: string, parts: readonly DatePart[]) => {
      for (const p of parts) ctx.addIssue({ code: 'custom', message, path: [p] });
      return z.NEVER;
    };
    const missing = dateParts.filter((p) => given[p] === '');
    if (missing.length === dateParts.length) return undefined;
    if (missing.length > 0) return fail(`${label} must include a ${joinWithAnd(missing)}`, missing);

    const day = /^\d{1,2}$/.test(given.day) ? Number(given.day) : NaN;
    const month = monthNumber(given.month);
    const wrong: DatePart[] = [];
    if (!(day >= 1 && day <= 31)) wrong.push('day');
    if (month === null) wrong.push('month');
    if (!/^\d+$/.test(given.year)) wrong.push('year');
    if (wrong.length > 0) return fail(`${label} must be a real date`, wrong);
    if (!/^\d{4}$/.test(given.year) || Number(given.year) < 1000) {
      return fail(`The year in the ${label.toLowerCase()} must include 4 numbers`, ['year']);
    }
    const year = Number(given.year);
    if (day > daysInMonth(year, month!)) return fail(`${label} must be a real date`, ['day']);
    return `${given.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });
}

/**
 * The filter parameters. `userIds` are the partnership's users: a user from anywhere else is
 * refused as if it were not in the list, because it is not.
 */
function auditQuerySchema(userIds: ReadonlySet<number>, events: Readonly<Record<string, string>>) {
  const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(events, value);
  const userMessage = 'Select a user from the list';
  const actionMessage = 'Select an action from the list';
  const pageMessage = `Page number must be a whole number from 1 to ${MAX_PAGE.toLocaleString('en-GB')}`;
  return z
    .object({
      user: optionalText(userMessage)
        .refine((v) => !v || (/^\d{1,10}$/.test(v) && userIds.has(Number(v))), userMessage)
        .transform((v) => (v ? Number(v) : undefined)),
      action: optionalText(actionMessage)
        .refine((v) => !v || isAuditAction(v), actionMessage)
        .transform((v) => (v && isAuditAction(v) ? v : undefined)),
      from: dateInput('From date'),
      to: dateInput('To date'),
      page: optionalText(pageMessage)
        .refine((v) => !v || (/^\d{1,6}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_PAGE), pageMessage)
        .transform((v) => (v ? Number(v) : 1)),
    })
    .superRefine((v, ctx) => {
      if (v.from && v.to && v.from > v.to) {
        ctx.addIssue({ code: 'custom', message: 'From date must be the same as or before the to date', path: ['from'] });
      }
    })
    .transform((v): AuditQuery => ({ userId: v.user, action: v.action, from: v.from, to: v.to, page: v.page }));
}

/** The parameters as typed: anything other than a single string (a repeated parameter) reads as blank. */
export function auditQueryValues(query: unknown): AuditQueryValues {
  const source = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  const values = {} as AuditQueryValues;
  for (const key of auditQueryKeys) {
    const value = source[key];
    values[key] = typeof value === 'string' ? value.trim() : '';
  }
  return values;
}

/** Validates the query string of the audit log page and says what to show if it is wrong. */
export function parseAuditQuery(query: unknown, userIds: ReadonlySet<number>, events: Readonly<Record<string, string>>): AuditQueryResult {
  const source = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  const values = auditQueryValues(query);
  const result = auditQuerySchema(userIds, events).safeParse({
    user: source['user'],
    action: source['action'],
    from: { day: source['from-day'], month: source['from-month'], year: source['from-year'] },
    to: { day: source['to-day'], month: source['to-month'], year: source['to-year'] },
    page: source['page'],
  });
  if (result.success) return { ok: true, query: result.data, values };

  const errors: FormErrors = { summary: [], fields: {} };
  const dateErrors: Partial<Record<DateField, DatePart[]>> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    const part = issue.path[1];
    const isDate = field === 'from' || field === 'to';
    if (isDate) {
      const parts = (dateErrors[field] ??= []);
      if (typeof part === 'string' && (dateParts as readonly string[]).includes(part) && !parts.includes(part as DatePart)) {
        parts.push(part as DatePart);
      }
    }
    if (errors.fields[field]) continue;
    errors.fields[field] = { text: issue.message };
    // The page number has no box of its own, so its message is not a link.
    const href = field === 'page' ? '' : isDate ? `#${field}-${typeof part === 'string' ? part : 'day'}` : `#${field}`;
    errors.summary.push({ text: issue.message, href });
  }
  return { ok: false, errors, dateErrors, values };
}
