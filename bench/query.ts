/**
 * Query benchmark: the explore page's queries over the national-scale database that bench/ingest.ts
 * leaves on the PostgreSQL server (safer_bench).
 *
 *   node --import tsx bench/query.ts [--queries 1000] [--database safer_bench]
 *
 * A partnership here is a synthetic district of about 100 neighbouring LSOAs of one force, as a
 * real partnership is one or more districts of 60 to 150 LSOAs. Each query
 * asks for one partnership's counts, repeat locations or outcomes over a random range of 3 to 12
 * months by calling the application's own query functions (explore-repository.ts, and the indicator
 * series' counts), each in a transaction of its own as the application runs them; times are for
 * the call, measured from this process. Target: p99 under 20 ms.
 */
import { CRIME_TYPES } from '../src/features/crime-data/police-uk-format.ts';
import { forceAreas, lsoaCode, seededRandom } from '../src/features/crime-data/synthetic-street-data.ts';
import { openDatabase, type Trx } from '../src/platform/db/database.ts';
import { crimesByMonthAndType } from '../src/features/indicators/indicator-source-repository.ts';
import {
  countsByMonthLsoaType,
  forceCounts,
  forcesCovering,
  outcomeCounts,
  repeatLocations,
} from '../src/features/explore/explore-repository.ts';
import { REPEAT_LOCATIONS } from '../src/features/explore/explore-service.ts';
import { args, BENCH_DATABASE, databaseUrl, DEFAULT_SERVER, fixed, int, percentile, positiveInt } from './lib.ts';

const options = args();
const queries = positiveInt(options.get('queries'), 1000, 'queries');
const database = options.get('database') ?? BENCH_DATABASE;
const url = databaseUrl(process.env['BENCH_DATABASE_URL'] ?? DEFAULT_SERVER, database);
const DISTRICT_SIZE = 100;

/** One partnership's question: its LSOAs and force, a range of months ('YYYY-MM') and every crime type. */
interface Asked {
  lsoas: string[];
  force: string;
  from: string;
  to: string;
  /** The months either side of the range, as the completeness check reads them. */
  before: string;
  after: string;
  types: string[];
}

/** The queries, as the explore page and the indicator series call them. `target`: held to p99 under 20 ms. */
const QUERIES: Record<string, { run: (trx: Trx, q: Asked) => Promise<unknown[]>; target: boolean }> = {
  'month x type': {
    run: (trx, q) => crimesByMonthAndType(trx, { lsoaCodes: q.lsoas, types: q.types, from: q.from, to: q.to }),
    target: true,
  },
  // Not part of the target: the explore page's per-LSOA table, larger answers (about 1,000 rows).
  'month x LSOA x type': {
    run: (trx, q) => countsByMonthLsoaType(trx, { lsoaCodes: q.lsoas, from: q.from, to: q.to, types: q.types }),
    target: false,
  },
  // The completeness check beside every chart: the forces covering the area, then their whole-force
  // counts for the months shown and 2 either side.
  'forces covering': { run: (trx, q) => forcesCovering(trx, { lsoaCodes: q.lsoas, from: q.from, to: q.to }), target: true },
  'force x month x type': { run: (trx, q) => forceCounts(trx, [q.force], q.before, q.after), target: true },
  'repeat locations': {
    run: (trx, q) => repeatLocations(trx, { lsoaCodes: q.lsoas, from: q.from, to: q.to, types: q.types }, REPEAT_LOCATIONS),
    target: true,
  },
  outcomes: { run: (trx, q) => outcomeCounts(trx, { lsoaCodes: q.lsoas, from: q.from, to: q.to, types: q.types }), target: true },
};

async function main(): Promise<void> {
  const db = await openDatabase({ kind: 'server', url }).catch((error: Error) => {
    throw new Error(`Cannot reach ${database} (${error.message}). Load it first: npm run bench:ingest`);
  });
  try {
    const [loaded] = await db.bulk((session) =>
      session.query<{ rows: string; counts: string; months: string[] | null }>(
        `select (select count(*) from street_crimes) as rows, (select count(*) from crime_lsoa_months) as counts,
           (select array_agg(distinct to_char(month, 'YYYY-MM') order by to_char(month, 'YYYY-MM')) from police_files) as months`,
      ),
    );
    const { rows, counts, months } = loaded!;
    if (!months || Number(counts) === 0) throw new Error(`${database} has no crime counts. Load it first: npm run bench:ingest`);

    // The synthetic partnerships: runs of about 100 neighbouring LSOAs of each force.
    const districts: { force: string; lsoas: string[] }[] = [];
    for (const area of forceAreas()) {
      for (let first = 0; first < area.lsoas; first += DISTRICT_SIZE) {
        const lsoas: string[] = [];
        for (let n = first; n < Math.min(area.lsoas, first + DISTRICT_SIZE); n++) lsoas.push(lsoaCode(area, n));
        districts.push({ force: area.force, lsoas });
      }
    }
    await db.bulk((session) => session.query('analyze crime_lsoa_months'));

    const random = seededRandom(7);
    const types = [...CRIME_TYPES];
    console.log(
      `${database}: ${int(Number(rows))} street rows, ${int(Number(counts))} LSOA-month rows, ${months.length} months, ` +
        `${districts.length} partnerships of about ${DISTRICT_SIZE} LSOAs`,
    );
    console.log(`${int(queries)} queries of each kind, after 50 to warm up; milliseconds:`);
    console.log(`${'query'.padEnd(28)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}  rows (mean)`);
    let worstP99 = 0;
    for (const [name, query] of Object.entries(QUERIES)) {
      const times: number[] = [];
      let resultRows = 0;
      for (let i = 0; i < queries + 50; i++) {
        const district = districts[Math.floor(random() * districts.length)]!;
        const span = 3 + Math.floor(random() * 10);
        const start = Math.floor(random() * Math.max(1, months.length - span + 1));
        const end = Math.min(months.length - 1, start + span - 1);
        const asked: Asked = {
          lsoas: district.lsoas,
          force: district.force,
          from: months[start]!,
          to: months[end]!,
          before: months[Math.max(0, start - 2)]!,
          after: months[Math.min(months.length - 1, end + 2)]!,
          types,
        };
        const t = performance.now();
        const result = await db.system((trx) => query.run(trx, asked));
        const ms = performance.now() - t;
        if (i >= 50) {
          times.push(ms);
          resultRows += result.length;
        }
      }
      times.sort((a, b) => a - b);
      const p99 = percentile(times, 99);
      if (query.target) worstP99 = Math.max(worstP99, p99);
      console.log(
        `${name.padEnd(28)} ` +
          [percentile(times, 50), percentile(times, 95), p99, times.at(-1)!].map((t) => fixed(t).padStart(7)).join(' ') +
          `  ${int(resultRows / times.length)}`,
      );
    }
    console.log(
      '\nTarget p99 < 20 ms for every query but month x LSOA x type: ' +
        `${worstP99 < 20 ? 'met' : 'NOT met'} (worst p99 ${fixed(worstP99)} ms)`,
    );
  } finally {
    await db.close();
  }
}

await main();
