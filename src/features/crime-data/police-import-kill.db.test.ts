import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { constants, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { ROOT, saferCommandLine } from '../../../test/helpers/cli-runner.ts';
import { testingOnServer } from '../../../test/helpers/database.ts';
import { operatorActor } from '../audit/events.ts';
import type { Database } from '../../platform/db/database.ts';
import { createImportService } from './import-service.ts';
import { INTERRUPTED_MESSAGE } from './police-import-liveness.ts';
import { policeDataProblems } from './police-import.ts';
import { runningImport } from './police-import-fixtures.ts';
import { STREET_HEADER } from './police-uk-format.ts';
import { forceAreas, seededRandom, streetLines } from './synthetic-street-data.ts';

/**
 * Acceptance: `safer import police-uk` killed with SIGKILL in the middle of a file leaves every file
 * it had finished whole and consistent, and none of the file it was loading; running it again
 * finishes the job with the right counts.
 *
 * No timing is involved. The third file is a named pipe that this test writes: the importer can
 * only open it after the first two files are committed (one at a time embedded; on a server the
 * test waits until both are in the database). The test writes most of the third file, so the
 * importer has parsed it and sent rows to the database inside that file's open transaction, and then
 * kills the process.
 *
 * The killed run is left marked as running; the next import, or anyone looking at the list of
 * imports, marks it as failed (interrupted), because its process is gone: embedded, because no other
 * process can be using the database; on a server, because the advisory lock its process held for the
 * life of the import went with its connections. A run that is still going is never marked.
 */

const real = path.join(ROOT, 'open-data/police-uk/street');
const PIPE_ROWS = 60000;

/**
 * Opens the named pipe for writing, which waits until the importer opens it to read; if the importer
 * exits first, fails with what it printed (`what` names the file it did not reach).
 */
async function openWhenRead(fifo: string, exit: Promise<unknown>, output: () => string, what: string): Promise<FileHandle> {
  const opening = open(fifo, 'w');
  const first = await Promise.race([opening.then(() => 'opened' as const), exit.then(() => 'exited' as const)]);
  if (first === 'exited') {
    // Let the pending open finish, so nothing is left waiting, then report why the import ended.
    const reader = await open(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    await (await opening).close();
    await reader.close();
    assert.fail(`the import ended before reading ${what}:\n${output()}`);
  }
  return opening;
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe(`an import killed part-way (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  const cli = saferCommandLine({ scratch: 'safer-kill-' });
  let input: string;
  let pipe: string;
  let pipeData: Buffer;
  const expected: Record<string, number> = { '2018-10': 19396, '2018-11': 13818, '2018-12': PIPE_ROWS, '2019-01': 17792 };

  before(() => {
    input = path.join(cli.work, 'input');
    for (const month of ['2018-10', '2018-11', '2019-01']) {
      mkdirSync(path.join(input, month), { recursive: true });
      copyFileSync(path.join(real, month, `${month}-kent-street.csv`), path.join(input, month, `${month}-kent-street.csv`));
    }
    const kent = forceAreas().find((a) => a.force === 'kent')!;
    const { lines } = streetLines(kent, '2018-12', PIPE_ROWS, seededRandom(12));
    pipeData = Buffer.from(`${STREET_HEADER.join(',')}\n${lines.join('\n')}\n`);
    mkdirSync(path.join(input, '2018-12'));
    pipe = path.join(input, '2018-12', '2018-12-kent-street.csv');
    const made = spawnSync('mkfifo', [pipe]);
    assert.equal(made.status, 0, `mkfifo: ${made.stderr}`);
  });

  /** The files readers see. */
  const loadedFiles = (db: Database) =>
    db.bulk((s) =>
      s.query<{ month: string; rows_total: number; rows_accepted: number }>(
        "select to_char(month, 'YYYY-MM') as month, rows_total, rows_accepted from police_files where state = 'current' order by month",
      ),
    );

  /** Rows of files readers do not see (loading or retired), by state. */
  const hiddenRows = (db: Database) =>
    db.bulk((s) =>
      s.query<{ state: string; files: number; rows: number }>(
        `select f.state, count(distinct f.id)::int as files, count(c.line)::int as rows
         from police_files f left join street_crimes c on c.file_id = f.id where f.state <> 'current' group by f.state order by f.state`,
      ),
    );

  /** Street rows whose file is gone: there should never be any. */
  const orphanRows = async (db: Database) =>
    (
      await db.bulk((s) =>
        s.query<{ n: number }>(
          'select count(*)::int as n from street_crimes c where not exists (select 1 from police_files f where f.id = c.file_id)',
        ),
      )
    )[0]!.n;

  /** Waits until the server has this many files, or rows of a loading file when `sql` says so. */
  async function untilServerHas(files: number, sql = "select count(*)::int as n from police_files where state = 'current'"): Promise<void> {
    const client = new pg.Client({ connectionString: cli.server!.url });
    await client.connect();
    try {
      for (let i = 0; i < 1200; i++) {
        const r = await client.query<{ n: number }>(sql);
        if (r.rows[0]!.n >= files) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.fail(`the server never had ${files} files loaded`);
    } finally {
      await client.end();
    }
  }

  /** Waits until the killed process's connections are gone from the server (it notices at once; this waits for that). */
  async function untilServerHasNoOtherClients(): Promise<void> {
    const client = new pg.Client({ connectionString: cli.server!.url });
    await client.connect();
    try {
      for (let i = 0; i < 1200; i++) {
        const r = await client.query<{ n: number }>(
          'select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        );
        if (r.rows[0]!.n === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.fail('the killed process is still connected');
    } finally {
      await client.end();
    }
  }

  const runs = (db: Database) =>
    db.bulk((s) =>
      s.query<{ id: number; status: string; message: string | null }>('select id, status, message from police_imports order by id'),
    );

  test('SIGKILL in the middle of a file: finished files intact and consistent, the unfinished one absent; a rerun completes', async () => {
    const child = cli.start(['import', 'police-uk', input]);
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exit = exited(child);

    const writer = await openWhenRead(pipe, exit, () => output, 'the third file');
    if (cli.server) await untilServerHas(2);
    // Most of the third file: by the time the pipe has taken it, the importer has read all but the
    // pipe's buffer of it and committed several COPY chunks of it, each in a transaction of its own,
    // under a police_files row that is still loading.
    await writer.write(pipeData.subarray(0, Math.floor(pipeData.length * 0.8)));
    if (cli.server) {
      await untilServerHas(
        1,
        "select count(*)::int as n from street_crimes c join police_files f on f.id = c.file_id where f.state = 'loading'",
      );
    }
    child.kill('SIGKILL');
    assert.deepEqual(await exit, { code: null, signal: 'SIGKILL' });
    await writer.close().catch(() => undefined);
    if (cli.server) await untilServerHasNoOtherClients();

    await cli.inspect(async (db) => {
      assert.deepEqual(await policeDataProblems(db), []);
      const files = await loadedFiles(db);
      const months = files.map((f) => f.month);
      assert.ok(months.includes('2018-10') && months.includes('2018-11'), `the first two files were committed: ${months.join(', ')}`);
      assert.ok(!months.includes('2018-12'), 'nothing of the file being loaded');
      for (const f of files) assert.deepEqual([f.month, f.rows_total, f.rows_accepted], [f.month, expected[f.month], expected[f.month]]);
      // Chunks of the file being loaded were committed, under a file no reader sees; none of its counts were.
      const hidden = await hiddenRows(db);
      assert.equal(hidden.length, 1, JSON.stringify(hidden));
      assert.equal(hidden[0]!.state, 'loading');
      assert.equal(hidden[0]!.files, 1);
      assert.ok(hidden[0]!.rows > 0 && hidden[0]!.rows < PIPE_ROWS, `${hidden[0]!.rows} rows of the file being loaded were committed`);
      const visible = await db.bulk((s) =>
        s.query<{ n: number }>(
          "select count(*)::int as n from street_crimes c join police_files f on f.id = c.file_id where f.state = 'current' and c.month " +
            "= '2018-12-01'",
        ),
      );
      assert.equal(visible[0]!.n, 0);
      const counts = await db.bulk((s) => s.query<{ n: number }>("select count(*)::int as n from crime_counts where month = '2018-12-01'"));
      assert.equal(counts[0]!.n, 0);
      assert.deepEqual(
        (await runs(db)).map((r) => r.status),
        ['running'],
        'nothing has looked at the killed run yet',
      );
    });

    // The rerun, with the third file now an ordinary file.
    rmSync(pipe);
    writeFileSync(pipe, pipeData);
    const rerun = cli.start(['import', 'police-uk', input]);
    let rerunOutput = '';
    rerun.stdout!.on('data', (d: Buffer) => (rerunOutput += d.toString()));
    rerun.stderr!.on('data', (d: Buffer) => (rerunOutput += d.toString()));
    assert.deepEqual(await exited(rerun), { code: 0, signal: null }, rerunOutput);
    assert.match(rerunOutput, /unchanged\s+\S+2018-10-kent-street\.csv/);
    assert.match(rerunOutput, /unchanged\s+\S+2018-11-kent-street\.csv/);
    assert.match(rerunOutput, /loaded\s+\S+2018-12-kent-street\.csv: 60000 rows, 60000 accepted, 0 rejected/);

    await cli.inspect(async (db) => {
      assert.deepEqual(await policeDataProblems(db), []);
      const files = await loadedFiles(db);
      assert.deepEqual(
        files.map((f) => [f.month, f.rows_total, f.rows_accepted]),
        Object.entries(expected).map(([month, rows]) => [month, rows, rows]),
      );
      // The rerun removed what the killed run left before it loaded anything.
      assert.deepEqual(await hiddenRows(db), []);
      assert.equal(await orphanRows(db), 0);
      const stored = await db.bulk((s) =>
        s.query<{ n: number }>("select count(*)::int as n from street_crimes where month = '2018-12-01'"),
      );
      assert.equal(stored[0]!.n, PIPE_ROWS);
      // The rerun marked the killed run as failed when it started.
      assert.deepEqual(
        (await runs(db)).map((r) => [r.status, r.message]),
        [
          ['failed', INTERRUPTED_MESSAGE],
          ['completed', null],
        ],
      );
    });
  });

  test('a killed import is marked as failed when the list of imports is shown; one still running is not', async () => {
    // An import whose only file is a named pipe: once the pipe is open for reading, the run is recorded.
    const waiting = path.join(cli.work, 'waiting');
    mkdirSync(path.join(waiting, '2019-03'), { recursive: true });
    const waitingPipe = path.join(waiting, '2019-03', '2019-03-kent-street.csv');
    assert.equal(spawnSync('mkfifo', [waitingPipe]).status, 0);
    const child = cli.start(['import', 'police-uk', waiting]);
    let output = '';
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exit = exited(child);
    const writer = await openWhenRead(waitingPipe, exit, () => output, 'its file');
    child.kill('SIGKILL');
    assert.deepEqual(await exit, { code: null, signal: 'SIGKILL' });
    await writer.close().catch(() => undefined);
    if (cli.server) await untilServerHasNoOtherClients();

    await cli.inspect(async (db) => {
      const killed = (await runs(db)).at(-1)!;
      assert.equal(killed.status, 'running', 'nothing has looked at the killed run yet');
      const imports = createImportService({ db, log: pino({ enabled: false }) });
      const actor = operatorActor(1, 'test');
      const shown = new Map((await imports.list(actor, 1, 25)).rows.map((r) => [r.id, r]));
      assert.deepEqual([shown.get(killed.id)!.status, shown.get(killed.id)!.message], ['failed', INTERRUPTED_MESSAGE]);
      assert.ok(shown.get(killed.id)!.finished_at, 'the killed run has an end time');

      // An import this process is running is left alone.
      const live = await runningImport(db, 'still running');
      try {
        const again = new Map((await imports.list(actor, 1, 25)).rows.map((r) => [r.id, r]));
        assert.equal(again.get(live.id)!.status, 'running', 'a run whose process is alive stays running');
      } finally {
        await live.finish();
      }
      assert.deepEqual(
        (await runs(db)).slice(-2).map((r) => r.status),
        ['failed', 'completed'],
      );
    });
  });
});
