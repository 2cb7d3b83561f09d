import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actorOf, servicesOf, TEST_PASSWORD, type Agent, type TestApp, type TestPartnership } from '../../../test/helpers/app.ts';
import {
  addKentPolice,
  addSignedUpUser,
  appWithPartnerships,
  auditEvents,
  pagesRefused,
  serviceRefuses,
  signedIn,
} from '../../../test/helpers/route-fixtures.ts';

const NEW_PASSWORD = 'lantern orchard velvet compass harbour';

const userRow = (t: TestApp, id: number) =>
  t.database.db.system((trx) => trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow());

const auditFor = (t: TestApp, partnershipId: number, userId: number) =>
  auditEvents(t, partnershipId, { subjectType: 'user', subjectId: userId });

const sessionCount = async (t: TestApp, userId: number) =>
  (await t.database.db.system((trx) => trx.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute())).length;

/** The invitation link shown on the page, and the path to request it by. */
function invitationOn(t: TestApp, body: string): { link: string; path: string } {
  const match = /value="([^"]*\/invitation\/[A-Za-z0-9_-]{43})"/.exec(body);
  assert.ok(match, 'the page shows an invitation link');
  const link = match[1]!;
  assert.ok(link.startsWith(`${t.config.publicUrl}/invitation/`));
  return { link, path: new URL(link).pathname };
}

describe('managing partnership users', () => {
  let t: TestApp;
  let p: TestPartnership;
  let q: TestPartnership;
  let admin: Agent;
  let secondAgencyId: number;

  before(async () => {
    [t, p, q] = await appWithPartnerships(['alpha', 'bravo']);
    secondAgencyId = await addKentPolice(t, p);
    [admin] = await signedIn(t, p.users.admin);
  });
  after(() => t.close());

  test('the list shows each user, linked to their page, with email, agency, role in words and status', async () => {
    const res = await admin.get('/admin/users');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>Users - Safer alpha Partnership<\/title>/);
    assert.match(res.body, /<h1 class="govuk-heading-l">Users<\/h1>/);
    assert.ok(res.body.includes(`<a class="govuk-link" href="/admin/users/${p.users.coordinator.id}">alpha coordinator person</a>`));
    assert.ok(res.body.includes('coordinator@alpha.test'));
    assert.ok(res.body.includes('alpha Borough Council'));
    for (const words of ['Partnership administrator', 'Coordinator', 'Analyst', 'Member', 'Viewer'])
      assert.ok(res.body.includes(`>${words}<`), words);
    assert.match(res.body, /<strong class="govuk-tag govuk-tag--green">Active<\/strong>/);
    assert.ok(!res.body.includes('bravo'), "another partnership's users are not listed");
  });

  test(
    'an admin adds a user and is shown the invitation link once; the link lets them set a password and go on to set up their ' +
      'authenticator',
    async () => {
      const form = await admin.get('/admin/users/new');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<title>Add a user - /);
      assert.match(form.body, /<select class="govuk-select" id="agencyId" name="agencyId"/);
      assert.match(form.body, /<option value="" selected>Select an agency<\/option>/);
      assert.match(form.body, /<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\s*Role\s*<\/legend>/);
      assert.match(
        form.body,
        new RegExp(
          /Partnership administrator\s*<\/label>\s*/.source +
            /<div id="role-item-hint" class="govuk-hint govuk-radios__hint">\s*Manages agencies, users and the audit log/.source,
        ),
      );
      assert.match(form.body, /Coordinator \(community safety officer\)/);
      assert.match(form.body, /Viewer \(for example a councillor\)/);

      const res = await admin.post('/admin/users/new', {
        name: 'Priya Shah',
        email: 'priya.shah@kent.test',
        agencyId: String(secondAgencyId),
        role: 'analyst',
      });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<title>User added - /);
      assert.match(res.body, /govuk-panel__title">\s*User added/);
      assert.match(res.body, /The link works once, for 7 days/);
      assert.match(res.body, /readonly/);
      const { path } = invitationOn(t, res.body);

      const user = await t.database.db.system((trx) =>
        trx.selectFrom('users').selectAll().where('email', '=', 'priya.shah@kent.test').executeTakeFirstOrThrow(),
      );
      assert.equal(user.partnership_id, p.id);
      assert.equal(user.agency_id, secondAgencyId);
      assert.equal(user.role, 'analyst');
      assert.equal(user.password_hash, null);
      const audit = await auditFor(t, p.id, user.id);
      assert.deepEqual(
        audit.map((a) => a.action),
        ['user.created', 'user.invited'],
      );
      assert.equal(audit[0]!.actor_user_id, p.users.admin.id);
      assert.deepEqual(audit[0]!.details, { name: 'Priya Shah', email: 'priya.shah@kent.test', role: 'analyst', agencyId: secondAgencyId });

      const list = await admin.get('/admin/users');
      assert.match(
        list.body,
        new RegExp(`href="/admin/users/${user.id}">Priya Shah</a>[\\s\\S]*?<strong class="govuk-tag">Invited</strong>`),
      );

      const invitee = t.agent();
      const page = await invitee.get(path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Create your password/);
      const set = await invitee.post(path, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      assert.equal(set.statusCode, 200);
      assert.match(set.body, /Your password is set/);
      assert.equal((await invitee.get(path)).statusCode, 404, 'the link works once');

      const signIn = await invitee.post('/sign-in', { email: 'priya.shah@kent.test', password: NEW_PASSWORD });
      assert.equal(signIn.statusCode, 303);
      assert.equal(signIn.headers.location, '/sign-in/set-up-authenticator');
      const setUp = await invitee.get('/sign-in/set-up-authenticator');
      assert.equal(setUp.statusCode, 200);
      assert.match(setUp.body, /Set up your authenticator app/);

      const after = await admin.get('/admin/users');
      assert.match(
        after.body,
        new RegExp(
          `href="/admin/users/${user.id}">Priya Shah</a>[\\s\\S]*?<strong class="govuk-tag govuk-tag--yellow">No authenticator</strong>`,
        ),
      );
    },
  );

  test('the add form shows the GOV.UK error summary for each problem, and keeps what was typed', async () => {
    const empty = await admin.post('/admin/users/new', {});
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /<title>Error: Add a user - /);
    assert.match(empty.body, /govuk-error-summary/);
    assert.match(empty.body, /href="#name">Enter their full name/);
    assert.match(empty.body, /href="#email">Enter an email address</);
    assert.match(empty.body, /href="#agencyId">Select an agency/);
    assert.match(empty.body, /href="#role">Select a role/);

    const sam = { name: 'Sam Okafor', email: 'sam@kent.test', agencyId: String(p.agencyId), role: 'viewer' };
    const cases = [
      {
        why: 'an email address not like one; the form keeps what was typed',
        change: { email: 'sam at kent' },
        shows: [
          /href="#email">Enter an email address in the correct format, like name@example.org/,
          /value="Sam Okafor"/,
          new RegExp(`<option value="${p.agencyId}" selected>`),
          /value="viewer" checked/,
        ],
      },
      {
        why: 'email addresses are unique across every partnership',
        change: { email: 'ADMIN@bravo.test' },
        shows: [/href="#email">An account with this email address already exists/],
      },
      {
        why: 'an agency of another partnership cannot be chosen',
        change: { agencyId: String(q.agencyId) },
        shows: [/href="#agencyId">Select an agency/],
      },
      { why: 'a role there is not', change: { role: 'superuser' }, shows: [/href="#role">Select a role/] },
    ];
    for (const c of cases) {
      const res = await admin.post('/admin/users/new', { ...sam, ...c.change });
      assert.equal(res.statusCode, 400, c.why);
      for (const shown of c.shows) assert.match(res.body, shown, c.why);
    }

    const made = await t.database.db.system((trx) => trx.selectFrom('users').select('id').where('name', '=', 'Sam Okafor').execute());
    assert.equal(made.length, 0);
  });

  test('the user page shows their details and status, with Change links and each action as a form with the CSRF field', async () => {
    const id = p.users.coordinator.id;
    const res = await admin.get(`/admin/users/${id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>alpha coordinator person - /);
    assert.match(res.body, /<h1 class="govuk-heading-l">alpha coordinator person<\/h1>/);
    assert.ok(res.body.includes('coordinator@alpha.test'));
    assert.ok(res.body.includes('alpha Borough Council'));
    assert.ok(res.body.includes('Coordinator (community safety officer)'));
    assert.match(res.body, /<strong class="govuk-tag govuk-tag--green">Active<\/strong>/);
    assert.match(res.body, new RegExp(`href="/admin/users/${id}/edit">\\s*Change<span class="govuk-visually-hidden"> full name</span>`));
    assert.match(res.body, /This signs them out at once/);
    for (const action of ['disable', 'reset-authenticator', 'invitation']) {
      assert.match(
        res.body,
        new RegExp(
          `<form method="post" action="/admin/users/${id}/${action}" novalidate>\\s*` +
            '<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{43}">',
        ),
        action,
      );
    }
    assert.equal((res.body.match(/<h1/g) ?? []).length, 1);
  });

  test('an admin changes a user: the change is saved and audited, and a change of role signs them out', async () => {
    const user = await addSignedUpUser(t, p, 'Dan Reyes', 'member');
    const [theirs] = await signedIn(t, user);

    const form = await admin.get(`/admin/users/${user.id}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<title>Change user details - /);
    assert.match(form.body, /value="Dan Reyes"/);
    assert.match(form.body, new RegExp(`value="${user.email.replace(/\./g, '\\.')}"`));
    assert.match(form.body, new RegExp(`<option value="${p.agencyId}" selected>`));
    assert.match(form.body, /value="member" checked/);
    assert.ok(!form.body.includes('Select an agency</option>'), 'no prompt once an agency is chosen');

    const res = await admin.post(`/admin/users/${user.id}/edit`, {
      name: 'Daniel Reyes',
      email: user.email,
      agencyId: String(secondAgencyId),
      role: 'analyst',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/users/${user.id}?done=changed`);
    const row = await userRow(t, user.id);
    assert.equal(row.name, 'Daniel Reyes');
    assert.equal(row.role, 'analyst');
    assert.equal(row.agency_id, secondAgencyId);
    const audit = await auditFor(t, p.id, user.id);
    assert.equal(audit.at(-1)!.action, 'user.updated');
    assert.deepEqual(audit.at(-1)!.details, {
      name: { from: 'Dan Reyes', to: 'Daniel Reyes' },
      role: { from: 'member', to: 'analyst' },
      agencyId: { from: p.agencyId, to: secondAgencyId },
    });
    const page = await admin.get(String(res.headers.location));
    assert.match(page.body, /The details for Daniel Reyes have been changed/);
    assert.match(page.body, /Kent Police/);

    const next = await theirs.get('/');
    assert.equal(next.statusCode, 302);
    assert.equal(next.headers.location, '/sign-in');

    const invalid = await admin.post(`/admin/users/${user.id}/edit`, {
      name: '',
      email: 'nope',
      agencyId: String(p.agencyId),
      role: 'analyst',
    });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /<title>Error: Change user details - /);
    assert.match(invalid.body, /href="#name">Enter their full name/);
    assert.match(invalid.body, /href="#email">Enter an email address in the correct format/);
  });

  test('disabling a user signs them out at once; enabling them lets them sign in again', async () => {
    const user = await addSignedUpUser(t, p, 'Erin Walsh', 'coordinator');
    const [theirs] = await signedIn(t, user);
    assert.equal((await theirs.get('/')).statusCode, 200);

    const res = await admin.post(`/admin/users/${user.id}/disable`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/users/${user.id}?done=disabled`);

    const next = await theirs.get('/');
    assert.equal(next.statusCode, 302);
    assert.equal(next.headers.location, '/sign-in');
    assert.equal(await sessionCount(t, user.id), 0);
    assert.ok((await userRow(t, user.id)).disabled_at);
    assert.equal((await auditFor(t, p.id, user.id)).at(-1)!.action, 'user.disabled');

    const page = await admin.get(String(res.headers.location));
    assert.match(page.body, /Erin Walsh has been disabled and signed out/);
    assert.match(page.body, /<strong class="govuk-tag govuk-tag--grey">Disabled<\/strong>/);
    assert.match(page.body, new RegExp(`action="/admin/users/${user.id}/enable"`));
    assert.ok(!page.body.includes(`action="/admin/users/${user.id}/invitation"`), 'no invitation link for a disabled user');
    const list = await admin.get('/admin/users');
    assert.match(list.body, new RegExp(`Erin Walsh</a>[\\s\\S]*?<strong class="govuk-tag govuk-tag--grey">Disabled</strong>`));

    const refused = await t.agent().post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    assert.equal(refused.statusCode, 401);
    const invite = await admin.post(`/admin/users/${user.id}/invitation`);
    assert.equal(invite.statusCode, 400);
    assert.match(invite.body, /href="#invitation">Enable this user before you create an invitation link for them/);

    const enable = await admin.post(`/admin/users/${user.id}/enable`);
    assert.equal(enable.statusCode, 303);
    assert.equal((await userRow(t, user.id)).disabled_at, null);
    assert.equal((await auditFor(t, p.id, user.id)).at(-1)!.action, 'user.enabled');
    assert.match((await admin.get(String(enable.headers.location))).body, /Erin Walsh has been enabled and can sign in again/);
    await theirs.signIn(user);
    assert.equal((await theirs.get('/')).statusCode, 200);
  });

  test('an admin cannot disable themselves or remove their own administrator role', async () => {
    const self = p.users.admin.id;
    const page = await admin.get(`/admin/users/${self}`);
    assert.ok(!page.body.includes(`action="/admin/users/${self}/disable"`));
    assert.match(page.body, /You cannot disable your own account/);
    assert.match(page.body, /Do this if someone else may know your password[\s\S]*?This signs you out at once/);

    const disable = await admin.post(`/admin/users/${self}/disable`);
    assert.equal(disable.statusCode, 400);
    assert.match(disable.body, /govuk-error-summary/);
    assert.match(disable.body, /href="#disable">You cannot disable your own account/);
    assert.equal((await userRow(t, self)).disabled_at, null);

    const demote = await admin.post(`/admin/users/${self}/edit`, {
      name: p.users.admin.name,
      email: p.users.admin.email,
      agencyId: String(p.agencyId),
      role: 'viewer',
    });
    assert.equal(demote.statusCode, 400);
    assert.match(demote.body, /href="#role">You cannot remove your own administrator role/);
    assert.equal((await userRow(t, self)).role, 'admin');
    assert.ok(!(await auditFor(t, p.id, self)).some((a) => a.action === 'user.disabled' || a.action === 'user.updated'));
    assert.equal((await admin.get('/')).statusCode, 200, 'still signed in');

    const rename = await admin.post(`/admin/users/${self}/edit`, {
      name: 'alpha admin renamed',
      email: p.users.admin.email,
      agencyId: String(p.agencyId),
      role: 'admin',
    });
    assert.equal(rename.statusCode, 303, 'other changes to their own details are allowed');
    assert.equal((await admin.get('/')).statusCode, 200, 'and do not sign them out');
  });

  test('resetting the authenticator app clears it and signs them out; they set up a new one at their next sign-in', async () => {
    const user = await addSignedUpUser(t, p, 'Femi Adeyemi', 'analyst');
    const [theirs] = await signedIn(t, user);

    const res = await admin.post(`/admin/users/${user.id}/reset-authenticator`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/users/${user.id}?done=reset`);
    const row = await userRow(t, user.id);
    assert.equal(row.totp_secret, null);
    assert.equal(row.totp_enabled_at, null);
    assert.equal((await auditFor(t, p.id, user.id)).at(-1)!.action, 'mfa.reset');
    assert.match((await admin.get(String(res.headers.location))).body, /The authenticator app for Femi Adeyemi has been reset/);
    assert.equal((await theirs.get('/')).headers.location, '/sign-in');

    const again = await theirs.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    assert.equal(again.headers.location, '/sign-in/set-up-authenticator');
  });

  test('a new invitation link is shown once and the earlier link stops working', async () => {
    const added = await admin.post('/admin/users/new', {
      name: 'Grace Lin',
      email: 'grace.lin@kent.test',
      agencyId: String(p.agencyId),
      role: 'viewer',
    });
    const first = invitationOn(t, added.body);
    const userId = Number(/href="\/admin\/users\/(\d+)"/.exec(added.body)![1]);

    const res = await admin.post(`/admin/users/${userId}/invitation`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>New invitation link - /);
    assert.match(res.body, /<h1 class="govuk-heading-l">New invitation link<\/h1>/);
    assert.match(res.body, /The link works once, for 7 days/);
    const second = invitationOn(t, res.body);
    assert.notEqual(second.link, first.link);

    const visitor = t.agent();
    assert.equal((await visitor.get(first.path)).statusCode, 404);
    assert.equal((await visitor.get(second.path)).statusCode, 200);
    assert.deepEqual(
      (await auditFor(t, p.id, userId)).map((a) => a.action),
      ['user.created', 'user.invited', 'user.invited'],
    );
    const page = await admin.get(`/admin/users/${userId}`);
    assert.ok(!page.body.includes(second.link), 'the link is not shown again');
  });

  test('a new invitation link signs the user out at once, in every browser, and the audit says how many sessions ended', async () => {
    const user = await addSignedUpUser(t, p, 'Hana Okafor', 'coordinator');
    const [laptop, phone] = await signedIn(t, user, user);
    assert.equal((await laptop.get('/')).statusCode, 200);
    const oldCookie = laptop.cookies.get('__Host-safer-session')!;

    const page = await admin.get(`/admin/users/${user.id}`);
    assert.match(page.body, /someone else may know it[\s\S]*?This signs them out at once[\s\S]*?Create a new invitation link\s*<\/button>/);
    const res = await admin.post(`/admin/users/${user.id}/invitation`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Any earlier invitation link for them no longer works,\s+and they have been signed out/);

    for (const agent of [laptop, phone]) {
      const next = await agent.get('/');
      assert.equal(next.statusCode, 302);
      assert.equal(next.headers.location, '/sign-in');
    }
    const replay = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: `__Host-safer-session=${oldCookie}` } });
    assert.equal(replay.headers.location, '/sign-in', 'the old session cookie no longer works');
    assert.equal(await sessionCount(t, user.id), 0);
    const audit = (await auditFor(t, p.id, user.id)).at(-1)!;
    assert.equal(audit.action, 'user.invited');
    assert.equal(audit.actor_user_id, p.users.admin.id);
    assert.deepEqual(audit.details, { sessionsEnded: 2 });
    assert.equal((await admin.get('/')).statusCode, 200, 'the administrator stays signed in');
  });

  test('a bad or unknown user id is a 404', async () => {
    for (const id of ['abc', '0', '-3', '2.5', '99999999999', '2147483647']) {
      for (const url of [`/admin/users/${id}`, `/admin/users/${id}/edit`]) {
        assert.equal((await admin.get(url)).statusCode, 404, `GET ${url}`);
      }
      for (const action of ['edit', 'disable', 'enable', 'reset-authenticator', 'invitation']) {
        const res = await admin.post(`/admin/users/${id}/${action}`, {
          name: 'x',
          email: 'x@x.test',
          agencyId: String(p.agencyId),
          role: 'viewer',
        });
        assert.equal(res.statusCode, 404, `POST ${id}/${action}`);
      }
    }
  });
});

describe('who may manage users', () => {
  let t: TestApp;
  let p: TestPartnership;
  let q: TestPartnership;

  before(async () => {
    [t, p, q] = await appWithPartnerships(['alpha', 'bravo']);
  });
  after(() => t.close());

  test('users who are not partnership administrators get 403 and change nothing', async () => {
    const target = p.users.viewer.id;
    for (const role of ['coordinator', 'analyst', 'member', 'viewer'] as const) {
      const [agent] = await signedIn(t, p.users[role]);
      await pagesRefused(agent, ['/admin/users', '/admin/users/new', `/admin/users/${target}`, `/admin/users/${target}/edit`], role);
      const add = await agent.post('/admin/users/new', {
        name: 'Made up',
        email: `made.by.${role}@alpha.test`,
        agencyId: String(p.agencyId),
        role: 'admin',
      });
      assert.equal(add.statusCode, 403, `${role} POST new`);
      const promote = await agent.post(`/admin/users/${p.users[role].id}/edit`, {
        name: p.users[role].name,
        email: p.users[role].email,
        agencyId: String(p.agencyId),
        role: 'admin',
      });
      assert.equal(promote.statusCode, 403, `${role} cannot make themselves an admin`);
      for (const action of ['disable', 'enable', 'reset-authenticator', 'invitation']) {
        assert.equal((await agent.post(`/admin/users/${target}/${action}`)).statusCode, 403, `${role} POST ${action}`);
      }
    }
    const rows = await t.database.db.system((trx) => trx.selectFrom('users').selectAll().where('partnership_id', '=', p.id).execute());
    assert.equal(rows.length, 5);
    assert.ok(rows.every((r) => r.disabled_at === null && r.totp_secret !== null));
    assert.equal(rows.filter((r) => r.role === 'admin').length, 1);
  });

  test("another partnership's admin gets 404 for this partnership's users, sees none of their data and changes nothing", async () => {
    const [insider, outsider] = await signedIn(t, p.users.coordinator, q.users.admin);
    const target = p.users.coordinator;
    const before = await userRow(t, target.id);

    for (const url of [`/admin/users/${target.id}`, `/admin/users/${target.id}/edit`]) {
      const res = await outsider.get(url);
      assert.equal(res.statusCode, 404, `GET ${url}`);
      assert.ok(!res.body.includes(target.name) && !res.body.includes(target.email));
    }
    const valid = { name: 'Taken over', email: 'taken.over@bravo.test', agencyId: String(q.agencyId), role: 'viewer' };
    for (const [action, form] of [
      ['edit', valid],
      ['edit', {}],
      ['disable', {}],
      ['enable', {}],
      ['reset-authenticator', {}],
      ['invitation', {}],
    ] as const) {
      const res = await outsider.post(`/admin/users/${target.id}/${action}`, form);
      assert.equal(res.statusCode, 404, `POST ${action}`);
      assert.ok(!res.body.includes(target.name) && !res.body.includes(target.email));
      assert.ok(!/\/invitation\/[A-Za-z0-9_-]{43}/.test(res.body));
    }

    assert.deepEqual(await userRow(t, target.id), before);
    assert.equal((await auditFor(t, p.id, target.id)).filter((a) => a.actor_user_id === q.users.admin.id).length, 0);
    const invitations = await t.database.db.system((trx) =>
      trx.selectFrom('invitations').select('user_id').where('user_id', '=', target.id).execute(),
    );
    assert.equal(invitations.length, 0);
    assert.equal((await insider.get('/')).statusCode, 200, 'the user is still signed in');
    const list = await outsider.get('/admin/users');
    assert.ok(!list.body.includes(target.email));
  });

  test('the users service itself refuses a viewer, and anyone but the operator a data manager: nothing changed or audited', async () => {
    await serviceRefuses(t, p, 'viewer', [
      ({ users }, viewer) => users.setDisabled(viewer, p.users.member.id, true),
      ({ users }, viewer) => users.resetAuthenticator(viewer, p.users.member.id),
    ]);
    await serviceRefuses(t, p, 'admin', [({ users }, admin) => users.setDataManager(admin, p.users.analyst.id, true)]);
    assert.equal((await servicesOf(t).users.get(actorOf(p, 'admin'), p.users.member.id)).disabled_at, null);
  });
});
