import { Command, InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import { exitOnStrayErrors, exitWithError, oneLineUsageErrors } from './cli-errors.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DataDirInUseError, openDatabase, type Database } from './platform/db/database.ts';
import { migrate, MigrationError } from './platform/db/migrate.ts';
import { roles, type Role } from './platform/db/schema.ts';
import { startServer } from './server.ts';
import { createServices } from './services.ts';
import type { Actor } from './features/audit/events.ts';
import { demoSignIns, formatDemoSignIn, loadDemo } from './features/demo/demo-loader.ts';
import { findPartnershipBySlug, insertPartnership, listPartnerships } from './features/partnerships/partnership-repository.ts';
import { COMMAND_LINE, runPoliceImport } from './features/crime-data/police-import-run.ts';
import type { ImportSummary } from './features/crime-data/police-import.ts';
import { policeSources, SourceError } from './features/crime-data/police-sources.ts';
import { CRIME_TYPES } from './features/crime-data/police-uk-format.ts';
import { formatCountsTable } from './features/explore/explore-downloads.ts';
import { countsCommandSchema } from './features/explore/explore-schemas.ts';
import cliProgress from 'cli-progress';
import { remindAll } from './features/reminders/reminder-job.ts';
import { formatReminderRun } from './features/reminders/reminders.ts';
import { existsSync, statSync } from 'node:fs';
import {
  assignWards,
  bundleFiles,
  DISTRICT_CODE,
  districtFromFileName,
  GEOGRAPHY_KINDS,
  GeographyFileError,
  importGeographyBundle,
  importGeographyFile,
  KENT_POLICE_DISTRICTS,
} from './features/geography/geography-import.ts';
import { formatBundleResults, formatFileResults, formatWardLookup } from './features/geography/geography-summary.ts';
import { serviceUsageImportCommand } from './features/service-usage/service-usage-cli.ts';
import { writeFileSync } from 'node:fs';
import { documentFormats, type DocumentFormat } from './features/plans/plan-document.ts';
import { processIo, runSpcCommand, type SpcCommandOptions } from './features/statistics/spc-cli.ts';
import { parseReportCommand, ReportCommandError, runReportCommand } from './features/performance/performance-report-cli.ts';

/** A usage error: printed without a stack, exit code 2. */
class UsageError extends Error {}

async function withDatabase<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    await migrate(db);
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

async function cliActor(db: Database, slug: string): Promise<Actor> {
  const partnership = await db.system((trx) => findPartnershipBySlug(trx, slug));
  if (!partnership) throw new UsageError(`No partnership with the slug "${slug}". See: safer partnership list`);
  return { partnershipId: partnership.id, userId: null, name: 'Safer command line', agencyName: null, requestId: null, ip: null };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const parseRole = (value: string): Role => {
  if (!(roles as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${roles.join(', ')}`);
  return value as Role;
};

const program = new Command()
  .name('safer')
  .description('Safer: run a Community Safety Partnership. Settings come from the environment (see .env.example).')
  .option('--debug', 'on an error, print its stack trace as well (SAFER_DEBUG=1 does the same)');

program
  .command('start')
  .description('migrate the database, load the demo partnership if it is missing (embedded database), and serve')
  .option('--no-demo', 'do not load the demo partnership')
  .action(async (opts: { demo: boolean }) => {
    const config = loadConfig();
    const running = await startServer(config, { demo: opts.demo && config.loadDemo });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        running.app.log.info({ signal }, 'stopping');
        void running.stop().then(() => process.exit(0));
      });
    }
  });

program
  .command('migrate')
  .description('apply database migrations that have not been applied yet')
  .action(async () => {
    const config = loadConfig();
    const db = await openDatabase(config.database);
    try {
      const ran = await migrate(db);
      console.log(ran.length ? `Applied ${ran.length} migration(s): ${ran.join(', ')}` : 'The database is up to date.');
    } finally {
      await db.close();
    }
  });

program
  .command('demo')
  .description('load the demo partnership if it is missing, and print demo sign-in details with current codes')
  .option('--all', 'print every demo user, not only the coordinator')
  .action(async (opts: { all?: boolean }) => {
    await withDatabase(async (db, config) => {
      const loaded = await loadDemo(db, config);
      if (loaded) console.log('Loaded the demo partnership.');
      const signIns = await demoSignIns(db, config, config.publicUrl);
      const coordinator = signIns.find((s) => s.role === 'coordinator');
      if (coordinator) console.log(formatDemoSignIn(coordinator));
      if (opts.all) {
        for (const s of signIns) console.log(`${s.role.padEnd(12)} ${s.email.padEnd(42)} key ${s.totpSecret}  code ${s.currentCode}`);
      }
    });
  });

program
  .command('reminders')
  .description('email each lead whose open actions are due soon or have had no update for a while (SMTP_URL); without SMTP_URL, list them')
  .option('--partnership <slug>', 'only this partnership (default: every partnership)')
  .option('--dry-run', 'list the reminders without sending them')
  .option('--due-within-days <n>', 'actions due within this many days', '14')
  .option('--stale-after-days <n>', 'actions with no progress update for this many days', '30')
  .action(async (opts: { partnership?: string; dryRun?: boolean; dueWithinDays: string; staleAfterDays: string }) => {
    const days = (flag: string) => z.coerce.number({ error: `${flag}: give a whole number` }).int(`${flag}: give a whole number`).min(0, `${flag}: give 0 or more`).max(3650, `${flag}: 3650 or fewer`);
    const input = z.object({ due: days('--due-within-days'), stale: days('--stale-after-days') }).safeParse({ due: opts.dueWithinDays, stale: opts.staleAfterDays });
    if (!input.success) throw new UsageError(input.error.issues.map((i) => i.message).join('; '));
    await withDatabase(async (db, config) => {
      if (opts.partnership) await cliActor(db, opts.partnership);
      const runs = await remindAll(db, config, { slug: opts.partnership, dryRun: Boolean(opts.dryRun), dueWithinDays: input.data.due, staleAfterDays: input.data.stale });
      for (const run of runs) for (const line of formatReminderRun(run)) console.log(line);
    });
  });

const partnership = program.command('partnership').description('partnerships in this deployment');
partnership
  .command('add')
  .description('add a partnership')
  .requiredOption('--slug <slug>', 'short name used in commands, e.g. maidstone')
  .requiredOption('--name <name>', 'full name, e.g. "Safer Maidstone Partnership"')
  .option('--district <codes>', 'local authority district codes, comma-separated, e.g. E07000110', '')
  .action(async (opts: { slug: string; name: string; district: string }) => {
    const input = z
      .object({
        slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, '--slug: use 2 to 63 lower-case letters, digits and hyphens'),
        name: z.string().trim().min(1, '--name: enter the partnership name').max(200, '--name: 200 characters or fewer'),
        districtCodes: z.array(z.string().regex(/^[EW]0[6-9]\d{6}$/, '--district: codes look like E07000110')),
      })
      .safeParse({ slug: opts.slug, name: opts.name, districtCodes: opts.district ? opts.district.split(',').map((c) => c.trim()) : [] });
    if (!input.success) throw new UsageError(input.error.issues.map((i) => i.message).join('; '));
    await withDatabase(async (db) => {
      const id = await db.system(async (trx) => {
        if (await findPartnershipBySlug(trx, input.data.slug)) throw new UsageError(`A partnership with the slug "${input.data.slug}" already exists`);
        return insertPartnership(trx, input.data);
      });
      console.log(`Added partnership ${input.data.name} (${input.data.slug}, id ${id}). Next: safer user add --partnership ${input.data.slug} ...`);
    });
  });
partnership
  .command('list')
  .description('list partnerships')
  .action(async () => {
    await withDatabase(async (db) => {
      for (const p of await db.system((trx) => listPartnerships(trx))) {
        console.log(`${p.slug.padEnd(20)} ${p.name}  ${p.district_codes.join(',')}`);
      }
    });
  });

const user = program.command('user').description("a partnership's users");
user
  .command('add')
  .description('add a user; prints an invitation link unless --password-stdin is given')
  .requiredOption('--partnership <slug>', 'the partnership')
  .requiredOption('--email <email>', 'email address they sign in with')
  .requiredOption('--name <name>', 'full name')
  .requiredOption('--agency <name>', 'their agency, by name (see the agencies page); created as "other" with --create-agency')
  .addOption(new Option('--role <role>', 'their role').choices([...roles]).argParser(parseRole).makeOptionMandatory())
  .option('--create-agency', 'add the agency if the partnership does not have it yet')
  .option('--password-stdin', 'read a password from standard input instead of making an invitation link')
  .action(
    async (opts: { partnership: string; email: string; name: string; agency: string; role: Role; createAgency?: boolean; passwordStdin?: boolean }) => {
      const fields = z
        .object({
          email: z.email('--email: enter an email address in the correct format, like name@example.org').max(320),
          name: z.string().trim().min(1, '--name: enter their full name').max(200, '--name: 200 characters or fewer'),
          agency: z.string().trim().min(1, '--agency: enter their agency').max(200),
        })
        .safeParse(opts);
      if (!fields.success) throw new UsageError(fields.error.issues.map((i) => i.message).join('; '));
      const password = opts.passwordStdin ? await readStdin() : undefined;
      await withDatabase(async (db, config) => {
        const services = createServices({ db, config });
        const actor = await cliActor(db, opts.partnership);
        let agency = await services.agencies.findByName(actor, fields.data.agency);
        if (!agency && opts.createAgency) {
          const created = await services.agencies.create(actor, { name: fields.data.agency, agencyType: 'other', responsibleAuthority: false });
          if (created.ok) agency = await services.agencies.get(actor, created.agencyId);
        }
        if (!agency) throw new UsageError(`--agency: the partnership has no agency called "${fields.data.agency}" (add --create-agency to add it)`);
        const result = await services.users.create(
          actor,
          { name: fields.data.name, email: fields.data.email, agencyId: agency.id, role: opts.role },
          password,
        );
        if (!result.ok) throw new UsageError(`--${result.field === 'agencyId' ? 'agency' : result.field}: ${result.message}`);
        console.log(`Added ${fields.data.name} <${fields.data.email}> as ${opts.role} (user ${result.userId}).`);
        if (result.invitationLink) console.log(`Send them this invitation link (it works once, for 7 days):\n  ${result.invitationLink}`);
        else console.log('They can sign in now, and will set up an authenticator app at their first sign-in.');
      });
    },
  );
user
  .command('list')
  .description("list a partnership's users")
  .requiredOption('--partnership <slug>', 'the partnership')
  .action(async (opts: { partnership: string }) => {
    await withDatabase(async (db, config) => {
      const services = createServices({ db, config });
      const actor = await cliActor(db, opts.partnership);
      for (const u of await services.users.list(actor)) {
        const status = u.disabled_at ? 'disabled' : u.has_password ? 'active' : 'invited';
        const manager = u.data_manager ? ', data manager' : '';
        console.log(`${String(u.id).padStart(5)}  ${u.role.padEnd(12)} ${status.padEnd(9)} ${u.email.padEnd(40)} ${u.name} (${u.agency_name}${manager})`);
      }
    });
  });
for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
  user
    .command(name)
    .description(disabled ? 'disable a user and end their sessions' : 'enable a disabled user')
    .requiredOption('--partnership <slug>', 'the partnership')
    .requiredOption('--email <email>', 'their email address')
    .action(async (opts: { partnership: string; email: string }) => {
      await withDatabase(async (db, config) => {
        const services = createServices({ db, config });
        const actor = await cliActor(db, opts.partnership);
        const match = (await services.users.list(actor)).find((u) => u.email.toLowerCase() === opts.email.toLowerCase());
        if (!match) throw new UsageError(`--email: the partnership has no user with the email address ${opts.email}`);
        const result = await services.users.setDisabled(actor, match.id, disabled);
        if (!result.ok) throw new UsageError(result.message);
        console.log(`${disabled ? 'Disabled' : 'Enabled'} ${match.name} <${match.email}>.`);
      });
    });
}

user
  .command('data-manager')
  .description('make a user a data manager, who may change the police.uk data every partnership sees (--grant), or stop them being one (--revoke)')
  .requiredOption('--partnership <slug>', 'the partnership')
  .requiredOption('--email <email>', 'their email address')
  .option('--grant', 'make them a data manager')
  .option('--revoke', 'stop them being a data manager')
  .action(async (opts: { partnership: string; email: string; grant?: boolean; revoke?: boolean }) => {
    if (Boolean(opts.grant) === Boolean(opts.revoke)) throw new UsageError('give one of --grant and --revoke');
    await withDatabase(async (db, config) => {
      const services = createServices({ db, config });
      const actor = await cliActor(db, opts.partnership);
      const match = (await services.users.list(actor)).find((u) => u.email.toLowerCase() === opts.email.toLowerCase());
      if (!match) throw new UsageError(`--email: the partnership has no user with the email address ${opts.email}`);
      const result = await services.users.setDataManager(actor, match.id, Boolean(opts.grant));
      if (!result.ok) throw new UsageError(result.message);
      console.log(opts.grant ? `${match.name} <${match.email}> is now a data manager.` : `${match.name} <${match.email}> is no longer a data manager.`);
    });
  });

const importCommand = program.command('import').description('import open data');
importCommand
  .command('police-uk <path>')
  .description('import police.uk street, outcomes and stop-and-search files: a .csv file, a folder of monthly folders, or a bulk archive .zip')
  .option('--show-rejections <n>', 'print up to n rejected lines with their reasons', '20')
  .option('--allow-shrink', 'replace a force-month even with a file of fewer than half the rows it has now (otherwise refused, in case the file is incomplete)')
  .action(async (input: string, opts: { showRejections: string; allowShrink?: boolean }) => {
    await withDatabase(async (db) => {
      const set = await policeSources(input);
      const bar = new cliProgress.SingleBar(
        { format: '{bar} {percentage}% | file {file}/{files} | {rows} rows | {rate} rows/s', hideCursor: true, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      );
      bar.start(set.sources.length, 0, { file: 0, files: set.sources.length, rows: 0, rate: 0 });
      let summary: ImportSummary;
      try {
        summary = await runPoliceImport(db, {
          starter: COMMAND_LINE,
          source: input,
          allowShrink: Boolean(opts.allowShrink),
          open: async () => set,
          onProgress: (p) => bar.update(p.fileIndex, { file: p.fileIndex + 1, rows: p.rows, rate: Math.round(p.rowsPerSecond) }),
        });
      } finally {
        bar.update(set.sources.length);
        bar.stop();
      }
      printImportSummary(summary, Number(opts.showRejections));
      if (summary.files.some((f) => f.status === 'refused')) process.exitCode = 1;
    });
  });

const districtCodes = z
  .string()
  .transform((v) => v.split(',').map((c) => c.trim()).filter((c) => c !== ''))
  .pipe(z.array(z.string().regex(DISTRICT_CODE, '--districts: district codes look like E07000110')).min(1, '--districts: give at least one district code'));
const showRejections = z.coerce.number({ error: '--show-rejections: give a whole number' }).int('--show-rejections: give a whole number').min(0, '--show-rejections: give 0 or more');

/** Geography file errors (missing, unreadable, not the expected kind) as usage errors: a message, no stack. */
async function geographyErrorsAsUsage<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof GeographyFileError) throw new UsageError(error.message);
    throw error;
  }
}

importCommand
  .command('geography <kind> <file>')
  .description(
    `import one geography file; <kind> is one of ${GEOGRAPHY_KINDS.join(', ')} (lsoas-imd is IMD 2019 file 1, lsoas-crime-domain file 2; ` +
      'after lsoa-boundaries or wards, each LSOA is given its ward)',
  )
  .option('--districts <codes>', 'only LSOAs and wards of these local authority districts, comma-separated, e.g. E07000110 (default: all of England)')
  .option('--show-rejections <n>', 'print up to n rejected rows with their reasons', '20')
  .action(async (kind: string, file: string, opts: { districts?: string; showRejections: string }) => {
    const input = z
      .object({
        kind: z.enum(GEOGRAPHY_KINDS, { error: `<kind>: must be one of ${GEOGRAPHY_KINDS.join(', ')}` }),
        districts: districtCodes.optional(),
        showRejections,
      })
      .safeParse({ kind, districts: opts.districts, showRejections: opts.showRejections });
    if (!input.success) throw new UsageError(input.error.issues.map((i) => i.message).join('; '));
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`<file>: ${file} is not a file`);
    const { districts } = input.data;
    let districtCode: string | undefined;
    if (input.data.kind === 'wards') {
      districtCode = districtFromFileName(file) ?? (districts?.length === 1 ? districts[0] : undefined);
      if (!districtCode) {
        throw new UsageError(`<file>: cannot tell which district the wards in ${file} are in; name it after the district (E07000110.json) or give --districts with one code`);
      }
    }
    await withDatabase(async (db) => {
      const result = await geographyErrorsAsUsage(() => importGeographyFile(db, input.data.kind, file, { districts, districtCode }));
      console.log(`Imported ${file} (${input.data.kind}):`);
      for (const line of formatFileResults([result], input.data.showRejections)) console.log(line);
      if (input.data.kind === 'wards' || input.data.kind === 'lsoa-boundaries') {
        const lookup = await assignWards(db, { districts: districtCode ? [districtCode] : districts });
        console.log(formatWardLookup(lookup));
      }
    });
  });

importCommand
  .command('geography-bundle <folder>')
  .description(
    'load LSOAs, deprivation, population, rural-urban classes, LSOA and ward boundaries, then each LSOA\'s ward, ' +
      'from a folder laid out like open-data/, for the Kent Police area districts (or --districts)',
  )
  .option('--districts <codes>', `local authority districts, comma-separated (default: the Kent Police area, ${KENT_POLICE_DISTRICTS.join(',')})`)
  .option('--show-rejections <n>', 'print up to n rejected rows with their reasons', '20')
  .action(async (folder: string, opts: { districts?: string; showRejections: string }) => {
    const input = z.object({ districts: districtCodes.optional(), showRejections }).safeParse(opts);
    if (!input.success) throw new UsageError(input.error.issues.map((i) => i.message).join('; '));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`<folder>: ${folder} is not a folder`);
    await geographyErrorsAsUsage(() => bundleFiles(folder, input.data.districts ?? KENT_POLICE_DISTRICTS));
    await withDatabase(async (db) => {
      const bundle = await geographyErrorsAsUsage(() => importGeographyBundle(db, folder, { districts: input.data.districts }));
      console.log(`Geography of ${bundle.districts.length} district(s) from ${folder}, in ${bundle.seconds.toFixed(1)}s:`);
      for (const line of formatBundleResults(bundle.files, input.data.showRejections)) console.log(line);
      console.log(formatWardLookup(bundle.wards));
    });
  });

importCommand.addCommand(serviceUsageImportCommand(withDatabase));

function printImportSummary(summary: ImportSummary, showRejections: number): void {
  console.log(`Import ${summary.importId}: ${summary.files.length} file(s), ${summary.rows} rows, ${summary.accepted} accepted, ${summary.rejected} rejected, in ${summary.seconds.toFixed(1)}s`);
  for (const f of summary.files) {
    // Why a file was refused is an error, on standard error, one line each (after the summary).
    const counts = f.status === 'refused' ? '' : `: ${f.rows} rows, ${f.accepted} accepted, ${f.rejected} rejected`;
    console.log(`  ${f.status.padEnd(9)} ${f.name}${counts}`);
  }
  const rejections = summary.files.flatMap((f) => f.rejections.map((r) => ({ ...r, file: f.name })));
  for (const r of rejections.slice(0, showRejections)) console.log(`  rejected ${r.file} line ${r.line}: ${r.reason}`);
  if (rejections.length > showRejections) console.log(`  ... and ${rejections.length - showRejections} more rejected lines (stored with import ${summary.importId})`);
  for (const f of summary.files) if (f.status === 'refused') console.error(`safer: ${f.message}`);
}

const queryCommand = program.command('query').description('query the imported open data');
queryCommand
  .command('counts')
  .description('police.uk crime and anti-social behaviour counts for a district, ward or LSOA, to standard output')
  .requiredOption('--area <code>', 'a local authority district (E07000110), ward (E05...) or LSOA (E01...) code')
  .requiredOption('--from <month>', 'the first month, YYYY-MM')
  .requiredOption('--to <month>', 'the last month, YYYY-MM')
  .option('--by <columns>', 'group by month, type and lsoa, any of them, comma-separated', 'month')
  .option('--types <types>', 'only these crime types, comma-separated, e.g. "Burglary,Drugs" (default: every type)')
  .requiredOption('--format <format>', 'csv or json')
  .action(async (opts: { area: string; from: string; to: string; by: string; types?: string; format: string }) => {
    const input = countsCommandSchema(CRIME_TYPES).safeParse(opts);
    if (!input.success) throw new UsageError(input.error.issues.map((i) => i.message).join('; '));
    await withDatabase(async (db, config) => {
      const table = await createServices({ db, config }).explore.queryCounts(input.data);
      if (!table) throw new UsageError(`--area: no district, ward or LSOA has the code ${input.data.areaCode} in the imported geography`);
      process.stdout.write(formatCountsTable(table, input.data.format));
    });
  });

program
  .command('spc')
  .description('statistical process control (XmR, Making Data Count) of a series: mean, process limits and special causes as JSON; no database')
  .requiredOption('--input <file>', 'a CSV of period,value rows in time order (a header row period,value is optional), or - for standard input')
  .option('--direction <direction>', 'which way is better: lower, higher, more-reporting or neither', 'neither')
  .option('--target <number>', 'a target, judged against the limits (needs --direction)')
  .option('--rebase <periods>', 'periods from which the limits are recalculated, comma-separated, e.g. 2019-01')
  .requiredOption('--format <format>', 'json')
  .action(async (opts: SpcCommandOptions) => {
    process.exitCode = await runSpcCommand(opts, processIo);
  });

const reportCommand = program.command('report').description('generate reports');
reportCommand
  .command('plan')
  .description("the published partnership plan as a Word document, PDF or web page (default: the partnership's latest plan)")
  .requiredOption('--partnership <slug>', 'the partnership')
  .option('--plan <id>', 'the plan id (see the plans page)')
  .addOption(new Option('--format <format>', 'file format').choices([...documentFormats]).makeOptionMandatory())
  .requiredOption('--out <file>', 'where to write the file')
  .action(async (opts: { partnership: string; plan?: string; format: DocumentFormat; out: string }) => {
    const planId = opts.plan === undefined ? undefined : Number(opts.plan);
    if (planId !== undefined && !(Number.isInteger(planId) && planId > 0 && planId <= 2_147_483_647)) throw new UsageError('--plan: give a plan id, a whole number');
    await withDatabase(async (db, config) => {
      const plans = createServices({ db, config }).plans;
      const actor = await cliActor(db, opts.partnership);
      const id = planId ?? (await plans.latestPlanId(actor));
      if (id === undefined) throw new UsageError(`The partnership "${opts.partnership}" has no plan yet`);
      const file = await plans.document(actor, id, opts.format).catch((error: unknown) => {
        if (error instanceof Error && 'code' in error && error.code === 'NOT_FOUND') throw new UsageError(`--plan: the partnership has no plan ${id}`);
        throw error;
      });
      writeFileSync(opts.out, file.body);
      console.log(`Wrote ${opts.out} (${opts.format}, ${file.body.length.toLocaleString('en-GB')} bytes).`);
    });
  });
reportCommand
  .command('performance')
  .description('the quarterly performance report: every priority with its indicators (SPC charts and tables), action progress and commentary')
  .requiredOption('--partnership <slug>', 'the partnership')
  .requiredOption('--period <quarter>', 'the calendar quarter, e.g. 2019-Q1 (Q1 is January to March)')
  .option('--version <version>', 'full (for the executive group and scrutiny) or public (no restricted indicators, no names)', 'full')
  .requiredOption('--format <format>', `file format: ${documentFormats.join(', ')}`)
  .requiredOption('--out <file>', 'where to write the file')
  .action(async (opts: Record<string, unknown>) => {
    parseReportCommand(opts); // Bad options are refused before the database is opened.
    await withDatabase(async (db) => console.log(await runReportCommand(db, opts)));
  });

// Every error ends as one line on standard error (see cli-errors.ts): exit code 2 for a mistake in
// the command, its files or settings, 1 for anything else.
exitOnStrayErrors();
oneLineUsageErrors(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  const usage = [UsageError, ReportCommandError, SourceError, ConfigError, MigrationError, DataDirInUseError];
  exitWithError(error, usage.some((kind) => error instanceof kind) ? 2 : 1);
}
