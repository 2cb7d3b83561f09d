import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { savedUpload, type Agent, type TestApp, type TestPartnership } from '../../../test/helpers/app.ts';
import { appWithPartnerships, serviceRefuses, signedIn } from '../../../test/helpers/route-fixtures.ts';
import { uploadsLeft as uploadsLeftIn } from '../../../test/helpers/uploads.ts';
import { holdSampleUpload, postUpload } from './service-usage-fixtures.ts';
import { SYNTHETIC_VISITS_FILE } from './synthetic-visits.ts';

const visits = readFileSync(path.resolve(import.meta.dirname, '../../../open-data', SYNTHETIC_VISITS_FILE));
const mappingPath = (res: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const location = String(res.headers['location']);
  assert.match(location, /^\/service-usage\/uploads\/[0-9a-f]{32}$/);
  return location;
};
/** The value of the selected option of a select, as the page renders it. */
const selected = (body: string, name: string): string => {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(body)?.[1] ?? '';
  return /<option value="([^"]*)" selected/.exec(select)?.[1] ?? '(none)';
};

describe('the service-usage pages', () => {
  let t: TestApp;
  let a: TestPartnership;
  let b: TestPartnership;
  let analyst: Agent;
  const datasets = async () =>
    await t.database.db.system((trx) => trx.selectFrom('service_usage_datasets').select(['id', 'name']).execute());
  const uploadsLeft = () => uploadsLeftIn(t);

  before(async () => {
    [t, a, b] = await appWithPartnerships(['alpha', 'bravo']);
    [analyst] = await signedIn(t, a.users.analyst);
  });
  after(async () => {
    await t.close();
    assert.equal(uploadsLeft(), 0, 'held uploads are deleted when the app closes');
  });

  test('administrators, coordinators and analysts may use them; members and viewers may not; Import data links here', async () => {
    for (const role of ['admin', 'coordinator'] as const) {
      const [agent] = await signedIn(t, a.users[role]);
      assert.equal((await agent.get('/service-usage')).statusCode, 200, role);
    }
    const list = await analyst.get('/service-usage');
    assert.match(list.body, /<h1 class="govuk-heading-l">Service-usage data<\/h1>/);
    assert.match(list.body, /<title>Service-usage data - /);
    assert.match(list.body, /No service-usage data has been imported yet/);
    const form = await analyst.get('/service-usage/upload');
    assert.match(form.body, /enctype="multipart\/form-data"/);
    assert.ok(form.body.indexOf('name="_csrf"') < form.body.indexOf('type="file"'), 'the token comes before the file');
    assert.match((await analyst.get('/imports')).body, /href="\/service-usage" data-qa="service-usage-link"/);
    for (const role of ['member', 'viewer'] as const) {
      const [agent] = await signedIn(t, a.users[role]);
      assert.equal((await agent.get('/service-usage')).statusCode, 403, role);
      assert.equal((await agent.get('/service-usage/upload')).statusCode, 403, role);
      assert.equal((await postUpload(agent, { name: 'x', data: visits })).statusCode, 403, role);
    }
    assert.equal(uploadsLeft(), 0);
  });

  test('upload, map the columns (guessed from the file), import, and see the report', async () => {
    const res = await postUpload(analyst, {
      name: 'One-stop shop visits',
      description: 'Synthetic visits',
      fileName: 'one-stop-shop-visits.csv',
      data: visits,
    });
    const mapping = mappingPath(res);
    const page = await analyst.get(mapping);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>Match the columns - /);
    assert.match(page.body, /One-stop shop visits/);
    // The header and the first five rows, with line numbers.
    assert.match(page.body, /<th scope="col" class="govuk-table__header">Visit date<\/th>/);
    assert.match(page.body, /01\/03\/2017<\/td>\s*<td class="govuk-table__cell">10:04/);
    assert.equal((page.body.match(/<tr class="govuk-table__row">/g) ?? []).length, 6, 'the header and 5 rows');
    // Smart defaults from the header names and values.
    assert.deepEqual(
      ['dateColumn', 'dateFormat', 'timeColumn', 'serviceColumn', 'locationColumn', 'locationKind'].map((n) => selected(page.body, n)),
      ['0', 'DD/MM/YYYY', '1', '2', '3', 'lsoa'],
    );
    assert.equal(uploadsLeft(), 1, 'the file is held until the mapping is confirmed');

    const done = await analyst.post(mapping, {
      dateColumn: '0',
      dateFormat: 'DD/MM/YYYY',
      timeColumn: '1',
      serviceColumn: '2',
      locationColumn: '3',
      locationKind: 'lsoa',
    });
    assert.equal(done.statusCode, 303);
    const reportPath = String(done.headers.location);
    assert.match(reportPath, /^\/service-usage\/\d+$/);
    assert.equal(uploadsLeft(), 0, 'the held file is gone after the import');

    const report = await analyst.get(reportPath);
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /<title>One-stop shop visits - /);
    assert.match(report.body, /Rows in the file\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*7,899/);
    assert.match(report.body, /Rows loaded\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*7,896/);
    assert.match(report.body, /Rows rejected\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*3/);
    assert.match(report.body, /alpha analyst person/);
    assert.match(report.body, /March 2017<\/td>/);
    assert.match(report.body, /February 2019<\/td>/);
    assert.match(report.body, /Domestic abuse support<\/td>/);
    assert.match(report.body, /3 rejected lines, by line number/);
    assert.match(report.body, /date &quot;31\/06\/2017&quot; in column &quot;Visit date&quot; is not a real date/);
    assert.match(report.body, /&quot;Maidstone 003A&quot; in column &quot;Home LSOA&quot; is not an LSOA code/);
    const list = await analyst.get('/service-usage');
    assert.match(list.body, new RegExp(`href="${reportPath}">One-stop shop visits</a>`));
    assert.match(list.body, /one-stop-shop-visits\.csv/);
    // The old mapping page is gone.
    assert.equal((await analyst.get(mapping)).statusCode, 404);
    // The audit log lists the import with its file and result.
    const admin = t.agent();
    await admin.signIn(a.users.admin);
    assert.match(
      (await admin.get('/admin/audit')).body,
      /Imported service-usage data: one-stop-shop-visits\.csv\. Imported: 7,896 rows loaded, 3 rejected\./,
    );
  });

  test('bad files and fields are shown again with the error, naming what and where; nothing is kept', async () => {
    const cases: [Parameters<typeof postUpload>[1], string, RegExp][] = [
      [{ name: 'x' }, 'file', /Select a CSV file/],
      [{ name: 'x', fileName: 'visits.xlsx', data: 'PK' }, 'file', /The selected file must be a CSV file \(\.csv\)/],
      [
        { name: 'x', data: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]) },
        'file',
        /visits\.csv: The file is an Excel workbook or zip archive, not a CSV file/,
      ],
      [{ name: 'x', data: '' }, 'file', /The selected file is empty/],
      [
        { name: 'x', data: Buffer.from('Date,Service\n2019-01-02,Caf\xe9\n', 'latin1') },
        'file',
        new RegExp(
          /visits\.csv: No row below the header can be read\. /.source +
            /Line 2: the line is not valid UTF-8 at byte 15\. In Excel, choose Save As and then CSV UTF-8/.source,
        ),
      ],
      [{ name: 'x', data: Buffer.from('\ufeffDate\n2019-01-02\n', 'utf16le') }, 'file', /visits\.csv: The file is UTF-16 text/],
      [
        { name: 'x', data: '2019-01-02,Housing advice\n2019-01-03,Legal advice\n' },
        'file',
        /visits\.csv: Line 1 should be a header naming the columns, but it holds data \(&quot;2019-01-02&quot;\)/,
      ],
      [{ name: 'x', data: 'Date,Service\n' }, 'file', /visits\.csv: The file has a header but no rows of data below it/],
      [{ name: '', data: visits }, 'name', /Enter a name for the data/],
      [{ name: 'One-stop shop visits', data: visits }, 'name', /The partnership already has data called &quot;One-stop shop visits&quot;/],
    ];
    const before = (await datasets()).length;
    for (const [form, field, message] of cases) {
      const res = await postUpload(analyst, form);
      assert.equal(res.statusCode, 400, String(message));
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, message);
      assert.match(res.body, new RegExp(`href="#${field}"`));
      assert.match(res.body, /<title>Error: Upload service-usage data - /);
    }
    // What was typed is kept.
    const kept = await postUpload(analyst, { name: 'Kept name', description: 'Kept description' });
    assert.match(kept.body, /value="Kept name"/);
    assert.match(kept.body, />Kept description<\/textarea>/);
    assert.equal((await datasets()).length, before);
    assert.equal(uploadsLeft(), 0);
  });

  test('an upload without the CSRF token first gets 403 and keeps nothing', async () => {
    const res = await postUpload(analyst, { name: 'x', data: visits, csrf: false });
    assert.equal(res.statusCode, 403);
    assert.equal(uploadsLeft(), 0);
  });

  test('a mapping that names a column twice or does not fit the first rows is refused with the reason; nothing is imported', async () => {
    const file = 'Ref,When,Service,Postcode\r\n1,2019-01-02,Housing advice,ME14 1XX\r\n2,2019-01-03,"Legal, advice",ME15 6AB\r\n';
    const mapping = mappingPath(await postUpload(analyst, { name: 'Advice visits', data: file }));
    const before = (await datasets()).length;
    const twice = await analyst.post(mapping, {
      dateColumn: '1',
      dateFormat: 'YYYY-MM-DD',
      timeColumn: '',
      serviceColumn: '1',
      locationColumn: '3',
      locationKind: 'postcode',
    });
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /<title>Error: Match the columns - /);
    assert.match(twice.body, /The service column cannot be &quot;When&quot;: that is already the date column/);
    assert.match(twice.body, /href="#serviceColumn"/);
    // The choices as posted are kept.
    assert.equal(selected(twice.body, 'serviceColumn'), '1');

    const format = await analyst.post(mapping, {
      dateColumn: '1',
      dateFormat: 'DD/MM/YYYY',
      serviceColumn: '2',
      locationColumn: '3',
      locationKind: 'postcode',
    });
    assert.equal(format.statusCode, 400);
    assert.match(format.body, /The dates in column &quot;When&quot; are not in the format DD\/MM\/YYYY: line 2 has &quot;2019-01-02&quot;/);
    assert.match(format.body, /href="#dateFormat"/);

    const place = await analyst.post(mapping, {
      dateColumn: '1',
      dateFormat: 'YYYY-MM-DD',
      serviceColumn: '2',
      locationColumn: '3',
      locationKind: 'lsoa',
    });
    assert.match(place.body, /Column &quot;Postcode&quot; does not hold LSOA codes like E01024320: line 2 has &quot;ME14 1XX&quot;/);

    const missing = await analyst.post(mapping, { dateColumn: '', dateFormat: 'DD/MM/YYYY', locationColumn: '3' });
    assert.match(missing.body, /Select the column that holds the date/);
    assert.equal((await datasets()).length, before);

    // Then a good mapping imports, keeping only postcode districts.
    const good = await analyst.post(mapping, {
      dateColumn: '1',
      dateFormat: 'YYYY-MM-DD',
      serviceColumn: '2',
      locationColumn: '3',
      locationKind: 'postcode',
    });
    assert.equal(good.statusCode, 303);
    const report = await analyst.get(String(good.headers.location));
    assert.match(report.body, /Legal, advice/);
    assert.match(report.body, /full postcodes \(only the district was kept\)/);
    assert.match(report.body, /Rows with a location\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*2, in 2 postcode districts/);
    assert.doesNotMatch(report.body, /1XX|6AB/);
  });

  test('pressing Import twice imports the file once', async () => {
    const mapping = mappingPath(await postUpload(analyst, { name: 'Twice', data: 'Date,Service\n2019-01-02,Advice\n2019-01-03,Advice\n' }));
    const form = { dateColumn: '0', dateFormat: 'YYYY-MM-DD', serviceColumn: '1' };
    const [first, second] = await Promise.all([analyst.post(mapping, form), analyst.post(mapping, form)]);
    assert.deepEqual([first.statusCode, second.statusCode].sort(), [303, 400]);
    assert.match((first.statusCode === 400 ? first : second).body, /This file is being imported already/);
    assert.equal((await datasets()).filter((d) => d.name === 'Twice').length, 1);
  });

  test('a held upload is only for the person who uploaded it', async () => {
    const uploadId = await holdSampleUpload(analyst, 'Held visits');
    const [colleague, outsider] = await signedIn(t, a.users.coordinator, b.users.admin);
    assert.equal((await colleague.get(`/service-usage/uploads/${uploadId}`)).statusCode, 404);
    assert.equal(
      (await colleague.post(`/service-usage/uploads/${uploadId}`, { dateColumn: '0', dateFormat: 'YYYY-MM-DD' })).statusCode,
      404,
    );
    assert.equal((await outsider.get(`/service-usage/uploads/${uploadId}`)).statusCode, 404);
    assert.equal((await analyst.get(`/service-usage/uploads/${'0'.repeat(32)}`)).statusCode, 404);
    assert.equal((await analyst.get('/service-usage/uploads/..%2F..%2Fetc%2Fpasswd')).statusCode, 404);
    assert.equal((await analyst.get(`/service-usage/uploads/${uploadId}`)).statusCode, 200);
    // A new upload replaces the person's held one.
    const second = await holdSampleUpload(analyst, 'Held visits again');
    assert.equal((await analyst.get(`/service-usage/uploads/${uploadId}`)).statusCode, 404);
    assert.equal((await analyst.get(`/service-usage/uploads/${second}`)).statusCode, 200);
    assert.equal(uploadsLeft(), 1);
  });

  test('deleting: a confirmation page, refused while an indicator counts the data (naming it), audited', async () => {
    const [visitsSet] = (await datasets()).filter((d) => d.name === 'One-stop shop visits');
    const [advice] = (await datasets()).filter((d) => d.name === 'Advice visits');
    await t.database.db.tenant(a.id, (trx) =>
      trx
        .insertInto('indicators')
        .values({
          partnership_id: a.id,
          name: 'Visits to the one-stop shop',
          frequency: 'monthly',
          direction: 'higher',
          source: 'service-usage',
          dataset_id: visitsSet!.id,
        })
        .execute(),
    );
    const inUse = await analyst.get(`/service-usage/${visitsSet!.id}/delete`);
    assert.match(inUse.body, /You cannot delete this data because this indicator counts it/);
    assert.match(inUse.body, /<li>Visits to the one-stop shop<\/li>/);
    assert.doesNotMatch(inUse.body, /data-qa="delete"/);
    const refused = await analyst.post(`/service-usage/${visitsSet!.id}/delete`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Visits to the one-stop shop/);

    const confirm = await analyst.get(`/service-usage/${advice!.id}/delete`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<title>Delete Advice visits - /);
    assert.match(confirm.body, /This deletes all 2 rows of visits\.csv/);
    const deleted = await analyst.post(`/service-usage/${advice!.id}/delete`);
    assert.equal(deleted.statusCode, 303);
    assert.equal(deleted.headers.location, '/service-usage?done=deleted');
    assert.match((await analyst.get('/service-usage?done=deleted')).body, /The data has been deleted/);
    assert.equal((await analyst.get(`/service-usage/${advice!.id}`)).statusCode, 404);
    const audit = await t.database.db.system((trx) =>
      trx.selectFrom('audit_events').select(['action', 'actor_user_id']).where('action', 'like', 'service_usage.%').orderBy('id').execute(),
    );
    // One-stop shop visits, Advice visits and Twice imported; Advice visits deleted.
    assert.deepEqual(
      audit.map((e) => e.action),
      ['service_usage.imported', 'service_usage.imported', 'service_usage.imported', 'service_usage.deleted'],
    );
    assert.ok(audit.every((e) => e.actor_user_id === a.users.analyst.id));
  });
  test(
    'a NUL byte or bytes that are not UTF-8 deep in the file reject their lines when the mapping is confirmed: the others load, and ' +
      'no error page',
    async () => {
      const good = Array.from({ length: 4000 }, (_, i) => `2019-01-${String((i % 28) + 1).padStart(2, '0')},Housing advice`);
      const data = Buffer.concat([
        Buffer.from(`Date,Service\n${good.join('\n')}\n`),
        Buffer.from('2019-02-01,Adv\0ice\n'),
        Buffer.from('2019-02-02,Caf\xe9\n', 'latin1'),
        Buffer.from('2019-02-03,Legal advice\n'),
      ]);
      assert.ok(data.indexOf(0) > 64 * 1024, 'deep in the file');
      const mapping = mappingPath(await postUpload(analyst, { name: 'Bad bytes deep down', data }));
      const done = await analyst.post(mapping, { dateColumn: '0', dateFormat: 'YYYY-MM-DD', serviceColumn: '1' });
      assert.equal(done.statusCode, 303, done.body.slice(0, 500));
      const report = await analyst.get(String(done.headers.location));
      assert.match(report.body, /Rows in the file\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*4,003/);
      assert.match(report.body, /Rows rejected\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*2/);
      assert.match(report.body, />4002<\/td>\s*<td class="govuk-table__cell">the line contains a NUL byte</);
      assert.match(report.body, />4003<\/td>\s*<td class="govuk-table__cell">the line is not valid UTF-8 at byte 15</);
      assert.equal(uploadsLeft(), 0, 'the held file is gone once imported');
    },
  );

  test('the service-usage service itself refuses a viewer: the file deleted, nothing held, changed or audited', async () => {
    const file = savedUpload('visits.csv', 'Date,Service\r\n2019-01-03,Housing advice\r\n');
    const columns = { dateColumn: 0, timeColumn: null, serviceColumn: 1, locationColumn: null };
    const mapping = { ...columns, dateFormat: 'YYYY-MM-DD', locationKind: null } as const;
    await serviceRefuses(t, a, 'viewer', [
      ({ serviceUsage }, viewer) => serviceUsage.holdUpload(viewer, { name: 'Not allowed', description: '' }, file),
      ({ serviceUsage }, viewer) => serviceUsage.confirm(viewer, '0'.repeat(32), mapping),
    ]);
    assert.equal(existsSync(file.dir), false, 'the refused upload is deleted');
    const [dataset] = await datasets();
    assert.ok(dataset, 'an earlier test imported a dataset');
    await serviceRefuses(t, a, 'viewer', [({ serviceUsage }, viewer) => serviceUsage.delete(viewer, dataset.id)]);
    assert.ok((await datasets()).some((d) => d.id === dataset.id));
  });
});
