import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CommandError, parseOptions } from '../../platform/cli/command-line.ts';
import type { Database } from '../../platform/db/database.ts';
import type { CommandContext } from '../../platform/feature.ts';
import { commandLineActor } from '../partnerships/partnership-cli.ts';
import { documentFormats } from '../plans/plan-document.ts';
import { createPerformanceService } from './performance-service.ts';
import { reportCommandOptions } from './performance-schemas.ts';
import { quarterKey } from './quarters.ts';

/**
 * `safer report performance`: writes the quarterly performance report of a partnership to a file and
 * says what it wrote. The command line is the actor of the audit row. Bad options are refused
 * before the database is opened.
 */
export async function runReportCommand(db: Database, options: unknown): Promise<string> {
  const input = parseOptions(reportCommandOptions, options);
  const actor = await commandLineActor(db, input.partnership);
  const file = await createPerformanceService({ db }).report(actor, {
    quarter: input.period,
    version: input.version,
    format: input.format,
  });
  try {
    writeFileSync(input.out, file.body);
  } catch (error) {
    throw new CommandError(`--out: cannot write ${input.out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return (
    `Wrote ${input.out} (${input.version} performance report for ${quarterKey(input.period)}, ` +
    `${input.format}, ${file.body.length.toLocaleString('en-GB')} bytes).`
  );
}

export function performanceCommands(_program: Command, cli: CommandContext): void {
  cli
    .group('report', 'generate reports')
    .command('performance')
    .description(
      'the quarterly performance report: every priority with its indicators (SPC charts and tables), action progress and commentary',
    )
    .requiredOption('--partnership <slug>', 'the partnership')
    .requiredOption('--period <quarter>', 'the calendar quarter, e.g. 2019-Q1 (Q1 is January to March)')
    .option('--version <version>', 'full (for the executive group and scrutiny) or public (no restricted indicators, no names)', 'full')
    .requiredOption('--format <format>', `file format: ${documentFormats.join(', ')}`)
    .requiredOption('--out <file>', 'where to write the file')
    .action(async (opts: unknown) => {
      parseOptions(reportCommandOptions, opts);
      await cli.withDatabase(async (db) => console.log(await runReportCommand(db, opts)));
    });
}
