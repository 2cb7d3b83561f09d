import type { Command } from 'commander';
import { z } from 'zod';
import { parseOptions, UsageError } from '../../platform/cli/command-line.ts';
import type { Database } from '../../platform/db/database.ts';
import type { CommandContext } from '../../platform/feature.ts';
import { operatorActor, type Actor } from '../audit/events.ts';
import { findPartnershipBySlug, insertPartnership, listPartnerships } from './partnership-repository.ts';

/** The command line acting for a partnership, found by its slug (a usage error if there is none), as the operator: every permission. */
export async function commandLineActor(db: Database, slug: string): Promise<Actor> {
  const partnership = await db.system((trx) => findPartnershipBySlug(trx, slug));
  if (!partnership) throw new UsageError(`--partnership: no partnership has the slug "${slug}". See: safer partnership list`);
  return operatorActor(partnership.id, 'Safer command line');
}

const addOptions = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'use 2 to 63 lower-case letters, digits and hyphens'),
  name: z.string().trim().min(1, 'enter the partnership name').max(200, '200 characters or fewer'),
  district: z
    .string()
    .transform((v) => (v ? v.split(',').map((c) => c.trim()) : []))
    .pipe(z.array(z.string().regex(/^[EW]0[6-9]\d{6}$/, 'codes look like E07000110'))),
});

/** `safer partnership add` and `safer partnership list`. */
export function partnershipCommands(program: Command, cli: CommandContext): void {
  const partnership = program.command('partnership').description('partnerships in this deployment');
  partnership
    .command('add')
    .description('add a partnership')
    .requiredOption('--slug <slug>', 'short name used in commands, e.g. maidstone')
    .requiredOption('--name <name>', 'full name, e.g. "Safer Maidstone Partnership"')
    .option('--district <codes>', 'local authority district codes, comma-separated, e.g. E07000110', '')
    .action(async (opts: unknown) => {
      const input = parseOptions(addOptions, opts);
      await cli.withDatabase(async (db) => {
        const id = await db.system(async (trx) => {
          if (await findPartnershipBySlug(trx, input.slug))
            throw new UsageError(`--slug: a partnership with the slug "${input.slug}" already exists`);
          return insertPartnership(trx, { slug: input.slug, name: input.name, districtCodes: input.district });
        });
        console.log(`Added partnership ${input.name} (${input.slug}, id ${id}). Next: safer user add --partnership ${input.slug} ...`);
      });
    });
  partnership
    .command('list')
    .description('list partnerships')
    .action(async () => {
      await cli.withDatabase(async (db) => {
        for (const p of await db.system((trx) => listPartnerships(trx))) {
          console.log(`${p.slug.padEnd(20)} ${p.name}  ${p.district_codes.join(',')}`);
        }
      });
    });
}
