import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { runSafer, saferCommandLine } from '../test/helpers/cli-runner.ts';
import { testingOnServer } from '../test/helpers/database.ts';

describe(`the safer command (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  const cli = saferCommandLine({ scratch: 'safer-cli-', env: { PUBLIC_URL: 'https://safer.example.test' } });
  const safer = (args: string[], input?: string, env: Record<string, string> = {}) => cli.run(args, { input, env });

  test('migrate applies the migrations once', () => {
    const first = safer(['migrate']);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /Applied \d+ migration\(s\): 0001_foundation\.sql/);
    const again = safer(['migrate']);
    assert.match(again.out, /The database is up to date/);
  });

  test("demo loads the demo partnership once and prints every demo user's key and current code", () => {
    const demoEnv = { SAFER_DEMO: 'true' };
    const first = safer(['demo'], undefined, demoEnv);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /Loaded the demo partnership/);
    assert.match(first.out, /password: safer-demo-password/);
    const again = safer(['demo'], undefined, demoEnv);
    assert.doesNotMatch(again.out, /Loaded the demo partnership/);
    const users = [...again.out.matchAll(/^ {2}(\w+)\s+(\S+@maidstone\.demo\.safer\.test)\s+([A-Z2-7]{32})\s+(\d{6})$/gm)];
    assert.deepEqual(
      users.map((m) => m[1]),
      ['admin', 'coordinator', 'analyst', 'member', 'viewer'],
    );
    // Only the server knows whether it is running.
    assert.doesNotMatch(first.out + again.out, /running at/i);
    const list = safer(['partnership', 'list']);
    assert.equal(
      list.out
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('maidstone')).length,
      1,
    );
  });

  test('demo is refused on a deployment that is not a demo, and prints no keys', () => {
    const refused = safer(['demo'], undefined, { SAFER_DEMO: 'false' });
    assert.equal(refused.code, 1);
    assert.match(refused.err, /not a demo deployment/);
    assert.doesNotMatch(refused.out, /[A-Z2-7]{32}/);
  });

  test('demo on an embedded data folder with no database says so and makes none', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'safer-cli-empty-'));
    const embedded = Object.fromEntries(Object.entries(cli.env).filter(([name]) => name !== 'DATABASE_URL'));
    const refused = runSafer(['demo'], { ...embedded, SAFER_DATA_DIR: empty });
    assert.equal(refused.code, 1);
    assert.match(refused.err, /there is no Safer database in .*"safer demo" does not make one/);
    assert.equal(existsSync(path.join(empty, 'pglite', 'PG_VERSION')), false);
  });

  test('partnership add, user add (invitation link or password), list, disable and enable', () => {
    const added = safer([
      'partnership',
      'add',
      '--slug',
      'swale',
      '--name',
      'Swale Community Safety Partnership',
      '--district',
      'E07000113',
    ]);
    assert.equal(added.code, 0, added.err);
    const invite = safer([
      'user',
      'add',
      '--partnership',
      'swale',
      '--email',
      'ops@swale.test',
      '--name',
      'Ola Practitioner',
      '--agency',
      'Swale Borough Council',
      '--create-agency',
      '--role',
      'coordinator',
    ]);
    assert.equal(invite.code, 0, invite.err);
    assert.match(invite.out, /https:\/\/safer\.example\.test\/invitation\/[A-Za-z0-9_-]{43}/);
    const withPassword = safer(
      [
        'user',
        'add',
        '--partnership',
        'swale',
        '--email',
        'viewer@swale.test',
        '--name',
        'Cllr Test',
        '--agency',
        'Swale Borough Council',
        '--role',
        'viewer',
        '--password-stdin',
      ],
      'a perfectly fine passphrase\n',
    );
    assert.equal(withPassword.code, 0, withPassword.err);
    assert.match(withPassword.out, /can sign in now/);
    const list = safer(['user', 'list', '--partnership', 'swale']);
    assert.match(list.out, /coordinator\s+invited\s+ops@swale\.test/);
    assert.match(list.out, /viewer\s+active\s+viewer@swale\.test/);
    assert.equal(safer(['user', 'disable', '--partnership', 'swale', '--email', 'viewer@swale.test']).code, 0);
    assert.match(safer(['user', 'list', '--partnership', 'swale']).out, /viewer\s+disabled/);
    assert.equal(safer(['user', 'enable', '--partnership', 'swale', '--email', 'viewer@swale.test']).code, 0);
    // The demo partnership does not see Swale's users.
    assert.doesNotMatch(safer(['user', 'list', '--partnership', 'maidstone']).out, /swale\.test/);
  });

  test('bad input is refused with a message naming the option, and nothing is written', () => {
    const cases: [string[], RegExp][] = [
      [
        ['user', 'add', '--partnership', 'nowhere', '--email', 'a@b.test', '--name', 'A', '--agency', 'X', '--role', 'viewer'],
        /--partnership: no partnership has the slug "nowhere"/,
      ],
      [
        ['user', 'add', '--partnership', 'swale', '--email', 'not-an-email', '--name', 'A', '--agency', 'X', '--role', 'viewer'],
        /--email: enter an email address/,
      ],
      [['user', 'add', '--partnership', 'swale', '--email', 'a@b.test', '--name', 'A', '--agency', 'X', '--role', 'boss'], /--role.*boss/],
      [
        ['user', 'add', '--partnership', 'swale', '--email', 'a@b.test', '--name', 'A', '--agency', 'No Such Agency', '--role', 'viewer'],
        /--agency: the partnership has no agency called "No Such Agency"/,
      ],
      [
        [
          'user',
          'add',
          '--partnership',
          'swale',
          '--email',
          'OPS@swale.test',
          '--name',
          'Dup',
          '--agency',
          'Swale Borough Council',
          '--role',
          'viewer',
        ],
        /--email: An account with this email address already exists/,
      ],
      [['partnership', 'add', '--slug', 'Bad Slug', '--name', 'X'], /--slug: use 2 to 63/],
    ];
    for (const [args, message] of cases) {
      const r = safer(args);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.match(r.err, message);
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    }
    const weak = safer(
      [
        'user',
        'add',
        '--partnership',
        'swale',
        '--email',
        'weak@swale.test',
        '--name',
        'W',
        '--agency',
        'Swale Borough Council',
        '--role',
        'viewer',
        '--password-stdin',
      ],
      'password123\n',
    );
    assert.match(weak.err, /--password: Password must be 12 characters or more/);
    assert.doesNotMatch(safer(['user', 'list', '--partnership', 'swale']).out, /a@b\.test|weak@swale/);
  });
});
