/**
 * Performance framework benchmark: the demo partnership's indicators and its quarterly report.
 *
 *   node --import tsx bench/performance.ts [--runs 5] [--period 2019-Q1]
 *
 * Loads the demo partnership (the Kent police.uk months, its plan, actions and indicators) into a
 * fresh embedded database and, when DATABASE_URL is set, into a fresh database on that PostgreSQL
 * server too (created beside the one it names, and dropped afterwards). Then it times, as the
 * median of --runs runs after one to warm up:
 *   - computing every indicator of the partnership: each one's series from its source
 *     (loadIndicatorsWithSeries) and its SPC analysis (computeSpc);
 *   - rendering the full quarterly performance report as HTML, DOCX and PDF, and the public one
 *     as PDF (the service call a download makes: read, analyse, draw, audit).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { operatorActor } from '../src/features/audit/events.ts';
import { demoPartnership } from '../src/features/demo/demo-data.ts';
import { loadDemo } from '../src/features/demo/demo-loader.ts';
import { loadIndicatorsWithSeries } from '../src/features/indicators/indicator-series.ts';
import { findPartnershipBySlug } from '../src/features/partnerships/partnership-repository.ts';
import { indicatorResult } from '../src/features/performance/performance-model.ts';
import { createPerformanceService } from '../src/features/performance/performance-service.ts';
import { parseQuarter, type Quarter } from '../src/features/performance/quarters.ts';
import { computeSpc } from '../src/features/statistics/spc.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { args, databaseUrl, fixed, int, positiveInt } from './lib.ts';

const options = args();
const runs = positiveInt(options.get('runs'), 5, 'runs');
const quarter: Quarter | null = parseQuarter(options.get('period') ?? '2019-Q1');
if (!quarter) throw new Error('--period: give a calendar quarter like 2019-Q1');

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The median time of `fn` over the runs, in milliseconds, after one run to warm up. */
async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

interface Result {
  target: string;
  loadSeconds: number;
  indicators: number;
  points: number;
  timings: [label: string, ms: number][];
}

async function measure(target: string, db: Database): Promise<Result> {
  const config = loadConfig({
    NODE_ENV: 'test',
    SAFER_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'safer-bench-')),
    SAFER_SECRET_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
  });
  const loadStarted = performance.now();
  await loadDemo(db, config);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const partnership = await db.system((trx) => findPartnershipBySlug(trx, demoPartnership.slug));
  if (!partnership) throw new Error('the demo partnership did not load');
  const pid = partnership.id;
  const actor = operatorActor(pid, 'Safer benchmark');
  const service = createPerformanceService({ db });

  const computeAll = () =>
    db.tenant(pid, async (trx) => {
      const indicators = await loadIndicatorsWithSeries(trx, pid, {});
      return indicators.map((i) => indicatorResult(i, quarter!, computeSpc));
    });
  const sample = await computeAll();
  const timings: [string, number][] = [[`compute all ${sample.length} indicators (series + SPC)`, await time(computeAll)]];
  for (const format of ['html', 'docx', 'pdf'] as const) {
    timings.push([
      `report, full, ${format.toUpperCase()}`,
      await time(() => service.report(actor, { quarter: quarter!, version: 'full', format })),
    ]);
  }
  timings.push(['report, public, PDF', await time(() => service.report(actor, { quarter: quarter!, version: 'public', format: 'pdf' }))]);
  return { target, loadSeconds, indicators: sample.length, points: sample.reduce((n, i) => n + i.points.length, 0), timings };
}

async function onServer(serverUrl: string): Promise<Result> {
  const name = `safer_bench_performance_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const db = await openDatabase({ kind: 'server', url: databaseUrl(serverUrl, name) });
  try {
    await migrate(db);
    return await measure('PostgreSQL server', db);
  } finally {
    await db.close();
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  }
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const embedded = await openDatabase({ kind: 'embedded-memory' });
  try {
    await migrate(embedded);
    results.push(await measure('embedded (PGlite)', embedded));
  } finally {
    await embedded.close();
  }
  const server = process.env['DATABASE_URL'];
  if (server) results.push(await onServer(server));
  else console.log('DATABASE_URL is not set: the embedded database only.');

  const first = results[0]!;
  console.log(
    `\nThe demo partnership: ${first.indicators} indicators, ` +
      `${int(first.points)} points up to the end of ${options.get('period') ?? '2019-Q1'}; median of ${runs} runs, milliseconds:`,
  );
  const width = Math.max(...first.timings.map(([label]) => label.length), 'load the demo partnership (seconds)'.length);
  console.log(`${''.padEnd(width)}  ${results.map((r) => r.target.padStart(18)).join('  ')}`);
  console.log(
    `${'load the demo partnership (seconds)'.padEnd(width)}  ${results.map((r) => fixed(r.loadSeconds).padStart(18)).join('  ')}`,
  );
  first.timings.forEach(([label], i) => {
    console.log(`${label.padEnd(width)}  ${results.map((r) => fixed(r.timings[i]![1]).padStart(18)).join('  ')}`);
  });
}

await main();
