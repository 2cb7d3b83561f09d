import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_PASSWORD, type TestApp, type TestPartnership } from '../../../test/helpers/app.ts';
import { appWithPartnerships } from '../../../test/helpers/route-fixtures.ts';
import { totp } from './totp.ts';

const INVALID = 'Enter a correct email address and password';

describe('signing in and out', () => {
  let t: TestApp;
  let p: TestPartnership;
  before(async () => {
    [t, p] = await appWithPartnerships(['alpha']);
  });
  after(() => t.close());

  test('the sign-in page uses the GOV.UK layout and sends security headers', async () => {
    const res = await t.agent().get('/sign-in');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /govuk-template/);
    assert.match(res.body, /<h1 class="govuk-heading-l">Sign in<\/h1>/);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
    // <style> elements only with the nonce; style="" attributes never.
    assert.match(String(res.headers['content-security-policy']), /style-src 'self' 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
    assert.doesNotMatch(String(res.headers['content-security-policy']), /unsafe-inline|unsafe-hashes/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP (see platform/proxy.route.test.ts)');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    const nonce = /nonce-([A-Za-z0-9+/=]+)/.exec(String(res.headers['content-security-policy']))![1];
    assert.match(res.body, new RegExp(`<script nonce="${nonce!.replace(/[+/=]/g, '\\$&')}">`));
  });

  test('pages other than sign-in redirect there when nobody is signed in', async () => {
    const res = await t.agent().get('/');
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/sign-in');
  });

  test('a form posted without its CSRF token is refused with 403', async () => {
    const agent = t.agent();
    const res = await agent.post('/sign-in', { email: p.users.coordinator.email, password: TEST_PASSWORD }, { csrf: false });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /You do not have permission|The form could not be checked/);
    const wrong = await agent.post(
      '/sign-in',
      { email: p.users.coordinator.email, password: TEST_PASSWORD, _csrf: 'x'.repeat(43) },
      { csrf: false },
    );
    assert.equal(wrong.statusCode, 403);
  });

  test('password then authenticator code signs in, with a new session id, and sign-out ends the session', async () => {
    const agent = t.agent();
    const first = await agent.post('/sign-in', { email: p.users.coordinator.email, password: TEST_PASSWORD });
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, '/sign-in/code');
    const sessionCookie = first.cookies.find((c) => c.name === '__Host-safer-session')!;
    assert.ok(sessionCookie.httpOnly);
    assert.ok(sessionCookie.secure);
    assert.equal(sessionCookie.sameSite, 'Lax');
    assert.equal(sessionCookie.path, '/');
    const pendingId = agent.cookies.get('__Host-safer-session');

    // Part-way through sign-in, the home page is not yet reachable.
    const early = await agent.get('/');
    assert.equal(early.headers.location, '/sign-in/code');

    const wrongCode = await agent.post('/sign-in/code', { code: '000000' === totp(p.users.coordinator.totpSecret) ? '111111' : '000000' });
    assert.equal(wrongCode.statusCode, 401);
    assert.match(wrongCode.body, /The code is not correct/);

    const second = await agent.post('/sign-in/code', { code: totp(p.users.coordinator.totpSecret) });
    assert.equal(second.statusCode, 303);
    assert.notEqual(agent.cookies.get('__Host-safer-session'), pendingId, 'the session id changes at sign-in');

    const home = await agent.get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Safer alpha Partnership/);
    assert.match(home.body, /alpha coordinator person/);

    const oldCookie = agent.cookies.get('__Host-safer-session')!;
    const out = await agent.post('/sign-out');
    assert.equal(out.statusCode, 200);
    assert.match(out.body, /You have signed out/);
    const replay = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: `__Host-safer-session=${oldCookie}` } });
    assert.equal(replay.statusCode, 302, 'the old cookie no longer works');
  });

  test('the same code cannot be used twice', async () => {
    const a = t.agent();
    await a.signIn(p.users.viewer);
    const b = t.agent();
    await b.post('/sign-in', { email: p.users.viewer.email, password: TEST_PASSWORD });
    const reuse = await b.post('/sign-in/code', { code: totp(p.users.viewer.totpSecret) });
    assert.equal(reuse.statusCode, 401);
  });

  test('a wrong password and an unknown email get the same message', async () => {
    const wrong = await t.agent().post('/sign-in', { email: p.users.member.email, password: 'not the password at all' });
    const unknown = await t.agent().post('/sign-in', { email: 'nobody@nowhere.test', password: 'not the password at all' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.match(wrong.body, new RegExp(INVALID));
    assert.match(unknown.body, new RegExp(INVALID));
  });

  test('an empty form gets a GOV.UK error summary naming both fields', async () => {
    const res = await t.agent().post('/sign-in', {});
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /href="#email">Enter your email address/);
    assert.match(res.body, /href="#password">Enter your password/);
    assert.match(res.body, /<title>Error: Sign in/);
  });

  test('repeated failures lock the address, known or not, and the right password then fails too', async () => {
    for (const email of [p.users.analyst.email, 'ghost@nowhere.test']) {
      const agent = t.agent();
      for (let i = 0; i < 4; i++) {
        assert.equal((await agent.post('/sign-in', { email, password: `wrong password ${i}` })).statusCode, 401);
      }
      const fifth = await agent.post('/sign-in', { email, password: 'wrong password 5' });
      assert.equal(fifth.statusCode, 429);
      assert.match(fifth.body, /too many failed attempts/);
    }
    const locked = await t.agent().post('/sign-in', { email: p.users.analyst.email, password: TEST_PASSWORD });
    assert.equal(locked.statusCode, 429);
    const audit = await t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('audit_events').select('action').where('subject_id', '=', String(p.users.analyst.id)).execute(),
    );
    assert.equal(audit.filter((r) => r.action === 'auth.sign_in_failed').length, 5);
    assert.equal(audit.filter((r) => r.action === 'auth.locked').length, 1);
  });

  test('signing in and out are audited with who, agency and request id', async () => {
    const agent = t.agent();
    await agent.signIn(p.users.admin);
    await agent.post('/sign-out');
    const rows = await t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('audit_events').selectAll().where('actor_user_id', '=', p.users.admin.id).orderBy('id').execute(),
    );
    const actions = rows.map((r) => r.action);
    assert.deepEqual(actions.slice(-2), ['auth.sign_in', 'auth.sign_out']);
    const signIn = rows.at(-2)!;
    assert.equal(signIn.actor_name, p.users.admin.name);
    assert.equal(signIn.actor_agency, 'alpha Borough Council');
    assert.ok(signIn.request_id && signIn.request_id.length > 8);
  });
});
