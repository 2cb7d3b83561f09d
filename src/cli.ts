import { Command } from 'commander';
import pino from 'pino';
import { loadConfig, ConfigError } from './config.ts';
import { commandContext, UsageError } from './platform/cli/command-line.ts';
import { exitOnStrayErrors, exitWithError, oneLineUsageErrors } from './platform/cli/errors.ts';
import { DataDirInUseError, openDatabase } from './platform/db/database.ts';
import { migrate, MigrationError } from './platform/db/migrate.ts';
import { startServer } from './server.ts';
import { createServices } from './services.ts';
import { features } from './features/index.ts';
import { SourceError } from './features/crime-data/police-sources.ts';

/**
 * The `safer` command line: the server's own commands (start, migrate), then every feature's
 * commands (src/features/<name>/feature.ts). Errors a user can act on are printed in one line.
 */
const program = new Command()
  .name('safer')
  .description('Safer: run a Community Safety Partnership. Settings come from the environment (see .env.example).')
  .option('--debug', 'on an error, print its stack trace as well (SAFER_DEBUG=1 does the same)')
  .showHelpAfterError();

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
    const db = await openDatabase(loadConfig().database);
    try {
      const ran = await migrate(db);
      console.log(ran.length ? `Applied ${ran.length} migration(s): ${ran.join(', ')}` : 'The database is up to date.');
    } finally {
      await db.close();
    }
  });

// Commands run by a person at a terminal: warnings and errors of the services go to standard error.
const log = pino({ level: 'warn' }, pino.destination(2));
const context = commandContext(program, (db, config) => createServices({ db, config, log }));
for (const feature of features) feature.commands?.(program, context);

// Every error ends as one line on standard error (see platform/cli/errors.ts): exit code 2 for a
// mistake in the command, its files or settings, 1 for anything else.
exitOnStrayErrors();
oneLineUsageErrors(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  const usage = [UsageError, SourceError, ConfigError, MigrationError, DataDirInUseError];
  exitWithError(error, usage.some((kind) => error instanceof kind) ? 2 : 1);
}
