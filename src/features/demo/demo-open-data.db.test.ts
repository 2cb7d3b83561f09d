import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import { KENT_POLICE_DISTRICTS } from './demo-constants.ts';
import { DEMO_OPEN_DATA_DIR, loadDemoOpenData, type DemoOpenDataResult } from './demo-open-data.ts';

describe(`the demo's open data (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let t: TestDatabase;
  let first: DemoOpenDataResult;

  const count = async (text: string): Promise<number> => {
    const rows = await t.db.bulk((s) => s.query<{ n: number }>(text));
    return rows[0]!.n;
  };

  before(async () => {
    t = await createTestDatabase();
    first = await loadDemoOpenData(t.db, DEMO_OPEN_DATA_DIR);
  });
  after(() => t.drop());

  test('the first load brings the Kent Police area geography and the five police.uk months', async () => {
    assert.ok(first.geography);
    assert.deepEqual(first.geography.districts, [...KENT_POLICE_DISTRICTS]);
    assert.equal(await count('select count(*)::int as n from geo_lsoas'), 1065);
    assert.equal(await count('select count(distinct district_code)::int as n from geo_lsoas'), 13);
    assert.equal(
      await count('select count(*)::int as n from geo_lsoas where ward_code is null or population is null or boundary is null'),
      0,
    );
    assert.equal(await count("select sum(population)::int as n from geo_lsoas where district_code = 'E07000110'"), 171826);
    assert.ok(first.police);
    assert.equal(first.police.files.length, 5);
    assert.equal(first.police.rows, 75735);
    assert.equal(await count("select count(*)::int as n from police_files where kind = 'street' and force = 'kent'"), 5);
    assert.equal(await count("select count(*)::int as n from police_imports where status = 'completed'"), 1);
  });

  test('a second load reads nothing and changes nothing', async () => {
    const again = await loadDemoOpenData(t.db, DEMO_OPEN_DATA_DIR);
    assert.equal(again.geography, null);
    assert.equal(again.police, null);
    assert.equal(await count('select count(*)::int as n from police_imports'), 1, 'no new import run');
  });

  test('only what is missing is loaded again', async () => {
    await t.db.bulk(async (s) => {
      await s.query("delete from police_files where month = '2019-02-01'");
      await s.query("update geo_lsoas set ward_code = null where code = 'E01024320'");
    });
    const repair = await loadDemoOpenData(t.db, DEMO_OPEN_DATA_DIR);
    assert.equal(repair.police?.files.length, 1);
    assert.equal(repair.police?.files[0]?.month, '2019-02');
    assert.ok(repair.geography);
    assert.equal(repair.geography.wards.changed, 1);
    assert.equal(
      repair.geography.files.reduce((n, f) => n + f.inserted + f.updated, 0),
      0,
      'the files themselves had nothing new',
    );
    assert.equal(await count('select count(*)::int as n from geo_lsoas where ward_code is null'), 0);
    assert.equal(await count("select count(*)::int as n from police_files where kind = 'street'"), 5);
  });

  test('without an open-data folder it does nothing', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'safer-no-open-data-'));
    rmSync(empty, { recursive: true });
    assert.deepEqual({ ...(await loadDemoOpenData(t.db, empty)), seconds: 0 }, { geography: null, police: null, seconds: 0 });
  });
});
