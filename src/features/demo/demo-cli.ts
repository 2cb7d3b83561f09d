import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.ts';
import { CommandError } from '../../platform/cli/command-line.ts';
import { DataDirInUseError } from '../../platform/db/database.ts';
import type { CommandContext } from '../../platform/feature.ts';
import { demoSignIns, formatDemoSignIns, loadDemo } from './demo-loader.ts';

/**
 * Why `safer demo` will not run here, if it will not: only on a demo deployment (SAFER_DEMO), and
 * only on a database that is already there, so that a mistyped data folder never becomes a second
 * database whose keys sign in to nothing.
 */
function refusal(config: Config): string | undefined {
  if (!config.loadDemo) {
    return 'this is not a demo deployment (SAFER_DEMO is false), so it has no demo users. Set SAFER_DEMO=true only for a demo.';
  }
  const target = config.database;
  if (target.kind === 'embedded' && !existsSync(path.join(target.dataDir, 'PG_VERSION'))) {
    return (
      `there is no Safer database in ${config.dataDir}, and "safer demo" does not make one. ` +
      'Start Safer with "npm start": it loads the demo and prints every demo user\'s sign-in. ' +
      'If Safer runs with another data folder, set SAFER_DATA_DIR to it.'
    );
  }
  return undefined;
}

/** `safer demo`: loads the demo partnership if it is missing and prints every demo user's sign-in with their current codes. */
export function demoCommands(program: Command, cli: CommandContext): void {
  program
    .command('demo')
    .description("load the demo partnership if it is missing, and print every demo user's sign-in with current codes")
    .action(async () => {
      const refused = refusal(loadConfig());
      if (refused) throw new CommandError(refused);
      try {
        await cli.withDatabase(async (db, config) => {
          if (await loadDemo(db, config)) console.log('Loaded the demo partnership.');
          console.log(formatDemoSignIns(await demoSignIns(db, config)));
        });
      } catch (error) {
        if (!(error instanceof DataDirInUseError)) throw error;
        throw new CommandError(
          "Safer is running with this data folder and holds its database. It printed every demo user's authenticator key " +
            "in its console when it started: add a key to an authenticator app for that user's codes.",
        );
      }
    });
}
