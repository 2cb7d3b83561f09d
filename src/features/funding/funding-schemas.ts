import { z } from 'zod';
import { fundingApplicationStatuses, type FundingApplicationStatus } from '../../platform/db/schema.ts';
import { formWithDate, optionalId, optionalText } from '../governance/governance-schemas.ts';
import { moneyProblemMessage, parsePounds } from './money.ts';

export const applicationStatusNames: Record<FundingApplicationStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
};

const moneyText = (label: string, optional: boolean) =>
  z
    .string()
    .optional()
    .transform((value, ctx): number | null => {
      const text = (value ?? '').trim();
      if (text === '' && optional) return null;
      const parsed = parsePounds(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: moneyProblemMessage(parsed.problem, label) });
        return z.NEVER;
      }
      return parsed.pence;
    });

/** An amount in pounds as typed, to whole pence. */
const money = (label: string) => moneyText(label, false).transform((v) => v ?? 0);
/** An amount that may be left blank (null). */
const optionalMoney = (label: string) => moneyText(label, true);

export const fundForm = z.object({
  name: z
    .string({ error: 'Enter the name of the fund' })
    .trim()
    .min(1, 'Enter the name of the fund')
    .max(200, 'Name must be 200 characters or fewer'),
  provider: optionalText(200, 'Provider must be 200 characters or fewer'),
  financialYear: z
    .string()
    .optional()
    .transform((v, ctx): number | null => {
      const text = (v ?? '').trim();
      if (text === '') return null;
      if (!/^20\d{2}$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: 'Financial year must be a year like 2019, for 2019 to 2020' });
        return z.NEVER;
      }
      return Number(text);
    }),
  amountAvailable: optionalMoney('Amount available'),
});
export type FundForm = z.output<typeof fundForm>;

export const applicationForm = z
  .object({
    bodyId: z
      .string({ error: 'Select the body applying' })
      .regex(/^[1-9][0-9]{0,9}$/, 'Select the body applying')
      .transform(Number),
    priorityId: optionalId,
    purpose: z
      .string({ error: 'Enter what the money is for' })
      .trim()
      .min(1, 'Enter what the money is for')
      .max(2000, 'Purpose must be 2,000 characters or fewer'),
    amountRequested: money('Amount requested'),
    status: z.enum(fundingApplicationStatuses, { error: 'Select the status of the application' }),
    decidedMeetingId: optionalId,
    amountAwarded: optionalMoney('Amount awarded'),
    outcomeNotes: optionalText(5000, 'Outcome notes must be 5,000 characters or fewer'),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'approved' && v.amountAwarded === null) {
      ctx.addIssue({ code: 'custom', path: ['amountAwarded'], message: 'Enter the amount awarded for an approved application' });
    }
    if (v.status !== 'approved' && v.amountAwarded !== null && v.amountAwarded > 0) {
      ctx.addIssue({ code: 'custom', path: ['amountAwarded'], message: 'Only an approved application can have an amount awarded' });
    }
  });
export type ApplicationForm = z.output<typeof applicationForm>;

/** A spend line: the date spent (GOV.UK date input `spentOn`), the amount and a note. */
export const spendForm = formWithDate(
  'spentOn',
  'the date of the spending',
  z.object({ amount: money('Amount spent'), note: optionalText(500, 'Note must be 500 characters or fewer') }),
);
export type SpendInput = z.output<typeof spendForm>;
