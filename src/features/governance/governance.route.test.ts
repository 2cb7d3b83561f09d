import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { Agent, TestApp, TestPartnership } from '../../../test/helpers/app.ts';
import { addKentPolice, appWithPartnerships, serviceRefuses, signedIn, workbookOf } from '../../../test/helpers/route-fixtures.ts';

const idFrom = (location: unknown, pattern: RegExp): number => {
  const match = pattern.exec(String(location));
  assert.ok(match, `redirected to ${String(location)}`);
  return Number(match[1]);
};

/** The cell values of the first sheet of a downloaded XLSX file, row by row. */
async function xlsxRows(res: LightMyRequestResponse): Promise<unknown[][]> {
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = await workbookOf(res);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('governance bodies, meetings and attendance', () => {
  let t: TestApp;
  let p: TestPartnership;
  let coordinator: Agent;
  let viewer: Agent;
  let policeId: number;

  before(async () => {
    [t, p] = await appWithPartnerships(['alpha']);
    policeId = await addKentPolice(t, p);
    [coordinator, viewer] = await signedIn(t, p.users.coordinator, p.users.viewer);
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

    const exec = await coordinator.post('/governance/bodies/new', {
      name: 'Executive Group',
      shortName: 'EG',
      kind: 'executive_group',
      purpose: 'Leads',
      termsOfReference: '',
      reportsToBodyId: '',
    });
    assert.equal(exec.statusCode, 303);
    executiveId = idFrom(exec.headers.location, /\/governance\/bodies\/(\d+)/);
    const sub = await coordinator.post('/governance/bodies/new', {
      name: 'Youth <Safety> & Group',
      kind: 'sub_group',
      reportsToBodyId: String(executiveId),
    });
    assert.equal(sub.statusCode, 303);
    subGroupId = idFrom(sub.headers.location, /\/governance\/bodies\/(\d+)/);

    const duplicate = await coordinator.post('/governance/bodies/new', { name: 'executive group', kind: 'partnership' });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /A body with this name already exists/);

    const loop = await coordinator.post(`/governance/bodies/${executiveId}/edit`, {
      name: 'Executive Group',
      kind: 'executive_group',
      reportsToBodyId: String(subGroupId),
    });
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

    const audit = await t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('audit_events').select('action').where('subject_type', '=', 'body').execute(),
    );
    assert.equal(audit.filter((a) => a.action === 'body.created').length, 2);
  });

  test('a coordinator adds and removes members, linking one to a user', async () => {
    const add = await coordinator.post(`/governance/bodies/${subGroupId}/members`, {
      personName: 'Alex Chair',
      role: 'chair',
      agencyId: String(policeId),
      userId: String(p.users.member.id),
    });
    assert.equal(add.statusCode, 303);
    const page = await coordinator.get(`/governance/bodies/${subGroupId}`);
    assert.match(page.body, /Alex Chair/);
    assert.match(page.body, />Chair</);
    assert.match(page.body, /alpha member person/);
    const { isBodyMember } = await import('./body-repository.ts');
    assert.equal(await t.database.db.tenant(p.id, (trx) => isBodyMember(trx, subGroupId, p.users.member.id)), true);
    assert.equal(await t.database.db.tenant(p.id, (trx) => isBodyMember(trx, executiveId, p.users.member.id)), false);

    const bad = await coordinator.post(`/governance/bodies/${subGroupId}/members`, { personName: '', role: 'boss' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the person’s name/);

    const second = await coordinator.post(`/governance/bodies/${subGroupId}/members`, {
      personName: 'Sam Gone',
      role: 'member',
      agencyId: '',
      userId: '',
    });
    assert.equal(second.statusCode, 303);
    const memberId = await t.database.db.tenant(
      p.id,
      async (trx) => (await trx.selectFrom('body_members').select('id').where('person_name', '=', 'Sam Gone').executeTakeFirstOrThrow()).id,
    );
    const removed = await coordinator.post(`/governance/members/${memberId}/remove`);
    assert.equal(removed.statusCode, 303);
    assert.ok(!(await coordinator.get(`/governance/bodies/${subGroupId}`)).body.includes('Sam Gone'));
  });

  test('a coordinator adds a meeting with agenda, attendance, minutes and decisions', async () => {
    const bad = await coordinator.post(`/governance/bodies/${subGroupId}/meetings/new`, {
      'heldOn-day': '31',
      'heldOn-month': '2',
      'heldOn-year': '2019',
      title: '',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /The date of the meeting must be a real date/);

    const add = await coordinator.post(`/governance/bodies/${subGroupId}/meetings/new`, {
      'heldOn-day': '14',
      'heldOn-month': '1',
      'heldOn-year': '2019',
      title: 'January meeting',
      location: 'Town hall',
      minutes: '',
    });
    assert.equal(add.statusCode, 303);
    meetingId = idFrom(add.headers.location, /\/governance\/meetings\/(\d+)/);

    for (const title of ['Welcome', 'Action plan', 'Any other business']) {
      assert.equal((await coordinator.post(`/governance/meetings/${meetingId}/agenda`, { title })).statusCode, 303);
    }
    const items = await t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('agenda_items').select(['id', 'title']).orderBy('position').execute(),
    );
    assert.equal((await coordinator.post(`/governance/agenda-items/${items[2]!.id}/move`, { direction: 'up' })).statusCode, 303);
    assert.equal((await coordinator.post(`/governance/agenda-items/${items[0]!.id}/remove`)).statusCode, 303);

    const attendance = await coordinator.post(`/governance/meetings/${meetingId}/attendance`, {
      attended: String(policeId),
      [`attendees-${policeId}`]: 'PC Example',
    });
    assert.equal(attendance.statusCode, 303);
    assert.equal(
      (await coordinator.post(`/governance/meetings/${meetingId}/decisions`, { decision: 'Agreed the action plan' })).statusCode,
      303,
    );
    const edit = await coordinator.post(`/governance/meetings/${meetingId}/edit`, {
      'heldOn-day': '15',
      'heldOn-month': '1',
      'heldOn-year': '2019',
      title: 'January meeting',
      location: 'Town hall',
      minutes: 'Minutes <b>here</b>',
    });
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
    assert.match(
      page.body,
      new RegExp(
        /Kent Police<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>\s*/.source +
          /<td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>\s*/.source +
          /<td class="govuk-table__cell govuk-table__cell--numeric">100%<\/td>/.source,
      ),
    );
    assert.match(page.body, /href="\/governance\/attendance\/export\.xlsx\?year=2019&amp;scope=member">Download XLSX/);
    const csv = await viewer.get('/governance/attendance/export.csv?year=2019&scope=all');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.equal(csv.headers['content-disposition'], 'attachment; filename="attendance-2019-all.csv"');
    assert.match(csv.body, /^\uFEFFAgency,Meetings held,Meetings attended,Percentage attended\r\n/);
    assert.match(csv.body, /Kent Police,1,1,100\r\n/);
    assert.match(csv.body, /alpha Borough Council,1,0,0\r\n/);
    const sheet = await xlsxRows(await viewer.get('/governance/attendance/export.xlsx?year=2019&scope=member'));
    assert.deepEqual(sheet[1], ['Agency', 'Meetings held', 'Meetings attended', 'Percentage attended']);
    assert.deepEqual(
      sheet.find((r) => r[0] === 'Kent Police'),
      ['Kent Police', 1, 1, 100],
    );
  });

  test('bodies, members and meetings download as CSV and XLSX', async () => {
    const overview = await viewer.get('/governance');
    assert.match(
      overview.body,
      /href="\/governance\/export\.csv">Download CSV<span class="govuk-visually-hidden"> of the governance bodies<\/span>/,
    );
    const bodies = await viewer.get('/governance/export.csv');
    assert.equal(bodies.statusCode, 200);
    assert.match(bodies.body, /Body,Short name,Kind,Reports to,Purpose\r\nExecutive Group,EG,Executive group,,Leads\r\n/);
    assert.match(bodies.body, /Youth <Safety> & Group,,Sub-group,Executive Group,\r\n/);
    const body = await viewer.get(`/governance/bodies/${subGroupId}`);
    assert.match(body.body, new RegExp(`href="/governance/bodies/${subGroupId}/members/export.xlsx">Download XLSX`));
    assert.match(body.body, new RegExp(`href="/governance/bodies/${subGroupId}/meetings/export.csv">Download CSV`));
    const members = await xlsxRows(await viewer.get(`/governance/bodies/${subGroupId}/members/export.xlsx`));
    assert.equal(members[0]![0], 'Members of Youth <Safety> & Group');
    assert.deepEqual(members.slice(1), [
      ['Name', 'Role', 'Agency', 'Linked user'],
      ['Alex Chair', 'Chair', 'Kent Police', 'alpha member person'],
    ]);
    const meetings = await viewer.get(`/governance/bodies/${subGroupId}/meetings/export.csv`);
    assert.match(meetings.body, /Date,Title,Location\r\n2019-01-15,January meeting,Town hall\r\n/);
  });

  test('a viewer reads every page but gets 403 on every change', async () => {
    for (const url of ['/governance', '/governance/structure', `/governance/bodies/${subGroupId}`, `/governance/meetings/${meetingId}`]) {
      assert.equal((await viewer.get(url)).statusCode, 200, url);
    }
    for (const url of [
      '/governance/bodies/new',
      `/governance/bodies/${subGroupId}/edit`,
      `/governance/bodies/${subGroupId}/meetings/new`,
      `/governance/meetings/${meetingId}/edit`,
    ]) {
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
      assert.equal(
        (await viewer.post(url, { name: 'x', title: 'x', decision: 'x', personName: 'x', role: 'member', kind: 'sub_group' })).statusCode,
        403,
        url,
      );
    }
  });
});

describe('deleting governance records', () => {
  let t: TestApp;
  let p: TestPartnership;
  let coordinator: Agent;
  let viewer: Agent;
  let executiveId: number;
  let groupId: number;
  let meetingId: number;
  let planId: number;
  let actionId: number;

  const h1 = (body: string) => /<h1 class="govuk-heading-l">([^<]*)<\/h1>/.exec(body)?.[1];
  const count = (table: 'bodies' | 'meetings' | 'body_members' | 'agenda_items' | 'meeting_decisions') =>
    t.database.db.tenant(p.id, async (trx) =>
      Number(
        (
          await trx
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
  const audited = (action: string) =>
    t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('audit_events').select(['action', 'details']).where('action', '=', action).execute(),
    );

  before(async () => {
    [t, p] = await appWithPartnerships(['alpha']);
    [coordinator, viewer] = await signedIn(t, p.users.coordinator, p.users.viewer);
    executiveId = idFrom(
      (await coordinator.post('/governance/bodies/new', { name: 'Executive Group', kind: 'executive_group' })).headers.location,
      /\/governance\/bodies\/(\d+)/,
    );
    groupId = idFrom(
      (await coordinator.post('/governance/bodies/new', { name: 'Youth Group', kind: 'sub_group', reportsToBodyId: String(executiveId) }))
        .headers.location,
      /\/governance\/bodies\/(\d+)/,
    );
    await coordinator.post(`/governance/bodies/${groupId}/members`, { personName: 'Alex Chair', role: 'chair' });
    meetingId = idFrom(
      (
        await coordinator.post(`/governance/bodies/${groupId}/meetings/new`, {
          'heldOn-day': '14',
          'heldOn-month': '1',
          'heldOn-year': '2019',
          title: 'January',
        })
      ).headers.location,
      /\/governance\/meetings\/(\d+)/,
    );
    for (const title of ['Welcome', 'Any other business']) await coordinator.post(`/governance/meetings/${meetingId}/agenda`, { title });
    await coordinator.post(`/governance/meetings/${meetingId}/decisions`, { decision: 'Agreed the plan' });
    ({ planId, actionId } = await t.database.db.system(async (trx) => {
      const plan = await trx
        .insertInto('action_plans')
        .values({ partnership_id: p.id, body_id: groupId, plan_year: 2019, title: 'Youth plan' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const action = await trx
        .insertInto('actions')
        .values({ partnership_id: p.id, action_plan_id: plan.id, title: 'Arising', meeting_id: meetingId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { planId: plan.id, actionId: action.id };
    }));
  });
  after(() => t.close());

  test('an agenda item, a decision and a member are deleted after a confirmation page', async () => {
    const items = await t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('agenda_items').select(['id', 'title']).orderBy('position').execute(),
    );
    const confirm = await coordinator.get(`/governance/agenda-items/${items[1]!.id}/remove`);
    assert.equal(confirm.statusCode, 200);
    assert.equal(h1(confirm.body), 'Are you sure you want to delete the agenda item “Any other business”?');
    assert.match(confirm.body, /<title>Are you sure you want to delete the agenda item “Any other business”\? - /);
    assert.match(confirm.body, new RegExp(`<form method="post" action="/governance/agenda-items/${items[1]!.id}/remove"`));
    assert.match(confirm.body, /govuk-button--warning[^>]*data-qa="confirm-delete"[^>]*>\s*Yes, delete it/);
    assert.match(confirm.body, new RegExp(`href="/governance/meetings/${meetingId}#agenda">Cancel`));
    assert.equal(await count('agenda_items'), 2, 'nothing is deleted by looking');
    assert.equal((await coordinator.post(`/governance/agenda-items/${items[1]!.id}/remove`)).statusCode, 303);
    assert.equal(await count('agenda_items'), 1);

    const meeting = await coordinator.get(`/governance/meetings/${meetingId}`);
    const decisionId = Number(/href="\/governance\/decisions\/(\d+)\/remove"/.exec(meeting.body)?.[1]);
    assert.equal(
      h1((await coordinator.get(`/governance/decisions/${decisionId}/remove`)).body),
      'Are you sure you want to delete the decision “Agreed the plan”?',
    );

    const body = await coordinator.get(`/governance/bodies/${groupId}`);
    const memberId = Number(/href="\/governance\/members\/(\d+)\/remove"/.exec(body.body)?.[1]);
    assert.equal(
      h1((await coordinator.get(`/governance/members/${memberId}/remove`)).body),
      'Are you sure you want to delete the member “Alex Chair”?',
    );
  });

  test('a meeting that actions arose from cannot be deleted until they are gone; then its agenda and decisions go with it', async () => {
    const refused = await coordinator.get(`/governance/meetings/${meetingId}/delete`);
    assert.equal(refused.statusCode, 200);
    assert.equal(h1(refused.body), 'You cannot delete the meeting of 14 January 2019: January');
    assert.match(refused.body, /<ul class="govuk-list govuk-list--bullet" data-qa="used-by">\s*<li>1 action<\/li>/);
    assert.doesNotMatch(refused.body, /Yes, delete it/);
    const post = await coordinator.post(`/governance/meetings/${meetingId}/delete`);
    assert.equal(post.statusCode, 409);
    assert.match(post.body, /You cannot delete the meeting/);
    assert.equal(await count('meetings'), 1);

    await t.database.db.system((trx) => trx.updateTable('actions').set({ meeting_id: null }).where('id', '=', actionId).execute());
    const confirm = await coordinator.get(`/governance/meetings/${meetingId}/delete`);
    assert.equal(h1(confirm.body), 'Are you sure you want to delete the meeting of 14 January 2019: January?');
    assert.match(
      confirm.body,
      new RegExp(
        /This also deletes its:<\/p>\s*<ul class="govuk-list govuk-list--bullet" data-qa="also-deleted">\s*/.source +
          /<li>1 agenda item<\/li>\s*<li>1 decision<\/li>/.source,
      ),
    );
    const done = await coordinator.post(`/governance/meetings/${meetingId}/delete`);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/governance/bodies/${groupId}?done=meeting-deleted#meetings`);
    assert.match((await coordinator.get(String(done.headers.location))).body, /The meeting has been deleted/);
    assert.deepEqual([await count('meetings'), await count('agenda_items'), await count('meeting_decisions')], [0, 0, 0]);
    const audit = await audited('meeting.deleted');
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0]!.details, { bodyId: groupId, heldOn: '2019-01-14', title: 'January' });
  });

  test('a body is kept while bodies report to it or it has an action plan, then deleted with its members', async () => {
    const executive = await coordinator.post(`/governance/bodies/${executiveId}/delete`);
    assert.equal(executive.statusCode, 409);
    assert.match(executive.body, /<li>1 body that reports to it<\/li>/);

    const group = await coordinator.get(`/governance/bodies/${groupId}/delete`);
    assert.equal(h1(group.body), 'You cannot delete the body “Youth Group”');
    assert.match(group.body, /<li>1 action plan<\/li>/);
    await t.database.db.system(async (trx) => {
      await trx.deleteFrom('actions').where('action_plan_id', '=', planId).execute();
      await trx.deleteFrom('action_plans').where('id', '=', planId).execute();
    });
    const confirm = await coordinator.get(`/governance/bodies/${groupId}/delete`);
    assert.equal(h1(confirm.body), 'Are you sure you want to delete the body “Youth Group”?');
    assert.match(confirm.body, /<li>1 member<\/li>/);

    assert.equal((await viewer.get(`/governance/bodies/${groupId}/delete`)).statusCode, 403);
    assert.equal((await viewer.post(`/governance/bodies/${groupId}/delete`)).statusCode, 403);
    assert.equal((await viewer.post(`/governance/members/1/remove`)).statusCode, 403);

    const done = await coordinator.post(`/governance/bodies/${groupId}/delete`);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/governance?done=deleted');
    assert.match((await coordinator.get('/governance?done=deleted')).body, /The body has been deleted/);
    assert.deepEqual([await count('bodies'), await count('body_members')], [1, 0]);
    assert.equal((await audited('body.deleted')).length, 1);
    assert.equal(
      (await coordinator.post(`/governance/bodies/${executiveId}/delete`)).statusCode,
      303,
      'nothing reports to the executive now',
    );
  });

  test('the governance service itself refuses a viewer: nothing changed or audited', async () => {
    const body = {
      name: 'Not allowed',
      shortName: null,
      kind: 'working_group',
      purpose: '',
      termsOfReference: '',
      reportsToBodyId: null,
    } as const;
    await serviceRefuses(t, p, 'viewer', [
      ({ governance }, viewer) => governance.createBody(viewer, body),
      ({ governance }, viewer) => governance.addDecision(viewer, meetingId, 'Not allowed'),
      ({ governance }, viewer) => governance.deleteMeeting(viewer, meetingId),
    ]);
  });
});
