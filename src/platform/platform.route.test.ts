import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createTestApp, seedPartnership, TEST_PASSWORD, type TestApp, type TestPartnership } from '../../test/helpers/app.ts';
import { loggerOptions } from '../app.ts';
import { testConfig } from '../../test/helpers/app.ts';

describe('platform', () => {
  let t: TestApp;
  let p: TestPartnership;
  const logLines: string[] = [];
  before(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    t = await createTestApp({
      logger: { ...(loggerOptions(testConfig({ LOG_LEVEL: 'info' })) as object), stream },
      beforeReady: (app) => {
        app.get('/test/explode', { config: { access: 'public' } }, async () => {
          throw new Error('secret internal detail at /srv/app.ts:12');
        });
      },
    });
    p = await seedPartnership(t.database.db, t.config, 'alpha');
  });
  after(() => t.close());

  test('health: live answers, ready checks the database', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/health/live' });
    assert.equal(live.statusCode, 200);
    assert.deepEqual(live.json(), { status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ok');
  });

  test('an unknown page gets the GOV.UK 404 page', async () => {
    const agent = t.agent();
    await agent.signIn(p.users.viewer);
    const res = await agent.get('/no/such/page');
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /<h1 class="govuk-heading-l">Page not found<\/h1>/);
    assert.match(res.body, /govuk-template/);
  });

  test('an error gets the GOV.UK 500 page with a reference and no stack trace', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test/explode' });
    assert.equal(res.statusCode, 500);
    assert.match(res.body, /Sorry, there is a problem with the service/);
    assert.doesNotMatch(res.body, /secret internal detail|\/srv\/app\.ts|at .*\(/);
    assert.match(res.body, new RegExp(String(res.headers['x-request-id'])));
  });

  test('a role without access gets the GOV.UK 403 page', async () => {
    const agent = t.agent();
    await agent.signIn(p.users.member);
    const res = await agent.get('/admin/audit');
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /You do not have permission to see this page/);
    assert.match(res.body, /ask your partnership administrator/);
    assert.doesNotMatch(res.body, /FORBIDDEN/, 'the page says what to do, not the error code');
  });

  test('each request is logged in one short line, assets not at all outside production, and no token', async () => {
    const since = logLines.length;
    await t.app.inject({ method: 'GET', url: '/health/live?probe=1', headers: { 'x-request-id': 'one-line-1234' } });
    await t.app.inject({ method: 'GET', url: '/assets/safer.css', headers: { 'x-request-id': 'one-line-1234' } });
    await t.app.inject({ method: 'GET', url: '/invitation/secret-token-value', headers: { 'x-request-id': 'one-line-1234' } });
    const lines = logLines.slice(since).filter((l) => l.includes('one-line-1234'));
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as { msg: string }).msg.replace(/ \d+ ms$/, ' _ ms')),
      ['GET /health/live 200 _ ms', `GET /invitation/:token ${JSON.parse(lines[1]!).statusCode} _ ms`],
    );
    assert.doesNotMatch(lines.join('\n'), /secret-token-value/);
  });

  test('every response carries a request id, and an incoming one is kept', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'trace-abc-12345' } });
    assert.equal(res.headers['x-request-id'], 'trace-abc-12345');
    const bad = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'no spaces allowed' } });
    assert.match(String(bad.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  test('sessions end after the idle limit and after the absolute limit', async () => {
    for (const column of ['last_seen_at', 'created_at'] as const) {
      const agent = t.agent();
      await agent.signIn(p.users.analyst);
      assert.equal((await agent.get('/')).statusCode, 200);
      const old = new Date(Date.now() - 13 * 3_600_000);
      await t.database.db.system((trx) =>
        trx
          .updateTable('sessions')
          .set({ [column]: old })
          .where('user_id', '=', p.users.analyst.id)
          .execute(),
      );
      const res = await agent.get('/');
      assert.equal(res.statusCode, 302, `${column} in the past should end the session`);
      assert.equal(res.headers.location, '/sign-in');
    }
  });

  test("a disabled user's existing cookie is refused at once", async () => {
    const agent = t.agent();
    await agent.signIn(p.users.coordinator);
    const cookie = agent.cookies.get('__Host-safer-session')!;
    await t.database.db.system((trx) =>
      trx.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', p.users.coordinator.id).execute(),
    );
    const res = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: `__Host-safer-session=${cookie}` } });
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/sign-in');
    const again = await t.agent().post('/sign-in', { email: p.users.coordinator.email, password: TEST_PASSWORD });
    assert.equal(again.statusCode, 401, 'a disabled user cannot sign in either');
    await t.database.db.system((trx) =>
      trx.updateTable('users').set({ disabled_at: null }).where('id', '=', p.users.coordinator.id).execute(),
    );
  });

  test('logs carry a request id on every request line and never passwords, codes or cookies', async () => {
    const agent = t.agent();
    await agent.signIn(p.users.admin);
    const cookie = agent.cookies.get('__Host-safer-session')!;
    await agent.get('/');
    const text = logLines.join('\n');
    assert.ok(logLines.length > 0);
    assert.ok(!text.includes(TEST_PASSWORD), 'password in logs');
    assert.ok(!text.includes(cookie), 'session cookie in logs');
    for (const line of logLines) {
      const entry = JSON.parse(line) as { reqId?: string; req?: unknown; res?: unknown };
      if (entry.req || entry.res) assert.ok(entry.reqId, `no request id on ${line}`);
    }
  });
});
