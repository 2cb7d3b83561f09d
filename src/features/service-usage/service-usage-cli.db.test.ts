import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { testConfig } from '../../../test/helpers/app.ts';
import { cliEnv, ROOT, runSafer } from '../../../test/helpers/cli-runner.ts';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import { insertPartnership } from '../partnerships/partnership-repository.ts';
import { serviceUsageImportCommand, type CliIo } from './service-usage-cli.ts';
import { SYNTHETIC_VISITS_FILE } from './synthetic-visits.ts';

const visits = path.join(ROOT, 'open-data', SYNTHETIC_VISITS_FILE);

describe(`safer import service-usage (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let t: TestDatabase;
  let scratch: string;
  let partnershipId: number;

  before(async () => {
    t = await createTestDatabase();
    partnershipId = await t.db.system((trx) =>
      insertPartnership(trx, { slug: 'maidstone', name: 'Safer Maidstone Partnership', districtCodes: ['E07000110'] }),
    );
    scratch = mkdtempSync(path.join(os.tmpdir(), 'safer-su-cli-'));
  });
  after(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await t.drop();
  });

  /** Runs the command in this process, as `safer import service-usage ...` would, capturing what it prints. */
  async function safer(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    let code = 0;
    const io: CliIo = {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      progress: new Writable({ write: (_chunk, _encoding, done) => done() }),
      exitCode: (c) => (code = c),
    };
    const config = testConfig();
    const command = serviceUsageImportCommand((fn) => fn(t.db, config), io).exitOverride();
    await command.parseAsync(args, { from: 'user' });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  test('imports a file with the columns named, guessing the date format, and prints a summary with the rejected lines', async () => {
    const r = await safer([
      visits,
      '--partnership',
      'maidstone',
      '--name',
      'One-stop shop visits',
      '--date-column',
      'Visit date',
      '--time-column',
      'Visit time',
      '--service-column',
      'Service',
      '--location-column',
      'Home LSOA',
      '--location-kind',
      'lsoa',
      '--show-rejections',
      '2',
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      new RegExp(
        /^Imported \S+one-stop-shop-visits\.csv as dataset \d+ "One-stop shop visits" of maidstone: /.source +
          /7,899 rows, 7,896 accepted, 3 rejected, in [\d.]+s$/.source,
        'm',
      ),
    );
    assert.match(r.out, /rejected \S+one-stop-shop-visits\.csv line \d+: date "31\/06\/2017" in column "Visit date" is not a real date/);
    assert.match(r.out, /\.\.\. and 1 more rejected lines/);
    const dataset = await t.db.tenant(partnershipId, (trx) =>
      trx.selectFrom('service_usage_datasets').selectAll().executeTakeFirstOrThrow(),
    );
    assert.equal(dataset.rows_accepted, 7896);
    assert.equal(dataset.imported_by, null);
    assert.equal((dataset.mapping as { dateFormat: string }).dateFormat, 'DD/MM/YYYY');
    const audit = await t.db.tenant(partnershipId, (trx) => trx.selectFrom('audit_events').select(['actor_name', 'action']).execute());
    assert.deepEqual(audit, [{ actor_name: 'Safer command line', action: 'service_usage.imported' }]);
  });

  test('mistakes name the file, the line and the option, and exit with 1', async () => {
    const file = path.join(scratch, 'visits.csv');
    writeFileSync(file, 'When,What\n2019-01-02,Advice\n2019-01-03,Advice\n');
    const base = [file, '--partnership', 'maidstone', '--name', 'Visits'];
    const cases: [string[], RegExp][] = [
      [
        [...base, '--date-column', 'Date'],
        new RegExp(`${file} line 1, --date-column: the header has no column named "Date"; its columns are "When", "What"`),
      ],
      [
        [...base, '--date-column', 'When', '--date-format', 'DD/MM/YYYY'],
        new RegExp(`${file}, --date-format: The dates in column "When" are not in the format DD/MM/YYYY: line 2 has "2019-01-02"`),
      ],
      [
        [...base, '--date-column', 'When', '--service-column', 'when'],
        /--service-column: The service column cannot be "When": that is already the date column/,
      ],
      [[...base, '--date-column', 'When', '--location-column', 'What'], /--location-column and --location-kind go together/],
      [
        [...base, '--date-column', 'What'],
        new RegExp(`${file} line 2, --date-column: the first dates in "What" are not all in one of the formats`),
      ],
      [
        [path.join(scratch, 'none.csv'), '--partnership', 'maidstone', '--name', 'x', '--date-column', 'When'],
        /<file>: \S+none\.csv is not a file/,
      ],
      [[...base.slice(0, 2), 'nowhere', '--name', 'x', '--date-column', 'When'], /--partnership: no partnership has the slug "nowhere"/],
      [[...base.slice(0, 3), '--name', ' ', '--date-column', 'When'], /--name: give the dataset a name/],
      [
        [...base.slice(0, 3), '--name', 'One-stop shop visits', '--date-column', 'When'],
        /, --name: The partnership already has data called "One-stop shop visits"/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await safer(args);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.out}`);
      assert.match(r.err, /^safer: /);
      assert.match(r.err, message);
    }
    const header = path.join(scratch, 'no-header.csv');
    writeFileSync(header, '2019-01-02,Advice\n');
    const r = await safer([header, '--partnership', 'maidstone', '--name', 'x', '--date-column', 'When']);
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      new RegExp(`safer: ${header} line 1: Line 1 should be a header naming the columns, but it holds data \\("2019-01-02"\\)`),
    );
    const datasets = await t.db.tenant(partnershipId, (trx) => trx.selectFrom('service_usage_datasets').select('name').execute());
    assert.deepEqual(datasets, [{ name: 'One-stop shop visits' }]);
  });

  test('`safer import service-usage` is a command of the CLI, with the exit code 1 on an error', () => {
    const env = cliEnv(t.url ? { DATABASE_URL: t.url } : { SAFER_DATA_DIR: path.join(scratch, 'data') });
    const args = ['import', 'service-usage', visits, '--partnership', 'nowhere', '--name', 'x', '--date-column', 'Visit date'];
    const r = runSafer(args, env);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /^safer: --partnership: no partnership has the slug "nowhere"/m);
  });
});
