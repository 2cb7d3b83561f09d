import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';

/**
 * A fresh, migrated database for one test file. SAFER_TEST_DB=postgres uses a new database on the
 * server at TEST_DATABASE_URL (dropped afterwards); anything else, an in-memory embedded one.
 */
export interface TestDatabase {
  db: Database;
  kind: 'embedded' | 'server';
  /** A connection string for the server database, to connect as other roles in tests. */
  url?: string;
  drop(): Promise<void>;
}

export const testingOnServer = (): boolean => process.env['SAFER_TEST_DB'] === 'postgres';

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrate ?? true;
  if (!testingOnServer()) {
    const db = await openDatabase({ kind: 'embedded-memory' });
    if (migrated) await migrate(db);
    return { db, kind: 'embedded', drop: () => db.close() };
  }
  const adminUrl = process.env['TEST_DATABASE_URL'];
  if (!adminUrl) throw new Error('SAFER_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `safer_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'server', url: url.toString() });
  if (migrated) await migrate(db);
  return {
    db,
    kind: 'server',
    url: url.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
