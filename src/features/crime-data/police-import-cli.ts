import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseOptions } from '../../platform/cli/command-line.ts';
import type { CommandContext } from '../../platform/feature.ts';
import type { ImportSummary } from './police-import.ts';
import { COMMAND_LINE, runPoliceImport } from './police-import-run.ts';
import { policeSources } from './police-sources.ts';

const options = z.object({
  showRejections: z.coerce.number({ error: 'give a whole number' }).int('give a whole number').min(0, 'give 0 or more'),
  allowShrink: z.boolean().optional(),
});

function printImportSummary(summary: ImportSummary, showRejections: number): void {
  console.log(
    `Import ${summary.importId}: ${summary.files.length} file(s), ${summary.rows} rows, ` +
      `${summary.accepted} accepted, ${summary.rejected} rejected, in ${summary.seconds.toFixed(1)}s`,
  );
  for (const f of summary.files) {
    // Why a file was refused is an error, on standard error, one line each (after the summary).
    const counts = f.status === 'refused' ? '' : `: ${f.rows} rows, ${f.accepted} accepted, ${f.rejected} rejected`;
    console.log(`  ${f.status.padEnd(9)} ${f.name}${counts}`);
  }
  const rejections = summary.files.flatMap((f) => f.rejections.map((r) => ({ ...r, file: f.name })));
  for (const r of rejections.slice(0, showRejections)) console.log(`  rejected ${r.file} line ${r.line}: ${r.reason}`);
  if (rejections.length > showRejections)
    console.log(`  ... and ${rejections.length - showRejections} more rejected lines (stored with import ${summary.importId})`);
  for (const f of summary.files) if (f.status === 'refused') console.error(`safer: ${f.message}`);
}

/** `safer import police-uk`: police.uk files from a file, a folder or a bulk archive, with a progress bar. */
export function policeImportCommands(_program: Command, cli: CommandContext): void {
  cli
    .group('import', 'import open data')
    .command('police-uk <path>')
    .description(
      'import police.uk street, outcomes and stop-and-search files: a .csv file, a folder of monthly folders, or a bulk archive .zip',
    )
    .option('--show-rejections <n>', 'print up to n rejected lines with their reasons', '20')
    .option(
      '--allow-shrink',
      'replace a force-month even with a file of fewer than half the rows it has now (otherwise refused, in case the file is incomplete)',
    )
    .action(async (input: string, opts: unknown) => {
      const { showRejections, allowShrink } = parseOptions(options, opts);
      await cli.withDatabase(async (db) => {
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
            allowShrink: Boolean(allowShrink),
            open: async () => set,
            onProgress: (p) => bar.update(p.fileIndex, { file: p.fileIndex + 1, rows: p.rows, rate: Math.round(p.rowsPerSecond) }),
          });
        } finally {
          bar.update(set.sources.length);
          bar.stop();
        }
        printImportSummary(summary, showRejections);
        if (summary.files.some((f) => f.status === 'refused')) process.exitCode = 1;
      });
    });
}
