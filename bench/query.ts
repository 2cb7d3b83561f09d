/**
 * Query benchmark: the explore page's queries over the national-scale database that bench/ingest.ts
 * leaves on the PostgreSQL server (safer_bench).
 *
 *   node --import tsx bench/query.ts [--queries 1000] [--database safer_bench]
 *
 * A partnership here is a synthetic district of about 100 neighbouring LSOAs of one force (added to
 * geo_lsoas once), as a real partnership is one or more districts of 60 to 150 LSOAs. Each query
 * asks for one partnership's counts, repeat locations or outcomes over a random range of 3 to 12
 * months, from crime_lsoa_months (crime_counts is its view of counts) and crime_force_counts, the
 * way the explore page and its completeness check do; times are for the query alone, measured from
 * this process. Target: p99 under 20 ms.
 */
import pg from 'pg';
import { forceAreas, lsoaCode, lsoaName, seededRandom } from '../src/features/crime-data/synthetic-street-data.ts';
import { args, BENCH_DATABASE, databaseUrl, DEFAULT_SERVER, fixed, int, percentile, positiveInt } from './lib.ts';

const options = args();
const queries = positiveInt(options.get('queries'), 1000, 'queries');
const database = options.get('database') ?? BENCH_DATABASE;
const url = databaseUrl(process.env['BENCH_DATABASE_URL'] ?? DEFAULT_SERVER, database);
const DISTRICT_SIZE = 100;

/**
 * The explore page's queries (src/features/explore/explore-repository.ts), each with what it is
 * given: a partnership's LSOAs, its district code or its force, a month range, and for some every
 * crime type (by name, or by crime_types.id as the explore page gives them). `target`: held to p99 under 20 ms.
 */
const QUERIES: Record<string, { sql: string; given: 'lsoas' | 'lsoas and types' | 'lsoas and type ids' | 'district' | 'force'; target: boolean }> = {
  'month x type': {
    sql: `select to_char(month, 'YYYY-MM') as month, crime_type, sum(crimes)::int as crimes
      from crime_counts
      where lsoa_code = any($1::text[]) and month >= $2::date and month <= $3::date
      group by month, crime_type order by month, crime_type`,
    given: 'lsoas',
    target: true,
  },
  // Not part of the target: the explore page's per-LSOA table, larger answers (about 1,000 rows).
  'month x LSOA x type': {
    sql: `select to_char(month, 'YYYY-MM') as month, lsoa_code, crime_type, sum(crimes)::int as crimes
      from crime_counts
      where lsoa_code = any($1::text[]) and month >= $2::date and month <= $3::date and crime_type = any($4::text[])
      group by month, lsoa_code, crime_type order by month, crime_type, lsoa_code`,
    given: 'lsoas and types',
    target: false,
  },
  'month x type, by district': {
    sql: `select to_char(c.month, 'YYYY-MM') as month, c.crime_type, sum(c.crimes)::int as crimes
      from crime_counts c join geo_lsoas g on g.code = c.lsoa_code
      where g.district_code = $1 and c.month >= $2::date and c.month <= $3::date
      group by c.month, c.crime_type order by month, c.crime_type`,
    given: 'district',
    target: true,
  },
  // The completeness check beside every chart: the forces covering the area, then their whole-force
  // counts for the months shown and 2 either side.
  'forces covering': {
    sql: `select distinct force from crime_lsoa_months
      where lsoa_code = any($1::text[]) and month >= $2::date and month <= $3::date order by force`,
    given: 'lsoas',
    target: true,
  },
  'force x month x type': {
    sql: `select force, to_char(month, 'YYYY-MM') as month, crime_type, sum(crimes)::int as crimes
      from crime_force_counts
      where force = any($1::text[]) and month >= $2::date - interval '2 months' and month <= $3::date + interval '2 months'
      group by force, month, crime_type`,
    given: 'force',
    target: true,
  },
  'repeat locations': {
    sql: `select value as location, lsoa_code, sum(crimes)::int as crimes from (
        select m.lsoa_code, u.value, u.crime_type, u.crimes
        from crime_lsoa_months m
        cross join lateral unnest(m.locations, m.location_types, m.location_crimes) as u (value, crime_type, crimes)
        where m.lsoa_code = any($1::text[]) and m.month >= $2::date and m.month <= $3::date and u.crime_type = any($4::smallint[])
      ) as l
      group by value, lsoa_code
      order by crimes desc, location, lsoa_code
      limit 10`,
    given: 'lsoas and type ids',
    target: true,
  },
  outcomes: {
    sql: `select outcome, sum(crimes)::int as crimes from (
        select case when u.crime_type = 1 then null else u.value end as outcome, u.crimes
        from crime_lsoa_months m
        cross join lateral unnest(m.outcomes, m.outcome_types, m.outcome_crimes) as u (value, crime_type, crimes)
        where m.lsoa_code = any($1::text[]) and m.month >= $2::date and m.month <= $3::date and u.crime_type = any($4::smallint[])
      ) as o
      group by outcome
      order by crimes desc, outcome nulls last`,
    given: 'lsoas and type ids',
    target: true,
  },
};

async function main(): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: Error) => {
    throw new Error(`Cannot reach ${database} (${error.message}). Load it first: npm run bench:ingest`);
  });
  try {
    const loaded = await client.query<{ rows: string; counts: string; months: string[] }>(
      `select (select count(*) from street_crimes) as rows, (select count(*) from crime_lsoa_months) as counts,
         (select array_agg(distinct to_char(month, 'YYYY-MM') order by to_char(month, 'YYYY-MM')) from police_files) as months`,
    );
    const { rows, counts, months } = loaded.rows[0]!;
    if (!months || Number(counts) === 0) throw new Error(`${database} has no crime counts. Load it first: npm run bench:ingest`);

    // The synthetic districts: runs of about 100 neighbouring LSOAs of each force, added to geo_lsoas.
    const districts: { code: string; force: string; lsoas: string[] }[] = [];
    const lsoaRows: string[] = [];
    for (const area of forceAreas()) {
      for (let first = 0; first < area.lsoas; first += DISTRICT_SIZE) {
        const district = { code: `E09${String(districts.length).padStart(6, '0')}`, force: area.force, lsoas: [] as string[] };
        for (let n = first; n < Math.min(area.lsoas, first + DISTRICT_SIZE); n++) {
          district.lsoas.push(lsoaCode(area, n));
          lsoaRows.push(lsoaCode(area, n), lsoaName(area, n), district.code);
        }
        districts.push(district);
      }
    }
    // In batches: a statement takes at most 65,535 parameters.
    for (let i = 0; i < lsoaRows.length; i += 3 * 5000) {
      const batch = lsoaRows.slice(i, i + 3 * 5000);
      const placeholders = Array.from({ length: batch.length / 3 }, (_, k) => `($${3 * k + 1}, $${3 * k + 2}, $${3 * k + 3})`).join(', ');
      await client.query(`insert into geo_lsoas (code, name, district_code) values ${placeholders} on conflict (code) do nothing`, batch);
    }
    await client.query('analyze crime_lsoa_months');
    await client.query('analyze geo_lsoas');

    const random = seededRandom(7);
    const crimeTypes = (await client.query<{ id: number; name: string }>('select id, name from crime_types')).rows;
    const types = crimeTypes.map((r) => r.name);
    const typeIds = crimeTypes.map((r) => r.id);
    console.log(`${database}: ${int(Number(rows))} street rows, ${int(Number(counts))} LSOA-month rows, ${months.length} months, ${districts.length} partnerships of about ${DISTRICT_SIZE} LSOAs`);
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
        const from = `${months[start]!}-01`;
        const to = `${months[Math.min(months.length - 1, start + span - 1)]!}-01`;
        const values = {
          lsoas: [district.lsoas, from, to],
          'lsoas and types': [district.lsoas, from, to, types],
          'lsoas and type ids': [district.lsoas, from, to, typeIds],
          district: [district.code, from, to],
          force: [[district.force], from, to],
        }[query.given];
        const t = performance.now();
        const result = await client.query(query.sql, values);
        const ms = performance.now() - t;
        if (i >= 50) {
          times.push(ms);
          resultRows += result.rowCount ?? 0;
        }
      }
      times.sort((a, b) => a - b);
      const p99 = percentile(times, 99);
      if (query.target) worstP99 = Math.max(worstP99, p99);
      console.log(
        `${name.padEnd(28)} ${fixed(percentile(times, 50)).padStart(7)} ${fixed(percentile(times, 95)).padStart(7)} ${fixed(p99).padStart(7)} ${fixed(times.at(-1)!).padStart(7)}  ${int(resultRows / times.length)}`,
      );
    }
    console.log(`\nTarget p99 < 20 ms for every query but month x LSOA x type: ${worstP99 < 20 ? 'met' : 'NOT met'} (worst p99 ${fixed(worstP99)} ms)`);
  } finally {
    await client.end();
  }
}

await main();
