import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import { migrate, MigrationError, readMigrations } from './migrate.ts';

describe(`migrations (${process.env['SAFER_TEST_DB'] ?? 'pglite'})`, () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(() => t.drop());

  test('running them again applies nothing', async () => {
    assert.deepEqual(await migrate(t.db), []);
    const applied = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(t.db.kysely);
    assert.deepEqual(
      applied.rows.map((r) => r.name),
      readMigrations().map((m) => m.name),
    );
  });

  test('a migration changed after it was applied is refused', async () => {
    const changed = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
    await assert.rejects(migrate(t.db, changed), MigrationError);
  });

  test('a failing migration is rolled back whole and named in the error', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'safer-migrations-'));
    writeFileSync(path.join(dir, '9001_half_done.sql'), 'create table half_done (id int);\nselect no_such_function();');
    const broken = [...readMigrations(), ...readMigrations(dir)];
    await assert.rejects(migrate(t.db, broken), /9001_half_done\.sql failed/);
    const exists = await sql<{ n: number }>`select count(*)::int as n from pg_tables where tablename = 'half_done'`.execute(t.db.kysely);
    assert.equal(exists.rows[0]!.n, 0);
  });
});
