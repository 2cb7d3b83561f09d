import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { processAlive } from '../processes.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type DatabaseTarget = { kind: 'embedded'; dataDir: string } | { kind: 'embedded-memory' } | { kind: 'server'; url: string };

export type Trx = Transaction<DB>;

/**
 * A transaction for bulk loads, as the owner: plain SQL with parameters, and COPY of
 * PostgreSQL text-format rows (tab-separated; see copyText()). Either everything in it commits or
 * nothing does.
 */
export interface BulkSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  copy(table: string, columns: readonly string[], rows: string): Promise<void>;
  /** COPY of rows in PostgreSQL's binary format, as a BinaryCopyWriter makes them: cheaper for the database to take in. */
  copyBinary(table: string, columns: readonly string[], data: Uint8Array): Promise<void>;
}

/** One value in PostgreSQL's COPY text format: \N for null; backslash, tab and newlines escaped. */
export function copyText(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * A kind of state this process keeps for an open database (the work it is doing with it, such as
 * the imports it runs), made on first use by `create` and gone when the database object is.
 */
export interface LocalKey<T> {
  readonly name: string;
  create(): T;
}

/** The role tenant work runs as; created by the first migration. */
export const APP_ROLE = 'safer_app';

/**
 * The one way the application reaches PostgreSQL, embedded or server.
 *
 * - `tenant(partnershipId, fn)` runs fn in a transaction as the confined role with the partnership
 *   set, so row-level security admits only that partnership's rows. Features use only this.
 * - `system(fn)` runs fn in a transaction as the connecting (owner) role. It is for the few things
 *   that happen before a partnership is known (sign-in, session lookup) and for the CLI.
 */
export interface Database {
  readonly kind: 'embedded' | 'server';
  readonly kysely: Kysely<DB>;
  tenant<T>(partnershipId: number, fn: (trx: Trx) => Promise<T>): Promise<T>;
  system<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
  /** Runs fn in one transaction as the owner, with COPY for bulk loads (imports). */
  bulk<T>(fn: (session: BulkSession) => Promise<T>): Promise<T>;
  /** Runs a script of several statements in one transaction, as the owner (migrations). */
  execScript(script: string): Promise<void>;
  /** This process's state of the key's kind for this database (see LocalKey). */
  local<T>(key: LocalKey<T>): T;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

/**
 * A pool of server connections, and a way to wait until every one of them has closed: pg's
 * pool.end() resolves once it has asked its connections to end, not when they have, so a database
 * dropped or a server stopped straight after would cut connections that are still closing.
 */
function createPool(url: string): { pool: pg.Pool; allClosed: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const open = new Map<pg.Client, Promise<void>>();
  pool.on('connect', (client) => {
    open.set(
      client,
      new Promise<void>((closed) => client.once('end', () => closed())).then(() => void open.delete(client)),
    );
    // Counts and identities as numbers, dates as the 'YYYY-MM-DD' text they are: the same as embedded.
    client.setTypeParser(INT8, (v: string) => Number(v));
    client.setTypeParser(DATE, (v: string) => v);
  });
  return { pool, allClosed: async () => void (await Promise.all(open.values())) };
}

/** Sends one COPY ... FROM STDIN's data on a server connection. */
function copyIn(client: pg.PoolClient, statement: string, data: string | Uint8Array): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(statement));
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(data);
  });
}

export class DataDirInUseError extends Error {}

/**
 * The embedded database is one process's at a time: two writers would corrupt it. A lock file
 * holding the owner's process id keeps a second process out; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new DataDirInUseError(
          `The embedded database in ${dataDir} is in use by another Safer process (pid ${pid}). Stop it first, or use the web pages.`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the embedded database in ${dataDir}`);
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  let kysely: Kysely<DB>;
  let execScript: (script: string) => Promise<void>;
  let bulk: <T>(fn: (session: BulkSession) => Promise<T>) => Promise<T>;
  let close: () => Promise<void>;
  if (target.kind === 'server') {
    const { pool, allClosed } = createPool(target.url);
    kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    execScript = async (script) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(script);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    };
    bulk = async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          async query(text, params) {
            return (await client.query(text, params)).rows;
          },
          copy(table, columns, rows) {
            return copyIn(client, `copy ${table} (${columns.join(', ')}) from stdin`, rows);
          },
          copyBinary(table, columns, data) {
            return copyIn(client, `copy ${table} (${columns.join(', ')}) from stdin with (format binary)`, data);
          },
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    };
    close = async () => {
      await kysely.destroy();
      // Kysely ends the pool only if it used it; bulk() and execScript() use it directly.
      if (!pool.ended) await pool.end();
      await allClosed();
    };
  } else {
    const unlock = target.kind === 'embedded' ? lockDataDir(target.dataDir) : () => undefined;
    // One options object: PGlite drops the options after a data directory that is undefined
    // (in memory), and dates would then come back as Date objects in tests but text in use.
    const pglite = new PGlite({
      dataDir: target.kind === 'embedded' ? target.dataDir : undefined,
      parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
    });
    try {
      await pglite.waitReady;
    } catch (error) {
      unlock();
      throw error;
    }
    kysely = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    // Scripts go through Kysely's single connection so they queue behind transactions.
    execScript = (script) =>
      kysely.connection().execute(async () => {
        await pglite.transaction((tx) => tx.exec(script));
      });
    bulk = (fn) =>
      kysely.connection().execute(() =>
        pglite.transaction((tx) =>
          fn({
            async query<R>(text: string, params?: unknown[]) {
              return (await tx.query<R>(text, params)).rows;
            },
            async copy(table, columns, rows) {
              await tx.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob([rows]) });
            },
            async copyBinary(table, columns, data) {
              await tx.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format binary)`, [], {
                blob: new Blob([data as Uint8Array<ArrayBuffer>]),
              });
            },
          }),
        ),
      );
    close = async () => {
      await kysely.destroy();
      await pglite.close();
      unlock();
    };
  }

  const locals = new Map<LocalKey<unknown>, unknown>();
  return {
    kind: target.kind === 'server' ? 'server' : 'embedded',
    kysely,
    tenant(partnershipId, fn) {
      if (!Number.isInteger(partnershipId) || partnershipId <= 0) {
        throw new Error(`tenant(): invalid partnership id ${String(partnershipId)}`);
      }
      return kysely.transaction().execute(async (trx) => {
        await sql`select set_config('app.partnership_id', ${String(partnershipId)}, true)`.execute(trx);
        await sql.raw(`set local role ${APP_ROLE}`).execute(trx);
        return fn(trx);
      });
    },
    system(fn) {
      return kysely.transaction().execute(fn);
    },
    execScript,
    bulk,
    local<T>(key: LocalKey<T>): T {
      if (!locals.has(key)) locals.set(key, key.create());
      return locals.get(key) as T;
    },
    async ping() {
      await sql`select 1`.execute(kysely);
    },
    close,
  };
}
