import type { Command } from 'commander';
import { z } from 'zod';
import { parseOptions } from '../../platform/cli/command-line.ts';
import type { CommandContext } from '../../platform/feature.ts';
import { commandLineActor } from '../partnerships/partnership-cli.ts';
import { remindAll } from './reminder-job.ts';
import { formatReminderRun } from './reminders.ts';

const days = z.coerce
  .number({ error: 'give a whole number' })
  .int('give a whole number')
  .min(0, 'give 0 or more')
  .max(3650, '3650 or fewer');
const options = z.object({ partnership: z.string().optional(), dryRun: z.boolean().optional(), dueWithinDays: days, staleAfterDays: days });

/** `safer reminders`: emails leads whose actions are due or have had no update (SMTP_URL), or lists them. */
export function reminderCommands(program: Command, cli: CommandContext): void {
  program
    .command('reminders')
    .description(
      'email each lead whose open actions are due soon or have had no update for a while (SMTP_URL); without SMTP_URL, list them',
    )
    .option('--partnership <slug>', 'only this partnership (default: every partnership)')
    .option('--dry-run', 'list the reminders without sending them')
    .option('--due-within-days <n>', 'actions due within this many days', '14')
    .option('--stale-after-days <n>', 'actions with no progress update for this many days', '30')
    .action(async (opts: unknown) => {
      const input = parseOptions(options, opts);
      await cli.withDatabase(async (db, config) => {
        if (input.partnership) await commandLineActor(db, input.partnership);
        const runs = await remindAll(db, config, {
          slug: input.partnership,
          dryRun: Boolean(input.dryRun),
          dueWithinDays: input.dueWithinDays,
          staleAfterDays: input.staleAfterDays,
        });
        for (const run of runs) for (const line of formatReminderRun(run)) console.log(line);
      });
    });
}
