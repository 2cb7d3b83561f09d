import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actorOf, servicesOf, type Agent, type TestApp, type TestPartnership } from '../../../test/helpers/app.ts';
import { appWithPartnerships, serviceRefuses, signedIn, workbookOf } from '../../../test/helpers/route-fixtures.ts';

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
    [t, p] = await appWithPartnerships(['alpha']);
    ({ bodyId, priorityId } = await t.database.db.system(async (trx) => {
      const plan = await trx
        .insertInto('plans')
        .values({ partnership_id: p.id, title: 'Plan 2019-22', starts_year: 2019, ends_year: 2022 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const priority = await trx
        .insertInto('priorities')
        .values({ partnership_id: p.id, plan_id: plan.id, title: 'Domestic abuse' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const body = await trx
        .insertInto('bodies')
        .values({ partnership_id: p.id, name: 'Domestic Abuse Forum', kind: 'sub_group' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { bodyId: body.id, priorityId: priority.id };
    }));
    [coordinator, viewer] = await signedIn(t, p.users.coordinator, p.users.viewer);
  });
  after(() => t.close());

  test('a coordinator adds a fund; amounts must be pounds with at most 2 decimal places', async () => {
    const addFund = (financialYear: string, amountAvailable: string) =>
      coordinator.post('/funding/funds/new', { name: 'Community Safety Fund', provider: 'PCC', financialYear, amountAvailable });
    const bad = await addFund('19', '12.345');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Financial year must be a year like 2019/);
    assert.match(bad.body, /Amount available must be in pounds and pence, like 1250.50/);
    const res = await addFund('2019', '£12,500');
    assert.equal(res.statusCode, 303);
    fundId = Number(/\/funding\/funds\/(\d+)/.exec(String(res.headers.location))![1]);
    const page = await coordinator.get(`/funding/funds/${fundId}`);
    assert.match(page.body, /£12,500.00/);
    assert.match(page.body, /2019 to 2020/);
  });

  test('a coordinator adds an application, approves it with an award and records spending', async () => {
    const bad = await coordinator.post(`/funding/funds/${fundId}/applications/new`, {
      bodyId: String(bodyId),
      purpose: 'Awareness campaign',
      amountRequested: '-5',
      status: 'approved',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Amount requested must be £0 or more/);
    const noAward = await coordinator.post(`/funding/funds/${fundId}/applications/new`, {
      bodyId: String(bodyId),
      purpose: 'Awareness campaign',
      amountRequested: '5',
      status: 'approved',
    });
    assert.equal(noAward.statusCode, 400);
    assert.match(noAward.body, /Enter the amount awarded for an approved application/);

    const add = await coordinator.post(`/funding/funds/${fundId}/applications/new`, {
      bodyId: String(bodyId),
      priorityId: String(priorityId),
      purpose: 'Awareness campaign',
      amountRequested: '2500.5',
      status: 'submitted',
    });
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
    const badSpend = await coordinator.post(`/funding/applications/${applicationId}/spend`, {
      'spentOn-day': '1',
      'spentOn-month': '13',
      'spentOn-year': '2019',
      amount: 'ten',
    });
    assert.equal(badSpend.statusCode, 400);
    assert.match(badSpend.body, /must be a real date/);
    assert.match(badSpend.body, /Amount spent must be an amount in pounds/);
    for (const amount of ['120.25', '79.75']) {
      const spend = await coordinator.post(`/funding/applications/${applicationId}/spend`, {
        'spentOn-day': '3',
        'spentOn-month': '6',
        'spentOn-year': '2019',
        amount,
        note: 'Leaflets',
      });
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
    const audit = await t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('audit_events').select('action').where('action', '=', 'funding.saved').execute(),
    );
    assert.ok(audit.length >= 5);
  });

  test('a viewer reads funding but gets 403 on every change', async () => {
    for (const url of [
      '/funding/funds/new',
      `/funding/funds/${fundId}/edit`,
      `/funding/funds/${fundId}/applications/new`,
      `/funding/applications/${applicationId}/edit`,
    ]) {
      assert.equal((await viewer.get(url)).statusCode, 403, url);
      if (!url.endsWith('/spend')) assert.equal((await viewer.post(url, { name: 'x' })).statusCode, 403, url);
    }
    assert.equal((await viewer.post(`/funding/applications/${applicationId}/spend`, { amount: '1' })).statusCode, 403);
    const fundPage = await viewer.get(`/funding/funds/${fundId}`);
    assert.equal(fundPage.statusCode, 200, fundPage.body.slice(0, 3000));
  });

  test('funds, totals, applications and spending download as CSV and XLSX', async () => {
    const summary = await viewer.get('/funding');
    assert.match(
      summary.body,
      /href="\/funding\/funds\/export\.xlsx">Download XLSX<span class="govuk-visually-hidden"> of the funds<\/span>/,
    );
    assert.match(
      summary.body,
      /href="\/funding\/totals\/export\.csv">Download CSV<span class="govuk-visually-hidden"> of the totals by priority<\/span>/,
    );
    const funds = await viewer.get('/funding/funds/export.csv');
    assert.match(
      funds.body,
      new RegExp(
        /Fund,Provider,Financial year,Available \(£\),Requested \(£\),Awarded \(£\),Applications\r\n/.source +
          /Community Safety Fund,PCC,2019 to 2020,12500,2500.5,2000,1\r\n/.source,
      ),
    );
    assert.match(
      (await viewer.get('/funding/totals/export.csv')).body,
      /Priority,Requested \(£\),Awarded \(£\),Spent \(£\)\r\nDomestic abuse,2500.5,2000,200\r\n/,
    );
    const applications = await viewer.get(`/funding/funds/${fundId}/applications/export.xlsx`);
    assert.equal(applications.headers['content-disposition'], 'attachment; filename="community-safety-fund-applications.xlsx"');
    const workbook = await workbookOf(applications);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.getCell('A1').value, 'Applications to Community Safety Fund');
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 9].map((c) => sheet.getRow(3).getCell(c).value),
      ['Awareness campaign', 'Domestic Abuse Forum', 'Domestic abuse', 'Approved', 2500.5, 2000, 200, 'Part funded'],
    );
    const spend = await viewer.get(`/funding/applications/${applicationId}/spend/export.csv`);
    assert.match(spend.body, /Date,Note,Amount \(£\)\r\n2019-06-03,Leaflets,120.25\r\n2019-06-03,Leaflets,79.75\r\n/);
  });

  test(
    'a fund with applications and an application with spending are not deleted; spending, then the application, then ' + 'the fund are',
    async () => {
      const fund = await coordinator.get(`/funding/funds/${fundId}/delete`);
      assert.match(fund.body, /<h1 class="govuk-heading-l">You cannot delete the fund “Community Safety Fund”<\/h1>/);
      assert.match(fund.body, /<li>1 funding application<\/li>/);
      assert.equal((await coordinator.post(`/funding/funds/${fundId}/delete`)).statusCode, 409);
      const application = await coordinator.post(`/funding/applications/${applicationId}/delete`);
      assert.equal(application.statusCode, 409);
      assert.match(application.body, /You cannot delete the application “Awareness campaign”/);
      assert.match(application.body, /<li>2 spending records<\/li>/);
      assert.equal((await viewer.get(`/funding/applications/${applicationId}/delete`)).statusCode, 403);

      const page = await coordinator.get(`/funding/applications/${applicationId}`);
      const spendIds = [...page.body.matchAll(/href="\/funding\/spend\/(\d+)\/remove"/g)].map((m) => Number(m[1]));
      assert.equal(spendIds.length, 2);
      const confirm = await coordinator.get(`/funding/spend/${spendIds[0]}/remove`);
      assert.match(
        confirm.body,
        /<h1 class="govuk-heading-l">Are you sure you want to delete the spending of £120.25 on 3 June 2019\?<\/h1>/,
      );
      for (const id of spendIds) assert.equal((await coordinator.post(`/funding/spend/${id}/remove`)).statusCode, 303);

      assert.match(
        (await coordinator.get(`/funding/applications/${applicationId}/delete`)).body,
        /Are you sure you want to delete the application “Awareness campaign”\?/,
      );
      const deleted = await coordinator.post(`/funding/applications/${applicationId}/delete`);
      assert.equal(deleted.headers.location, `/funding/funds/${fundId}?done=deleted`);
      assert.match((await coordinator.get(String(deleted.headers.location))).body, /The application has been deleted/);
      assert.equal((await coordinator.post(`/funding/funds/${fundId}/delete`)).headers.location, '/funding?done=deleted');
      assert.match((await coordinator.get('/funding?done=deleted')).body, /The fund has been deleted[^]*No funds have been added yet/);
      const audit = await t.database.db.tenant(p.id, (trx) =>
        trx.selectFrom('audit_events').select(['subject_type', 'details']).where('action', '=', 'funding.deleted').orderBy('id').execute(),
      );
      assert.deepEqual(
        audit.map((a) => a.subject_type),
        ['funding_application', 'fund'],
      );
    },
  );

  test('the funding service itself refuses a viewer: nothing changed or audited', async () => {
    const { funding } = servicesOf(t);
    const funds = async () => (await funding.summary(actorOf(p, 'viewer'))).funds.length;
    const before = await funds();
    const fund = { name: 'Not allowed', provider: '', financialYear: null, amountAvailable: null };
    await serviceRefuses(t, p, 'viewer', [({ funding }, viewer) => funding.createFund(viewer, fund)]);
    assert.equal(await funds(), before);
  });
});
