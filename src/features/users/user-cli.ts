import { type Command, Option } from 'commander';
import { z } from 'zod';
import { parseOptions, readStdin, UsageError } from '../../platform/cli/command-line.ts';
import { roles } from '../../platform/db/schema.ts';
import type { CommandContext } from '../../platform/feature.ts';
import { commandLineActor } from '../partnerships/partnership-cli.ts';

const addOptions = z.object({
  partnership: z.string(),
  email: z.email('enter an email address in the correct format, like name@example.org').max(320),
  name: z.string().trim().min(1, 'enter their full name').max(200, '200 characters or fewer'),
  agency: z.string().trim().min(1, 'enter their agency').max(200),
  role: z.enum(roles, { error: `must be one of ${roles.join(', ')}` }),
  createAgency: z.boolean().optional(),
  passwordStdin: z.boolean().optional(),
});

const whoOptions = z.object({ partnership: z.string(), email: z.string().min(3, 'enter their email address') });
const dataManagerOptions = whoOptions
  .extend({ grant: z.boolean().optional(), revoke: z.boolean().optional() })
  .refine((o) => Boolean(o.grant) !== Boolean(o.revoke), 'give one of --grant and --revoke');

/** `safer user add|list|disable|enable`: a partnership's users. */
export function userCommands(program: Command, cli: CommandContext): void {
  const user = program.command('user').description("a partnership's users");
  user
    .command('add')
    .description('add a user; prints an invitation link unless --password-stdin is given')
    .requiredOption('--partnership <slug>', 'the partnership')
    .requiredOption('--email <email>', 'email address they sign in with')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--agency <name>', 'their agency, by name (see the agencies page); created as "other" with --create-agency')
    .addOption(new Option('--role <role>', 'their role').choices([...roles]).makeOptionMandatory())
    .option('--create-agency', 'add the agency if the partnership does not have it yet')
    .option('--password-stdin', 'read a password from standard input instead of making an invitation link')
    .action(async (opts: unknown) => {
      const input = parseOptions(addOptions, opts);
      const password = input.passwordStdin ? await readStdin() : undefined;
      await cli.withDatabase(async (db, config) => {
        const services = cli.services(db, config);
        const actor = await commandLineActor(db, input.partnership);
        let agency = await services.agencies.findByName(actor, input.agency);
        if (!agency && input.createAgency) {
          const created = await services.agencies.create(actor, { name: input.agency, agencyType: 'other', responsibleAuthority: false });
          if (created.ok) agency = await services.agencies.get(actor, created.agencyId);
        }
        if (!agency)
          throw new UsageError(`--agency: the partnership has no agency called "${input.agency}" (add --create-agency to add it)`);
        const result = await services.users.create(
          actor,
          { name: input.name, email: input.email, agencyId: agency.id, role: input.role },
          password,
        );
        if (!result.ok) throw new UsageError(`--${result.field === 'agencyId' ? 'agency' : result.field}: ${result.message}`);
        console.log(`Added ${input.name} <${input.email}> as ${input.role} (user ${result.userId}).`);
        if (result.invitationLink) console.log(`Send them this invitation link (it works once, for 7 days):\n  ${result.invitationLink}`);
        else console.log('They can sign in now, and will set up an authenticator app at their first sign-in.');
      });
    });
  user
    .command('list')
    .description("list a partnership's users")
    .requiredOption('--partnership <slug>', 'the partnership')
    .action(async (opts: { partnership: string }) => {
      await cli.withDatabase(async (db, config) => {
        const actor = await commandLineActor(db, opts.partnership);
        for (const u of await cli.services(db, config).users.list(actor)) {
          const status = u.disabled_at ? 'disabled' : u.has_password ? 'active' : 'invited';
          const manager = u.data_manager ? ', data manager' : '';
          console.log(
            `${String(u.id).padStart(5)}  ${u.role.padEnd(12)} ${status.padEnd(9)} ` +
              `${u.email.padEnd(40)} ${u.name} (${u.agency_name}${manager})`,
          );
        }
      });
    });
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(disabled ? 'disable a user and end their sessions' : 'enable a disabled user')
      .requiredOption('--partnership <slug>', 'the partnership')
      .requiredOption('--email <email>', 'their email address')
      .action(async (opts: unknown) => {
        const input = parseOptions(whoOptions, opts);
        await cli.withDatabase(async (db, config) => {
          const users = cli.services(db, config).users;
          const actor = await commandLineActor(db, input.partnership);
          const match = (await users.list(actor)).find((u) => u.email.toLowerCase() === input.email.toLowerCase());
          if (!match) throw new UsageError(`--email: the partnership has no user with the email address ${input.email}`);
          const result = await users.setDisabled(actor, match.id, disabled);
          if (!result.ok) throw new UsageError(result.message);
          console.log(`${disabled ? 'Disabled' : 'Enabled'} ${match.name} <${match.email}>.`);
        });
      });
  }
  user
    .command('data-manager')
    .description(
      'make a user a data manager, who may change the police.uk data every partnership sees (--grant), or stop them being one (--revoke)',
    )
    .requiredOption('--partnership <slug>', 'the partnership')
    .requiredOption('--email <email>', 'their email address')
    .option('--grant', 'make them a data manager')
    .option('--revoke', 'stop them being a data manager')
    .action(async (opts: unknown) => {
      const input = parseOptions(dataManagerOptions, opts);
      await cli.withDatabase(async (db, config) => {
        const users = cli.services(db, config).users;
        const actor = await commandLineActor(db, input.partnership);
        const match = (await users.list(actor)).find((u) => u.email.toLowerCase() === input.email.toLowerCase());
        if (!match) throw new UsageError(`--email: the partnership has no user with the email address ${input.email}`);
        const result = await users.setDataManager(actor, match.id, Boolean(input.grant));
        if (!result.ok) throw new UsageError(result.message);
        console.log(
          input.grant
            ? `${match.name} <${match.email}> is now a data manager.`
            : `${match.name} <${match.email}> is no longer a data manager.`,
        );
      });
    });
}
