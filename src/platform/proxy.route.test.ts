import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestApp, seedPartnership } from '../../test/helpers/app.ts';
import type { Agent, AgentRequestOptions, TestApp, TestPartnership } from '../../test/helpers/app.ts';

/** The sign-in pages allow 30 attempts per address in 5 minutes (auth-routes.ts). */
const RATE_LIMIT = 30;
const UNKNOWN_INVITATION = `/invitation/${'x'.repeat(43)}`;
const HSTS = 'strict-transport-security';

/** A failed sign-in; returns the address its audit row records. */
async function auditedAddress({ t, p }: { t: TestApp; p: TestPartnership }, options: AgentRequestOptions): Promise<string | null> {
  const requestId = randomUUID();
  const res = await t
    .agent()
    .post(
      '/sign-in',
      { email: p.users.viewer.email, password: 'not the password at all' },
      { ...options, headers: { ...options.headers, 'x-request-id': requestId } },
    );
  assert.equal(res.statusCode, 401);
  const row = await t.database.db.tenant(p.id, (trx) =>
    trx
      .selectFrom('audit_events')
      .select('ip')
      .where('request_id', '=', requestId)
      .where('action', '=', 'auth.sign_in_failed')
      .executeTakeFirstOrThrow(),
  );
  return row.ip;
}

/** Posts to a throttled page once per entry (its X-Forwarded-For); returns the statuses. */
async function throttledStatuses(agent: Agent, forwardedFor: string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const address of forwardedFor) {
    const res = await agent.post(UNKNOWN_INVITATION, { password: 'x', confirmPassword: 'x' }, { headers: { 'x-forwarded-for': address } });
    statuses.push(res.statusCode);
  }
  return statuses;
}

const manyAddresses = (n: number) => Array.from({ length: n }, (_, i) => `203.0.113.${i + 1}`);

/** An app with these settings and a seeded partnership, for the describe block that calls it. */
function appWith(env: Record<string, string>): { t: TestApp; p: TestPartnership } {
  const made = {} as { t: TestApp; p: TestPartnership };
  before(async () => {
    made.t = await createTestApp({ env });
    made.p = await seedPartnership(made.t.database.db, made.t.config, 'alpha');
  });
  after(() => made.t.close());
  return made;
}

describe('without TRUST_PROXY, no proxy is trusted, in production too', () => {
  const made = appWith({ NODE_ENV: 'production' });

  test('X-Forwarded-For from loopback changes neither the address the audit log records nor the one the rate limit counts', async () => {
    assert.equal(await auditedAddress(made, { headers: { 'x-forwarded-for': '198.51.100.7' } }), '127.0.0.1');
    const statuses = await throttledStatuses(made.t.agent(), manyAddresses(RATE_LIMIT + 1));
    assert.deepEqual(statuses.slice(0, RATE_LIMIT - 1), Array(RATE_LIMIT - 1).fill(404));
    assert.equal(statuses.at(-1), 429, 'every request counts against 127.0.0.1 whatever address it claims');
  });

  test('HSTS is not sent over plain HTTP, nor when a client claims HTTPS in X-Forwarded-Proto', async () => {
    const agent = made.t.agent();
    const plain = await agent.get('/sign-in');
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers[HSTS], undefined);
    assert.equal((await agent.get('/sign-in', { headers: { 'x-forwarded-proto': 'https' } })).headers[HSTS], undefined);
  });
});

describe('TRUST_PROXY names the proxy whose forwarded headers are believed', () => {
  const made = appWith({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' });

  test("from a trusted proxy, X-Forwarded-For gives the client's address to the audit log and the rate limit", async () => {
    assert.equal(await auditedAddress(made, { headers: { 'x-forwarded-for': '198.51.100.7' } }), '198.51.100.7');
    // Through two trusted proxies, the address the outer one saw.
    const twoHops = { remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': '198.51.100.8, 10.0.0.5' } };
    assert.equal(await auditedAddress(made, twoHops), '198.51.100.8');

    const agent = made.t.agent();
    assert.ok(
      (await throttledStatuses(agent, manyAddresses(RATE_LIMIT + 1))).every((s) => s === 404),
      'each client has its own limit',
    );
    const one = await throttledStatuses(agent, Array<string>(RATE_LIMIT + 1).fill('198.51.100.9'));
    assert.equal(one.at(-2), 404);
    assert.equal(one.at(-1), 429, 'one client is still limited');
  });

  test('from any other address, X-Forwarded-For is ignored', async () => {
    const options = { remoteAddress: '192.0.2.44', headers: { 'x-forwarded-for': '198.51.100.7' } };
    assert.equal(await auditedAddress(made, options), '192.0.2.44');
  });

  test('HSTS is sent when the trusted proxy says the request came over HTTPS, and not otherwise', async () => {
    const agent = made.t.agent();
    const https = await agent.get('/sign-in', { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(https.headers[HSTS], 'max-age=31536000; includeSubDomains');
    assert.equal((await agent.get('/sign-in')).headers[HSTS], undefined, 'plain HTTP through the proxy');
    assert.equal((await agent.get('/sign-in', { headers: { 'x-forwarded-proto': 'http' } })).headers[HSTS], undefined);
    const untrusted = await agent.get('/sign-in', { remoteAddress: '192.0.2.44', headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(untrusted.statusCode, 200);
    assert.equal(untrusted.headers[HSTS], undefined, 'a client that is not the proxy cannot claim HTTPS');
  });
});
