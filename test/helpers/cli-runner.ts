import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { createTestDatabase, testingOnServer, type TestDatabase } from './database.ts';

/**
 * Runs the `safer` command as a user would: a child process of bin/safer.js, with an environment of
 * its own (no settings inherited from the test run but PATH and HOME).
 */

export const ROOT = path.resolve(import.meta.dirname, '../..');
const SAFER = path.join(ROOT, 'bin/safer.js');

/** What a finished command did: its exit code, standard output and error, and how long it took. */
export interface CliResult {
  code: number | null;
  out: string;
  err: string;
  seconds: number;
}

/** The environment a command needs: the search path, a home folder, warnings only and a secret key. */
export const cliEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
  PATH: process.env['PATH'] ?? '',
  HOME: process.env['HOME'] ?? '',
  LOG_LEVEL: 'warn',
  SAFER_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
  ...extra,
});

/** Runs `safer <args>` to the end, with `input` on its standard input. */
export function runSafer(args: string[], env: Record<string, string>, input?: string): CliResult {
  const started = Date.now();
  const r = spawnSync(process.execPath, [SAFER, ...args], { env, input, encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr, seconds: (Date.now() - started) / 1000 };
}

export interface SaferCommandLine {
  /** A scratch folder for the test's files (the embedded database lives in its `data` folder); removed afterwards. */
  readonly work: string;
  /** The database on the server, when testing on one. */
  readonly server: TestDatabase | undefined;
  /** The command's environment (after the set-up has run). */
  readonly env: Record<string, string>;
  /** Runs `safer <args>` to the end. */
  run(args: string[], options?: { input?: string; env?: Record<string, string> }): CliResult;
  /** Starts `safer <args>` and returns at once, its output piped. */
  start(args: string[]): ChildProcess;
  /**
   * Opens the database the command uses for `fn`, and closes it (embedded: no running command may
   * hold it; the lock of a killed one is taken over).
   */
  inspect<T>(fn: (db: Database) => Promise<T>): Promise<T>;
}

/**
 * Registers before and after hooks in the current suite that give the `safer` command a database of
 * its own: a new one on the test server with SAFER_TEST_DB=postgres, otherwise an embedded one in a
 * scratch folder. The database is empty (the command migrates it) unless `setUp` is given: then it is
 * migrated and `setUp` loads it before any command runs. The object returned works from the suite's
 * own before hooks on.
 */
export function saferCommandLine(options: {
  /** The scratch folder's name, before a random ending. */
  scratch: string;
  env?: Record<string, string>;
  setUp?: (db: Database) => Promise<void>;
}): SaferCommandLine {
  let work = '';
  let env: Record<string, string> = {};
  let server: TestDatabase | undefined;
  const dataDir = () => path.join(work, 'data');

  before(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), options.scratch));
    const base = cliEnv(options.env);
    if (testingOnServer()) {
      server = await createTestDatabase({ migrate: options.setUp !== undefined });
      await options.setUp?.(server.db);
      await server.db.close();
      env = { ...base, DATABASE_URL: server.url! };
    } else {
      if (options.setUp) {
        const db = await openDatabase({ kind: 'embedded', dataDir: path.join(dataDir(), 'pglite') });
        try {
          await migrate(db);
          await options.setUp(db);
        } finally {
          await db.close();
        }
      }
      env = { ...base, SAFER_DATA_DIR: dataDir() };
    }
  });
  after(async () => {
    if (server) await server.drop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  return {
    get work() {
      return work;
    },
    get server() {
      return server;
    },
    get env() {
      return env;
    },
    run: (args, runOptions = {}) => runSafer(args, { ...env, ...runOptions.env }, runOptions.input),
    start: (args) => spawn(process.execPath, [SAFER, ...args], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }),
    async inspect(fn) {
      // The embedded database lives in SAFER_DATA_DIR/pglite (see src/config.ts).
      const db = await openDatabase(
        server ? { kind: 'server', url: server.url! } : { kind: 'embedded', dataDir: path.join(dataDir(), 'pglite') },
      );
      try {
        return await fn(db);
      } finally {
        // A query through Kysely first: close() ends the server's pool through Kysely's driver, which
        // exists only once Kysely has run something (bulk() alone does not create it).
        await db.ping();
        await db.close();
      }
    },
  };
}
