import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Plain SQL files named NNNN_description.sql, applied in name order, forward only. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

export class MigrationError extends Error {}

/** Applies every migration not yet applied, each in its own transaction. Returns the names applied. */
export async function migrate(db: Database, migrations = readMigrations()): Promise<string[]> {
  await db.execScript(`create table if not exists schema_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  const applied = await db.kysely.selectFrom('schema_migrations').select(['name', 'checksum']).execute();
  const done = new Map(applied.map((r) => [r.name, r.checksum]));
  for (const [name, checksum] of done) {
    const known = migrations.find((m) => m.name === name);
    if (known && known.checksum !== checksum) {
      throw new MigrationError(`Migration ${name} was changed after it was applied; add a new migration instead`);
    }
  }
  const ran: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    try {
      await db.execScript(
        `select pg_advisory_xact_lock(725301);\n${m.sql}\n;` +
          `insert into schema_migrations (name, checksum) values ('${m.name}', '${m.checksum}');`,
      );
    } catch (error) {
      throw new MigrationError(`Migration ${m.name} failed and was rolled back: ${(error as Error).message}`);
    }
    ran.push(m.name);
  }
  return ran;
}
