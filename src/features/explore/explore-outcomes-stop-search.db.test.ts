import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import { operatorActor, type Actor } from '../audit/events.ts';
import { importPath } from '../crime-data/police-import-fixtures.ts';
import { insertPartnership } from '../partnerships/partnership-repository.ts';
import { importSyntheticOtherFiles, KENT_STREET_FILES, loadMaidstoneGeography, MAIDSTONE } from './explore-fixtures.ts';
import { createExploreService } from './explore-service.ts';

/**
 * The explore queries for outcomes files (pre-aggregated by LSOA and outcome type) and stop-and-search
 * files (pre-aggregated by place, placed in the area by its LSOA boundaries), on the database itself,
 * as the application role: the synthetic 2018-10 and 2018-11 files (crime-data/fixtures/police-uk)
 * beside the real Kent street file for 2018-10.
 */
describe(`explore: outcomes and stop and search (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let t: TestDatabase;
  let actor: Actor;
  let explore: ReturnType<typeof createExploreService>;

  before(async () => {
    t = await createTestDatabase();
    await loadMaidstoneGeography(t.db);
    await importPath(t.db, path.join(KENT_STREET_FILES, '2018-10'));
    await importSyntheticOtherFiles(t.db);
    const partnershipId = await t.db.system((trx) =>
      insertPartnership(trx, { slug: 'maidstone', name: 'Maidstone test', districtCodes: [MAIDSTONE] }),
    );
    actor = operatorActor(partnershipId, 'test');
    explore = createExploreService({ db: t.db });
  });
  after(() => t.drop());

  const every = (from: string, to: string, area: 'all' | { kind: 'lsoa'; code: string } = 'all') => ({
    area: area === 'all' ? ({ kind: 'all' } as const) : area,
    from,
    to,
    types: ['Burglary'],
  });

  test('outcomes recorded in the month, by outcome type, only in the area’s LSOAs', async () => {
    const page = await explore.page(actor, every('2018-10', '2018-10'));
    assert.deepEqual(page.outcomeTypes, [
      { outcomeType: 'Investigation complete; no suspect identified', outcomes: 6 },
      { outcomeType: 'Unable to prosecute suspect', outcomes: 4 },
      { outcomeType: 'Offender given a caution', outcomes: 2 },
      { outcomeType: 'Suspect charged', outcomes: 2 },
      { outcomeType: 'Offender given a penalty notice', outcomes: 1 },
    ]);
    assert.deepEqual(page.notLoaded, { outcomes: [], stopSearch: [] });
    const download = await explore.outcomesDownload(actor, every('2018-10', '2018-10'));
    assert.equal(
      download.rows.reduce((n, r) => n + r.outcomes, 0),
      15,
    );
    assert.ok(download.rows.every((r) => r.month === '2018-10' && r.lsoa_code.startsWith('E0102')));
  });

  test('stop and search placed in the area by its boundaries, by object and outcome', async () => {
    const page = await explore.page(actor, every('2018-10', '2018-10'));
    assert.equal(page.stopSearch.total, 12, 'the Ashford search and the two with no location are not counted');
    assert.deepEqual(page.stopSearch.byObject, [
      { label: 'Controlled drugs', searches: 6 },
      { label: 'Offensive weapons', searches: 3 },
      { label: 'Article for use in theft', searches: 1 },
      { label: 'Stolen goods', searches: 1 },
      { label: '', searches: 1 },
    ]);
    assert.deepEqual(page.stopSearch.byOutcome, [
      { label: 'A no further action disposal', searches: 8 },
      { label: 'Arrest', searches: 2 },
      { label: 'Community resolution', searches: 1 },
      { label: 'Khat or Cannabis warning', searches: 1 },
    ]);
    assert.deepEqual([page.stopSearch.lsoas, page.stopSearch.lsoasWithBoundary], [95, 95]);
    const one = await explore.stopSearchDownload(actor, every('2018-10', '2018-11', { kind: 'lsoa', code: 'E01024320' }));
    assert.deepEqual(
      one.rows.map((r) => [r.month, r.objectOfSearch, r.outcome, r.searches]),
      [
        ['2018-10', 'Controlled drugs', 'A no further action disposal', 1],
        ['2018-10', 'Controlled drugs', 'Arrest', 1],
        ['2018-10', 'Offensive weapons', 'A no further action disposal', 1],
        ['2018-11', 'Controlled drugs', 'A no further action disposal', 1],
      ],
    );
  });

  test('an LSOA outside the partnership is not found for the downloads either', async () => {
    await assert.rejects(explore.outcomesDownload(actor, every('2018-10', '2018-10', { kind: 'lsoa', code: 'E01023987' })), {
      code: 'NOT_FOUND',
    });
    await assert.rejects(explore.stopSearchDownload(actor, every('2018-10', '2018-10', { kind: 'lsoa', code: 'E01023987' })), {
      code: 'NOT_FOUND',
    });
  });
});
