import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  createTestApp,
  makeDataManager,
  seedPartnership,
  type Agent,
  type TestApp,
  type TestPartnership,
} from '../../../test/helpers/app.ts';
import { signedIn } from '../../../test/helpers/route-fixtures.ts';
import { postMultipart } from '../../../test/helpers/uploads.ts';
import { createServices } from '../../services.ts';
import { KENT_STREET_FILES, loadMaidstoneGeography, MAIDSTONE } from '../explore/explore-fixtures.ts';
import type { ImportStatus } from './import-service.ts';
import { importPath } from './police-import-fixtures.ts';
import { COMMAND_LINE } from './police-import-run.ts';
import { STREET_HEADER } from './police-uk-format.ts';

/**
 * Acceptance (security): police.uk data is shared by every partnership, so no analyst, coordinator
 * or administrator of one partnership can change what another sees by an upload; only a data manager
 * can, and then every partnership whose area the import changed sees it on its imports page and in
 * its audit log, as it does imports from the command line.
 */

const SEVENOAKS = 'E07000111';
const header = `${STREET_HEADER.join(',')}\n`;
/** A street line in a Maidstone LSOA (Maidstone 001A). */
const maidstoneLine = (month: string, n: number) =>
  `${n.toString(16).padStart(64, '0')},${month},Kent Police,Kent Police,0.55,51.28,` +
  'On or near Somewhere,E01024320,Maidstone 001A,Burglary,Under investigation,';

describe('changing the shared police.uk data', () => {
  let t: TestApp;
  let maidstone: TestPartnership;
  let sevenoaks: TestPartnership;
  let maidstoneAdmin: Agent;
  let setupImport: number;

  /** Maidstone's crimes and incidents from 2018-10 to 2019-02, as its explore page reads them. */
  async function maidstoneTotal(from = '2018-10', to = '2019-02'): Promise<number> {
    const table = await createServices({ db: t.database.db, config: t.config, log: t.app.log }).explore.queryCounts({
      areaCode: MAIDSTONE,
      from,
      to,
      types: null,
      by: [],
    });
    return table!.rows.reduce((sum, row) => sum + Number(row.at(-1)), 0);
  }

  async function upload(agent: Agent, fileName: string, data: Buffer, allowShrink = false) {
    const parts = [
      { name: '_csrf', value: agent.csrfToken! },
      ...(allowShrink ? [{ name: 'allowShrink', value: 'yes' }] : []),
      { name: 'file', filename: fileName, data },
    ];
    return postMultipart(agent, '/imports/new', parts);
  }

  /** Uploads, waits for the import to finish, and returns its id, status and page. */
  async function imported(agent: Agent, fileName: string, data: Buffer, allowShrink = false) {
    const res = await upload(agent, fileName, data, allowShrink);
    assert.equal(res.statusCode, 303, res.body);
    const id = Number(/^\/imports\/(\d+)$/.exec(res.headers.location as string)![1]);
    for (let i = 0; i < 3000; i++) {
      const status = (await agent.get(`/imports/${id}/status`)).json<ImportStatus>();
      if (status.finished) return { id, status, page: (await agent.get(`/imports/${id}`)).body };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`import ${id} did not finish`);
  }

  const maidstoneAudit = () =>
    t.database.db.bulk((s) =>
      s.query<{ action: string; actor_name: string; actor_user_id: number | null; subject_id: string; details: Record<string, unknown> }>(
        'select action, actor_name, actor_user_id, subject_id, details from audit_events where partnership_id = $1 and action like ' +
          "'police%' order by id",
        [maidstone.id],
      ),
    );

  before(async () => {
    t = await createTestApp();
    await loadMaidstoneGeography(t.database.db);
    maidstone = await seedPartnership(t.database.db, t.config, 'maidstone', [MAIDSTONE]);
    sevenoaks = await seedPartnership(t.database.db, t.config, 'sevenoaks', [SEVENOAKS]);
    setupImport = (await importPath(t.database.db, KENT_STREET_FILES, { starter: COMMAND_LINE })).importId;
    [maidstoneAdmin] = await signedIn(t, maidstone.users.admin);
  });
  after(() => t.close());

  test("no analyst, coordinator or administrator of another partnership can change Maidstone's figures by any upload", async () => {
    assert.equal(await maidstoneTotal(), 6720);
    const attempts: [string, Buffer][] = [
      ['2019-01-kent-street.csv', Buffer.from(`${header}${maidstoneLine('2019-01', 1)}\n`)],
      ['2019-01-kent-street.csv', Buffer.from(header)],
      [
        '2019-01-zzfake-street.csv',
        Buffer.from(`${header}${Array.from({ length: 300 }, (_, i) => maidstoneLine('2019-01', i)).join('\n')}\n`),
      ],
    ];
    for (const role of ['analyst', 'coordinator', 'admin'] as const) {
      const [agent] = await signedIn(t, sevenoaks.users[role]);
      for (const [name, data] of attempts) {
        const res = await upload(agent, name, data, true);
        assert.equal(res.statusCode, 403, `${role} ${name}`);
        assert.match(res.body, /Only a data manager can import police\.uk data/);
      }
      assert.equal((await agent.get('/imports/new')).statusCode, 403, role);
    }
    assert.equal(await maidstoneTotal(), 6720);
  });

  test(
    "a data manager's file of a made-up force, or one that would all but empty a month, is refused and Maidstone's " + 'figures stay',
    async () => {
      await makeDataManager(t.database.db, sevenoaks.users.analyst);
      const [manager] = await signedIn(t, sevenoaks.users.analyst);
      const fake = await imported(
        manager,
        '2019-01-zzfake-street.csv',
        Buffer.from(`${header}${Array.from({ length: 300 }, (_, i) => maidstoneLine('2019-01', i)).join('\n')}\n`),
      );
      assert.equal(fake.status.message, '1 file was refused.');
      assert.match(
        fake.page,
        /2019-01-zzfake-street\.csv was not loaded: &quot;zzfake&quot; is not a police force that police\.uk publishes data for/,
      );

      for (const data of [Buffer.from(header), Buffer.from(`${header}${maidstoneLine('2019-01', 1)}\n`)]) {
        const shrink = await imported(manager, '2019-01-kent-street.csv', data);
        assert.equal(shrink.status.message, '1 file was refused.');
        assert.match(
          shrink.page,
          new RegExp(
            /2019-01-kent-street\.csv was not loaded: it has (0 rows|1 row) that can be loaded, /.source +
              /but the Kent Police street-level crime data for January 2019 it would replace has 17,792\./.source,
          ),
        );
        assert.match(shrink.page, /Replace a month even when the new file has far fewer rows/);
        assert.match(shrink.page, /--allow-shrink/);
      }
      assert.equal(await maidstoneTotal(), 6720);
      // None of these changed Maidstone's area, so none is on its page.
      const list = (await maidstoneAdmin.get('/imports')).body;
      for (const id of [fake.id]) assert.doesNotMatch(list, new RegExp(`>Import ${id}<`));
      assert.equal((await maidstoneAdmin.get(`/imports/${fake.id}`)).statusCode, 404);
    },
  );

  test("a confirmed replacement goes through, and Maidstone's imports page and audit log show it and the command line's", async () => {
    const [manager] = await signedIn(t, sevenoaks.users.analyst);
    const january = await maidstoneTotal('2019-01', '2019-01');
    const shrunk = await imported(manager, '2019-01-kent-street.csv', Buffer.from(`${header}${maidstoneLine('2019-01', 1)}\n`), true);
    assert.deepEqual([shrunk.status.state, shrunk.status.message, shrunk.status.rowsAccepted], ['completed', null, 1]);
    assert.equal(await maidstoneTotal(), 6720 - january + 1);

    // The command line puts the real month back.
    const restore = await importPath(t.database.db, path.join(KENT_STREET_FILES, '2019-01'), { starter: COMMAND_LINE });
    assert.equal(restore.files[0]!.status, 'replaced');
    assert.equal(await maidstoneTotal(), 6720);

    const list = (await maidstoneAdmin.get('/imports')).body;
    for (const id of [setupImport, shrunk.id, restore.importId]) assert.match(list, new RegExp(`href="/imports/${id}">Import ${id}</a>`));
    assert.match(list, /sevenoaks analyst person/);
    assert.equal((await maidstoneAdmin.get(`/imports/${shrunk.id}`)).statusCode, 200);

    const changes = (await maidstoneAudit()).filter((e) => e.action === 'police_data.changed');
    const byImport = (id: number) => changes.filter((e) => e.subject_id === String(id));
    assert.equal(byImport(setupImport).length, 5, 'one per Kent month of the first command-line import');
    assert.deepEqual(
      byImport(shrunk.id).map((e) => [
        e.actor_name,
        e.actor_user_id,
        e.details['file'],
        e.details['result'],
        e.details['rowsBefore'],
        e.details['rowsAfter'],
      ]),
      [['sevenoaks analyst person (Safer sevenoaks Partnership)', null, '2019-01-kent-street.csv', 'replaced', 17792, 1]],
    );
    assert.deepEqual(
      byImport(restore.importId).map((e) => [e.actor_name, e.details['result'], e.details['rowsBefore'], e.details['rowsAfter']]),
      [['Safer command line', 'replaced', 1, 17792]],
    );
    // Each import's end, with its result, is in the log too.
    const finished = (await maidstoneAudit())
      .filter((e) => e.action === 'police_import.finished')
      .map((e) => [e.subject_id, e.details['status']]);
    for (const id of [setupImport, shrunk.id, restore.importId])
      assert.deepEqual(
        finished.find(([s]) => s === String(id)),
        [String(id), 'completed'],
      );

    // The audit log page says what happened and who did it.
    const page = (await maidstoneAdmin.get('/admin/audit')).body;
    assert.match(page, /Changed the police\.uk data of the partnership&#39;s area/);
    assert.match(page, /sevenoaks analyst person \(Safer sevenoaks Partnership\)/);
    assert.match(page, new RegExp(`Police\\.uk import ${shrunk.id}`));

    // The data manager's own partnership has the import's start and end in its log.
    const own = await t.database.db.bulk((s) =>
      s.query<{ action: string }>('select action from audit_events where partnership_id = $1 and subject_id = $2 order by id', [
        sevenoaks.id,
        String(shrunk.id),
      ]),
    );
    assert.deepEqual(
      own.map((e) => e.action),
      ['police_import.started', 'police_import.finished'],
    );
  });
});
