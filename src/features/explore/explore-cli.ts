import type { Command } from 'commander';
import { parseOptions, UsageError } from '../../platform/cli/command-line.ts';
import type { CommandContext } from '../../platform/feature.ts';
import { CRIME_TYPES } from '../crime-data/police-uk-format.ts';
import { formatCountsTable } from './explore-downloads.ts';
import { countsCommandSchema } from './explore-schemas.ts';
import { leftOutWords, WARDS_FROM_LSOAS } from './left-out.ts';

/**
 * `safer query counts`: police.uk counts for a district, ward or LSOA, as CSV or JSON on standard
 * output (a row for every month, type or LSOA asked for, 0 when it has none), and on standard error
 * how many records the counts leave out and why.
 */
export function exploreCommands(_program: Command, cli: CommandContext): void {
  cli
    .group('query', 'query the imported open data')
    .command('counts')
    .description('police.uk crime and anti-social behaviour counts for a district, ward or LSOA, to standard output')
    .requiredOption('--area <code>', 'a local authority district (E07000110), ward (E05...) or LSOA (E01...) code')
    .requiredOption('--from <month>', 'the first month, YYYY-MM')
    .requiredOption('--to <month>', 'the last month, YYYY-MM')
    .option('--by <columns>', 'group by month, type and lsoa, any of them, comma-separated', 'month')
    .option('--types <types>', 'only these crime types, comma-separated, e.g. "Burglary,Drugs" (default: every type)')
    .requiredOption('--format <format>', 'csv or json')
    .action(async (opts: unknown) => {
      const input = parseOptions(countsCommandSchema(CRIME_TYPES), opts);
      await cli.withDatabase(async (db, config) => {
        const table = await cli.services(db, config).explore.queryCounts(input);
        if (!table) throw new UsageError(`--area: no district, ward or LSOA has the code ${input.areaCode} in the imported geography`);
        process.stdout.write(formatCountsTable(table, input.format));
        // What the counts leave out goes beside them, on standard error, so the CSV or JSON stays data.
        process.stderr.write(`Not counted: ${leftOutWords(table.leftOut, input.areaCode)}\n`);
        if (table.ward) process.stderr.write(`${WARDS_FROM_LSOAS}\n`);
      });
    });
}
