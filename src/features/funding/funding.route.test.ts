import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, seedPartnership, type Agent, type TestApp, type TestPartnership } from '../../../test/helpers/app.ts';

describe('funding: funds, applications, awards and spend', () => {
  let t: TestApp;
  let p: TestPartnership;
  let coordinator: Agent;
  let viewer: Agent;
  let bodyId: number;
  let priorityId: number;
  let fundId: number;
  let applicationId: number;

  before(async () => {
    t = await createTestApp();
    p = await seedPartnership(t.database.db, t.config, 'alpha');
    ({ bodyId, priorityId } = await t.database.db.system(async (trx) => {
      const plan = await trx.insertInto('plans').values({ partnership_id: p.id, title: 'Plan 2019-22', starts_year: 2019, ends_year: 2022 }).returning('id').executeTakeFirstOrThrow();
      const priority = await trx.insertInto('priorities').values({ partnership_id: p.id, plan_id: plan.id, title: 'Domestic abuse' }).returning('id').executeTakeFirstOrThrow();
      const body = await trx.insertInto('bodies').values({ partnership_id: p.id, name: 'Domestic Abuse Forum', kind: 'sub_group' }).returning('id').executeTakeFirstOrThrow();
      return { bodyId: body.id, priorityId: priority.id };
    }));
    coordinator = t.agent();
    await coordinator.signIn(p.users.coordinator);
    viewer = t.agent();
    await viewer.signIn(p.users.viewer);
  });
  after(() => t.close());

  test('a coordinator adds a fund; amounts must be pounds with at most 2 decimal places', async () => {
    const bad = await coordinator.post('/funding/funds/new', { name: 'Community Safety Fund', provider: 'PCC', financialYear: '19', amountAvailable: '12.345' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Financial year must be a year like 2019/);
    assert.match(bad.body, /Amount available must be in pounds and pence, like 1250.50/);
    const res = await coordinator.post('/funding/funds/new', { name: 'Community Safety Fund', provider: 'PCC', financialYear: '2019', amountAvailable: '£12,500' });
    assert.equal(res.statusCode, 303);
    fundId = Number(/\/funding\/funds\/(\d+)/.exec(String(res.headers.location))![1]);
    const page = await coordinator.get(`/funding/funds/${fundId}`);
    assert.match(page.body, /£12,500.00/);
    assert.match(page.body, /2019 to 2020/);
  });

  test('a coordinator adds an application, approves it with an award and records spending', async () => {
    const bad = await coordinator.post(`/funding/funds/${fundId}/applications/new`, { bodyId: String(bodyId), purpose: 'Awareness campaign', amountRequested: '-5', status: 'approved' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Amount requested must be £0 or more/);
    const noAward = await coordinator.post(`/funding/funds/${fundId}/applications/new`, { bodyId: String(bodyId), purpose: 'Awareness campaign', amountRequested: '5', status: 'approved' });
    assert.equal(noAward.statusCode, 400);
    assert.match(noAward.body, /Enter the amount awarded for an approved application/);

    const add = await coordinator.post(`/funding/funds/${fundId}/applications/new`, { bodyId: String(bodyId), priorityId: String(priorityId), purpose: 'Awareness campaign', amountRequested: '2500.5', status: 'submitted' });
    assert.equal(add.statusCode, 303);
    applicationId = Number(/\/funding\/applications\/(\d+)/.exec(String(add.headers.location))![1]);
    const edit = await coordinator.post(`/funding/applications/${applicationId}/edit`, {
      bodyId: String(bodyId),
      priorityId: String(priorityId),
      purpose: 'Awareness campaign',
      amountRequested: '2500.50',
      status: 'approved',
      amountAwarded: '2000',
      outcomeNotes: 'Part funded',
    });
    assert.equal(edit.statusCode, 303);
    const badSpend = await coordinator.post(`/funding/applications/${applicationId}/spend`, { 'spentOn-day': '1', 'spentOn-month': '13', 'spentOn-year': '2019', amount: 'ten' });
    assert.equal(badSpend.statusCode, 400);
    assert.match(badSpend.body, /must be a real date/);
    assert.match(badSpend.body, /Amount spent must be an amount in pounds/);
    for (const amount of ['120.25', '79.75']) {
      const spend = await coordinator.post(`/funding/applications/${applicationId}/spend`, { 'spentOn-day': '3', 'spentOn-month': '6', 'spentOn-year': '2019', amount, note: 'Leaflets' });
      assert.equal(spend.statusCode, 303);
    }
    const page = await viewer.get(`/funding/applications/${applicationId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /£2,500.50/);
    assert.match(page.body, /£2,000.00/);
    assert.match(page.body, /£200.00/);
    assert.match(page.body, /Approved/);

    const summary = await viewer.get('/funding');
    assert.equal(summary.statusCode, 200);
    assert.match(summary.body, /Domestic abuse<\/th>\s*<td[^>]*>£2,500.50<\/td>\s*<td[^>]*>£2,000.00<\/td>\s*<td[^>]*>£200.00<\/td>/);
    const audit = await t.database.db.tenant(p.id, (trx) => trx.selectFrom('audit_events').select('action').where('action', '=', 'funding.saved').execute());
    assert.ok(audit.length >= 5);
  });

  test('a viewer reads funding but gets 403 on every change', async () => {
    for (const url of ['/funding/funds/new', `/funding/funds/${fundId}/edit`, `/funding/funds/${fundId}/applications/new`, `/funding/applications/${applicationId}/edit`]) {
      assert.equal((await viewer.get(url)).statusCode, 403, url);
      if (!url.endsWith('/spend')) assert.equal((await viewer.post(url, { name: 'x' })).statusCode, 403, url);
    }
    assert.equal((await viewer.post(`/funding/applications/${applicationId}/spend`, { amount: '1' })).statusCode, 403);
    const fundPage = await viewer.get(`/funding/funds/${fundId}`);
    assert.equal(fundPage.statusCode, 200, fundPage.body.slice(0, 3000));
  });
});
