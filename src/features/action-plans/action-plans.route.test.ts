import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Agent, TestApp, TestPartnership, TestUser } from '../../../test/helpers/app.ts';
import { addSignedUpUser, appWithPartnerships, serviceRefuses, signedIn, workbookOf } from '../../../test/helpers/route-fixtures.ts';
import { seedBodyWithPlan } from './action-plan-fixtures.ts';
import { protectedCharacteristics } from './action-rules.ts';

const STALE = 'Someone else changed this action while you were editing it. Check their change and try again.';

const actionRow = (t: TestApp, id: number) =>
  t.database.db.system((trx) => trx.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
const versionOn = (body: string): string => {
  const match = /name="version" value="(\d+)"/.exec(body);
  assert.ok(match, 'the form carries the version');
  return match[1]!;
};
const idFrom = (location: unknown, prefix: string): number => {
  const match = new RegExp(`^${prefix}/(\\d+)`).exec(String(location));
  assert.ok(match, `redirect to ${prefix}: ${String(location)}`);
  return Number(match[1]);
};

describe('action plans and actions', () => {
  let t: TestApp;
  let p: TestPartnership;
  let coordinator: Agent;
  let member: Agent;
  let bodyId: number;
  let otherBodyId: number;
  let outsiderMember: TestUser;
  let actionPlanId: number;
  let actionId: number;

  before(async () => {
    [t, p] = await appWithPartnerships(['alpha', 'bravo']);
    bodyId = (await seedBodyWithPlan(t.database.db, p.id, { name: 'Community Youth Safety Group', memberUserIds: [p.users.member.id] }))
      .bodyId;
    outsiderMember = await addSignedUpUser(t, p, 'Casey Other', 'member');
    otherBodyId = (await seedBodyWithPlan(t.database.db, p.id, { name: 'Domestic Abuse Forum', memberUserIds: [outsiderMember.id] }))
      .bodyId;
    [coordinator, member] = await signedIn(t, p.users.coordinator, p.users.member);
  });
  after(() => t.close());

  test('a coordinator adds an action plan and an action led by a member', async () => {
    const form = await coordinator.get('/action-plans/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<option value="2019">2019-20<\/option>/);
    const res = await coordinator.post('/action-plans/new', {
      bodyId: String(bodyId),
      planYear: '2019',
      title: 'CYSG action plan 2019-20',
    });
    assert.equal(res.statusCode, 303);
    actionPlanId = idFrom(res.headers.location, '/action-plans');
    const again = await coordinator.post('/action-plans/new', { bodyId: String(bodyId), planYear: '2019', title: 'A second one' });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /This group already has an action plan for that year/);

    const bad = await coordinator.post(`/action-plans/${actionPlanId}/actions/new`, {
      title: '',
      status: 'at_risk',
      'dueOn-day': '31',
      'dueOn-month': '2',
      'dueOn-year': '2020',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#title">Enter a title/);
    const badDate = await coordinator.post(`/action-plans/${actionPlanId}/actions/new`, {
      title: 'X',
      leadName: 'A Person',
      status: 'at_risk',
      'dueOn-day': '31',
      'dueOn-month': '2',
      'dueOn-year': '2020',
    });
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.body, /href="#dueOn-day">Due date must be a real date/);
    assert.match(badDate.body, /href="#statusReason">Say why the action is at risk/);

    const made = await coordinator.post(`/action-plans/${actionPlanId}/actions/new`, {
      title: 'Youth safety survey on knife carrying',
      description: 'Ask young people what makes them afraid',
      leadUserId: String(p.users.member.id),
      leadAgencyId: String(p.agencyId),
      'startsOn-day': '1',
      'startsOn-month': '4',
      'startsOn-year': '2019',
      'dueOn-day': '31',
      'dueOn-month': '3',
      'dueOn-year': '2020',
      status: 'at_risk',
      statusReason: 'Schools have not yet agreed to take part',
    });
    assert.equal(made.statusCode, 303);
    actionId = idFrom(made.headers.location, '/actions');
    const row = await actionRow(t, actionId);
    assert.equal(row.lead_user_id, p.users.member.id);
    assert.equal(row.due_on, '2020-03-31');
    assert.equal(row.status, 'at_risk');
    const page = await coordinator.get(`/actions/${actionId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<strong class="govuk-tag govuk-tag--orange">At risk<\/strong>/);
    assert.match(page.body, /<strong class="govuk-tag govuk-tag--red">Overdue<\/strong>/);
    const audit = await t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('audit_events').select('action').where('subject_type', 'in', ['action', 'action_plan']).execute(),
    );
    assert.deepEqual(audit.map((a) => a.action).sort(), ['action.created', 'action_plan.created']);
  });

  test('the member posts an update moving the action from at risk to on track, and sees it in My actions', async () => {
    const mine = await member.get('/actions/mine');
    assert.equal(mine.statusCode, 200);
    assert.ok(mine.body.includes('Youth safety survey on knife carrying'));
    assert.match(
      mine.body,
      /href="\/actions\/mine" aria-current="true">\s*<strong class="govuk-service-navigation__active-fallback">My actions/,
    );
    const page = await member.get(`/actions/${actionId}`);
    assert.match(page.body, /Post a progress update/);
    assert.ok(!page.body.includes(`/actions/${actionId}/edit`), 'a member cannot change the action itself');

    const badLink = await member.post(`/actions/${actionId}/updates`, {
      text: 'Agreed',
      evidenceUrl: 'http://example.org/x',
      status: 'on_track',
      version: versionOn(page.body),
    });
    assert.equal(badLink.statusCode, 400);
    assert.match(badLink.body, /Enter an evidence link that starts with https:\/\//);

    const res = await member.post(`/actions/${actionId}/updates`, {
      text: 'Four secondary schools have agreed to run the survey',
      evidenceUrl: 'https://example.org/survey-plan',
      status: 'on_track',
      statusReason: '',
      version: versionOn(page.body),
    });
    assert.equal(res.statusCode, 303);
    const row = await actionRow(t, actionId);
    assert.equal(row.status, 'on_track');
    assert.ok(row.last_update_at);
    const updates = await t.database.db.system((trx) =>
      trx.selectFrom('action_updates').selectAll().where('action_id', '=', actionId).execute(),
    );
    assert.equal(updates.length, 1);
    assert.equal(updates[0]!.status_from, 'at_risk');
    assert.equal(updates[0]!.status_to, 'on_track');
    assert.equal(updates[0]!.author_user_id, p.users.member.id);
    const after = await member.get('/actions/mine');
    assert.match(after.body, /Youth safety survey on knife carrying[\s\S]*?govuk-tag--green">On track/);
    const shown = await member.get(`/actions/${actionId}`);
    assert.match(shown.body, /Four secondary schools have agreed/);
    assert.match(
      shown.body,
      new RegExp(
        /Status changed from <strong class="govuk-tag govuk-tag--orange">At risk<\/strong> to /.source +
          /<strong class="govuk-tag govuk-tag--green">On track/.source,
      ),
    );
    const audit = await t.database.db.tenant(p.id, (trx) =>
      trx
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'action.progress_posted')
        .where('subject_id', '=', String(actionId))
        .execute(),
    );
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0]!.details['status'], { from: 'at_risk', to: 'on_track' });
  });

  test("a member of another group gets 403 on this group's action; a viewer and an analyst cannot post either", async () => {
    const [other] = await signedIn(t, outsiderMember);
    const page = await other.get(`/actions/${actionId}`);
    assert.equal(page.statusCode, 200, 'every signed-in user can read actions');
    assert.ok(!page.body.includes('Post a progress update'));
    const version = String((await actionRow(t, actionId)).version);
    const res = await other.post(`/actions/${actionId}/updates`, { text: 'Not mine', status: 'complete', version });
    assert.equal(res.statusCode, 403);
    for (const role of ['viewer', 'analyst'] as const) {
      const [agent] = await signedIn(t, p.users[role]);
      const r = await agent.post(`/actions/${actionId}/updates`, { text: 'Not mine', status: 'complete', version });
      assert.equal(r.statusCode, 403, role);
    }
    assert.equal((await actionRow(t, actionId)).status, 'on_track');
    // The lead of an action on another group's plan may update it though they do not sit on that group.
    const theirs = await seedBodyWithPlan(t.database.db, p.id, {
      name: 'Substance misuse working group',
      plan: { year: 2019, title: 'Substance misuse 2019-20', action: { title: 'Review the PSPO', leadUserId: outsiderMember.id } },
    });
    const led = await other.post(`/actions/${theirs.actionId}/updates`, { text: 'Consultation drafted', status: 'on_track', version: '1' });
    assert.equal(led.statusCode, 303);
    void otherBodyId;
  });

  test('two people edit the same action: the second save is refused with 409, never overwriting the first', async () => {
    const [admin] = await signedIn(t, p.users.admin);
    const formA = await coordinator.get(`/actions/${actionId}/edit`);
    const formB = await admin.get(`/actions/${actionId}/edit`);
    const version = versionOn(formA.body);
    assert.equal(versionOn(formB.body), version);
    const base = {
      leadUserId: String(p.users.member.id),
      'dueOn-day': '31',
      'dueOn-month': '3',
      'dueOn-year': '2020',
      status: 'on_track',
      version,
    };
    const first = await coordinator.post(`/actions/${actionId}/edit`, { ...base, title: 'Youth safety survey (first change)' });
    assert.equal(first.statusCode, 303);
    const second = await admin.post(`/actions/${actionId}/edit`, { ...base, title: 'Youth safety survey (second change)' });
    assert.equal(second.statusCode, 409);
    assert.ok(second.body.includes(STALE.replace("'", '&#39;')));
    assert.equal((await actionRow(t, actionId)).title, 'Youth safety survey (first change)');
    // A progress update from a page opened before the change is refused the same way.
    const stale = await member.post(`/actions/${actionId}/updates`, { text: 'Late', status: 'complete', version });
    assert.equal(stale.statusCode, 409);
    assert.equal((await actionRow(t, actionId)).status, 'on_track');
  });

  test('lists by priority, group, overdue and at risk; CSV and XLSX exports open', async () => {
    const byBody = await coordinator.get(`/actions?body=${bodyId}`);
    assert.equal(byBody.statusCode, 200);
    assert.ok(byBody.body.includes('Youth safety survey (first change)'));
    assert.ok(!byBody.body.includes('Review the PSPO'));
    const overdue = await coordinator.get('/actions/overdue');
    assert.ok(overdue.body.includes('Youth safety survey (first change)'));
    const atRisk = await coordinator.get('/actions/at-risk');
    assert.match(atRisk.body, /0 actions/);
    const csv = await coordinator.get(`/actions/export.csv?body=${bodyId}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(csv.body, /Youth safety survey \(first change\),/);
    const xlsx = await coordinator.app.inject({
      method: 'GET',
      url: '/actions/export.xlsx?show=overdue',
      headers: { cookie: [...coordinator.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.headers['content-disposition'], 'attachment; filename="actions.xlsx"');
    const workbook = await workbookOf(xlsx);
    const sheet = workbook.getWorksheet('Overdue actions');
    assert.ok(sheet, 'the sheet is named after the list');
    assert.equal(sheet.getCell('A1').value, 'Overdue actions');
    assert.equal(sheet.getRow(2).getCell(2).value, 'Action');
    assert.equal(sheet.getRow(3).getCell(2).value, 'Youth safety survey (first change)');
    assert.equal(sheet.getRow(3).getCell(15).value, 'Yes');

    const mine = await member.get('/actions/mine');
    assert.match(
      mine.body,
      /href="\/actions\/export\.xlsx\?show=mine">Download XLSX<span class="govuk-visually-hidden"> of this list of actions<\/span>/,
    );
    assert.match(mine.body, /<title>My actions - /);
    const filtered = await coordinator.get(`/actions?body=${bodyId}`);
    assert.match(filtered.body, /<title>All actions - group: Community Youth Safety Group - /);
    const planCsv = await coordinator.get(`/actions/export.csv?plan=${actionPlanId}`);
    assert.match(planCsv.body, /^\uFEFFReference,Action,Description,Group/);
    assert.ok(planCsv.body.includes('Youth safety survey (first change)'));
  });

  test('the action plans list downloads as CSV and XLSX', async () => {
    const list = await coordinator.get('/action-plans');
    assert.match(
      list.body,
      /href="\/action-plans\/export\.csv">Download CSV<span class="govuk-visually-hidden"> of the action plans<\/span>/,
    );
    const csv = await coordinator.get('/action-plans/export.csv');
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.headers['content-disposition'], 'attachment; filename="action-plans.csv"');
    assert.match(csv.body, /Action plan,Group,Year,Actions,Status\r\n/);
    assert.match(csv.body, /Community Youth Safety Group,2019-20,\d+,Draft\r\n/);
    const xlsx = await coordinator.get('/action-plans/export.xlsx');
    const workbook = await workbookOf(xlsx);
    assert.equal(workbook.worksheets[0]!.getCell('A1').value, 'Action plans');
    assert.equal(workbook.worksheets[0]!.getCell('B3').value, 'Community Youth Safety Group');
  });

  test('an action plan cannot be approved until its equality analysis is signed off', async () => {
    const refused = await coordinator.post(`/action-plans/${actionPlanId}/approve`);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Sign off the equality analysis before you approve the action plan/);

    const impacts: Record<string, string> = { summary: 'The survey reaches every secondary school' };
    for (const c of protectedCharacteristics) impacts[`${c}-impact`] = 'neutral';
    impacts['age-impact'] = 'negative';
    const noMitigation = await coordinator.post(`/action-plans/${actionPlanId}/equality`, impacts);
    assert.equal(noMitigation.statusCode, 400);
    assert.match(noMitigation.body, /href="#age-mitigation">Say how the negative impact on age will be reduced/);
    impacts['age-mitigation'] = 'A version of the survey for pupils with lower reading ages';
    assert.equal((await coordinator.post(`/action-plans/${actionPlanId}/equality`, impacts)).statusCode, 303);
    assert.equal((await coordinator.post(`/action-plans/${actionPlanId}/approve`)).statusCode, 400, 'saved but not signed off');
    assert.equal((await member.post(`/action-plans/${actionPlanId}/equality/sign-off`)).statusCode, 403);
    assert.equal((await coordinator.post(`/action-plans/${actionPlanId}/equality/sign-off`)).statusCode, 303);
    const approved = await coordinator.post(`/action-plans/${actionPlanId}/approve`);
    assert.equal(approved.statusCode, 303);
    const plan = await t.database.db.system((trx) =>
      trx.selectFrom('action_plans').selectAll().where('id', '=', actionPlanId).executeTakeFirstOrThrow(),
    );
    assert.equal(plan.status, 'approved');
    assert.equal(plan.approved_by, p.users.coordinator.name);
    const page = await coordinator.get(`/action-plans/${actionPlanId}`);
    assert.match(page.body, /Signed off<\/a> by alpha coordinator person/);
  });

  test('the action plans service itself refuses a viewer: nothing changed or audited', async () => {
    const managersOnly = /Only coordinators and administrators/;
    const plan = { bodyId, planYear: 2031, title: 'Not allowed' };
    await serviceRefuses(
      t,
      p,
      'viewer',
      [
        ({ actionPlans }, viewer) => actionPlans.createPlan(viewer, plan),
        ({ actionPlans }, viewer) => actionPlans.approvePlan(viewer, actionPlanId),
      ],
      managersOnly,
    );
    const milestone = { title: 'Not allowed', dueOn: null };
    await serviceRefuses(
      t,
      p,
      'viewer',
      [({ actionPlans }, viewer) => actionPlans.addMilestone(viewer, actionId, milestone)],
      /You can only update actions/,
    );
  });
});
