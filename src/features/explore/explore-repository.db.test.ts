import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
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

  test('repeat locations are the locations with the most rows', async () => {
    const found = await t.db.system((trx) => repeatLocations(trx, filter, 15));
    const expected = await fromRows(
      'c.location, c.lsoa_code, count(*)::int as crimes',
      'c.location, c.lsoa_code having c.location is not null',
      'crimes desc, location, lsoa_code limit 15',
    );
    assert.equal(found.length, 15);
    assert.deepEqual(found, expected);
  });

  test('outcomes are the rows by last outcome, anti-social behaviour having none', async () => {
    const found = await t.db.system((trx) => outcomeCounts(trx, filter));
    const expected = await fromRows(
      "case when c.crime_type = 'Anti-social behaviour' then null else c.outcome end as outcome, count(*)::int as crimes",
      '1',
      'crimes desc, outcome nulls last',
    );
    assert.ok(found.length > 3);
    assert.deepEqual(found, expected);
  });

  test('counts by month, LSOA and crime type are the rows counted', async () => {
    const found = await t.db.system((trx) => countsByMonthLsoaType(trx, filter));
    const expected = await fromRows(
      "to_char(f.month, 'YYYY-MM') as month, c.lsoa_code, c.crime_type, count(*)::int as crimes",
      'f.month, c.lsoa_code, c.crime_type',
      'month, crime_type, lsoa_code',
    );
    assert.ok(found.length > 100);
    assert.deepEqual(found, expected);
  });
});
