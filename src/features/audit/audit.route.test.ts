import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Agent, TestApp, TestPartnership } from '../../../test/helpers/app.ts';
import { decode } from '../../../test/helpers/page-text.ts';
import { appWithPartnerships, signedIn } from '../../../test/helpers/route-fixtures.ts';

/** The cells of the audit table's body, as text, one array per row; empty when there is no table. */
function tableRows(html: string): string[][] {
  const body = /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => decode(cell[1]!.replace(/<[^>]+>/g, '').trim())),
  );
}

const WHO = 1;
const WHAT = 3;
const RECORD = 4;

function summaryText(html: string): string {
  return decode(/data-qa="results-summary">([^<]*)</.exec(html)?.[1]?.trim() ?? '');
}

/** A date as the three boxes of a date input, in London time. */
function dateParams(prefix: 'from' | 'to', date: Date): Record<string, string> {
  const [day, month, year] = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    timeZone: 'Europe/London',
  })
    .format(date)
    .split('/');
  return { [`${prefix}-day`]: day!, [`${prefix}-month`]: month!, [`${prefix}-year`]: year! };
}

const url = (params: Record<string, string>): string => `/admin/audit?${new URLSearchParams(params).toString()}`;

describe('the audit log', () => {
  let t: TestApp;
  let alpha: TestPartnership;
  let beta: TestPartnership;
  let admin: Agent;

  before(async () => {
    [t, alpha, beta] = await appWithPartnerships(['alpha', 'beta']);
    let viewer: Agent;
    [admin, viewer] = await signedIn(t, alpha.users.admin, alpha.users.viewer);
    await viewer.post('/sign-out');

    // Older events, written as the application would have written them.
    const a = alpha.users.admin;
    const past = (occurredAt: string, values: { action: string; actor?: boolean; subjectType?: string; subjectId?: string }) => ({
      partnership_id: alpha.id,
      occurred_at: occurredAt,
      actor_user_id: values.actor === false ? null : a.id,
      actor_name: values.actor === false ? null : a.name,
      actor_agency: values.actor === false ? null : 'alpha Borough Council',
      action: values.action,
      subject_type: values.subjectType ?? null,
      subject_id: values.subjectId ?? null,
      request_id: `req-${occurredAt}`,
      ip: '127.0.0.1',
      details: '{}',
    });
    await t.database.db.system(async (trx) => {
      await trx
        .insertInto('audit_events')
        .values([
          past('2024-03-15T12:00:00Z', { action: 'user.created', subjectType: 'user', subjectId: String(alpha.users.viewer.id) }),
          past('2024-03-20T10:00:00Z', { action: 'legacy.export', actor: false }),
          past('2024-04-02T09:00:00Z', { action: 'agency.updated', subjectType: 'agency', subjectId: String(alpha.agencyId) }),
          ...Array.from({ length: 60 }, (_, i) =>
            past(new Date(Date.UTC(2024, 0, 1, i)).toISOString(), {
              action: 'agency.created',
              subjectType: 'agency',
              subjectId: String(i + 1),
            }),
          ),
        ])
        .execute();
    });
  });
  after(() => t.close());

  test('an administrator sees the events written by earlier actions, newest first', async () => {
    const res = await admin.get('/admin/audit');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>Audit log - Safer alpha Partnership<\/title>/);
    assert.equal(res.body.match(/<h1/g)?.length, 1);
    const rows = tableRows(res.body);
    assert.equal(rows.length, 50);
    assert.deepEqual(rows[0]!.slice(1, 5), [
      alpha.users.viewer.name,
      'alpha Borough Council',
      'Signed out',
      `User ${alpha.users.viewer.id}`,
    ]);
    const signIn = rows.find((r) => r[WHO] === alpha.users.admin.name && r[WHAT] === 'Signed in');
    assert.ok(signIn, 'the administrator’s own sign-in is listed');
    assert.match(signIn[0]!, /^\d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2}(am|pm)$/);
    assert.equal(signIn[RECORD], `User ${alpha.users.admin.id}`);
    assert.ok(signIn[5]!.length > 8, 'the request id is shown');
    assert.match(summaryText(res.body), /^Showing 1 to 50 of \d+ events$/);
  });

  test('filtering by user shows only that user’s events', async () => {
    const res = await admin.get(url({ user: String(alpha.users.viewer.id) }));
    assert.equal(res.statusCode, 200);
    const rows = tableRows(res.body);
    assert.deepEqual(
      rows.map((r) => r[WHAT]),
      ['Signed out', 'Signed in'],
    );
    assert.ok(rows.every((r) => r[WHO] === alpha.users.viewer.name));
    assert.match(res.body, new RegExp(`<option value="${alpha.users.viewer.id}" selected>`));
    assert.equal(summaryText(res.body), 'Showing 1 to 2 of 2 events');
  });

  test('filtering by action shows only that action', async () => {
    const res = await admin.get(url({ action: 'auth.sign_out' }));
    const rows = tableRows(res.body);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]![WHAT], 'Signed out');
    assert.equal(rows[0]![WHO], alpha.users.viewer.name);
    assert.match(res.body, /<option value="auth.sign_out" selected>Signed out<\/option>/);
  });

  test('filtering by a date range includes both ends, and shows "System" and unknown actions', async () => {
    const res = await admin.get(
      url({ 'from-day': '1', 'from-month': '3', 'from-year': '2024', 'to-day': '31', 'to-month': 'March', 'to-year': '2024' }),
    );
    assert.equal(res.statusCode, 200);
    const rows = tableRows(res.body);
    assert.deepEqual(
      rows.map((r) => [r[WHO], r[WHAT], r[RECORD]]),
      [
        ['System', 'legacy.export', ''],
        [alpha.users.admin.name, 'Added a user', `User ${alpha.users.viewer.id}`],
      ],
    );
    assert.equal(rows[0]![0], '20 March 2024, 10:00am');
    assert.equal(summaryText(res.body), 'Showing 1 to 2 of 2 events');
    assert.match(res.body, /id="to-month" name="to-month" type="text" value="March"/);

    const oneDay = await admin.get(
      url({ 'from-day': '15', 'from-month': '3', 'from-year': '2024', 'to-day': '15', 'to-month': '3', 'to-year': '2024' }),
    );
    assert.deepEqual(
      tableRows(oneDay.body).map((r) => r[WHAT]),
      ['Added a user'],
    );
  });

  test('a range around today finds today’s sign-ins and none of the older events', async () => {
    const day = 24 * 3_600_000;
    const res = await admin.get(
      url({ ...dateParams('from', new Date(Date.now() - day)), ...dateParams('to', new Date(Date.now() + day)) }),
    );
    const rows = tableRows(res.body);
    assert.ok(rows.some((r) => r[WHAT] === 'Signed in'));
    assert.ok(rows.every((r) => !['Added a user', 'Added an agency', 'legacy.export'].includes(r[WHAT]!)));
  });

  test('a from date in the future finds nothing', async () => {
    const res = await admin.get(url(dateParams('from', new Date(Date.now() + 3 * 24 * 3_600_000))));
    assert.equal(res.statusCode, 200);
    assert.deepEqual(tableRows(res.body), []);
    assert.equal(summaryText(res.body), 'No events match these filters');
    assert.doesNotMatch(res.body, /govuk-pagination/);
  });

  test('50 events to a page, with page links that keep the filters', async () => {
    const first = await admin.get(url({ action: 'agency.created' }));
    assert.equal(summaryText(first.body), 'Showing 1 to 50 of 60 events');
    const rows = tableRows(first.body);
    assert.equal(rows.length, 50);
    assert.equal(rows[0]![RECORD], 'Agency 60');
    assert.equal(rows[49]![RECORD], 'Agency 11');
    assert.match(first.body, /href="\/admin\/audit\?action=agency.created&amp;page=2"/);
    assert.match(first.body, /aria-label="Pages of audit events"/);

    const second = await admin.get(url({ action: 'agency.created', page: '2' }));
    assert.equal(second.statusCode, 200);
    assert.equal(summaryText(second.body), 'Showing 51 to 60 of 60 events');
    assert.deepEqual(
      tableRows(second.body)
        .map((r) => r[RECORD])
        .slice(0, 2),
      ['Agency 10', 'Agency 9'],
    );
    assert.match(second.body, /href="\/admin\/audit\?action=agency.created"/);

    const beyond = await admin.get(url({ action: 'agency.created', page: '7' }));
    assert.equal(beyond.statusCode, 200);
    assert.deepEqual(tableRows(beyond.body), []);
    assert.equal(summaryText(beyond.body), 'There are no events on page 7. The last page is 2');
  });

  test('dates that are not real, or the wrong way round, get an error summary and status 400', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ 'from-day': '31', 'from-month': '2', 'from-year': '2024' }, 'From date must be a real date', '#from-day'],
      [{ 'from-day': '29', 'from-month': '2', 'from-year': '2023' }, 'From date must be a real date', '#from-day'],
      [{ 'from-day': '1', 'from-year': '2024' }, 'From date must include a month', '#from-month'],
      [{ 'to-month': '4' }, 'To date must include a day and year', '#to-day'],
      [{ 'to-day': '1', 'to-month': '13', 'to-year': '2024' }, 'To date must be a real date', '#to-month'],
      [{ 'to-day': 'first', 'to-month': '1', 'to-year': '2024' }, 'To date must be a real date', '#to-day'],
      [{ 'from-day': '1', 'from-month': '1', 'from-year': '24' }, 'The year in the from date must include 4 numbers', '#from-year'],
      [
        { 'from-day': '2', 'from-month': '3', 'from-year': '2024', 'to-day': '1', 'to-month': '3', 'to-year': '2024' },
        'From date must be the same as or before the to date',
        '#from-day',
      ],
    ];
    for (const [params, message, href] of cases) {
      const res = await admin.get(url(params));
      assert.equal(res.statusCode, 400, message);
      assert.match(res.body, /govuk-error-summary/);
      assert.match(res.body, new RegExp(`href="${href}">${message}</a>`), message);
      assert.match(res.body, /<title>Error: Audit log/);
      assert.deepEqual(tableRows(res.body), [], 'no results are shown with an error');
    }
    const partial = await admin.get(url({ 'from-day': '31', 'from-month': '2', 'from-year': '2024' }));
    assert.match(partial.body, /class="govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2" id="from-day"/);
    assert.match(partial.body, /class="govuk-input govuk-date-input__input govuk-input--width-2" id="from-month"/);
    assert.match(partial.body, /id="from-day" name="from-day" type="text" value="31"/);
  });

  test('other bad parameters get the error summary, never a server error', async () => {
    const cases: [string, string][] = [
      ['/admin/audit?action=nonsense', 'Select an action from the list'],
      ['/admin/audit?action=toString', 'Select an action from the list'],
      ['/admin/audit?user=abc', 'Select a user from the list'],
      ['/admin/audit?user=1&user=2', 'Select a user from the list'],
      ['/admin/audit?page=0', 'Page number must be a whole number'],
      ['/admin/audit?page=two', 'Page number must be a whole number'],
      [`/admin/audit?from-day=${'9'.repeat(500)}&from-month=1&from-year=2024`, 'From date must be a real date'],
    ];
    for (const [path, message] of cases) {
      const res = await admin.get(path);
      assert.equal(res.statusCode, 400, path);
      assert.match(res.body, /govuk-error-summary/, path);
      assert.match(res.body, new RegExp(message), path);
    }
  });

  test('only administrators can see the audit log', async () => {
    for (const role of ['coordinator', 'analyst', 'member', 'viewer'] as const) {
      const [agent] = await signedIn(t, alpha.users[role]);
      const res = await agent.get('/admin/audit');
      assert.equal(res.statusCode, 403, role);
      assert.doesNotMatch(res.body, /govuk-table/);
    }
    const anonymous = await t.agent().get('/admin/audit');
    assert.equal(anonymous.statusCode, 302);
    assert.equal(anonymous.headers.location, '/sign-in');
  });

  test('an administrator of another partnership never sees this partnership’s events', async () => {
    const [other] = await signedIn(t, beta.users.admin);
    const res = await other.get('/admin/audit');
    assert.equal(res.statusCode, 200);
    const rows = tableRows(res.body);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r[WHO] === beta.users.admin.name));
    assert.doesNotMatch(res.body, /alpha/);

    const byAlphaUser = await other.get(url({ user: String(alpha.users.admin.id) }));
    assert.equal(byAlphaUser.statusCode, 400);
    assert.match(byAlphaUser.body, /Select a user from the list/);
    assert.doesNotMatch(byAlphaUser.body, /alpha/);

    const byAction = await other.get(url({ action: 'agency.created' }));
    assert.deepEqual(tableRows(byAction.body), []);
    const byDate = await other.get(
      url({ 'from-day': '1', 'from-month': '1', 'from-year': '2024', 'to-day': '31', 'to-month': '12', 'to-year': '2024' }),
    );
    assert.deepEqual(tableRows(byDate.body), []);
  });
});
