import type { Command } from 'commander';
import type { CommandContext } from '../../platform/feature.ts';
import { demoSignIns, formatDemoSignIn, loadDemo } from './demo-loader.ts';

/** `safer demo`: loads the demo partnership if it is missing and prints its sign-in details with current codes. */
export function demoCommands(program: Command, cli: CommandContext): void {
  program
    .command('demo')
    .description('load the demo partnership if it is missing, and print demo sign-in details with current codes')
    .option('--all', 'print every demo user, not only the coordinator')
    .action(async (opts: { all?: boolean }) => {
      await cli.withDatabase(async (db, config) => {
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
}
