/**
 * Ingest benchmark: Safer's police.uk import against DuckDB and a bare line count, on the same
 * synthetic national-scale archive, in one run.
 *
 *   node --import tsx bench/ingest.ts [--rows 6000000] [--months 12] [--forces 43] [--only embedded,server]
 *
 * It writes an archive in the exact police.uk bulk-download format to a temporary folder
 * (YYYY-MM/YYYY-MM-<force>-street.csv: about a quarter anti-social behaviour with blank Crime IDs,
 * some rows without a location, some quoted fields, a few malformed lines), then measures, each in a
 * child process of its own:
 *   - a line count of every file (the floor: reading the bytes, nothing else)
 *   - DuckDB's read_csv with explicit column types into a table (file-backed, default threads), before
 *     and after Safer's runs; the faster of the two is the ceiling the ratios are taken against
 *   - Safer's import end to end (parse, check, load, counts, indexes), embedded (PGlite in a
 *     file-backed temporary folder) and on a PostgreSQL server (BENCH_DATABASE_URL, default the
 *     dev server; a fresh database safer_bench, left loaded for bench/query.ts)
 *   - Safer's peak resident memory on a quarter of the input (the first quarter of the months) and on
 *     all of it: it should not grow with the input.
 * Rates are input rows per second of the measured work. Targets: server >= 0.25 x DuckDB, embedded
 * >= 0.07 x DuckDB, memory flat.
 */
import { spawn } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { writeSyntheticArchive } from '../src/features/crime-data/synthetic-street-data.ts';
import type { ChildResult } from './ingest-child.ts';
import { args, BENCH_DATABASE, databaseUrl, DEFAULT_SERVER, fixed, int, megabytes, positiveInt, processStats } from './lib.ts';

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const options = args();
const rows = positiveInt(options.get('rows'), 6_000_000, 'rows');
const months = positiveInt(options.get('months'), 12, 'months');
const forces = positiveInt(options.get('forces'), 43, 'forces');
const only = new Set((options.get('only') ?? 'lines,duckdb,embedded,server').split(','));
const serverUrl = process.env['BENCH_DATABASE_URL'] ?? DEFAULT_SERVER;
const keep = options.has('keep');

interface Measured extends ChildResult {
  name: string;
  input: number;
  /** Peak RSS sampled from outside, for comparison with what the child reports. */
  sampledPeakRss: number;
  serverCpuSeconds?: number;
}

/** The PostgreSQL backends serving one database, and the most CPU each was seen to use. */
function watchBackends(database: string): { stop(): Promise<number> } {
  const client = new pg.Client({ connectionString: serverUrl });
  const seen = new Map<number, number>();
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const r = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
      for (const { pid } of r.rows) {
        const stats = processStats(pid);
        if (stats) seen.set(pid, Math.max(seen.get(pid) ?? 0, stats.cpuSeconds));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return [...seen.values()].reduce((a, b) => a + b, 0);
    },
  };
}

function child(name: string, input: number, argv: string[], env: Record<string, string>): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'ingest-child.ts'), ...argv], {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let sampledPeakRss = 0;
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setInterval(() => {
      const stats = processStats(proc.pid!);
      if (stats) sampledPeakRss = Math.max(sampledPeakRss, stats.peakRss);
    }, 100);
    proc.on('error', reject);
    proc.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`${name} failed (exit ${code}):\n${out}`));
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult;
      resolve({ ...result, name, input, sampledPeakRss });
    });
  });
}

async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return databaseUrl(serverUrl, name);
}

async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

const secretKey = Buffer.alloc(32, 9).toString('base64');

async function embedded(name: string, input: number, folder: string, work: string): Promise<Measured> {
  const dataDir = mkdtempSync(path.join(work, 'embedded-'));
  try {
    return await child(name, input, ['import', folder], { SAFER_DATA_DIR: dataDir, SAFER_SECRET_KEY: secretKey, SAFER_DEMO: 'false' });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function server(name: string, input: number, folder: string, database: string): Promise<Measured> {
  const url = await freshDatabase(database);
  const backends = watchBackends(database);
  try {
    const result = await child(name, input, ['import', folder], { DATABASE_URL: url, SAFER_SECRET_KEY: secretKey });
    return { ...result, serverCpuSeconds: await backends.stop() };
  } catch (error) {
    await backends.stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'safer-bench-'));
  const full = path.join(work, 'archive');
  try {
    console.log(`Writing ${int(rows)} street rows (${months} months x ${forces} forces) to ${full} ...`);
    let t = performance.now();
    const archive = writeSyntheticArchive(full, { rows, months, forces, malformedEvery: 250_000 });
    const malformed = archive.files.reduce((n, f) => n + f.malformed.length, 0);
    console.log(
      `  ${archive.files.length} files, ${megabytes(archive.bytes)}, ${malformed} malformed lines, ` +
        `in ${fixed((performance.now() - t) / 1000)}s`,
    );

    // The first quarter of the months, as hard links: the same files, a quarter of the input.
    const quarter = path.join(work, 'quarter');
    const quarterMonths = readdirSync(full)
      .sort()
      .slice(0, Math.max(1, Math.round(months / 4)));
    let quarterRows = 0;
    for (const month of quarterMonths) {
      mkdirSync(path.join(quarter, month), { recursive: true });
      for (const file of readdirSync(path.join(full, month))) linkSync(path.join(full, month, file), path.join(quarter, month, file));
    }
    for (const f of archive.files) if (quarterMonths.includes(f.month)) quarterRows += f.rows;

    const results: Measured[] = [];
    const run = async (label: string, fn: () => Promise<Measured>) => {
      t = performance.now();
      process.stdout.write(`Measuring ${label} (load average ${os.loadavg()[0]!.toFixed(1)}) ...`);
      const m = await fn();
      results.push(m);
      console.log(` ${fixed(m.seconds)}s (${int(m.input / m.seconds)} rows/s)`);
      return m;
    };
    if (only.has('lines')) await run('line count', () => child('line count (floor)', rows, ['lines', full], {}));
    const duckdb = async (name: string) => {
      const duckFile = path.join(work, 'duck.db');
      await run('DuckDB', () => child(name, rows, ['duckdb', full, duckFile], {}));
      rmSync(duckFile, { force: true });
    };
    if (only.has('duckdb')) await duckdb('DuckDB read_csv, typed');
    let memory: { embedded?: [Measured, Measured]; server?: [Measured, Measured] } = {};
    if (only.has('embedded')) {
      const q = await run('Safer embedded, quarter input', () => embedded('Safer embedded, 1/4 input', quarterRows, quarter, work));
      const f = await run('Safer embedded', () => embedded('Safer embedded (PGlite)', rows, full, work));
      memory = { ...memory, embedded: [q, f] };
    }
    if (only.has('server')) {
      const q = await run('Safer server, quarter input', () =>
        server('Safer server, 1/4 input', quarterRows, quarter, `${BENCH_DATABASE}_quarter`),
      );
      await dropDatabase(`${BENCH_DATABASE}_quarter`);
      const f = await run('Safer server', () => server('Safer server (PostgreSQL)', rows, full, BENCH_DATABASE));
      memory = { ...memory, server: [q, f] };
    }

    // DuckDB again after Safer, and the faster of the two is the ceiling: on a shared machine, load
    // that slowed one DuckDB run would otherwise flatter Safer's ratios.
    if (only.has('duckdb') && (only.has('embedded') || only.has('server'))) await duckdb('DuckDB read_csv, typed, again');
    const rate = (m: Measured) => m.input / m.seconds;
    const duck = results.filter((r) => r.name.startsWith('DuckDB')).sort((a, b) => rate(b) - rate(a))[0];
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    console.log(
      `\nInput: ${int(rows)} rows in ${archive.files.length} files, ${megabytes(archive.bytes)}; ` +
        `machine: ${os.cpus().length} cores, load average ${load}`,
    );
    const header = ['', 'rows/s', 'x DuckDB', 'seconds', 'CPU s', 'peak RSS', 'rows loaded', 'rejected'];
    const table = results.map((m) => [
      m.name,
      int(rate(m)),
      duck ? fixed(rate(m) / rate(duck)) : '-',
      fixed(m.seconds),
      m.serverCpuSeconds === undefined ? fixed(m.cpuSeconds) : `${fixed(m.cpuSeconds)} + ${fixed(m.serverCpuSeconds)} server`,
      megabytes(Math.max(m.maxRssBytes, m.sampledPeakRss)),
      int(m.accepted),
      int(m.rejected),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
    for (const row of [header, ...table])
      console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));

    console.log('\nTargets:');
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    for (const [label, target, m] of [
      ['server', 0.25, memory.server?.[1]],
      ['embedded', 0.07, memory.embedded?.[1]],
    ] as const) {
      if (m && duck)
        console.log(`  ${label} >= ${target} x DuckDB: ${fixed(rate(m) / rate(duck))} x, ${verdict(rate(m) / rate(duck) >= target)}`);
    }
    for (const [label, pair] of Object.entries(memory)) {
      if (!pair) continue;
      const [q, f] = pair.map((m) => Math.max(m.maxRssBytes, m.sampledPeakRss)) as [number, number];
      console.log(
        `  ${label} memory flat: peak RSS ${megabytes(q)} at 1/4 input, ` +
          `${megabytes(f)} at full input (x ${fixed(f / q)}), ${verdict(f / q <= 1.5)}`,
      );
    }
    if (only.has('server')) console.log(`\nThe server database ${BENCH_DATABASE} is left loaded for: npm run bench:query`);
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
    else console.log(`Kept ${work}`);
  }
}

await main();
