import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Database } from '../../src/platform/db/database.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface DatabaseSuite {
  /** The suite's fresh, migrated test database. */
  readonly db: Database;
  readonly testDatabase: TestDatabase;
  /** A scratch folder for the suite's files, removed afterwards. */
  readonly work: string;
}

/**
 * Registers before and after hooks in the current suite that make a fresh, migrated test database
 * and a scratch folder (named `scratch` and a random ending), and drop both afterwards. The object
 * returned works from the suite's own before hooks on.
 */
export function databaseSuite(scratch: string): DatabaseSuite {
  let testDatabase: TestDatabase | undefined;
  let work = '';
  before(async () => {
    testDatabase = await createTestDatabase();
    work = mkdtempSync(path.join(os.tmpdir(), scratch));
  });
  after(async () => {
    await testDatabase?.drop();
    rmSync(work, { recursive: true, force: true });
  });
  return {
    get db() {
      return testDatabase!.db;
    },
    get testDatabase() {
      return testDatabase!;
    },
    get work() {
      return work;
    },
  };
}
