import { z } from 'zod';
import { postedFields } from '../../platform/forms.ts';
import { recordId } from '../../platform/http/params.ts';
import { bodyKinds, memberRoles } from '../../platform/db/schema.ts';

/** A select whose first option means none: '' is null, anything else a record id. */
export const optionalId = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? null : v))
  .pipe(z.union([z.null(), recordId]));

/** Optional text, trimmed, at most `max` characters. */
export const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .default('')
    .transform((v) => v.trim())
    .pipe(z.string().max(max, tooLong));

/** The add and change body form. */
export const bodyForm = z.object({
  name: z
    .string({ error: 'Enter the name of the body' })
    .trim()
    .min(1, 'Enter the name of the body')
    .max(200, 'Name must be 200 characters or fewer'),
  shortName: optionalText(30, 'Short name must be 30 characters or fewer').transform((v) => (v === '' ? null : v)),
  kind: z.enum(bodyKinds, { error: 'Select what kind of body it is' }),
  purpose: optionalText(2000, 'Purpose must be 2,000 characters or fewer'),
  termsOfReference: optionalText(20000, 'Terms of reference must be 20,000 characters or fewer'),
  reportsToBodyId: optionalId,
});
export type BodyForm = z.output<typeof bodyForm>;

export const memberForm = z.object({
  personName: z
    .string({ error: 'Enter the person’s name' })
    .trim()
    .min(1, 'Enter the person’s name')
    .max(200, 'Name must be 200 characters or fewer'),
  agencyId: optionalId,
  userId: optionalId,
  role: z.enum(memberRoles, { error: 'Select their role on the body' }),
});
export type MemberForm = z.output<typeof memberForm>;

/** Checkbox values: nothing, one value (a string) or several (an array). */
function idList(value: unknown): number[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const ids = values
    .map((v) => recordId.safeParse(v))
    .filter((r) => r.success)
    .map((r) => r.data);
  return [...new Set(ids)];
}

export const agendaItemForm = z.object({
  title: z
    .string({ error: 'Enter the agenda item' })
    .trim()
    .min(1, 'Enter the agenda item')
    .max(300, 'Agenda item must be 300 characters or fewer'),
});

export const decisionForm = z.object({
  decision: z
    .string({ error: 'Enter the decision' })
    .trim()
    .min(1, 'Enter the decision')
    .max(2000, 'Decision must be 2,000 characters or fewer'),
});

export const moveForm = z.object({ direction: z.enum(['up', 'down']) });

interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The parts of a GOV.UK date input named `${name}-day` and so on, as posted. */
function dateParts(body: unknown, name: string): DateParts {
  const values = postedFields(body);
  const part = (p: string) => {
    const v = values[`${name}-${p}`];
    return typeof v === 'string' ? v.trim() : '';
  };
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** A real date between 2000 and 2100 as 'YYYY-MM-DD', or the GOV.UK message and which part is wrong. */
function parseDateParts(
  parts: DateParts,
  label: string,
): { ok: true; date: string } | { ok: false; message: string; part: 'day' | 'month' | 'year' } {
  const missing = (['day', 'month', 'year'] as const).filter((p) => parts[p] === '');
  if (missing.length === 3) return { ok: false, message: `Enter ${label}`, part: 'day' };
  if (missing.length)
    return { ok: false, message: `${label[0]!.toUpperCase()}${label.slice(1)} must include a ${missing[0]}`, part: missing[0]! };
  const real = `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date`;
  if (!/^\d{1,2}$/.test(parts.day)) return { ok: false, message: real, part: 'day' };
  if (!/^\d{1,2}$/.test(parts.month)) return { ok: false, message: real, part: 'month' };
  if (!/^\d{4}$/.test(parts.year))
    return { ok: false, message: `${label[0]!.toUpperCase()}${label.slice(1)} must include a year with 4 numbers`, part: 'year' };
  const [d, m, y] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1)
    return { ok: false, message: real, part: m < 1 || m > 12 ? 'month' : 'day' };
  if (y < 2000 || y > 2100)
    return { ok: false, message: `${label[0]!.toUpperCase()}${label.slice(1)} must be between 2000 and 2100`, part: 'year' };
  return { ok: true, date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/**
 * A form with a GOV.UK date input named `name` (posted as `${name}-day`, `-month` and `-year`) and
 * other fields: the date as 'YYYY-MM-DD' under `name`, with the fields. Every problem is reported
 * at once, the date's first and on the part that is wrong.
 */
export function formWithDate<K extends string, S extends z.ZodObject>(name: K, label: string, fields: S) {
  return z.record(z.string(), z.unknown()).transform((values, ctx) => {
    const date = parseDateParts(dateParts(values, name), label);
    if (!date.ok) ctx.addIssue({ code: 'custom', path: [`${name}-${date.part}`], message: date.message });
    const rest = fields.safeParse(values);
    if (!rest.success) for (const issue of rest.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    if (!date.ok || !rest.success) return z.NEVER;
    return { ...(rest.data as z.output<S>), ...({ [name]: date.date } as Record<K, string>) };
  });
}

/** The add and change meeting form: a date (GOV.UK date input `heldOn`), title, location and minutes. */
export const meetingForm = formWithDate(
  'heldOn',
  'the date of the meeting',
  z.object({
    title: optionalText(300, 'Title must be 300 characters or fewer'),
    location: optionalText(300, 'Location must be 300 characters or fewer'),
    minutes: optionalText(100000, 'Minutes must be 100,000 characters or fewer'),
  }),
);
export type MeetingInput = z.output<typeof meetingForm>;

/** Checkboxes: nothing, one value (a string) or several (an array), as record ids (others are dropped). */
const checkedIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform(idList);

/** The priorities and themes a body delivers. */
export const deliversForm = z.object({ priorities: checkedIds, themes: checkedIds });

/** Who came for an agency, as typed (at most 1,000 characters kept). */
const attendeeNames = z
  .string()
  .optional()
  .transform((v) => (v ?? '').trim().slice(0, 1000));
const attendeesField = /^attendees-([1-9][0-9]{0,9})$/;

/**
 * The attendance form: a checkbox per agency (`attended`) and the names of who came
 * (`attendees-<agencyId>`), as one entry for each agency that attended or has names given.
 */
export const attendanceForm = z
  .object({ attended: checkedIds })
  .catchall(attendeeNames)
  .transform(({ attended, ...fields }) => {
    const named = Object.keys(fields).flatMap((field) => {
      const agencyId = attendeesField.exec(field)?.[1];
      return agencyId === undefined ? [] : [Number(agencyId)];
    });
    return [...new Set([...attended, ...named])]
      .map((agencyId) => ({ agencyId, attended: attended.includes(agencyId), attendees: fields[`attendees-${agencyId}`] ?? '' }))
      .filter((e) => e.attended || e.attendees !== '');
  });

const thisYear = () => new Date().getUTCFullYear();

const attendanceQuery = z.object({
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
