import { z } from 'zod';
import { documentFormats } from '../plans/plan-document.ts';
import { parseQuarter, QUARTER_FORMAT, type Quarter } from './quarters.ts';

/** Who a performance report is for: the executive group and scrutiny (full) or anyone (public). */
const reportVersions = ['full', 'public'] as const;
export type ReportVersion = (typeof reportVersions)[number];

/** A quarter 'YYYY-Qn'; `message` says what to give instead. */
const quarter = (message: string) =>
  z.string({ error: message }).transform((v, ctx): Quarter => {
    const parsed = parseQuarter(v);
    if (parsed) return parsed;
    ctx.addIssue({ code: 'custom', path: [], message });
    return z.NEVER;
  });

const CHOOSE_QUARTER = `Choose ${QUARTER_FORMAT}`;

/** The quarter chosen on a dashboard (?period=2019-Q1): undefined when not given, an error when not a quarter. */
export function periodFromQuery(query: unknown): { ok: true; quarter: Quarter | undefined } | { ok: false; message: string } {
  const period = z
    .object({ period: z.string().optional() })
    .catch({ period: '-' })
    .parse(query ?? {})
    .period?.trim();
  if (period === undefined || period === '') return { ok: true, quarter: undefined };
  const parsed = parseQuarter(period);
  return parsed ? { ok: true, quarter: parsed } : { ok: false, message: CHOOSE_QUARTER };
}

/** A report download: ?period=2019-Q1&version=full. */
export const reportQuery = z.object({
  period: quarter(CHOOSE_QUARTER),
  version: z.enum(reportVersions, { error: 'Choose who the report is for: the full version or the public version' }).default('full'),
});

export const COMMENTARY_MAX = 10_000;

/** The commentary box of a priority dashboard, for one quarter. */
export const commentaryForm = z.object({
  period: quarter(CHOOSE_QUARTER),
  commentary: z
    .string({ error: 'Enter the commentary' })
    .trim()
    .min(1, 'Enter the commentary')
    .max(COMMENTARY_MAX, `Commentary must be ${COMMENTARY_MAX.toLocaleString('en-GB')} characters or fewer`),
});
export type CommentaryForm = z.output<typeof commentaryForm>;

/** `safer report performance` options, with messages naming the option. */
export const reportCommandOptions = z.object({
  partnership: z.string().trim().min(1, '--partnership: give the partnership slug'),
  period: quarter(`--period: give ${QUARTER_FORMAT}`),
  version: z.enum(reportVersions, { error: '--version: give full or public' }).default('full'),
  format: z.enum(documentFormats, { error: `--format: give ${documentFormats.join(', ')}` }),
  out: z.string().trim().min(1, '--out: give the file to write'),
});
