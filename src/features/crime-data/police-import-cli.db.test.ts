import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, saferCommandLine } from '../../../test/helpers/cli-runner.ts';
import { testingOnServer } from '../../../test/helpers/database.ts';
import { STREET_HEADER } from './police-uk-format.ts';

/**
 * The command line: `safer import police-uk` refuses a near-empty replacement of a month unless
 * --allow-shrink is given, and `safer user data-manager` grants and revokes the right to change the
 * shared police.uk data, with an audit row each time.
 */

const real = path.join(ROOT, 'open-data/police-uk/street/2019-01/2019-01-kent-street.csv');

describe(`safer import police-uk and safer user data-manager (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  const cli = saferCommandLine({ scratch: 'safer-cli-' });
  /** Runs the command; its standard output and error together. */
  const safer = (args: string[]) => {
    const r = cli.run(args);
    return { code: r.code, out: r.out + r.err };
  };

  test('a near-empty replacement of a month is refused, saying how to confirm, and goes through with --allow-shrink', async () => {
    const loaded = safer(['import', 'police-uk', real]);
    assert.equal(loaded.code, 0, loaded.out);
    const folder = path.join(cli.work, 'short');
    mkdirSync(folder);
    const short = path.join(folder, '2019-01-kent-street.csv');
    writeFileSync(short, `${STREET_HEADER.join(',')}\n`);

    const refused = safer(['import', 'police-uk', short]);
    assert.equal(refused.code, 1, refused.out);
    // The file is listed as refused, and why is an error of its own line (on standard error).
    assert.match(refused.out, /refused\s+\S*2019-01-kent-street\.csv\n/);
    assert.match(refused.out, /safer: \S*2019-01-kent-street\.csv was not loaded: it has 0 rows that can be loaded, but the Kent Police/);
    assert.match(refused.out, /street-level crime data for January 2019 it would replace has 17,792\./);
    assert.match(refused.out, /add --allow-shrink to safer import police-uk/);

    const confirmed = safer(['import', 'police-uk', '--allow-shrink', short]);
    assert.equal(confirmed.code, 0, confirmed.out);
    assert.match(confirmed.out, /replaced\s+\S*2019-01-kent-street\.csv: 0 rows, 0 accepted, 0 rejected/);

    // Growing a month needs no confirmation.
    copyFileSync(real, short);
    const back = safer(['import', 'police-uk', short]);
    assert.equal(back.code, 0, back.out);
    assert.match(back.out, /replaced\s+\S*2019-01-kent-street\.csv: 17792 rows, 17792 accepted, 0 rejected/);
  });

  test('a data manager is made and unmade only from the command line, and each change is audited', async () => {
    assert.equal(safer(['partnership', 'add', '--slug', 'maidstone', '--name', 'Safer Maidstone', '--district', 'E07000110']).code, 0);
    for (const [email, role] of [
      ['analyst@maidstone.test', 'analyst'],
      ['member@maidstone.test', 'member'],
    ]) {
      const added = safer([
        'user',
        'add',
        '--partnership',
        'maidstone',
        '--email',
        email!,
        '--name',
        `Maidstone ${role}`,
        '--agency',
        'Council',
        '--create-agency',
        '--role',
        role!,
      ]);
      assert.equal(added.code, 0, added.out);
    }
    const granted = safer(['user', 'data-manager', '--partnership', 'maidstone', '--email', 'analyst@maidstone.test', '--grant']);
    assert.equal(granted.code, 0, granted.out);
    assert.match(granted.out, /Maidstone analyst <analyst@maidstone\.test> is now a data manager\./);
    assert.match(
      safer(['user', 'list', '--partnership', 'maidstone']).out,
      /analyst@maidstone\.test\s+Maidstone analyst \(Council, data manager\)/,
    );

    const member = safer(['user', 'data-manager', '--partnership', 'maidstone', '--email', 'member@maidstone.test', '--grant']);
    assert.equal(member.code, 2);
    assert.match(member.out, /safer: Maidstone member is a member: only an admin, coordinator or analyst can be a data manager/);
    const neither = safer(['user', 'data-manager', '--partnership', 'maidstone', '--email', 'analyst@maidstone.test']);
    assert.equal(neither.code, 2);
    assert.match(neither.out, /give one of --grant and --revoke/);

    const revoked = safer(['user', 'data-manager', '--partnership', 'maidstone', '--email', 'analyst@maidstone.test', '--revoke']);
    assert.equal(revoked.code, 0, revoked.out);
    assert.match(revoked.out, /is no longer a data manager/);

    await cli.inspect(async (db) => {
      const rows = await db.bulk((s) =>
        s.query<{ action: string; actor_name: string }>(
          "select action, actor_name from audit_events where action like 'user.data_manager%' order by id",
        ),
      );
      assert.deepEqual(
        rows.map((r) => [r.action, r.actor_name]),
        [
          ['user.data_manager_granted', 'Safer command line'],
          ['user.data_manager_revoked', 'Safer command line'],
        ],
      );
      // The role web requests work as may not set the flag, whatever the request.
      await assert.rejects(
        db.tenant(1, (trx) => trx.updateTable('users').set({ data_manager: true }).execute()),
        /data managers are made only from the command line/,
      );
    });
  });

  test('an import from the command line is in the audit log of every partnership, with its file and result', async () => {
    const added = safer(['partnership', 'add', '--slug', 'faraway', '--name', 'Safer Faraway', '--district', 'E09000001']);
    assert.equal(added.code, 0, added.out);
    // Already loaded: it changes no partnership's area, and every partnership still sees it in its log.
    const again = safer(['import', 'police-uk', real]);
    assert.equal(again.code, 0, again.out);
    await cli.inspect(async (db) => {
      const rows = await db.bulk((s) =>
        s.query<{ action: string; actor_name: string; actor_user_id: number | null; details: Record<string, unknown> }>(
          `select action, actor_name, actor_user_id, details from audit_events
           where partnership_id = (select id from partnerships where slug = 'faraway') and action like 'police_import.%' order by id`,
        ),
      );
      assert.deepEqual(
        rows.map((r) => [r.action, r.actor_name, r.actor_user_id, r.details['file'], r.details['result']]),
        [
          ['police_import.started', 'Safer command line', null, real, undefined],
          [
            'police_import.finished',
            'Safer command line',
            null,
            real,
            'Completed: 0 of 1 file loaded, 1 unchanged; 0 rows loaded, 0 rejected',
          ],
        ],
      );
    });
  });
});
