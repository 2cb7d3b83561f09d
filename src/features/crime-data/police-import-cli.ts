import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseOptions } from '../../platform/cli/command-line.ts';
import type { CommandContext } from '../../platform/feature.ts';
import { finishImport, importPoliceSources, startImport, type ImportSummary } from './police-import.ts';
import { policeSources } from './police-sources.ts';

const options = z.object({
  showRejections: z.coerce.number({ error: 'give a whole number' }).int('give a whole number').min(0, 'give 0 or more'),
});

function printImportSummary(summary: ImportSummary, showRejections: number): void {
  console.log(`Import ${summary.importId}: ${summary.files.length} file(s), ${summary.rows} rows, ${summary.accepted} accepted, ${summary.rejected} rejected, in ${summary.seconds.toFixed(1)}s`);
  for (const f of summary.files) {
    const counts = f.status === 'refused' ? f.message : `${f.rows} rows, ${f.accepted} accepted, ${f.rejected} rejected`;
    console.log(`  ${f.status.padEnd(9)} ${f.name}: ${counts}`);
  }
  const rejections = summary.files.flatMap((f) => f.rejections.map((r) => ({ ...r, file: f.name })));
  for (const r of rejections.slice(0, showRejections)) console.log(`  rejected ${r.file} line ${r.line}: ${r.reason}`);
  if (rejections.length > showRejections) console.log(`  ... and ${rejections.length - showRejections} more rejected lines (stored with import ${summary.importId})`);
}

/** `safer import police-uk`: police.uk files from a file, a folder or a bulk archive, with a progress bar. */
export function policeImportCommands(_program: Command, cli: CommandContext): void {
  cli
    .group('import', 'import open data')
    .command('police-uk <path>')
    .description('import police.uk street, outcomes and stop-and-search files: a .csv file, a folder of monthly folders, or a bulk archive .zip')
    .option('--show-rejections <n>', 'print up to n rejected lines with their reasons', '20')
    .action(async (input: string, opts: unknown) => {
      const { showRejections } = parseOptions(options, opts);
      await cli.withDatabase(async (db) => {
        const set = await policeSources(input);
        const bar = new cliProgress.SingleBar(
          { format: '{bar} {percentage}% | file {file}/{files} | {rows} rows | {rate} rows/s', hideCursor: true, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        );
        bar.start(set.sources.length, 0, { file: 0, files: set.sources.length, rows: 0, rate: 0 });
        const importId = await startImport(db, { startedBy: 'Safer command line', partnershipId: null, source: input });
        let summary: ImportSummary;
        try {
          summary = await importPoliceSources(db, importId, set.sources, (p) =>
            bar.update(p.fileIndex, { file: p.fileIndex + 1, rows: p.rows, rate: Math.round(p.rowsPerSecond) }),
          );
          await finishImport(db, importId, 'completed');
        } catch (error) {
          await finishImport(db, importId, 'failed', (error as Error).message);
          throw error;
        } finally {
          bar.update(set.sources.length);
          bar.stop();
          set.close();
        }
        printImportSummary(summary, showRejections);
        if (summary.files.some((f) => f.status === 'refused')) process.exitCode = 1;
      });
    });
}
