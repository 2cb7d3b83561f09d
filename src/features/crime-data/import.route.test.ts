import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  actorOf,
  makeDataManager,
  refusedByService,
  savedUpload,
  servicesOf,
  type Agent,
  type TestApp,
  type TestPartnership,
} from '../../../test/helpers/app.ts';
import { appWithPartnerships, signedIn } from '../../../test/helpers/route-fixtures.ts';
import { postMultipart, uploadsLeft as uploadsLeftIn, type Part } from '../../../test/helpers/uploads.ts';
import { uploadsFolder } from '../../platform/uploads.ts';
import { importPopulation } from '../geography/geography-import.ts';
import { importFrom, runningImport, userStarter } from './police-import-fixtures.ts';
import type { ImportStatus } from './import-service.ts';
import { writeZip } from './synthetic-street-data.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const realFile = (month: string) => path.join(root, 'open-data/police-uk/street', month, `${month}-kent-street.csv`);
const fixtureFile = (month: string, kind: string) =>
  path.join(import.meta.dirname, 'fixtures/police-uk', month, `${month}-kent-${kind}.csv`);

describe('the import pages', () => {
  let t: TestApp;
  let a: TestPartnership;
  let b: TestPartnership;
  let analyst: Agent;
  const uploadsLeft = () => uploadsLeftIn(t);

  before(async () => {
    [t, a, b] = await appWithPartnerships(['alpha', 'bravo']);
    // The analyst who uploads in these tests is a data manager.
    await makeDataManager(t.database.db, a.users.analyst);
    [analyst] = await signedIn(t, a.users.analyst);
  });
  after(() => t.close());

  const upload = (agent: Agent, parts: Part[]) => postMultipart(agent, '/imports/new', parts);

  const csrf = (agent: Agent): Part => ({ name: '_csrf', value: agent.csrfToken! });

  /** Asks the status endpoint, as the page's script does, until the import has finished. */
  async function finished(agent: Agent, id: string): Promise<ImportStatus> {
    for (let i = 0; i < 3000; i++) {
      const res = await agent.get(`/imports/${id}/status`);
      assert.equal(res.statusCode, 200);
      const status = res.json<ImportStatus>();
      if (status.finished) return status;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`import ${id} did not finish`);
  }

  const importCount = async () =>
    (await t.database.db.bulk((s) => s.query<{ n: number }>('select count(*)::int as n from police_imports')))[0]!.n;

  test(
    'administrators, coordinators and analysts see the imports; only data managers may upload; members and ' + 'viewers neither',
    async () => {
      const form = await analyst.get('/imports/new');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /enctype="multipart\/form-data"/);
      // The token is the first field of the form, before the file.
      assert.ok(form.body.indexOf('name="_csrf"') < form.body.indexOf('type="file"'));
      assert.match(form.body, /Replace a month even when the new file has far fewer rows/);
      assert.match((await analyst.get('/imports')).body, /data-qa="upload-link"/);
      const imports = await importCount();
      for (const role of ['admin', 'coordinator'] as const) {
        const [agent] = await signedIn(t, a.users[role]);
        const list = await agent.get('/imports');
        assert.equal(list.statusCode, 200, role);
        assert.doesNotMatch(list.body, /data-qa="upload-link"/, role);
        assert.match(list.body, /only a data manager can import it/, role);
        const refused = await agent.get('/imports/new');
        assert.equal(refused.statusCode, 403, role);
        assert.match(refused.body, /Only a data manager can import police\.uk data/, role);
        const res = await upload(agent, [
          csrf(agent),
          { name: 'file', filename: '2019-01-kent-street.csv', data: readFileSync(realFile('2019-01')) },
        ]);
        assert.equal(res.statusCode, 403, role);
        assert.match(res.body, /Only a data manager can import police\.uk data/, role);
      }
      for (const role of ['member', 'viewer'] as const) {
        const [agent] = await signedIn(t, a.users[role]);
        assert.equal((await agent.get('/imports')).statusCode, 403, role);
        assert.equal((await agent.get('/imports/new')).statusCode, 403, role);
        const res = await upload(agent, [
          csrf(agent),
          { name: 'file', filename: '2019-01-kent-street.csv', data: readFileSync(realFile('2019-01')) },
        ]);
        assert.equal(res.statusCode, 403, role);
      }
      assert.equal(await importCount(), imports, 'nothing was imported');
      assert.equal(uploadsLeft(), 0, 'nothing was kept of the refused uploads');
    },
  );

  test('an upload without the CSRF token, with a wrong one, or with the file first gets 403 and saves nothing', async () => {
    const imports = await importCount();
    const left = uploadsLeft();
    const file: Part = { name: 'file', filename: '2019-01-kent-street.csv', data: readFileSync(realFile('2019-01')) };
    assert.equal((await upload(analyst, [file])).statusCode, 403);
    assert.equal((await upload(analyst, [{ name: '_csrf', value: 'x'.repeat(43) }, file])).statusCode, 403);
    assert.equal((await upload(analyst, [file, csrf(analyst)])).statusCode, 403);
    assert.equal(await importCount(), imports);
    assert.equal(uploadsLeft(), left);
  });

  test('a form with no file, or a file that is not a police.uk .csv or .zip, is shown again with the error', async () => {
    const cases: [Part[], RegExp][] = [
      [[csrf(analyst)], /Select a police\.uk \.csv file or \.zip archive/],
      [[csrf(analyst), { name: 'file', filename: 'notes.txt', data: Buffer.from('hello') }], /must be a \.csv file or a \.zip archive/],
      [
        [csrf(analyst), { name: 'file', filename: 'kent-crime.csv', data: Buffer.from('a,b') }],
        /must be as police\.uk names it, for example 2019-01-kent-street\.csv/,
      ],
      [[csrf(analyst), { name: 'file', filename: '2019-01-kent-street.csv', data: Buffer.alloc(0) }], /The selected file is empty/],
    ];
    const imports = await importCount();
    for (const [parts, message] of cases) {
      const res = await upload(analyst, parts);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, message);
      assert.match(res.body, /<title>Error: Upload police\.uk data/);
      assert.match(res.body, /href="#file"/);
    }
    // A plain form post (no file at all) is refused the same way.
    const plain = await analyst.post('/imports/new', { note: 'x' });
    assert.equal(plain.statusCode, 400);
    assert.equal(await importCount(), imports);
    assert.equal(uploadsLeft(), 0);
  });

  test('a real file uploads, imports in the background, and its page shows the result', async () => {
    const res = await upload(analyst, [
      csrf(analyst),
      { name: 'file', filename: '2019-01-kent-street.csv', data: readFileSync(realFile('2019-01')) },
    ]);
    assert.equal(res.statusCode, 303);
    const id = /^\/imports\/(\d+)$/.exec(res.headers.location as string)![1]!;
    const status = await finished(analyst, id);
    assert.deepEqual(
      {
        state: status.state,
        filesTotal: status.filesTotal,
        filesDone: status.filesDone,
        rowsRead: status.rowsRead,
        rowsAccepted: status.rowsAccepted,
        rowsRejected: status.rowsRejected,
      },
      { state: 'completed', filesTotal: 1, filesDone: 1, rowsRead: 17792, rowsAccepted: 17792, rowsRejected: 0 },
    );
    const page = await analyst.get(`/imports/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Completed/);
    assert.match(page.body, /2019-01-kent-street\.csv/);
    assert.match(page.body, /17,792/);
    assert.match(page.body, /alpha analyst person/);
    assert.ok(
      !page.body.includes(uploadsFolder(t.config.dataDir)) && !/police-uk-\d+-/.test(page.body),
      'where the file was saved is not shown',
    );
    assert.doesNotMatch(page.body, /http-equiv="refresh"/i);
    const list = await analyst.get('/imports');
    assert.match(list.body, new RegExp(`href="/imports/${id}">Import ${id}</a>`));
    assert.equal(uploadsLeft(), 0, 'the saved upload is deleted after the import');
    // The audit log lists the import with its file and result, in words.
    const admin = t.agent();
    await admin.signIn(a.users.admin);
    const log = (await admin.get('/admin/audit')).body;
    assert.match(log, /Started a police\.uk import: 2019-01-kent-street\.csv\./);
    assert.match(
      log,
      /Finished a police\.uk import: 2019-01-kent-street\.csv\. Completed: 1 of 1 file loaded; 17,792 rows loaded, 0 rejected\./,
    );
    assert.match(log, new RegExp(`Police\\.uk import ${id}`));
  });

  test('outcomes and stop-and-search files upload and import, their rejected lines listed with the reasons', async () => {
    const zip = path.join(t.config.dataDir, 'other-kinds.zip');
    writeZip(zip, [
      { name: '2018-10/2018-10-kent-outcomes.csv', data: readFileSync(fixtureFile('2018-10', 'outcomes')) },
      { name: '2018-10/2018-10-kent-stop-and-search.csv', data: readFileSync(fixtureFile('2018-10', 'stop-and-search')) },
    ]);
    const res = await upload(analyst, [csrf(analyst), { name: 'file', filename: 'other-kinds.zip', data: readFileSync(zip) }]);
    assert.equal(res.statusCode, 303);
    const id = /^\/imports\/(\d+)$/.exec(res.headers.location as string)![1]!;
    const status = await finished(analyst, id);
    assert.deepEqual(
      [status.state, status.filesDone, status.rowsRead, status.rowsAccepted, status.rowsRejected, status.message],
      ['completed', 2, 49, 32, 17, null],
    );
    const page = await analyst.get(`/imports/${id}`);
    assert.match(page.body, /<td class="govuk-table__cell">2018-10-kent-outcomes\.csv<\/td>/);
    assert.match(page.body, /<td class="govuk-table__cell">2018-10-kent-stop-and-search\.csv<\/td>/);
    assert.match(page.body, /Showing 1 to 17 of 17 rejected lines/);
    assert.match(page.body, /no Crime ID: every outcome is for a crime/);
    assert.match(page.body, /gender is not one of police\.uk&#39;s published categories/);

    // One outcomes file on its own, named as police.uk names it.
    const single = await upload(analyst, [
      csrf(analyst),
      { name: 'file', filename: '2018-11-kent-outcomes.csv', data: readFileSync(fixtureFile('2018-11', 'outcomes')) },
    ]);
    assert.equal(single.statusCode, 303);
    const singleStatus = await finished(analyst, /(\d+)$/.exec(single.headers.location as string)![1]!);
    assert.deepEqual([singleStatus.state, singleStatus.rowsAccepted, singleStatus.rowsRejected], ['completed', 6, 1]);
  });

  test('geography imports are listed for every partnership, with the rows they rejected and why', async () => {
    const file = path.join(t.config.dataDir, 'population.csv');
    writeFileSync(file, 'lsoa,pop\nE01024320,"1,954"\nE01024321,many\nE01024322,1,2\n');
    const result = await importPopulation(t.database.db, file);
    assert.equal(result.rejected, 2);
    for (const agent of [analyst, ...(await signedIn(t, b.users.coordinator))]) {
      const res = await agent.get('/imports/geography');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<title>Geography imports - /);
      assert.match(res.body, new RegExp(`<td class="govuk-table__cell">Geography import ${result.importId}</td>`));
      assert.match(res.body, /<td class="govuk-table__cell">Population<\/td>\s*<td class="govuk-table__cell">population\.csv<\/td>/);
      const rejected =
        new RegExp(`<table[^>]*data-qa="geography-rejections-${result.importId}"[^>]*>([\\s\\S]*?)</table>`).exec(res.body)?.[1] ?? '';
      assert.match(
        rejected,
        new RegExp(
          /<td class="govuk-table__cell govuk-table__cell--numeric">3<\/td>\s*/.source +
            /<td class="govuk-table__cell">population &quot;many&quot; is not a whole number<\/td>/.source,
        ),
      );
      assert.match(
        rejected,
        new RegExp(
          /<td class="govuk-table__cell govuk-table__cell--numeric">4<\/td>\s*/.source +
            /<td class="govuk-table__cell">expected 2 fields, as in the header, but found 3<\/td>/.source,
        ),
      );
    }
    assert.match((await analyst.get('/imports')).body, /href="\/imports\/geography"/);
    for (const role of ['member', 'viewer'] as const) {
      const [agent] = await signedIn(t, a.users[role]);
      assert.equal((await agent.get('/imports/geography')).statusCode, 403, role);
    }
  });

  test('a zip archive with bad lines lists each rejected line with its file, line and reason, in pages', async () => {
    const lines = readFileSync(realFile('2018-12'), 'utf8').trimEnd().split('\n');
    const bad = new Set<number>();
    for (let n = 10; n < 10 + 60 * 7; n += 7) {
      lines[n - 1] = lines[n - 1]!.replace(',2018-12,', ',2018-13,');
      bad.add(n);
    }
    const zip = path.join(t.config.dataDir, 'upload.zip');
    writeZip(zip, [
      { name: '2018-12/2018-12-kent-street.csv', data: Buffer.from(`${lines.join('\n')}\n`) },
      { name: '2018-12/2018-12-essex-street.csv', data: Buffer.from('Type,Date\nPerson search,2018-12-01\n') },
    ]);
    const res = await upload(analyst, [csrf(analyst), { name: 'file', filename: 'upload.zip', data: readFileSync(zip) }]);
    assert.equal(res.statusCode, 303);
    const id = /^\/imports\/(\d+)$/.exec(res.headers.location as string)![1]!;
    const status = await finished(analyst, id);
    assert.equal(status.state, 'completed');
    assert.equal(status.rowsRejected, 60);
    assert.equal(status.message, '1 file was refused.');

    const first = await analyst.get(`/imports/${id}`);
    assert.match(first.body, /Showing 1 to 50 of 61 rejected lines/);
    assert.match(first.body, /upload\.zip:2018-12\/2018-12-essex-street\.csv/);
    assert.match(first.body, /is not a police\.uk street-level file: its first line should be the header/);
    // Files are shown by their own names, not their place in the archive.
    assert.match(first.body, /<td class="govuk-table__cell">2018-12-kent-street\.csv<\/td>/);
    assert.doesNotMatch(first.body, /upload\.zip:2018-12\/2018-12-kent-street\.csv/);
    assert.match(first.body, /bad month &quot;2018-13&quot;: expected YYYY-MM/);
    assert.match(first.body, /<td class="govuk-table__cell govuk-table__cell--numeric">10<\/td>/);
    assert.match(first.body, /href="\/imports\/\d+\?page=2#rejected"/);
    const second = await analyst.get(`/imports/${id}?page=2`);
    assert.match(second.body, /Showing 51 to 61 of 61 rejected lines/);
    assert.match(second.body, new RegExp(`>${[...bad].at(-1)}</td>`));
  });

  test('while an import runs, its page shows progress with a Refresh link and a script that asks for the status', async () => {
    const run = await runningImport(t.database.db, 'big.zip', userStarter(a.id, a.users.admin, 'alpha'));
    const id = run.id;
    const page = await analyst.get(`/imports/${id}`);
    assert.match(page.body, /data-qa="progress"/);
    assert.match(page.body, /Running<\/span>\. <span data-field="rowsRead">0<\/span> rows read/);
    assert.match(page.body, new RegExp(`<a class="govuk-link" href="/imports/${id}" data-qa="refresh"`));
    assert.match(page.body, new RegExp(`data-status-url="/imports/${id}/status"`));
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(page.headers['content-security-policy'] as string)![1]!;
    assert.ok(page.body.includes(`<script nonce="${nonce}">`), 'the script runs under the page nonce');
    assert.doesNotMatch(page.body, /http-equiv="refresh"/i);
    const status = (await analyst.get(`/imports/${id}/status`)).json<ImportStatus & { stateText: string }>();
    assert.deepEqual([status.state, status.stateText, status.finished, status.rowsRead], ['running', 'Running', false, 0]);
    await run.finish();
    // The page a user lands on once it has finished says so, without a script.
    const done = await analyst.get(`/imports/${id}`);
    assert.doesNotMatch(done.body, /data-qa="progress"/);
    assert.doesNotMatch(done.body, /data-status-url/);
    assert.doesNotMatch(done.body, /Running/);
    assert.match(done.body, /<strong class="govuk-tag govuk-tag--green">Completed<\/strong>/);
    const ended = (await analyst.get(`/imports/${id}/status`)).json<ImportStatus & { stateText: string; stateClasses: string }>();
    assert.deepEqual(
      [ended.state, ended.stateText, ended.stateClasses, ended.finished],
      ['completed', 'Completed', 'govuk-tag--green', true],
    );
  });

  test("another partnership gets 404 for a partnership's import; imports from the command line are everyone's", async () => {
    const own = (await importFrom(t.database.db, [], 'alpha.csv', { starter: userStarter(a.id, a.users.admin, 'alpha') })).importId;
    const cli = (await importFrom(t.database.db, [], 'open-data/police-uk/street')).importId;
    const [outsider] = await signedIn(t, b.users.analyst);
    assert.equal((await outsider.get(`/imports/${own}`)).statusCode, 404);
    assert.equal((await outsider.get(`/imports/${own}/status`)).statusCode, 404);
    assert.equal((await outsider.get(`/imports/${cli}`)).statusCode, 200);
    assert.equal((await outsider.get(`/imports/${cli}/status`)).statusCode, 200);
    const list = await outsider.get('/imports');
    assert.match(list.body, new RegExp(`>Import ${cli}<`));
    assert.doesNotMatch(list.body, new RegExp(`>Import ${own}<`));
    assert.doesNotMatch(list.body, /alpha (admin|analyst) person/);
    assert.equal((await outsider.get('/imports/999999')).statusCode, 404);
    assert.equal((await outsider.get('/imports/abc')).statusCode, 404);
  });

  test('the imports service itself refuses a viewer and an analyst who is not a data manager: the upload deleted, no import', async () => {
    const { imports } = servicesOf(t);
    const runs = async () => (await imports.list(actorOf(a, 'admin'), 1, 100)).total;
    const before = await runs();
    for (const [actor, refusal] of [
      [actorOf(a, 'viewer'), /You do not have permission/],
      [actorOf(a, 'analyst'), /Only a data manager can import police\.uk data/],
      [actorOf(b, 'analyst', { dataManager: true }), /Only a data manager can import police\.uk data/],
    ] as const) {
      const upload = savedUpload('2019-01-kent-street.csv', 'Crime ID\n');
      await refusedByService(t, actor.partnershipId, () => imports.start(actor, upload, { allowShrink: false }), refusal);
      assert.equal(existsSync(upload.dir), false, 'the refused upload is deleted');
    }
    assert.equal(await runs(), before);
  });
});
