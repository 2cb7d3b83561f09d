import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, seedPartnership, type Agent, type TestApp, type TestPartnership } from '../../../test/helpers/app.ts';

const idFrom = (location: unknown, pattern: RegExp): number => {
  const match = pattern.exec(String(location));
  assert.ok(match, `redirected to ${String(location)}`);
  return Number(match[1]);
};

describe('governance bodies, meetings and attendance', () => {
  let t: TestApp;
  let p: TestPartnership;
  let coordinator: Agent;
  let viewer: Agent;
  let policeId: number;

  before(async () => {
    t = await createTestApp();
    p = await seedPartnership(t.database.db, t.config, 'alpha');
    policeId = await t.database.db.system(async (trx) => {
      const row = await trx
        .insertInto('agencies')
        .values({ partnership_id: p.id, name: 'Kent Police', agency_type: 'police', responsible_authority: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    coordinator = t.agent();
    await coordinator.signIn(p.users.coordinator);
    viewer = t.agent();
    await viewer.signIn(p.users.viewer);
  });
  after(() => t.close());

  let executiveId: number;
  let subGroupId: number;
  let meetingId: number;

  test('a coordinator adds bodies, with reports-to links, and sees them grouped and on the structure diagram', async () => {
    const form = await coordinator.get('/governance/bodies/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<title>Add a body - /);

    const missing = await coordinator.post('/governance/bodies/new', { name: '', kind: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter the name of the body/);
    assert.match(missing.body, /Select what kind of body it is/);

    const exec = await coordinator.post('/governance/bodies/new', { name: 'Executive Group', shortName: 'EG', kind: 'executive_group', purpose: 'Leads', termsOfReference: '', reportsToBodyId: '' });
    assert.equal(exec.statusCode, 303);
    executiveId = idFrom(exec.headers.location, /\/governance\/bodies\/(\d+)/);
    const sub = await coordinator.post('/governance/bodies/new', { name: 'Youth <Safety> & Group', kind: 'sub_group', reportsToBodyId: String(executiveId) });
    assert.equal(sub.statusCode, 303);
    subGroupId = idFrom(sub.headers.location, /\/governance\/bodies\/(\d+)/);

    const duplicate = await coordinator.post('/governance/bodies/new', { name: 'executive group', kind: 'partnership' });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /A body with this name already exists/);

    const loop = await coordinator.post(`/governance/bodies/${executiveId}/edit`, { name: 'Executive Group', kind: 'executive_group', reportsToBodyId: String(subGroupId) });
    assert.equal(loop.statusCode, 400);
    assert.match(loop.body, /cannot report to itself or to a body that reports to it/);

    const list = await coordinator.get('/governance');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Executive groups/);
    assert.match(list.body, /Sub-groups/);
    assert.ok(list.body.includes('Youth &lt;Safety&gt; &amp; Group'));

    const structure = await coordinator.get('/governance/structure');
    assert.equal(structure.statusCode, 200);
    assert.match(structure.body, /<svg[^>]*role="img"/);
    assert.ok(structure.body.includes('Youth &lt;Safety&gt; &amp; Group (sub-group) reports to Executive Group.'));

    const audit = await t.database.db.tenant(p.id, (trx) => trx.selectFrom('audit_events').select('action').where('subject_type', '=', 'body').execute());
    assert.equal(audit.filter((a) => a.action === 'body.created').length, 2);
  });

  test('a coordinator adds and removes members, linking one to a user', async () => {
    const add = await coordinator.post(`/governance/bodies/${subGroupId}/members`, { personName: 'Alex Chair', role: 'chair', agencyId: String(policeId), userId: String(p.users.member.id) });
    assert.equal(add.statusCode, 303);
    const page = await coordinator.get(`/governance/bodies/${subGroupId}`);
    assert.match(page.body, /Alex Chair/);
    assert.match(page.body, />Chair</);
    assert.match(page.body, /alpha member person/);
    const { isBodyMember } = await import('./governance-repository.ts');
    assert.equal(await t.database.db.tenant(p.id, (trx) => isBodyMember(trx, subGroupId, p.users.member.id)), true);
    assert.equal(await t.database.db.tenant(p.id, (trx) => isBodyMember(trx, executiveId, p.users.member.id)), false);

    const bad = await coordinator.post(`/governance/bodies/${subGroupId}/members`, { personName: '', role: 'boss' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the person’s name/);

    const second = await coordinator.post(`/governance/bodies/${subGroupId}/members`, { personName: 'Sam Gone', role: 'member', agencyId: '', userId: '' });
    assert.equal(second.statusCode, 303);
    const memberId = await t.database.db.tenant(p.id, async (trx) => (await trx.selectFrom('body_members').select('id').where('person_name', '=', 'Sam Gone').executeTakeFirstOrThrow()).id);
    const removed = await coordinator.post(`/governance/members/${memberId}/remove`);
    assert.equal(removed.statusCode, 303);
    assert.ok(!(await coordinator.get(`/governance/bodies/${subGroupId}`)).body.includes('Sam Gone'));
  });

  test('a coordinator adds a meeting with agenda, attendance, minutes and decisions', async () => {
    const bad = await coordinator.post(`/governance/bodies/${subGroupId}/meetings/new`, { 'heldOn-day': '31', 'heldOn-month': '2', 'heldOn-year': '2019', title: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /The date of the meeting must be a real date/);

    const add = await coordinator.post(`/governance/bodies/${subGroupId}/meetings/new`, { 'heldOn-day': '14', 'heldOn-month': '1', 'heldOn-year': '2019', title: 'January meeting', location: 'Town hall', minutes: '' });
    assert.equal(add.statusCode, 303);
    meetingId = idFrom(add.headers.location, /\/governance\/meetings\/(\d+)/);

    for (const title of ['Welcome', 'Action plan', 'Any other business']) {
      assert.equal((await coordinator.post(`/governance/meetings/${meetingId}/agenda`, { title })).statusCode, 303);
    }
    const items = await t.database.db.tenant(p.id, (trx) => trx.selectFrom('agenda_items').select(['id', 'title']).orderBy('position').execute());
    assert.equal((await coordinator.post(`/governance/agenda-items/${items[2]!.id}/move`, { direction: 'up' })).statusCode, 303);
    assert.equal((await coordinator.post(`/governance/agenda-items/${items[0]!.id}/remove`)).statusCode, 303);

    const attendance = await coordinator.post(`/governance/meetings/${meetingId}/attendance`, { attended: String(policeId), [`attendees-${policeId}`]: 'PC Example' });
    assert.equal(attendance.statusCode, 303);
    assert.equal((await coordinator.post(`/governance/meetings/${meetingId}/decisions`, { decision: 'Agreed the action plan' })).statusCode, 303);
    const edit = await coordinator.post(`/governance/meetings/${meetingId}/edit`, { 'heldOn-day': '15', 'heldOn-month': '1', 'heldOn-year': '2019', title: 'January meeting', location: 'Town hall', minutes: 'Minutes <b>here</b>' });
    assert.equal(edit.statusCode, 303);

    const page = await viewer.get(`/governance/meetings/${meetingId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /15 January 2019/);
    assert.match(page.body, /Any other business[\s\S]*Action plan/);
    assert.ok(!page.body.includes('Welcome'));
    assert.match(page.body, /Kent Police: PC Example/);
    assert.match(page.body, /Agreed the action plan/);
    assert.ok(page.body.includes('Minutes &lt;b&gt;here&lt;/b&gt;'));
    assert.ok(!page.body.includes('Add decision'), 'a viewer sees no forms');
  });

  test('the attendance report counts meetings of bodies each responsible authority is a member of, with a CSV', async () => {
    const page = await viewer.get('/governance/attendance?year=2019&scope=member');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Kent Police<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">100%<\/td>/);
    const csv = await viewer.get('/governance/attendance.csv?year=2019&scope=all');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /^Agency,Meetings held,Meetings attended,Percentage attended\r\n/);
    assert.match(csv.body, /Kent Police,1,1,100\r\n/);
    assert.match(csv.body, /alpha Borough Council,1,0,0\r\n/);
  });

  test('a viewer reads every page but gets 403 on every change', async () => {
    for (const url of ['/governance', '/governance/structure', `/governance/bodies/${subGroupId}`, `/governance/meetings/${meetingId}`]) {
      assert.equal((await viewer.get(url)).statusCode, 200, url);
    }
    for (const url of ['/governance/bodies/new', `/governance/bodies/${subGroupId}/edit`, `/governance/bodies/${subGroupId}/meetings/new`, `/governance/meetings/${meetingId}/edit`]) {
      assert.equal((await viewer.get(url)).statusCode, 403, url);
    }
    for (const url of [
      '/governance/bodies/new',
      `/governance/bodies/${subGroupId}/edit`,
      `/governance/bodies/${subGroupId}/members`,
      `/governance/bodies/${subGroupId}/delivers`,
      `/governance/meetings/${meetingId}/agenda`,
      `/governance/meetings/${meetingId}/attendance`,
      `/governance/meetings/${meetingId}/decisions`,
    ]) {
      assert.equal((await viewer.post(url, { name: 'x', title: 'x', decision: 'x', personName: 'x', role: 'member', kind: 'sub_group' })).statusCode, 403, url);
    }
  });
});
