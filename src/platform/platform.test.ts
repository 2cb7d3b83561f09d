import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.ts';
import { seal, unseal } from './crypto.ts';
import { AppError, mustFind } from './errors.ts';
import { countOf, formatDate, formatDateTime } from './format.ts';
import { validateForm } from './forms.ts';
import { navigationFor } from './navigation.ts';
import { authPaths } from '../features/auth/auth-paths.ts';
import { userPaths } from '../features/users/user-paths.ts';
import { createRateLimiter } from './rate-limit.ts';
import { features } from '../features/index.ts';

const key = Buffer.alloc(32, 1).toString('base64');

describe('config', () => {
  test('defaults to the embedded database in ./data on 127.0.0.1:3000', () => {
    const c = loadConfig({ SAFER_SECRET_KEY: key });
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 3000);
    assert.equal(c.database.kind, 'embedded');
    assert.match(c.dataDir, /\/data$/);
    assert.equal(c.session.secureCookies, true);
    assert.equal(c.loadDemo, true);
  });

  test('DATABASE_URL selects the server, which needs SAFER_SECRET_KEY and does not load the demo', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', SAFER_SECRET_KEY: key });
    assert.deepEqual(c.database, { kind: 'server', url: 'postgres://u@h/db' });
    assert.equal(c.loadDemo, false);
    assert.throws(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db' }), /SAFER_SECRET_KEY: required/);
  });

  test('bad settings are refused naming the setting', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', SAFER_SECRET_KEY: key }),
      (e: Error) => e instanceof ConfigError && /PORT/.test(e.message),
    );
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x', SAFER_SECRET_KEY: key }), /DATABASE_URL: must start with postgres/);
    assert.throws(() => loadConfig({ SAFER_SECRET_KEY: 'c2hvcnQ=' }), /32 bytes/);
    assert.throws(() => loadConfig({ SECURE_COOKIES: 'false', SAFER_SECRET_KEY: key }), /cannot be false when NODE_ENV is production/);
    assert.equal(loadConfig({ SECURE_COOKIES: 'false', NODE_ENV: 'development', SAFER_SECRET_KEY: key }).session.secureCookies, false);
  });
});

describe('TRUST_PROXY', () => {
  const trusted = (value?: string) =>
    loadConfig({ SAFER_SECRET_KEY: key, ...(value === undefined ? {} : { TRUST_PROXY: value }) }).trustedProxies;

  test('is off unless set: no proxy is trusted, in production or not', () => {
    assert.deepEqual(trusted(), []);
    assert.deepEqual(trusted(''), []);
    assert.deepEqual(trusted('  '), []);
  });

  test('takes addresses and CIDR ranges, IPv4 and IPv6, separated by commas', () => {
    assert.deepEqual(trusted('127.0.0.1'), ['127.0.0.1']);
    assert.deepEqual(trusted(' 127.0.0.1, ::1 ,10.0.0.0/8,2001:db8::/32'), ['127.0.0.1', '::1', '10.0.0.0/8', '2001:db8::/32']);
    assert.deepEqual(trusted('192.0.2.7/32'), ['192.0.2.7/32']);
  });

  test('refuses anything else, naming the setting and the value', () => {
    const refused: [string, RegExp][] = [
      ['true', /TRUST_PROXY: "true" would trust every address/],
      ['*', /TRUST_PROXY: "\*" would trust every address/],
      ['false', /TRUST_PROXY: "false" is not needed: leave TRUST_PROXY unset/],
      ['1', /TRUST_PROXY: "1" looks like a hop count/],
      ['loopback', /TRUST_PROXY: "loopback" is not an IP address or a CIDR range/],
      ['proxy.example.org', /"proxy.example.org" is not an IP address/],
      ['127.0.0.1,', /TRUST_PROXY: "" is empty/],
      ['127.0.0.1,,::1', /"" is empty/],
      ['256.0.0.1', /"256.0.0.1" is not an IP address/],
      ['10.0.0.0/33', /"10.0.0.0\/33" has a prefix length that is not a whole number from 1 to 32/],
      ['::1/129', /from 1 to 128/],
      ['10.0.0.0/8/8', /is not an IP address or a CIDR range/],
      ['10.0.0.0/', /has a prefix length/],
      ['0.0.0.0/0', /"0.0.0.0\/0" covers every address/],
      ['::/0', /covers every address/],
    ];
    for (const [value, message] of refused) {
      assert.throws(
        () => trusted(value),
        (e: Error) => e instanceof ConfigError && message.test(e.message),
        value,
      );
    }
  });
});

describe('sealed secrets', () => {
  test('round-trip, and refuse a changed value or the wrong key', () => {
    const k = randomBytes(32);
    const sealed = seal(k, 'JBSWY3DPEHPK3PXP');
    assert.notEqual(sealed, seal(k, 'JBSWY3DPEHPK3PXP'), 'a fresh IV each time');
    assert.equal(unseal(k, sealed), 'JBSWY3DPEHPK3PXP');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    assert.throws(() => unseal(k, parts.join('.')));
    assert.throws(() => unseal(randomBytes(32), sealed));
  });
});

describe('mustFind', () => {
  test('gives what the finder found, and a 404 where it found nothing', async () => {
    const rows = new Map([[1, { id: 1, name: 'Found' }]]);
    const find = mustFind(async (id: number) => rows.get(id));
    assert.deepEqual(await find(1), { id: 1, name: 'Found' });
    await assert.rejects(find(2), (e: Error) => e instanceof AppError && e.code === 'NOT_FOUND' && e.status === 404);
  });
});

describe('forms', () => {
  const schema = z.object({
    name: z.string({ error: 'Enter a name' }).trim().min(1, 'Enter a name'),
    email: z.email('Enter an email address in the correct format'),
  });
  test('errors come in field order, once per field, linked to the field', () => {
    const r = validateForm(schema, { _csrf: 'x', name: ' ', email: 'nope' });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.errors.summary, [
      { text: 'Enter a name', href: '#name' },
      { text: 'Enter an email address in the correct format', href: '#email' },
    ]);
    assert.equal(r.values['_csrf'], undefined, 'the CSRF token is not echoed as a value');
  });
  test('valid input is parsed', () => {
    assert.deepEqual(validateForm(schema, { name: ' Sam ', email: 'sam@example.org' }), {
      ok: true,
      data: { name: 'Sam', email: 'sam@example.org' },
    });
  });
});

describe('dates', () => {
  test('are written the GOV.UK way in London time', () => {
    assert.equal(formatDate('2026-11-26T09:05:00Z'), '26 November 2026');
    assert.equal(formatDateTime('2026-07-01T08:05:00Z'), '1 July 2026, 9:05am');
    assert.deepEqual([countOf(1, 'row'), countOf(17792, 'row'), countOf(0, 'file')], ['1 row', '17,792 rows', '0 files']);
    assert.equal(formatDateTime('2026-01-01T13:30:00Z'), '1 January 2026, 1:30pm');
    assert.equal(formatDate(null), '');
  });
});

describe('paths', () => {
  test('build links and the route patterns from the same place', () => {
    assert.equal(userPaths.show(12), '/admin/users/12');
    assert.equal(userPaths.show(':id'), '/admin/users/:id');
    assert.equal(authPaths.invitation('a/b'), '/invitation/a%2Fb');
  });
});

describe('navigation', () => {
  const entries = features.flatMap((f) => f.navigation ?? []);
  const auth = {
    sessionHash: 'h',
    stage: 'full' as const,
    userId: 1,
    partnershipId: 1,
    partnershipName: 'P',
    partnershipSlug: 'p',
    name: 'N',
    email: 'e',
    agencyId: 1,
    agencyName: 'A',
    dataManager: false,
  };
  test('admins see the admin pages; others do not; the current page is marked', () => {
    const admin = navigationFor({ ...auth, role: 'admin' }, '/admin/users/3', entries);
    assert.deepEqual(
      admin.map((i) => i.text),
      [
        'Home',
        'Plans',
        'Action plans',
        'My actions',
        'Performance',
        'Governance',
        'Funding',
        'Explore data',
        'Import data',
        'Administration',
        'Your account',
      ],
    );
    assert.equal(admin.find((i) => i.active)?.text, 'Administration');
    assert.equal(navigationFor({ ...auth, role: 'admin' }, '/admin/audit', entries).find((i) => i.active)?.text, 'Administration');
    assert.deepEqual(
      navigationFor({ ...auth, role: 'viewer' }, '/', entries).map((i) => i.text),
      ['Home', 'Plans', 'Action plans', 'Performance', 'Governance', 'Funding', 'Explore data', 'Your account'],
    );
    assert.ok(navigationFor({ ...auth, role: 'member' }, '/', entries).some((i) => i.text === 'My actions'));
    for (const role of ['admin', 'coordinator', 'analyst', 'member', 'viewer'] as const) {
      assert.deepEqual(
        navigationFor({ ...auth, role }, '/explore', entries)
          .filter((i) => i.active)
          .map((i) => i.text),
        ['Explore data'],
        role,
      );
    }
    for (const role of ['admin', 'coordinator', 'analyst', 'member', 'viewer'] as const) {
      assert.equal(navigationFor({ ...auth, role }, '/performance/priorities/4', entries).find((i) => i.active)?.text, 'Performance', role);
    }
    assert.deepEqual(navigationFor(null, '/', entries), []);
  });
  test('administrators, coordinators and analysts can import data; members and viewers cannot', () => {
    for (const role of ['admin', 'coordinator', 'analyst'] as const) {
      assert.ok(
        navigationFor({ ...auth, role }, '/', entries).some((i) => i.text === 'Import data' && i.href === '/imports'),
        role,
      );
      assert.equal(navigationFor({ ...auth, role }, '/imports/3', entries).find((i) => i.active)?.text, 'Import data', role);
    }
    for (const role of ['member', 'viewer'] as const) {
      assert.ok(!navigationFor({ ...auth, role }, '/', entries).some((i) => i.text === 'Import data'), role);
    }
  });
});

describe('rate limiter', () => {
  test('allows the limit in a window, then refuses until the window passes', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 1000 });
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.take('ip', 0)),
      [true, true, true, false],
    );
    assert.equal(limiter.take('other', 0), true);
    assert.equal(limiter.take('ip', 1000), true);
  });
});
