import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DEMO_PASSWORD, demoUsers } from '../demo/demo-data.ts';

describe('the sign-in page of a demo deployment, and of a real one', () => {
  let demo: TestApp;
  let real: TestApp;
  before(async () => {
    demo = await createTestApp({ demo: true });
    real = await createTestApp();
  });
  after(async () => {
    await demo.close();
    await real.close();
  });

  test('a demo deployment names every demo user and their password, and says where their codes come from', async () => {
    const res = await demo.agent().get('/sign-in');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Signing in to the demo/);
    for (const user of demoUsers) assert.ok(res.body.includes(user.email), `the page names ${user.email}`);
    assert.ok(res.body.includes(DEMO_PASSWORD));
    assert.match(res.body, /printed each demo user’s authenticator key/);
    // Keys are printed in the console only, never on a page.
    assert.doesNotMatch(res.body, /\b[A-Z2-7]{32}\b/);
  });

  test('a real deployment names no demo user, password or key', async () => {
    for (const page of ['/sign-in', '/sign-in?demo=1']) {
      const res = await real.agent().get(page);
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /demo/i);
      assert.ok(!res.body.includes(DEMO_PASSWORD));
    }
    // Nor after a failed sign-in, which renders the page again.
    const failed = await real.agent().post('/sign-in', { email: 'someone@example.test', password: 'not the password' });
    assert.equal(failed.statusCode, 401);
    assert.doesNotMatch(failed.body, /demo/i);
  });
});
