import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseOptions, UsageError } from '../../platform/cli/command-line.ts';
import type { CommandContext } from '../../platform/feature.ts';
import { KENT_POLICE_DISTRICTS } from '../demo/demo-constants.ts';
import { bundleFiles, importGeographyBundle } from './geography-bundle.ts';
import { importGeographyFile } from './geography-import.ts';
import { DISTRICT_CODE, districtFromFileName, GEOGRAPHY_KINDS, GeographyFileError } from './geography-kinds.ts';
import { formatBundleResults, formatFileResults, formatWardLookup } from './geography-summary.ts';
import { assignWards } from './geography-wards.ts';

const districtCodes = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== ''),
  )
  .pipe(z.array(z.string().regex(DISTRICT_CODE, 'district codes look like E07000110')).min(1, 'give at least one district code'));
const showRejections = z.coerce.number({ error: 'give a whole number' }).int('give a whole number').min(0, 'give 0 or more');

const fileOptions = z.object({
  kind: z.enum(GEOGRAPHY_KINDS, { error: `<kind>: must be one of ${GEOGRAPHY_KINDS.join(', ')}` }),
  districts: districtCodes.optional(),
  showRejections,
});
const bundleOptions = z.object({ districts: districtCodes.optional(), showRejections });

/** Geography file errors (missing, unreadable, not the expected kind): one line, no stack, exit code 2 as for a wrong argument. */
async function asUsageError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof GeographyFileError) throw new UsageError(error.message);
    throw error;
  }
}

/** `safer import geography` and `safer import geography-bundle`. */
export function geographyCommands(_program: Command, cli: CommandContext): void {
  const importCommand = cli.group('import', 'import open data');
  importCommand
    .command('geography <kind> <file>')
    .description(
      `import one geography file; <kind> is one of ${GEOGRAPHY_KINDS.join(', ')} ` +
        '(lsoas-imd is IMD 2019 file 1, lsoas-crime-domain file 2; after lsoa-boundaries or wards, each LSOA is given its ward)',
    )
    .option(
      '--districts <codes>',
      'only LSOAs and wards of these local authority districts, comma-separated, e.g. E07000110 (default: all of England)',
    )
    .option('--show-rejections <n>', 'print up to n rejected rows with their reasons', '20')
    .action(async (kind: string, file: string, opts: { districts?: string; showRejections: string }) => {
      const input = parseOptions(fileOptions, { ...opts, kind });
      if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`<file>: ${file} is not a file`);
      const { districts } = input;
      let districtCode: string | undefined;
      if (input.kind === 'wards') {
        districtCode = districtFromFileName(file) ?? (districts?.length === 1 ? districts[0] : undefined);
        if (!districtCode) {
          throw new UsageError(
            `<file>: cannot tell which district the wards in ${file} are in; ` +
              'name it after the district (E07000110.json) or give --districts with one code',
          );
        }
      }
      await cli.withDatabase(async (db) => {
        const result = await asUsageError(() => importGeographyFile(db, input.kind, file, { districts, districtCode }));
        console.log(`Imported ${file} (${input.kind}):`);
        for (const line of formatFileResults([result], input.showRejections)) console.log(line);
        if (input.kind === 'wards' || input.kind === 'lsoa-boundaries') {
          const lookup = await assignWards(db, { districts: districtCode ? [districtCode] : districts });
          console.log(formatWardLookup(lookup));
        }
      });
    });

  importCommand
    .command('geography-bundle <folder>')
    .description(
      "load LSOAs, deprivation, population, rural-urban classes, LSOA and ward boundaries, then each LSOA's ward, " +
        'from a folder laid out like open-data/, for the Kent Police area districts (or --districts)',
    )
    .option(
      '--districts <codes>',
      `local authority districts, comma-separated (default: the Kent Police area, ${KENT_POLICE_DISTRICTS.join(',')})`,
    )
    .option('--show-rejections <n>', 'print up to n rejected rows with their reasons', '20')
    .action(async (folder: string, opts: unknown) => {
      const input = parseOptions(bundleOptions, opts);
      if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`<folder>: ${folder} is not a folder`);
      const districts = input.districts ?? KENT_POLICE_DISTRICTS;
      await asUsageError(() => bundleFiles(folder, districts));
      await cli.withDatabase(async (db) => {
        const bundle = await asUsageError(() => importGeographyBundle(db, folder, { districts }));
        console.log(`Geography of ${bundle.districts.length} district(s) from ${folder}, in ${bundle.seconds.toFixed(1)}s:`);
        for (const line of formatBundleResults(bundle.files, input.showRejections)) console.log(line);
        console.log(formatWardLookup(bundle.wards));
      });
    });
}
