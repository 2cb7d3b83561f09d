import { z } from 'zod';
import { formErrors, type FormErrors } from '../../platform/forms.ts';
import { isMonth } from './completeness.ts';

/**
 * The explore form: a GET form, so everything arrives as query parameters, and the downloads take
 * the same query string. Which areas, months and types exist is the caller's: the schema checks
 * the values against them.
 */

/** An area within the partnership, as the `area` parameter names it. */
export type AreaRef =
  | { kind: 'all' }
  | { kind: 'urban' }
  | { kind: 'rural' }
  | { kind: 'district'; code: string }
  | { kind: 'ward'; code: string }
  | { kind: 'lsoa'; code: string };

export interface ExploreQuery {
  area: AreaRef;
  /** 'YYYY-MM', from and to included. */
  from: string;
  to: string;
  types: string[];
}

/** The parameters as typed, for showing the form again and for keeping the choices in links. */
export interface ExploreQueryValues {
  area: string;
  from: string;
  to: string;
  types: string[];
}

type ExploreQueryResult =
  { ok: true; query: ExploreQuery; values: ExploreQueryValues } | { ok: false; errors: FormErrors; values: ExploreQueryValues };

export interface ExploreChoices {
  /** The months with data loaded, oldest first. */
  months: readonly string[];
  /** The crime types that can be chosen, in order. */
  types: readonly string[];
}

/** How many months the page shows when none are chosen. */
const DEFAULT_MONTHS = 12;

/** A district (E06 to E09, W06), ward (E05, W05) or LSOA (E01, W01) code. */
function areaRefFromCode(code: string): AreaRef | null {
  const m = /^([EW])(0[1-9])\d{6}$/.exec(code);
  if (!m) return null;
  const prefix = m[2]!;
  if (prefix === '01') return { kind: 'lsoa', code };
  if (prefix === '05') return { kind: 'ward', code };
  if (['06', '07', '08', '09'].includes(prefix) && (m[1] === 'E' || prefix === '06')) return { kind: 'district', code };
  return null;
}

/** The `area` parameter: all, urban, rural, or a district, ward or LSOA code. */
export function parseAreaParam(value: string): AreaRef | null {
  if (value === 'all' || value === 'urban' || value === 'rural') return { kind: value };
  return areaRefFromCode(value);
}

export function areaParam(area: AreaRef): string {
  return 'code' in area ? area.code : area.kind;
}

/** The parameters as typed: a repeated single-value parameter reads as invalid, not as its first value. */
function exploreQueryValues(query: unknown): ExploreQueryValues {
  const source = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  const single = (key: string): string => {
    const value = source[key];
    if (value === undefined) return '';
    return typeof value === 'string' ? value.trim().slice(0, 100) : '\u0000';
  };
  const rawTypes = source['types'];
  const types = (Array.isArray(rawTypes) ? rawTypes : rawTypes === undefined ? [] : [rawTypes])
    .map((t) => (typeof t === 'string' ? t.trim().slice(0, 100) : '\u0000'))
    .filter((t) => t !== '');
  return { area: single('area'), from: single('from'), to: single('to'), types };
}

/** The default months: the last DEFAULT_MONTHS loaded months, or fewer when fewer are loaded. */
export function defaultRange(months: readonly string[]): { from: string; to: string } | null {
  if (months.length === 0) return null;
  const to = months.at(-1)!;
  return { from: months[Math.max(0, months.length - DEFAULT_MONTHS)]!, to };
}

function exploreQuerySchema(choices: ExploreChoices) {
  const months = new Set(choices.months);
  const types = new Set(choices.types);
  const range = defaultRange(choices.months);
  const areaMessage = 'Select an area from the list';
  const monthField = (message: string, fallback: string | undefined) =>
    z
      .string()
      .refine((v) => v === '' || (isMonth(v) && months.has(v)), message)
      .transform((v) => v || fallback || '');
  return z
    .object({
      area: z.string().transform((v, ctx) => {
        const area = parseAreaParam(v || 'all');
        if (area) return area;
        ctx.addIssue({ code: 'custom', message: areaMessage });
        return z.NEVER;
      }),
      from: monthField('Select a start month from the list', range?.from),
      to: monthField('Select an end month from the list', range?.to),
      types: z
        .array(z.string())
        .max(choices.types.length, 'Select crime types from the list')
        .refine((list) => list.every((t) => types.has(t)), 'Select crime types from the list')
        .transform((list) => (list.length === 0 ? [...choices.types] : choices.types.filter((t) => list.includes(t)))),
    })
    .superRefine((v, ctx) => {
      if (v.from === '' || v.to === '') ctx.addIssue({ code: 'custom', message: 'There is no crime data to show yet', path: ['from'] });
      else if (v.to < v.from)
        ctx.addIssue({ code: 'custom', message: 'End month must be the same as or after the start month', path: ['to'] });
    });
}

/** Validates the explore page's (or a download's) query string. */
export function parseExploreQuery(query: unknown, choices: ExploreChoices): ExploreQueryResult {
  const values = exploreQueryValues(query);
  const result = exploreQuerySchema(choices).safeParse(values);
  if (result.success) return { ok: true, query: result.data, values };
  return { ok: false, values, errors: formErrors(result.error.issues.map((i) => [String(i.path[0] ?? 'area'), i.message])) };
}

const GROUP_COLUMNS = ['month', 'type', 'lsoa'] as const;

/**
 * The options of `safer query counts`; each message names its option. Crime types are matched as
 * police.uk spells them, ignoring case.
 */
export function countsCommandSchema(crimeTypes: readonly string[]) {
  const byKey = new Map(crimeTypes.map((t) => [t.toLowerCase(), t]));
  const list = (value: string) =>
    value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  const month = (option: string) => z.string().trim().refine(isMonth, `${option}: give a month as YYYY-MM, like 2018-10`);
  return z
    .object({
      area: z
        .string()
        .trim()
        .regex(/^[EW]0\d{7}$/, '--area: give a district, ward or LSOA code, like E07000110'),
      from: month('--from'),
      to: month('--to'),
      by: z
        .string()
        .transform(list)
        .refine(
          (columns) =>
            columns.length > 0 &&
            columns.every((c) => (GROUP_COLUMNS as readonly string[]).includes(c)) &&
            new Set(columns).size === columns.length,
          `--by: give one or more of ${GROUP_COLUMNS.join(', ')}, comma-separated`,
        )
        .transform((columns) => columns as (typeof GROUP_COLUMNS)[number][]),
      types: z
        .string()
        .optional()
        .transform((value, ctx) => {
          if (value === undefined) return null;
          const names = list(value);
          const unknown = names.filter((n) => !byKey.has(n.toLowerCase()));
          if (names.length === 0 || unknown.length > 0) {
            ctx.addIssue({
              code: 'custom',
              message:
                `--types: ${unknown.length > 0 ? `"${unknown[0]}" is not a police.uk crime type; ` : ''}` + `use ${crimeTypes.join(', ')}`,
            });
            return z.NEVER;
          }
          return [...new Set(names.map((n) => byKey.get(n.toLowerCase())!))];
        }),
      format: z.enum(['csv', 'json'], { error: '--format: use csv or json' }),
    })
    .refine((v) => v.to >= v.from, { message: '--to: must be the same month as --from or after it', path: ['to'] })
    .transform((v) => ({ areaCode: v.area, from: v.from, to: v.to, by: v.by, types: v.types, format: v.format }));
}
