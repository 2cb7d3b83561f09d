import { z } from 'zod';
import { externalPrioritySources, planStatuses } from '../../platform/db/schema.ts';

const text = (name: string, max: number) =>
  z
    .string({ error: `Enter ${name}` })
    .trim()
    .min(1, `Enter ${name}`)
    .max(max, `${name[0]!.toUpperCase()}${name.slice(1)} must be ${max} characters or fewer`);

const optionalText = (name: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${name} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .optional()
    .transform((v) => v ?? '');

const year = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}$/, message)
    .transform(Number)
    .refine((y) => y >= 2000 && y <= 2100, message);

/** An order on a list: a whole number from 1, or blank for the end of the list. */
const position = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(
    z
      .string()
      .regex(/^[1-9][0-9]{0,3}$/, 'Order must be a whole number from 1 to 9999')
      .transform(Number)
      .optional(),
  );

/** A real date from the GOV.UK date input's day, month and year, as YYYY-MM-DD; null if all blank. */
function dateFromParts(day: string, month: string, year: string): string | null | 'invalid' {
  if (!day && !month && !year) return null;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return 'invalid';
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'invalid';
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const part = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? '');

export const planForm = z
  .object({
    title: text('a title', 300),
    startsYear: year('Enter the first year of the plan as 4 digits, like 2019'),
    endsYear: year('Enter the last year of the plan as 4 digits, like 2022'),
    vision: optionalText('Vision', 1000),
    status: z.enum(planStatuses, { error: 'Select whether the plan is a draft or adopted' }),
    'adoptedOn-day': part,
    'adoptedOn-month': part,
    'adoptedOn-year': part,
  })
  .transform((v, ctx) => {
    if (v.endsYear < v.startsYear)
      ctx.addIssue({ code: 'custom', path: ['endsYear'], message: 'The last year must be the same as or after the first year' });
    const adoptedOn = dateFromParts(v['adoptedOn-day'], v['adoptedOn-month'], v['adoptedOn-year']);
    if (adoptedOn === 'invalid')
      ctx.addIssue({ code: 'custom', path: ['adoptedOn-day'], message: 'Date adopted must be a real date, like 14 3 2019' });
    else if (v.status === 'adopted' && !adoptedOn)
      ctx.addIssue({ code: 'custom', path: ['adoptedOn-day'], message: 'Enter the date the plan was adopted' });
    return {
      title: v.title,
      startsYear: v.startsYear,
      endsYear: v.endsYear,
      vision: v.vision,
      status: v.status,
      adoptedOn: v.status === 'adopted' && adoptedOn !== 'invalid' ? adoptedOn : null,
    };
  });

export const refreshForm = z.object({ label: text('a name for this version, like 2020-21 refresh', 100) });

export const priorityForm = z.object({
  title: text('a title', 300),
  whyItMatters: optionalText('Why it matters', 10000),
  objective: optionalText('Objective', 2000),
  focus: optionalText('What we will focus on', 10000),
  firstYear: optionalText('First 12 months', 10000),
});

export const themeForm = z.object({
  title: text('a title', 300),
  description: optionalText('Description', 10000),
});

export const sectionForm = z.object({
  heading: text('a heading', 200),
  body: optionalText('Text', 20000),
});

export const externalForm = z.object({
  source: z.enum(externalPrioritySources, { error: 'Select which plan the priority is from' }),
  title: text('the priority', 300),
  position,
});

const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[1-9][0-9]{0,9}$/, 'Select priorities from the list')
        .transform(Number),
    ),
  );

export const alignmentForm = z.object({ externalIds: idList });

export const surveyForm = z.object({
  survey: text('the name of the survey', 200),
  surveyYear: year('Enter the year of the survey as 4 digits, like 2017'),
  question: text('the question or finding', 500),
  percent: z
    .string({ error: 'Enter the percentage' })
    .trim()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, 'Enter the percentage as a number from 0 to 100, like 93 or 93.5')
    .transform(Number)
    .refine((n) => n <= 100, 'Enter the percentage as a number from 0 to 100, like 93 or 93.5'),
  respondents: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/,/g, '') : ''))
    .pipe(
      z.union([
        z.literal('').transform(() => null),
        z
          .string()
          .regex(/^\d{1,9}$/, 'Enter the number of respondents as a whole number, like 2350')
          .transform(Number),
      ]),
    ),
});

/** The version to show on the versions page (?version=2). */
export const versionQuery = z.object({
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/)
    .transform(Number)
    .optional(),
});
