import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import { checkCompleteness, type CountRow } from './completeness.ts';
import { importKentStreetFiles } from './explore-fixtures.ts';
import { forceCounts, loadedForceMonths } from './explore-repository.ts';

const VIOLENCE = 'Violence and sexual offences';
const ASB = 'Anti-social behaviour';

describe(`the completeness check on the real Kent files (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let database: TestDatabase;
  let counts: CountRow[];

  before(async () => {
    database = await createTestDatabase();
    await importKentStreetFiles(database.db);
    // As the application reads them: as the application role (the tables are shared, so any partnership id will do).
    counts = await database.db.tenant(1, (trx) => forceCounts(trx, ['kent'], '2018-01', '2019-12'));
  });
  after(() => database.drop());

  const total = (crimeType: string) =>
    Object.fromEntries(
      counts
        .filter((c) => c.crimeType === crimeType)
        .sort((a, b) => (a.month < b.month ? -1 : 1))
        .map((c) => [c.month, c.crimes]),
    );

  test('the counts are Kent’s published totals', () => {
    assert.deepEqual(total(VIOLENCE), { '2018-10': 7699, '2018-11': 5037, '2018-12': 2484, '2019-01': 7133, '2019-02': 5905 });
    const asb = Object.values(total(ASB));
    assert.equal(asb.length, 5);
    assert.ok(
      asb.every((n) => n >= 2000 && n <= 2400),
      asb.join(', '),
    );
    assert.equal(
      counts.reduce((n, c) => n + c.crimes, 0),
      75_735,
    );
  });

  test('flags violence in November and December 2018, and never anti-social behaviour', () => {
    const result = checkCompleteness(counts);
    const violence = result.low.filter((f) => f.crimeType === VIOLENCE).map((f) => f.month);
    assert.deepEqual(violence, ['2018-11', '2018-12']);
    assert.deepEqual(
      result.low.filter((f) => f.crimeType === ASB),
      [],
    );
    assert.deepEqual(result.missing, []);
  });

  test('the loaded months come from the files with rows', async () => {
    const loaded = await database.db.system((trx) => loadedForceMonths(trx, ['kent']));
    assert.deepEqual(
      loaded.map((m) => m.month),
      ['2018-10', '2018-11', '2018-12', '2019-01', '2019-02'],
    );
  });
});
