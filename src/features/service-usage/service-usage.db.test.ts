import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { actorOf, seedPartnership, testConfig, type TestPartnership } from '../../../test/helpers/app.ts';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import { dateAndServiceMapping, visitsStoredMapping } from '../../../test/helpers/service-usage.ts';
import { DEMO_VISITS_DATASET, loadDemoServiceUsage } from '../demo/demo-service-usage.ts';
import type { ColumnMapping } from './service-usage-format.ts';
import { INSERT_BATCH } from './service-usage-import.ts';
import { createServiceUsageService } from './service-usage-service.ts';
import { SYNTHETIC_VISITS_FILE } from './synthetic-visits.ts';

const openData = path.resolve(import.meta.dirname, '../../../open-data');
const visitsFile = path.join(openData, SYNTHETIC_VISITS_FILE);
const visitsMapping: ColumnMapping = {
  dateColumn: 0,
  timeColumn: 1,
  dateFormat: 'DD/MM/YYYY',
  serviceColumn: 2,
  locationColumn: 3,
  locationKind: 'lsoa',
};

describe(`service-usage import (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let t: TestDatabase;
  let a: TestPartnership;
  let b: TestPartnership;
  let scratch: string;
  const service = () => createServiceUsageService({ db: t.db });
  const actor = (p: TestPartnership) => actorOf(p, 'analyst');
  const count = async (table: 'service_usage_datasets' | 'service_usage_events' | 'service_usage_rejections', partnershipId: number) =>
    (
      await t.db.tenant(partnershipId, (trx) =>
        trx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      )
    ).n;
  /** Imports a file as the partnership's analyst, as data called `name` with no description. */
  const importAs = (p: TestPartnership, file: string, name: string, mapping: ColumnMapping, fileName = path.basename(file)) =>
    service().importFile(actor(p), { path: file, fileName }, { name, description: '' }, mapping);
  const rowCounts = async (partnershipId: number) => ({
    datasets: await count('service_usage_datasets', partnershipId),
    events: await count('service_usage_events', partnershipId),
    rejections: await count('service_usage_rejections', partnershipId),
  });

  before(async () => {
    t = await createTestDatabase();
    const config = testConfig();
    a = await seedPartnership(t.db, config, 'alpha');
    b = await seedPartnership(t.db, config, 'bravo');
    scratch = mkdtempSync(path.join(os.tmpdir(), 'safer-su-db-'));
  });
  after(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await t.drop();
  });

  test('the synthetic visits: every row accepted or rejected with its line and reason, in batches', async () => {
    const progress: number[] = [];
    const done = await service().importFile(
      actor(a),
      { path: visitsFile, fileName: 'one-stop-shop-visits.csv' },
      { name: 'Visits', description: 'Synthetic' },
      visitsMapping,
      (p) => progress.push(p.rows),
    );
    assert.ok(done.ok);
    const r = done.result;
    assert.equal(r.rows, 7899);
    assert.equal(r.accepted + r.rejected, r.rows);
    assert.equal(r.rejected, 3);
    assert.ok(progress.length >= Math.floor(r.accepted / INSERT_BATCH), 'progress after every batch');
    assert.deepEqual(
      r.firstRejections.map((x) => x.reason),
      [
        'date "31/06/2017" in column "Visit date" is not a real date',
        'no date in column "Visit date"',
        '"Maidstone 003A" in column "Home LSOA" is not an LSOA code like E01024320',
      ],
    );
    const report = await service().get(actor(a), r.datasetId);
    assert.equal(report.dataset.rows_total, 7899);
    assert.equal(report.dataset.rows_accepted, r.accepted);
    assert.equal(report.dataset.rows_rejected, 3);
    assert.equal(report.dataset.imported_by_name, a.users.analyst.name);
    assert.deepEqual(report.dataset.mapping, visitsStoredMapping);
    assert.equal(report.months.length, 24);
    assert.equal(report.months[0]!.month, '2017-03');
    assert.equal(
      report.months.reduce((s, m) => s + m.count, 0),
      r.accepted,
    );
    assert.equal(report.services.length, 6);
    assert.equal(report.rejections.length, 3);
    assert.deepEqual(
      report.rejections.map((x) => x.line),
      r.firstRejections.map((x) => x.line),
    );
    assert.ok(report.places.lsoas > 80 && report.places.withPlace < r.accepted);
    assert.equal(await count('service_usage_events', a.id), r.accepted);
    // The first visit, with its time, as stored.
    const first = await t.db.tenant(a.id, (trx) =>
      trx
        .selectFrom('service_usage_events')
        .select(['occurred_at', 'service'])
        .where('dataset_id', '=', r.datasetId)
        .orderBy('occurred_at')
        .limit(1)
        .executeTakeFirstOrThrow(),
    );
    assert.equal(first.service, 'Domestic abuse support');
    assert.equal(first.occurred_at.getHours() * 100 + first.occurred_at.getMinutes(), 1004);
    const audit = await t.db.tenant(a.id, (trx) =>
      trx.selectFrom('audit_events').select(['action', 'subject_id', 'details']).where('action', '=', 'service_usage.imported').execute(),
    );
    assert.equal(audit.length, 1);
    assert.equal(String(audit[0]!.subject_id), String(r.datasetId));
  });

  test('a messy file: BOM, CRLF, quoted commas and line breaks, bad quoting, postcodes kept only as districts', async () => {
    const file = path.join(scratch, 'messy.csv');
    writeFileSync(
      file,
      '\uFEFFWhen,"Service, as recorded",Postcode\r\n' +
        '2019-01-02T10:00:00,"Advice, housing",ME14 1XX\r\n' +
        '2019-01-02T11:00:00,"Two\r\nlines",me15 6ab\r\n' +
        '2019-01-03T09:00:00,Legal advice,ME16\r\n' +
        '\r\n' +
        '2019-01-04T09:00:00,Bad "quote,ME14 2AA\r\n' +
        '2019-01-05T09:00:00,Legal advice,NOT A POSTCODE\r\n' +
        '2019-01-06T09:00:00,Legal advice\r\n' +
        '2019-13-06T09:00:00,Legal advice,ME14 2AA\r\n',
    );
    const mapping: ColumnMapping = {
      dateColumn: 0,
      timeColumn: null,
      dateFormat: 'ISO 8601',
      serviceColumn: 1,
      locationColumn: 2,
      locationKind: 'postcode',
    };
    const done = await importAs(a, file, 'Messy', mapping);
    assert.ok(done.ok);
    const r = done.result;
    assert.deepEqual({ rows: r.rows, accepted: r.accepted, rejected: r.rejected }, { rows: 7, accepted: 3, rejected: 4 });
    assert.deepEqual(r.firstRejections, [
      { line: 7, reason: 'malformed quoting: a quote inside an unquoted field' },
      { line: 8, reason: 'the value in column "Postcode" is not a UK postcode' },
      { line: 9, reason: 'the line has 2 fields; the header has 3' },
      { line: 10, reason: 'date "2019-13-06T09:00:00" in column "When" is not a real date and time' },
    ]);
    const events = await t.db.tenant(a.id, (trx) =>
      trx
        .selectFrom('service_usage_events')
        .select(['service', 'lsoa_code', 'postcode_district'])
        .where('dataset_id', '=', r.datasetId)
        .orderBy('occurred_at')
        .execute(),
    );
    assert.deepEqual(events, [
      { service: 'Advice, housing', lsoa_code: null, postcode_district: 'ME14' },
      { service: 'Two lines', lsoa_code: null, postcode_district: 'ME15' },
      { service: 'Legal advice', lsoa_code: null, postcode_district: 'ME16' },
    ]);
    // No full postcode is stored anywhere: not in events, not in rejection reasons.
    const reasons = await t.db.tenant(a.id, (trx) =>
      trx.selectFrom('service_usage_rejections').select('reason').where('dataset_id', '=', r.datasetId).execute(),
    );
    assert.ok(reasons.every((x) => !/ME14 ?2AA|1XX|6AB/i.test(x.reason)));
  });

  test('nothing is written when the import fails part-way, after batches were sent', async () => {
    const file = path.join(scratch, 'broken.csv');
    const good = Array.from({ length: INSERT_BATCH * 2 + 10 }, (_, i) => `2019-01-${String((i % 28) + 1).padStart(2, '0')},Advice`);
    writeFileSync(file, ['Date,Service', ...good, '2019-01-01,Refused by the database', '2019-01-02,Advice'].join('\n'));
    const before = await rowCounts(a.id);
    // The database refuses the third batch, as it would on a fault: nothing in the file can fail the
    // import part-way (a line that cannot be read is rejected).
    await t.db.execScript("alter table service_usage_events add constraint test_refused check (service <> 'Refused by the database')");
    try {
      await assert.rejects(importAs(a, file, 'Broken', dateAndServiceMapping), /test_refused/);
    } finally {
      await t.db.execScript('alter table service_usage_events drop constraint test_refused');
    }
    assert.deepEqual(await rowCounts(a.id), before);
  });

  test(
    'a NUL byte, bytes that are not UTF-8 or an over-long line anywhere rejects its line with the number; the other ' + 'lines load',
    async () => {
      const file = path.join(scratch, 'bad-bytes.csv');
      const good = Array.from({ length: INSERT_BATCH + 10 }, (_, i) =>
        Buffer.from(`2019-01-${String((i % 28) + 1).padStart(2, '0')},Advice\r\n`),
      );
      const bad = [
        Buffer.from('2019-02-01,Adv\0ice\r\n'),
        Buffer.from('2019-02-02,Caf\xe9\r\n', 'latin1'),
        Buffer.from(`2019-02-03,${'x'.repeat(1024 * 1024)}\r\n`),
      ];
      writeFileSync(file, Buffer.concat([Buffer.from('Date,Service\r\n'), ...good, ...bad, Buffer.from('2019-02-04,Advice')]));
      const done = await importAs(a, file, 'Bad bytes', dateAndServiceMapping);
      assert.ok(done.ok);
      const first = good.length + 2;
      assert.deepEqual([done.result.rows, done.result.accepted, done.result.rejected], [good.length + 4, good.length + 1, 3]);
      assert.deepEqual(done.result.firstRejections, [
        { line: first, reason: 'the line contains a NUL byte' },
        { line: first + 1, reason: 'the line is not valid UTF-8 at byte 15' },
        { line: first + 2, reason: 'the line is longer than 1,048,576 bytes' },
      ]);
      const report = await service().get(actor(a), done.result.datasetId);
      assert.deepEqual(
        report.rejections.map((r) => r.line),
        [first, first + 1, first + 2],
      );
    },
  );

  test('a refused file is in the audit log with its file and why, and a loaded one with its rows', async () => {
    const file = path.join(scratch, 'header-nul.csv');
    writeFileSync(file, Buffer.from('Date,Serv\u0000ice\r\n2019-01-02,Advice\r\n'));
    const refused = await service().importFile(
      actor(a),
      { path: file, fileName: 'header-nul.csv' },
      { name: 'Refused visits', description: '' },
      { dateColumn: 0, timeColumn: null, dateFormat: 'YYYY-MM-DD', serviceColumn: 1, locationColumn: null, locationKind: null },
    );
    assert.equal(refused.ok, false);
    const audit = await t.db.tenant(a.id, (trx) =>
      trx.selectFrom('audit_events').select(['action', 'details']).where('action', 'like', 'service_usage.import%').orderBy('id').execute(),
    );
    const last = audit.at(-1)!;
    assert.equal(last.action, 'service_usage.import_refused');
    assert.equal(last.details['file'], 'header-nul.csv');
    assert.match(String(last.details['result']), /^Refused: Line 1, the header, cannot be read: .*\(line 1\)$/);
    const loaded = audit.find((e) => e.action === 'service_usage.imported')!;
    assert.match(String(loaded.details['result']), /^Imported: [\d,]+ rows? loaded, [\d,]+ rejected$/);
  });

  test('a name already used is refused before anything is read', async () => {
    const done = await importAs(a, visitsFile, 'Visits', visitsMapping, 'x.csv');
    assert.deepEqual(done, {
      ok: false,
      field: 'name',
      message: 'The partnership already has data called "Visits": choose another name, or delete that data first',
    });
    // Another partnership may use the same name.
    const other = await importAs(b, visitsFile, 'Visits', visitsMapping, 'x.csv');
    assert.ok(other.ok);
    await service().delete(actor(b), other.result.datasetId);
  });

  test('row-level security: another partnership sees none of it, and cannot open or delete it', async () => {
    const mine = await service().list(actor(a));
    assert.ok(mine.length >= 2);
    assert.deepEqual(await service().list(actor(b)), []);
    assert.equal(await count('service_usage_events', b.id), 0);
    assert.equal(await count('service_usage_rejections', b.id), 0);
    await assert.rejects(service().get(actor(b), mine[0]!.id), { code: 'NOT_FOUND' });
    await assert.rejects(service().delete(actor(b), mine[0]!.id), { code: 'NOT_FOUND' });
    assert.ok((await count('service_usage_events', a.id)) > 0);
  });

  test('a dataset an indicator counts cannot be deleted; otherwise deleting removes its rows, audited', async () => {
    const visits = (await service().list(actor(a))).find((d) => d.name === 'Visits')!;
    await t.db.tenant(a.id, (trx) =>
      trx
        .insertInto('indicators')
        .values({
          partnership_id: a.id,
          name: 'One-stop shop visits per month',
          frequency: 'monthly',
          direction: 'higher',
          source: 'service-usage',
          dataset_id: visits.id,
        })
        .execute(),
    );
    const refused = await service().delete(actor(a), visits.id);
    assert.ok(!refused.ok);
    assert.deepEqual(
      refused.indicators.map((i) => i.name),
      ['One-stop shop visits per month'],
    );
    assert.ok((await service().get(actor(a), visits.id)).dataset);

    const messy = (await service().list(actor(a))).find((d) => d.name === 'Messy')!;
    const eventsBefore = await count('service_usage_events', a.id);
    const deleted = await service().delete(actor(a), messy.id);
    assert.deepEqual(deleted, { ok: true, name: 'Messy' });
    assert.equal(await count('service_usage_events', a.id), eventsBefore - 3);
    assert.equal(
      (
        await t.db.tenant(a.id, (trx) =>
          trx.selectFrom('service_usage_rejections').select('line').where('dataset_id', '=', messy.id).execute(),
        )
      ).length,
      0,
    );
    await assert.rejects(service().get(actor(a), messy.id), { code: 'NOT_FOUND' });
    const audit = await t.db.tenant(a.id, (trx) =>
      trx.selectFrom('audit_events').select(['subject_id', 'actor_user_id']).where('action', '=', 'service_usage.deleted').execute(),
    );
    assert.deepEqual(
      audit.map((x) => String(x.subject_id)),
      [String(messy.id)],
    );
  });

  test('the demo loads the synthetic visits as "One-stop shop visits", imported by its analyst', async () => {
    const result = await t.db.system((trx) => loadDemoServiceUsage(trx, b.id, b.users.analyst.id));
    assert.ok(result);
    const [dataset] = await service().list(actor(b));
    assert.equal(dataset!.name, DEMO_VISITS_DATASET);
    assert.equal(dataset!.rows_accepted, 7896);
    assert.equal(dataset!.imported_by_name, b.users.analyst.name);
  });
});
