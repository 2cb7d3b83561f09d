import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import { seedPartnership, testConfig, type TestPartnership } from '../../../test/helpers/app.ts';
import { recordAudit } from '../../features/audit/audit-repository.ts';

describe(`row-level security (${process.env['SAFER_TEST_DB'] ?? 'pglite'})`, () => {
  let t: TestDatabase;
  let a: TestPartnership;
  let b: TestPartnership;
  before(async () => {
    t = await createTestDatabase();
    const config = testConfig();
    a = await seedPartnership(t.db, config, 'alpha');
    b = await seedPartnership(t.db, config, 'bravo');
  });
  after(() => t.drop());

  test('every table with partnership_id has row-level security enabled and forced, with a policy', async () => {
    const tables = await sql<{ table: string; enabled: boolean; forced: boolean; policies: number }>`
      select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where c.relkind in ('r', 'p')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'partnership_id' and not a.attisdropped)
      order by 1`.execute(t.db.kysely);
    assert.ok(tables.rows.length >= 6);
    for (const row of tables.rows) {
      assert.ok(
        row.enabled && row.forced && row.policies > 0,
        `${row.table}: RLS enabled ${row.enabled}, forced ${row.forced}, policies ${row.policies}`,
      );
    }
  });

  test("a tenant transaction sees only its own partnership's rows", async () => {
    for (const [own, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const seen = await t.db.tenant(own.id, async (trx) => ({
        partnerships: await trx.selectFrom('partnerships').select('id').execute(),
        agencies: await trx.selectFrom('agencies').select('partnership_id').execute(),
        users: await trx.selectFrom('users').select('partnership_id').execute(),
      }));
      assert.deepEqual(
        seen.partnerships.map((r) => r.id),
        [own.id],
      );
      assert.ok(seen.agencies.length > 0 && seen.agencies.every((r) => r.partnership_id === own.id));
      assert.ok(seen.users.length === 5 && seen.users.every((r) => r.partnership_id === own.id));
      const direct = await t.db.tenant(own.id, (trx) =>
        trx.selectFrom('users').select('id').where('id', '=', other.users.admin.id).execute(),
      );
      assert.deepEqual(direct, []);
    }
  });

  test("a tenant transaction cannot write another partnership's rows", async () => {
    await assert.rejects(
      t.db.tenant(a.id, (trx) =>
        trx
          .insertInto('agencies')
          .values({ partnership_id: b.id, name: 'Smuggled', agency_type: 'other', responsible_authority: false })
          .execute(),
      ),
      /row-level security/,
    );
    const updated = await t.db.tenant(a.id, (trx) =>
      trx.updateTable('users').set({ name: 'Changed' }).where('id', '=', b.users.viewer.id).executeTakeFirst(),
    );
    assert.equal(Number(updated.numUpdatedRows), 0);
    const deleted = await t.db.tenant(a.id, (trx) => trx.deleteFrom('sessions').where('partnership_id', '=', b.id).executeTakeFirst());
    assert.equal(Number(deleted.numDeletedRows), 0);
  });

  test('the application role with no partnership set sees nothing', async () => {
    const rows = await t.db.system(async (trx) => {
      await sql`set local role safer_app`.execute(trx);
      return trx.selectFrom('users').select('id').execute();
    });
    assert.deepEqual(rows, []);
  });

  test('the application role cannot read the sign-in attempts table', async () => {
    await assert.rejects(
      t.db.tenant(a.id, (trx) => trx.selectFrom('sign_in_attempts').selectAll().execute()),
      /permission denied/,
    );
  });

  test('the audit log is append-only: the application role can add and read, not change or remove', async () => {
    await t.db.tenant(a.id, (trx) =>
      recordAudit(
        trx,
        { partnershipId: a.id, userId: a.users.admin.id, name: 'x', agencyName: 'y', requestId: 'r-1', ip: null },
        { action: 'user.updated' },
      ),
    );
    const rows = await t.db.tenant(a.id, (trx) => trx.selectFrom('audit_events').select(['id', 'request_id']).execute());
    assert.ok(rows.some((r) => r.request_id === 'r-1'));
    await assert.rejects(
      t.db.tenant(a.id, (trx) => sql`update audit_events set action = 'x'`.execute(trx)),
      /permission denied/,
    );
    await assert.rejects(
      t.db.tenant(a.id, (trx) => sql`delete from audit_events`.execute(trx)),
      /permission denied/,
    );
    // Even the owning role is stopped by the append-only trigger.
    await assert.rejects(
      t.db.system((trx) => sql`update audit_events set action = 'x'`.execute(trx)),
      /append-only/,
    );
    await assert.rejects(
      t.db.system((trx) => sql`delete from audit_events`.execute(trx)),
      /append-only/,
    );
  });

  test('an audit row stands or falls with the change it records', async () => {
    const before = await t.db.tenant(a.id, (trx) =>
      trx
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    await assert.rejects(
      t.db.tenant(a.id, async (trx) => {
        await recordAudit(
          trx,
          { partnershipId: a.id, userId: null, name: null, agencyName: null, requestId: null, ip: null },
          { action: 'agency.created' },
        );
        await trx
          .insertInto('agencies')
          .values({ partnership_id: a.id, name: 'alpha Borough Council', agency_type: 'other', responsible_authority: false })
          .execute();
      }),
      /duplicate key/,
    );
    const afterCount = await t.db.tenant(a.id, (trx) =>
      trx
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    assert.equal(Number(afterCount.n), Number(before.n));
  });
});
