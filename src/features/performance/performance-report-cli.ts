import { writeFileSync } from 'node:fs';
import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../audit/events.ts';
import { findPartnershipBySlug } from '../partnerships/partnership-repository.ts';
import { createPerformanceService } from './performance-service.ts';
import { reportCommandOptions } from './performance-schemas.ts';
import { quarterKey } from './quarters.ts';

/** A mistake in the command's options or data, said in one line without a stack (exit code 2). */
export class ReportCommandError extends Error {}

/** Checks the options of `safer report performance` before any database is opened. */
export function parseReportCommand(options: Record<string, unknown>) {
  const parsed = reportCommandOptions.safeParse(options);
  if (!parsed.success) throw new ReportCommandError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

/**
 * `safer report performance`: writes the quarterly performance report of a partnership to a file and
 * says what it wrote. The command line is the actor of the audit row.
 */
export async function runReportCommand(db: Database, options: Record<string, unknown>): Promise<string> {
  const input = parseReportCommand(options);
  const partnership = await db.system((trx) => findPartnershipBySlug(trx, input.partnership));
  if (!partnership) throw new ReportCommandError(`--partnership: no partnership has the slug "${input.partnership}". See: safer partnership list`);
  const actor: Actor = { partnershipId: partnership.id, userId: null, name: 'Safer command line', agencyName: null, requestId: null, ip: null };
  const file = await createPerformanceService({ db }).report(actor, { quarter: input.period, version: input.version, format: input.format });
  try {
    writeFileSync(input.out, file.body);
  } catch (error) {
    throw new ReportCommandError(`--out: cannot write ${input.out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return `Wrote ${input.out} (${input.version} performance report for ${quarterKey(input.period)}, ${input.format}, ${file.body.length.toLocaleString('en-GB')} bytes).`;
}
