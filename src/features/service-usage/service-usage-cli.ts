/**
 * `safer import service-usage <file>`: imports a CSV of service-usage events as a dataset of a
 * partnership, with the columns named on the command line, a progress bar and a summary. Any
 * error names the file, the line and the option; the exit code is then 1.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { Command, Option } from 'commander';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { operatorActor } from '../audit/events.ts';
import { findPartnershipBySlug } from '../partnerships/partnership-repository.ts';
import { DATE_FORMATS, LOCATION_KINDS, type DateFormat, type LocationKind } from './service-usage-format.ts';
import { ServiceUsageFileError } from './service-usage-import.ts';
import { checkMapping, dateFormatOf, type FilePreview, type MappingChoice, type MappingField } from './service-usage-mapping.ts';
import { createServiceUsageService } from './service-usage-service.ts';

export interface ServiceUsageCliOptions {
  partnership: string;
  name: string;
  description?: string;
  dateColumn: string;
  timeColumn?: string;
  dateFormat?: DateFormat;
  serviceColumn?: string;
  locationColumn?: string;
  locationKind?: LocationKind;
  showRejections: string;
}

/** Where the command writes: lines of output and errors, the progress bar's stream, and the exit code. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  progress: NodeJS.WritableStream;
  exitCode: (code: number) => void;
}

const processIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  progress: process.stderr,
  exitCode: (code) => {
    process.exitCode = code;
  },
};

/** Opens the database, runs fn and closes it (the CLI's withDatabase). */
export type WithDatabase = (fn: (db: Database, config: Config) => Promise<void>) => Promise<void>;

/** An error of the command: printed as "safer: <message>", exit code 1. */
class CommandError extends Error {}

const optionOf: Record<MappingField, string> = {
  dateColumn: '--date-column',
  timeColumn: '--time-column',
  dateFormat: '--date-format',
  serviceColumn: '--service-column',
  locationColumn: '--location-column',
  locationKind: '--location-kind',
};

const fields = z.object({
  name: z.string().trim().min(1, '--name: give the dataset a name').max(200, '--name: 200 characters or fewer'),
  description: z.string().trim().max(2000, '--description: 2,000 characters or fewer').default(''),
  showRejections: z.coerce
    .number({ error: '--show-rejections: give a whole number' })
    .int('--show-rejections: give a whole number')
    .min(0, '--show-rejections: give 0 or more'),
});

/** The position of a named column in the header, or an error naming the file, line 1 and the option. */
function columnIndex(file: string, preview: FilePreview, option: string, name: string): number {
  const wanted = name.trim().toLowerCase();
  const matches = preview.header.flatMap((cell, i) => (cell.trim().toLowerCase() === wanted ? [i] : []));
  if (matches.length === 1) return matches[0]!;
  const columns = preview.header.map((c) => `"${c}"`).join(', ');
  if (matches.length === 0)
    throw new CommandError(`${file} line 1, ${option}: the header has no column named "${name}"; its columns are ${columns}`);
  throw new CommandError(`${file} line 1, ${option}: the header has ${matches.length} columns named "${name}"`);
}

async function run(db: Database, file: string, opts: ServiceUsageCliOptions, io: CliIo): Promise<void> {
  const input = fields.safeParse(opts);
  if (!input.success) throw new CommandError(input.error.issues.map((i) => i.message).join('; '));
  if (!existsSync(file) || !statSync(file).isFile()) throw new CommandError(`<file>: ${file} is not a file`);
  if ((opts.locationColumn === undefined) !== (opts.locationKind === undefined)) {
    throw new CommandError('--location-column and --location-kind go together: give both, or neither');
  }
  const partnership = await db.system((trx) => findPartnershipBySlug(trx, opts.partnership));
  if (!partnership) throw new CommandError(`--partnership: no partnership has the slug "${opts.partnership}". See: safer partnership list`);
  const actor = operatorActor(partnership.id, 'Safer command line');
  const service = createServiceUsageService({ db });

  let preview: FilePreview;
  try {
    preview = await service.preview(file);
  } catch (error) {
    if (error instanceof ServiceUsageFileError)
      throw new CommandError(`${file}${error.line ? ` line ${error.line}` : ''}: ${error.message}`);
    throw error;
  }
  const named = (option: string, name: string | undefined) => (name === undefined ? null : columnIndex(file, preview, option, name));
  const choice: MappingChoice = {
    dateColumn: named('--date-column', opts.dateColumn),
    timeColumn: named('--time-column', opts.timeColumn),
    dateFormat: opts.dateFormat ?? null,
    serviceColumn: named('--service-column', opts.serviceColumn),
    locationColumn: named('--location-column', opts.locationColumn),
    locationKind: opts.locationKind ?? null,
  };
  if (choice.dateFormat === null && choice.dateColumn !== null) {
    // Without --date-format, the format all the first dates are in (as the web page guesses it).
    choice.dateFormat = dateFormatOf(preview, choice.dateColumn);
    if (choice.dateFormat === null) {
      throw new CommandError(
        `${file} line ${preview.rows[0]!.line}, --date-column: the first dates in "${opts.dateColumn}" ` +
          `are not all in one of the formats ${DATE_FORMATS.join(', ')}; give --date-format`,
      );
    }
  }
  const checked = checkMapping(choice, preview);
  if (!checked.ok) {
    throw new CommandError(checked.errors.map(([field, message]) => `${file}, ${optionOf[field]}: ${message}`).join('\n'));
  }

  const total = statSync(file).size;
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {percentage}% | {rows} rows | {rate} rows/s', hideCursor: true, stream: io.progress },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { rows: 0, rate: 0 });
  let done: Awaited<ReturnType<typeof service.importFile>>;
  try {
    done = await service.importFile(actor, { path: file, fileName: path.basename(file) }, input.data, checked.mapping, (p) =>
      bar.update(p.bytes, { rows: p.rows, rate: Math.round(p.rows / Math.max((Date.now() - started) / 1000, 0.001)) }),
    );
  } finally {
    bar.stop();
  }
  if (!done.ok)
    throw new CommandError(`${file}${done.line ? ` line ${done.line}` : ''}${done.field === 'name' ? ', --name' : ''}: ${done.message}`);
  const r = done.result;
  const count = (n: number) => n.toLocaleString('en-GB');
  io.out(
    `Imported ${file} as dataset ${r.datasetId} "${input.data.name}" of ${partnership.slug}: ` +
      `${count(r.rows)} rows, ${count(r.accepted)} accepted, ${count(r.rejected)} rejected, in ${r.seconds.toFixed(1)}s`,
  );
  const shown = Math.min(input.data.showRejections, r.firstRejections.length);
  for (const rejection of r.firstRejections.slice(0, shown)) io.out(`  rejected ${file} line ${rejection.line}: ${rejection.reason}`);
  if (r.rejected > shown) io.out(`  ... and ${count(r.rejected - shown)} more rejected lines (on the dataset's page)`);
}

/**
 * The `service-usage` subcommand of `safer import`. withDatabase opens the database; io is where
 * it writes (the process by default; tests pass their own).
 */
export function serviceUsageImportCommand(withDatabase: WithDatabase, io: CliIo = processIo): Command {
  return new Command('service-usage')
    .description('import a CSV file of service-usage events (for example one-stop-shop visits) as a dataset of a partnership')
    .argument('<file>', 'the CSV file, with a header line')
    .requiredOption('--partnership <slug>', 'the partnership')
    .requiredOption('--name <name>', 'the dataset\'s name, e.g. "One-stop shop visits"')
    .option('--description <text>', 'where the data comes from')
    .requiredOption('--date-column <name>', 'the column holding the date, or the date and time')
    .option('--time-column <name>', 'a column holding the time of day, when it is separate')
    .addOption(
      new Option('--date-format <format>', 'how dates are written (default: guessed from the first rows)').choices([...DATE_FORMATS]),
    )
    .option('--service-column <name>', 'the column holding the service')
    .option('--location-column <name>', 'the column holding the area the person lives in')
    .addOption(
      new Option('--location-kind <kind>', 'what the location column holds; full postcodes are cut to their district').choices([
        ...LOCATION_KINDS,
      ]),
    )
    .option('--show-rejections <n>', 'print up to n rejected lines with their reasons', '20')
    .action(async (file: string, opts: ServiceUsageCliOptions) => {
      try {
        await withDatabase((db) => run(db, file, opts, io));
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        for (const line of error.message.split('\n')) io.err(`safer: ${line}`);
        io.exitCode(1);
      }
    });
}
