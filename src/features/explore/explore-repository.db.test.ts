import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import type { Trx } from '../../platform/db/database.ts';
import { importKentStreetFiles, loadMaidstoneGeography } from './explore-fixtures.ts';
import { countsByMonthLsoaType, outcomeCounts, repeatLocations, type CountFilter } from './explore-repository.ts';

/**
 * The explore queries read crime_lsoa_months, made at import; each must give what the stored street
 * rows themselves add up to.
 */
describe(`explore queries against the stored rows (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let t: TestDatabase;
  let filter: CountFilter;

  before(async () => {
    t = await createTestDatabase();
    await loadMaidstoneGeography(t.db);
    await importKentStreetFiles(t.db);
    const lsoas = await t.db.bulk((s) =>
      s.query<{ code: string }>("select code from geo_lsoas where district_code = 'E07000110' order by code"),
    );
    filter = {
      lsoaCodes: lsoas.map((r) => r.code),
      from: '2018-11',
      to: '2019-01',
      types: ['Anti-social behaviour', 'Burglary', 'Violence and sexual offences'],
    };
  });
  after(async () => {
    await t.drop();
  });

  /** The rows of street_crimes for the filter, as `select <what> ... group by <groups>`. */
  const fromRows = <Row>(what: string, groups: string, order: string) =>
    t.db.bulk((s) =>
      s.query<Row>(
        `select ${what} from street_crimes c join police_files f on f.id = c.file_id
         where c.lsoa_code = any($1::text[]) and f.month >= $2::date and f.month <= $3::date and c.crime_type = any($4::text[])
         group by ${groups} order by ${order}`,
        [filter.lsoaCodes, `${filter.from}-01`, `${filter.to}-01`, filter.types],
      ),
    );

  const cases: {
    name: string;
    query: (trx: Trx, filter: CountFilter) => Promise<unknown[]>;
    sql: [what: string, groups: string, order: string];
    rows: (n: number) => boolean;
  }[] = [
    {
      name: 'repeat locations are the locations with the most rows',
      query: (trx, f) => repeatLocations(trx, f, 15),
      sql: [
        'c.location, c.lsoa_code, count(*)::int as crimes',
        'c.location, c.lsoa_code having c.location is not null',
        'crimes desc, location, lsoa_code limit 15',
      ],
      rows: (n) => n === 15,
    },
    {
      name: 'outcomes are the rows by last outcome, anti-social behaviour having none',
      query: outcomeCounts,
      sql: [
        "case when c.crime_type = 'Anti-social behaviour' then null else c.outcome end as outcome, count(*)::int as crimes",
        '1',
        'crimes desc, outcome nulls last',
      ],
      rows: (n) => n > 3,
    },
    {
      name: 'counts by month, LSOA and crime type are the rows counted',
      query: countsByMonthLsoaType,
      sql: [
        "to_char(f.month, 'YYYY-MM') as month, c.lsoa_code, c.crime_type, count(*)::int as crimes",
        'f.month, c.lsoa_code, c.crime_type',
        'month, crime_type, lsoa_code',
      ],
      rows: (n) => n > 100,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const found = await t.db.system((trx) => c.query(trx, filter));
      assert.ok(c.rows(found.length), `${found.length} rows`);
      assert.deepEqual(found, await fromRows(...c.sql));
    });
  }
});
