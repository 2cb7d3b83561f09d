import { postedFields } from '../../platform/forms.ts';
import { z } from 'zod';
import { recordId } from '../../platform/http/params.ts';
import {
  actionStatuses,
  impacts,
  protectedCharacteristics,
  statusLabels,
  type Impact,
  type ProtectedCharacteristic,
} from './action-rules.ts';

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? null : v))
  .pipe(z.union([z.null(), recordId]));

const text = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .default('')
    .transform((v) => v.trim())
    .pipe(z.string().max(max, tooLong));

/** A GOV.UK date input's three fields (name-day, name-month, name-year) as YYYY-MM-DD, or null when all are blank. */
export function parseDateParts(day: string, month: string, year: string): { ok: true; value: string | null } | { ok: false } {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (d === '' && m === '' && y === '') return { ok: true, value: null };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { ok: false };
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return { ok: false };
  if (Number(y) < 2000 || Number(y) > 2100) return { ok: false };
  return { ok: true, value: `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` };
}

/** Reads a date input named `name` out of a posted body, adding an issue at `name-day` if it is not a real date. */
function dateInput(name: string, label: string) {
  return (body: Record<string, unknown>, ctx: z.RefinementCtx): string | null => {
    const part = (p: string) => (typeof body[`${name}-${p}`] === 'string' ? (body[`${name}-${p}`] as string) : '');
    const parsed = parseDateParts(part('day'), part('month'), part('year'));
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', path: [`${name}-day`], message: `${label} must be a real date, like 27 3 2020` });
    return null;
  };
}

const dateParts = (name: string) => ({
  [`${name}-day`]: z.string().optional(),
  [`${name}-month`]: z.string().optional(),
  [`${name}-year`]: z.string().optional(),
});

const version = z
  .string({ error: 'Reload the page and try again' })
  .regex(/^[1-9][0-9]{0,8}$/, 'Reload the page and try again')
  .transform(Number);

export const actionPlanForm = z.object({
  bodyId: z
    .string({ error: 'Select a group' })
    .pipe(recordId.catch(0))
    .refine((v) => v > 0, 'Select a group'),
  planYear: z
    .string({ error: 'Select a year' })
    .regex(/^20[0-9]{2}$/, 'Select a year')
    .transform(Number),
  title: z.string({ error: 'Enter a title' }).trim().min(1, 'Enter a title').max(300, 'Title must be 300 characters or fewer'),
});
export type ActionPlanForm = z.output<typeof actionPlanForm>;

const startsOn = dateInput('startsOn', 'Start date');
const dueOn = dateInput('dueOn', 'Due date');

const actionFields = z.object({
  title: z.string({ error: 'Enter a title' }).trim().min(1, 'Enter a title').max(300, 'Title must be 300 characters or fewer'),
  description: text(5000, 'Description must be 5000 characters or fewer'),
  priorityId: optionalId,
  themeId: optionalId,
  leadUserId: optionalId,
  leadName: text(200, 'Lead name must be 200 characters or fewer'),
  leadAgencyId: optionalId,
  ...dateParts('startsOn'),
  ...dateParts('dueOn'),
  status: z.enum(actionStatuses, { error: 'Select a status' }),
  statusReason: text(2000, 'Reason must be 2000 characters or fewer'),
  version: version.optional(),
});

/**
 * The action form (add and change): the action's columns, and the version a change was opened at.
 * Dates come from GOV.UK date inputs; a lead who uses Safer replaces any name typed for one who does not.
 */
export const actionForm = actionFields.transform((v, ctx) => {
  const body = v as Record<string, unknown>;
  const starts = startsOn(body, ctx);
  const due = dueOn(body, ctx);
  if (starts && due && due < starts) {
    ctx.addIssue({ code: 'custom', path: ['dueOn-day'], message: 'Due date must be the same as or after the start date' });
  }
  if ((v.status === 'at_risk' || v.status === 'off_track') && v.statusReason === '') {
    ctx.addIssue({ code: 'custom', path: ['statusReason'], message: `Say why the action is ${statusLabels[v.status].toLowerCase()}` });
  }
  return {
    values: {
      title: v.title,
      description: v.description,
      priority_id: v.priorityId,
      theme_id: v.themeId,
      lead_user_id: v.leadUserId,
      lead_name: v.leadUserId === null ? v.leadName : '',
      lead_agency_id: v.leadAgencyId,
      starts_on: starts,
      due_on: due,
      status: v.status,
      status_reason: v.statusReason,
    },
    /** The version the change form was opened at. */
    version: v.version,
  };
});
export type ActionForm = z.output<typeof actionForm>;

const httpsUrl = z
  .string()
  .optional()
  .default('')
  .transform((v) => v.trim())
  .refine((v) => {
    if (v === '') return true;
    try {
      const url = new URL(v);
      return url.protocol === 'https:' && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'Enter an evidence link that starts with https://')
  .refine((v) => v.length <= 2000, 'Evidence link must be 2000 characters or fewer')
  .transform((v) => (v === '' ? null : v));

/** A progress update, which may change the status. */
export const progressForm = z
  .object({
    text: z
      .string({ error: 'Enter the progress made' })
      .trim()
      .min(1, 'Enter the progress made')
      .max(5000, 'Progress must be 5000 characters or fewer'),
    evidenceUrl: httpsUrl,
    status: z.enum(actionStatuses, { error: 'Select a status' }),
    statusReason: text(2000, 'Reason must be 2000 characters or fewer'),
    version,
  })
  .superRefine((v, ctx) => {
    if ((v.status === 'at_risk' || v.status === 'off_track') && v.statusReason === '') {
      ctx.addIssue({ code: 'custom', path: ['statusReason'], message: `Say why the action is ${statusLabels[v.status].toLowerCase()}` });
    }
  });
export type ProgressForm = z.output<typeof progressForm>;

const milestoneDue = dateInput('milestoneDue', 'Milestone date');
export const milestoneForm = z
  .object({
    milestoneTitle: z
      .string({ error: 'Enter the milestone' })
      .trim()
      .min(1, 'Enter the milestone')
      .max(300, 'Milestone must be 300 characters or fewer'),
    ...dateParts('milestoneDue'),
  })
  .transform((v, ctx) => ({ title: v.milestoneTitle, dueOn: milestoneDue(v as Record<string, unknown>, ctx) }));

/** The equality analysis: for each protected characteristic, an impact, its evidence and, when negative, a mitigation. */
export function parseEqualityForm(body: unknown):
  | {
      ok: true;
      data: {
        summary: string;
        impacts: { characteristic: ProtectedCharacteristic; impact: Impact; evidence: string; mitigation: string }[];
      };
    }
  | { ok: false; messages: [string, string][] } {
  const values = postedFields(body);
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string).trim() : '');
  const messages: [string, string][] = [];
  const summary = str('summary');
  if (summary.length > 5000) messages.push(['summary', 'Summary must be 5000 characters or fewer']);
  const rows = protectedCharacteristics.map((characteristic) => {
    const raw = str(`${characteristic}-impact`);
    const impact = impacts.find((i) => i === raw) ?? null;
    if (!impact) messages.push([`${characteristic}-impact`, `Select the impact on ${characteristic.replace(/_/g, ' ')}`]);
    const evidence = str(`${characteristic}-evidence`);
    const mitigation = str(`${characteristic}-mitigation`);
    if (evidence.length > 5000) messages.push([`${characteristic}-evidence`, 'Evidence must be 5000 characters or fewer']);
    if (mitigation.length > 5000) messages.push([`${characteristic}-mitigation`, 'Mitigation must be 5000 characters or fewer']);
    if (impact === 'negative' && mitigation === '') {
      messages.push([
        `${characteristic}-mitigation`,
        `Say how the negative impact on ${characteristic.replace(/_/g, ' ')} will be reduced`,
      ]);
    }
    return { characteristic, impact: impact ?? 'unknown', evidence, mitigation };
  });
  if (messages.length) return { ok: false, messages };
  return { ok: true, data: { summary, impacts: rows } };
}

/** The filters of an action list, from its query string. Unknown values are ignored. */
const actionListQuery = z.object({
  priority: recordId.optional().catch(undefined),
  body: recordId.optional().catch(undefined),
  plan: recordId.optional().catch(undefined),
  show: z.enum(['all', 'mine', 'overdue', 'at-risk']).optional().catch(undefined),
});
export type ActionListQuery = z.output<typeof actionListQuery>;

export function actionListQueryFrom(query: unknown): ActionListQuery {
  const result = actionListQuery.safeParse(query ?? {});
  return result.success ? result.data : {};
}
