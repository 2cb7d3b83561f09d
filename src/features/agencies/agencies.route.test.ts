import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actorOf, servicesOf, type Agent, type TestApp, type TestPartnership } from '../../../test/helpers/app.ts';
import { appWithPartnerships, auditEvents, pagesRefused, serviceRefuses, signedIn } from '../../../test/helpers/route-fixtures.ts';

const KENT_POLICE = { name: 'Kent Police', agencyType: 'police', responsibleAuthority: 'yes' };

describe('partnership agencies', () => {
  let t: TestApp;
  let p: TestPartnership;
  let q: TestPartnership;
  let admin: Agent;

  before(async () => {
    [t, p, q] = await appWithPartnerships(['alpha', 'bravo']);
    [admin] = await signedIn(t, p.users.admin);
  });
  after(() => t.close());

  const agencyRow = (id: number) =>
    t.database.db.system((trx) => trx.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  const auditFor = (partnershipId: number, agencyId: number) =>
    auditEvents(t, partnershipId, { subjectType: 'agency', subjectId: agencyId });
  const idFrom = (location: unknown): number => {
    const match = /\?(?:added|changed)=(\d+)$/.exec(String(location));
    assert.ok(match, `unexpected redirect to ${String(location)}`);
    return Number(match[1]);
  };

  test(
    'the list shows each agency with its type in words, whether it is a responsible authority, its active users and a ' + 'Change link',
    async () => {
      const res = await admin.get('/admin/agencies');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<title>Agencies - Safer alpha Partnership<\/title>/);
      assert.match(res.body, /<h1 class="govuk-heading-l">Agencies<\/h1>/);
      assert.match(res.body, /<th scope="row" class="govuk-table__header">alpha Borough Council<\/th>/);
      assert.match(res.body, />District or borough council</);
      assert.match(res.body, />Yes</);
      assert.match(res.body, /govuk-table__cell--numeric">5</, 'five active users');
      assert.ok(
        res.body.includes(
          `<a class="govuk-link" href="/admin/agencies/${p.agencyId}">` +
            'Change<span class="govuk-visually-hidden"> alpha Borough Council</span></a>',
        ),
      );
      assert.ok(!res.body.includes('bravo Borough Council'), "another partnership's agencies are not listed");
      assert.ok(!res.body.includes('govuk-notification-banner'), 'no success message without a change');
    },
  );

  test('an admin adds an agency: it is saved, audited and named in a success message on the list', async () => {
    const form = await admin.get('/admin/agencies/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<title>Add an agency - /);
    assert.match(form.body, /<h1 class="govuk-heading-l">Add an agency<\/h1>/);
    assert.match(form.body, /<label class="govuk-label govuk-label--m" for="name">\s*Agency name\s*<\/label>/);
    assert.match(form.body, /<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">\s*Type of agency\s*<\/legend>/);
    assert.match(form.body, /Is it a responsible authority under the Crime and Disorder Act 1998\?/);
    assert.match(form.body, /name="_csrf"/);
    for (const words of ['County council', 'Fire and rescue', 'Voluntary or community organisation', 'Other'])
      assert.ok(form.body.includes(words), words);
    assert.equal((form.body.match(/name="agencyType"/g) ?? []).length, 11, 'all 11 types are offered');

    const res = await admin.post('/admin/agencies/new', KENT_POLICE);
    assert.equal(res.statusCode, 303);
    const id = idFrom(res.headers.location);
    const row = await agencyRow(id);
    assert.equal(row.partnership_id, p.id);
    assert.equal(row.name, 'Kent Police');
    assert.equal(row.agency_type, 'police');
    assert.equal(row.responsible_authority, true);
    const audit = await auditFor(p.id, id);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['agency.created'],
    );
    assert.equal(audit[0]!.actor_user_id, p.users.admin.id);

    const list = await admin.get(String(res.headers.location));
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /govuk-notification-banner--success/);
    assert.match(list.body, /Kent Police has been added/);
    assert.match(list.body, />Police</);
  });

  test('an admin changes an agency: the form starts filled in and the change is audited with before and after', async () => {
    const created = await admin.post('/admin/agencies/new', {
      name: 'Maidstone Food Bank',
      agencyType: 'voluntary',
      responsibleAuthority: 'no',
    });
    const id = idFrom(created.headers.location);

    const form = await admin.get(`/admin/agencies/${id}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<title>Change agency details - /);
    assert.match(form.body, /<span class="govuk-caption-l">Maidstone Food Bank<\/span>/);
    assert.match(form.body, /value="Maidstone Food Bank"/);
    assert.match(form.body, /value="voluntary" checked/);
    assert.match(form.body, /value="no" checked/);
    assert.match(form.body, new RegExp(`action="/admin/agencies/${id}"`));

    const res = await admin.post(`/admin/agencies/${id}`, {
      name: 'Maidstone Housing Trust',
      agencyType: 'housing',
      responsibleAuthority: 'no',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/agencies?changed=${id}`);
    const row = await agencyRow(id);
    assert.equal(row.name, 'Maidstone Housing Trust');
    assert.equal(row.agency_type, 'housing');
    const audit = await auditFor(p.id, id);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['agency.created', 'agency.updated'],
    );
    assert.deepEqual(audit[1]!.details, {
      before: { name: 'Maidstone Food Bank', agencyType: 'voluntary', responsibleAuthority: false },
      after: { name: 'Maidstone Housing Trust', agencyType: 'housing', responsibleAuthority: false },
    });
    const list = await admin.get(String(res.headers.location));
    assert.match(list.body, /Maidstone Housing Trust has been changed/);
  });

  test('an empty form shows the GOV.UK error summary with a message for each field, and saves nothing', async () => {
    const before = await t.database.db.system((trx) => trx.selectFrom('agencies').select('id').execute());
    const res = await admin.post('/admin/agencies/new', {});
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: Add an agency - /);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /href="#name">Enter the agency name/);
    assert.match(res.body, /href="#agencyType">Select the type of agency/);
    assert.match(res.body, /href="#responsibleAuthority">Select yes if it is a responsible authority/);
    assert.match(res.body, /id="agencyType"/, 'the summary link has a field to go to');
    assert.match(res.body, /govuk-error-message/);
    const after = await t.database.db.system((trx) => trx.selectFrom('agencies').select('id').execute());
    assert.equal(after.length, before.length);
  });

  test('an unknown type is refused, and what was typed is kept and shown safely', async () => {
    const res = await admin.post('/admin/agencies/new', {
      name: '<script>alert(1)</script>',
      agencyType: 'army',
      responsibleAuthority: 'yes',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#agencyType">Select the type of agency/);
    assert.ok(!res.body.includes('<script>alert(1)'));
    assert.match(res.body, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.match(res.body, /value="yes" checked/);
  });

  test('a name already used in the partnership, in any case, shows the error against the name field', async () => {
    const add = await admin.post('/admin/agencies/new', { ...KENT_POLICE, name: '  KENT police ' });
    assert.equal(add.statusCode, 400);
    assert.match(add.body, /href="#name">An agency with this name already exists/);
    assert.match(add.body, /value=" {2}KENT police "/);

    const other = await admin.post('/admin/agencies/new', {
      name: 'Swale Community Trust',
      agencyType: 'voluntary',
      responsibleAuthority: 'no',
    });
    const id = idFrom(other.headers.location);
    const rename = await admin.post(`/admin/agencies/${id}`, { ...KENT_POLICE, name: 'alpha borough council' });
    assert.equal(rename.statusCode, 400);
    assert.match(rename.body, /An agency with this name already exists/);
    assert.equal((await agencyRow(id)).name, 'Swale Community Trust');

    // The same name in another partnership is no clash.
    const bravoName = await admin.post('/admin/agencies/new', {
      name: 'bravo Borough Council',
      agencyType: 'district_council',
      responsibleAuthority: 'yes',
    });
    assert.equal(bravoName.statusCode, 303);
  });

  test('the success message names only an agency of the partnership and never echoes the address', async () => {
    const odd = await admin.get('/admin/agencies?added=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.equal(odd.statusCode, 200);
    assert.ok(!odd.body.includes('govuk-notification-banner'));
    assert.ok(!odd.body.includes('alert(1)'));
    const theirs = await admin.get(`/admin/agencies?added=${q.agencyId}`);
    assert.ok(!theirs.body.includes('govuk-notification-banner'));
  });

  test('a bad or unknown agency id is a 404', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '1e3', '99999999999', '2147483647']) {
      const page = await admin.get(`/admin/agencies/${id}`);
      assert.equal(page.statusCode, 404, `GET ${id}`);
      assert.match(page.body, /Page not found/);
      const post = await admin.post(`/admin/agencies/${id}`, KENT_POLICE);
      assert.equal(post.statusCode, 404, `POST ${id}`);
    }
  });

  test('users who are not partnership administrators get 403 and change nothing', async () => {
    for (const role of ['coordinator', 'analyst', 'member', 'viewer'] as const) {
      const [agent] = await signedIn(t, p.users[role]);
      await pagesRefused(agent, ['/admin/agencies', '/admin/agencies/new', `/admin/agencies/${p.agencyId}`], role);
      const add = await agent.post('/admin/agencies/new', { name: `Made by ${role}`, agencyType: 'other', responsibleAuthority: 'no' });
      assert.equal(add.statusCode, 403, `${role} POST new`);
      const change = await agent.post(`/admin/agencies/${p.agencyId}`, {
        name: `Renamed by ${role}`,
        agencyType: 'other',
        responsibleAuthority: 'no',
      });
      assert.equal(change.statusCode, 403, `${role} POST change`);
    }
    const names = await t.database.db.system((trx) => trx.selectFrom('agencies').select('name').execute());
    assert.ok(!names.some((n) => /by (coordinator|analyst|member|viewer)/.test(n.name)));
  });

  test('someone signed out is sent to sign in', async () => {
    const res = await t.agent().get('/admin/agencies');
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/sign-in');
    const post = await t.agent().post('/admin/agencies/new', KENT_POLICE);
    assert.equal(post.statusCode, 401);
  });

  test("another partnership's admin gets 404 for this partnership's agency, sees none of it and changes nothing", async () => {
    const [outsider] = await signedIn(t, q.users.admin);
    const page = await outsider.get(`/admin/agencies/${p.agencyId}`);
    assert.equal(page.statusCode, 404);
    assert.ok(!page.body.includes('alpha Borough Council'));
    const post = await outsider.post(`/admin/agencies/${p.agencyId}`, {
      name: 'Taken over',
      agencyType: 'other',
      responsibleAuthority: 'no',
    });
    assert.equal(post.statusCode, 404);
    assert.ok(!post.body.includes('alpha Borough Council'));
    const invalid = await outsider.post(`/admin/agencies/${p.agencyId}`, {});
    assert.equal(invalid.statusCode, 404, 'a 404 even when the form is not valid');
    assert.equal((await agencyRow(p.agencyId)).name, 'alpha Borough Council');
    assert.equal((await auditFor(p.id, p.agencyId)).length, 0);
    const list = await outsider.get('/admin/agencies');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('bravo Borough Council'));
    assert.ok(!list.body.includes('alpha Borough Council'));
  });

  test('the agencies service itself refuses anyone but an administrator: nothing changed or audited', async () => {
    const agency = { name: 'Not allowed', agencyType: 'other', responsibleAuthority: false } as const;
    for (const role of ['coordinator', 'viewer'] as const) {
      await serviceRefuses(t, p, role, [({ agencies }, actor) => agencies.create(actor, agency)]);
    }
    assert.equal(await servicesOf(t).agencies.findByName(actorOf(p, 'admin'), 'Not allowed'), undefined);
  });
});
