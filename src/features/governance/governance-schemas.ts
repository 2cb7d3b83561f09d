import { z } from 'zod';
import { formErrors, type FormErrors, postedFields } from '../../platform/forms.ts';
import { recordId } from '../../platform/http/params.ts';
import { bodyKinds, memberRoles } from './body-kinds.ts';

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? null : v))
  .pipe(z.union([z.null(), recordId]));

const text = (max: number, tooLong: string) => z.string().optional().default('').transform((v) => v.trim()).pipe(z.string().max(max, tooLong));

/** The add and change body form. */
export const bodyForm = z.object({
  name: z.string({ error: 'Enter the name of the body' }).trim().min(1, 'Enter the name of the body').max(200, 'Name must be 200 characters or fewer'),
  shortName: text(30, 'Short name must be 30 characters or fewer').transform((v) => (v === '' ? null : v)),
  kind: z.enum(bodyKinds, { error: 'Select what kind of body it is' }),
  purpose: text(2000, 'Purpose must be 2,000 characters or fewer'),
  termsOfReference: text(20000, 'Terms of reference must be 20,000 characters or fewer'),
  reportsToBodyId: optionalId,
});
export type BodyForm = z.output<typeof bodyForm>;

export const memberForm = z.object({
  personName: z.string({ error: 'Enter the person’s name' }).trim().min(1, 'Enter the person’s name').max(200, 'Name must be 200 characters or fewer'),
  agencyId: optionalId,
  userId: optionalId,
  role: z.enum(memberRoles, { error: 'Select their role on the body' }),
});
export type MemberForm = z.output<typeof memberForm>;

/** Checkbox values: nothing, one value (a string) or several (an array). */
export function idList(value: unknown): number[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const ids = values.map((v) => recordId.safeParse(v)).filter((r) => r.success).map((r) => r.data);
  return [...new Set(ids)];
}

export const agendaItemForm = z.object({
  title: z.string({ error: 'Enter the agenda item' }).trim().min(1, 'Enter the agenda item').max(300, 'Agenda item must be 300 characters or fewer'),
});

export const decisionForm = z.object({
  decision: z.string({ error: 'Enter the decision' }).trim().min(1, 'Enter the decision').max(2000, 'Decision must be 2,000 characters or fewer'),
});

export const moveForm = z.object({ direction: z.enum(['up', 'down']) });

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The parts of a GOV.UK date input named `${name}-day` and so on, as posted. */
export function dateParts(body: unknown, name: string): DateParts {
  const values = postedFields(body);
  const part = (p: string) => {
    const v = values[`${name}-${p}`];
    return typeof v === 'string' ? v.trim() : '';
  };
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** A real date between 2000 and 2100 as 'YYYY-MM-DD', or the GOV.UK message and which part is wrong. */
export function parseDateParts(parts: DateParts, label: string): { ok: true; date: string } | { ok: false; message: string; part: 'day' | 'month' | 'year' } {
  const missing = (['day', 'month', 'year'] as const).filter((p) => parts[p] === '');
  if (missing.length === 3) return { ok: false, message: `Enter ${label}`, part: 'day' };
  if (missing.length) return { ok: false, message: `${label[0]!.toUpperCase()}${label.slice(1)} must include a ${missing[0]}`, part: missing[0]! };
  const real = `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date`;
  if (!/^\d{1,2}$/.test(parts.day)) return { ok: false, message: real, part: 'day' };
  if (!/^\d{1,2}$/.test(parts.month)) return { ok: false, message: real, part: 'month' };
  if (!/^\d{4}$/.test(parts.year)) return { ok: false, message: `${label[0]!.toUpperCase()}${label.slice(1)} must include a year with 4 numbers`, part: 'year' };
  const [d, m, y] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) return { ok: false, message: real, part: m < 1 || m > 12 ? 'month' : 'day' };
  if (y < 2000 || y > 2100) return { ok: false, message: `${label[0]!.toUpperCase()}${label.slice(1)} must be between 2000 and 2100`, part: 'year' };
  return { ok: true, date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

export const meetingFields = z.object({
  title: text(300, 'Title must be 300 characters or fewer'),
  location: text(300, 'Location must be 300 characters or fewer'),
  minutes: text(100000, 'Minutes must be 100,000 characters or fewer'),
});

export type MeetingInput = { heldOn: string; title: string; location: string; minutes: string };

/** The meeting form: a date (GOV.UK date input `heldOn`), title, location and minutes. */
export function validateMeeting(body: unknown): { ok: true; data: MeetingInput } | { ok: false; errors: FormErrors } {
  const values = postedFields(body);
  const messages: [string, string][] = [];
  const date = parseDateParts(dateParts(body, 'heldOn'), 'the date of the meeting');
  if (!date.ok) messages.push([`heldOn-${date.part}`, date.message]);
  const fields = meetingFields.safeParse(values);
  if (!fields.success) for (const issue of fields.error.issues) messages.push([String(issue.path[0] ?? 'title'), issue.message]);
  if (messages.length || !date.ok || !fields.success) return { ok: false, errors: formErrors(messages) };
  return { ok: true, data: { heldOn: date.date, ...fields.data } };
}

/** The attendance form: a checkbox per agency (`attended`) and the names of who came (`attendees-<agencyId>`). */
export function parseAttendance(body: unknown, agencyIds: readonly number[]): { agencyId: number; attended: boolean; attendees: string }[] {
  const values = postedFields(body);
  const attended = new Set(idList(values['attended']));
  return agencyIds
    .map((agencyId) => {
      const raw = values[`attendees-${agencyId}`];
      const attendees = (typeof raw === 'string' ? raw.trim() : '').slice(0, 1000);
      return { agencyId, attended: attended.has(agencyId), attendees };
    })
    .filter((e) => e.attended || e.attendees !== '');
}

const thisYear = () => new Date().getUTCFullYear();

export const attendanceQuery = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number)
    .refine((y) => y >= 2000 && y <= 2100)
    .optional()
    .catch(undefined),
  scope: z.enum(['member', 'all']).optional().catch(undefined),
});

export function attendanceOptionsFrom(query: unknown, fallbackYear = thisYear()): { year: number; scope: 'member' | 'all' } {
  const parsed = attendanceQuery.safeParse(query ?? {});
  const data = parsed.success ? parsed.data : {};
  return { year: data.year ?? fallbackYear, scope: data.scope ?? 'member' };
}
