/**
 * One measured run of bench/ingest.ts, in a process of its own so that its memory and CPU are its
 * own. Prints one line of JSON.
 *   import <folder>            Safer's import, as `safer import police-uk` runs it (settings from the
 *                              environment: SAFER_DATA_DIR for embedded, DATABASE_URL for a server)
 *   duckdb <folder> <db file>  DuckDB's typed read_csv into a table
 *   lines <folder>             reading every file and counting its lines: the floor
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { runPoliceImport } from '../src/features/crime-data/police-import-run.ts';
import { policeSources } from '../src/features/crime-data/police-sources.ts';

export interface ChildResult {
  rows: number;
  accepted: number;
  rejected: number;
  /** The measured work alone. */
  seconds: number;
  /** Including start-up (opening the database, migrations). */
  totalSeconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
}

const started = performance.now();

async function csvFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await csvFiles(full)));
    else if (entry.name.endsWith('.csv')) out.push(full);
  }
  return out.sort();
}

async function safer(folder: string): Promise<Omit<ChildResult, 'totalSeconds' | 'cpuSeconds' | 'maxRssBytes'>> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    await migrate(db);
    const set = await policeSources(folder);
    const t = performance.now();
    const summary = await runPoliceImport(db, {
      starter: { name: 'bench', actor: null, partnershipName: null },
      source: folder,
      open: async () => set,
    });
    return { rows: summary.rows, accepted: summary.accepted, rejected: summary.rejected, seconds: (performance.now() - t) / 1000 };
  } finally {
    await db.close();
  }
}

async function duckdb(folder: string, file: string): Promise<Omit<ChildResult, 'totalSeconds' | 'cpuSeconds' | 'maxRssBytes'>> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  const t = performance.now();
  // Explicit types, as Safer checks them: months as dates, coordinates as numbers. Lines that do not
  // fit are skipped (ignore_errors), as Safer rejects them.
  await connection.run(`create table street as select * from read_csv('${path.join(folder, '*', '*.csv').replaceAll("'", "''")}',
    header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ignore_errors = true, dateformat = '%Y-%m',
    columns = {
      'crime_id': 'VARCHAR', 'month': 'DATE', 'reported_by': 'VARCHAR', 'falls_within': 'VARCHAR',
      'longitude': 'DOUBLE', 'latitude': 'DOUBLE', 'location': 'VARCHAR', 'lsoa_code': 'VARCHAR', 'lsoa_name': 'VARCHAR',
      'crime_type': 'VARCHAR', 'outcome': 'VARCHAR', 'context': 'VARCHAR'
    })`);
  await connection.run('checkpoint');
  const seconds = (performance.now() - t) / 1000;
  const count = await connection.runAndReadAll('select count(*)::bigint from street');
  const accepted = Number(count.getRows()[0]![0]);
  connection.closeSync();
  instance.closeSync();
  return { rows: accepted, accepted, rejected: 0, seconds };
}

async function lines(folder: string): Promise<Omit<ChildResult, 'totalSeconds' | 'cpuSeconds' | 'maxRssBytes'>> {
  const t = performance.now();
  let count = 0;
  let files = 0;
  for (const file of await csvFiles(folder)) {
    files++;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) count++;
    }
  }
  // Data rows: every line but each file's header.
  return { rows: count - files, accepted: count - files, rejected: 0, seconds: (performance.now() - t) / 1000 };
}

const [mode, folder, extra] = process.argv.slice(2);
if (!folder || (mode !== 'import' && mode !== 'duckdb' && mode !== 'lines') || (mode === 'duckdb' && !extra)) {
  console.error('usage: ingest-child.ts import|duckdb|lines <folder> [duckdb file]');
  process.exit(2);
}
const result = mode === 'import' ? await safer(folder) : mode === 'duckdb' ? await duckdb(folder, extra!) : await lines(folder);
const usage = process.resourceUsage();
const out: ChildResult = {
  ...result,
  totalSeconds: (performance.now() - started) / 1000,
  cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
  maxRssBytes: usage.maxRSS * 1024,
};
console.log(JSON.stringify(out));
