import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseOptions, UsageError } from '../../platform/cli/command-line.ts';
import { AppError } from '../../platform/errors.ts';
import type { CommandContext } from '../../platform/feature.ts';
import { commandLineActor } from '../partnerships/partnership-cli.ts';
import { documentFormats } from './plan-document.ts';

const options = z.object({
  partnership: z.string(),
  plan: z.coerce
    .number({ error: 'give a plan id, a whole number' })
    .int('give a plan id, a whole number')
    .min(1)
    .max(2_147_483_647)
    .optional(),
  format: z.enum(documentFormats, { error: `use ${documentFormats.join(', ')}` }),
  out: z.string().min(1, 'give a file to write'),
});

/** `safer report plan`: the published partnership plan as a Word document, PDF or web page. */
export function planCommands(_program: Command, cli: CommandContext): void {
  cli
    .group('report', 'generate reports')
    .command('plan')
    .description("the published partnership plan as a Word document, PDF or web page (default: the partnership's latest plan)")
    .requiredOption('--partnership <slug>', 'the partnership')
    .option('--plan <id>', 'the plan id (see the plans page)')
    .requiredOption('--format <format>', `file format: ${documentFormats.join(', ')}`)
    .requiredOption('--out <file>', 'where to write the file')
    .action(async (opts: unknown) => {
      const input = parseOptions(options, opts);
      await cli.withDatabase(async (db, config) => {
        const plans = cli.services(db, config).plans;
        const actor = await commandLineActor(db, input.partnership);
        const id = input.plan ?? (await plans.latestPlanId(actor));
        if (id === undefined) throw new UsageError(`--partnership: the partnership "${input.partnership}" has no plan yet`);
        const file = await plans.document(actor, id, input.format).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'NOT_FOUND') throw new UsageError(`--plan: the partnership has no plan ${id}`);
          throw error;
        });
        writeFileSync(input.out, file.body);
        console.log(`Wrote ${input.out} (${input.format}, ${file.body.length.toLocaleString('en-GB')} bytes).`);
      });
    });
}
