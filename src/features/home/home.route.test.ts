import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp, TestPartnership } from '../../../test/helpers/app.ts';
import { appWithPartnerships, signedIn } from '../../../test/helpers/route-fixtures.ts';

describe('the home page', () => {
  let t: TestApp;
  let p: TestPartnership;

  before(async () => {
    [t, p] = await appWithPartnerships(['alpha']);
  });
  after(() => t.close());

  const homeFor = async (role: 'admin' | 'coordinator' | 'viewer') => {
    const [agent] = await signedIn(t, p.users[role]);
    const res = await agent.get('/');
    assert.equal(res.statusCode, 200);
    return res.body;
  };

  test('an administrator is offered the agencies, the users and the audit log', async () => {
    const body = await homeFor('admin');
    assert.match(body, /<h1 class="govuk-heading-l" data-qa="home-heading">Safer alpha Partnership<\/h1>/);
    assert.match(body, /Run the partnership/);
    const links = [
      ['/admin/agencies', 'Member agencies'],
      ['/admin/users', 'Users and their roles'],
      ['/admin/audit', 'Audit log'],
    ];
    for (const [href, text] of links) {
      assert.ok(body.includes(`<a class="govuk-link" href="${href}">${text}</a>`), text);
    }
    assert.ok(body.includes('<a class="govuk-link" href="/account">Password, authenticator app and recovery codes</a>'));
  });

  test('anyone else sees only their own account, not the administration links', async () => {
    for (const role of ['coordinator', 'viewer'] as const) {
      const body = await homeFor(role);
      assert.ok(!body.includes('Run the partnership'), role);
      for (const href of ['/admin/agencies', '/admin/users', '/admin/audit']) {
        assert.ok(!body.includes(`href="${href}"`), `${role}: ${href}`);
      }
      assert.ok(body.includes('<a class="govuk-link" href="/account">'), role);
    }
  });
});
