import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { auditQueryValues, type AuditQueryValues } from './audit-schemas.ts';
import { auditEvents } from '../../services.ts';
import {
  actionSelectItems,
  actionText,
  auditEventRows,
  auditPageHref,
  auditPagination,
  dateInputItems,
  isFiltered,
  recordText,
  resultsSummary,
  userSelectItems,
  type AuditRow,
} from './audit-view-models.ts';

const noFilters: AuditQueryValues = auditQueryValues({});

const event = (overrides: Partial<AuditRow> = {}): AuditRow => ({
  occurred_at: new Date('2026-03-27T09:05:00Z'),
  actor_name: 'Sam Patel',
  actor_agency: 'Northtown Borough Council',
  action: 'auth.sign_in',
  subject_type: 'user',
  subject_id: '12',
  request_id: 'req-12345678',
  details: {},
  ...overrides,
});

describe('audit log table rows', () => {
  test('a row shows when, who, agency, what, record and request id', () => {
    const [row] = auditEventRows([event()], auditEvents);
    assert.deepEqual(
      row!.map((c) => c.text),
      ['27 March 2026, 9:05am', 'Sam Patel', 'Northtown Borough Council', 'Signed in', 'User 12', 'req-12345678'],
    );
    assert.match(row![5]!.classes ?? '', /safer-code/);
  });

  test('an event with no actor is by "System", and an unknown action is shown as stored', () => {
    const [row] = auditEventRows(
      [event({ actor_name: null, actor_agency: null, action: 'legacy.export', subject_type: null, subject_id: null, request_id: null })],
      auditEvents,
    );
    assert.deepEqual(
      row!.map((c) => c.text),
      ['27 March 2026, 9:05am', 'System', '', 'legacy.export', '', ''],
    );
  });

  test('an import says what file it read and how it ended', () => {
    const [row] = auditEventRows(
      [
        event({
          action: 'police_import.finished',
          details: {
            file: 'kent-2019.zip',
            result: 'Completed: 5 of 5 files loaded; 400,000 rows loaded, 0 rejected',
            status: 'completed',
          },
        }),
      ],
      auditEvents,
    );
    assert.equal(
      row![3]!.text,
      'Finished a police.uk import: kent-2019.zip. Completed: 5 of 5 files loaded; 400,000 rows loaded, 0 rejected.',
    );
    const [changed] = auditEventRows(
      [event({ action: 'police_data.changed', details: { file: '2019-01-kent-street.csv', result: 'replaced' } })],
      auditEvents,
    );
    assert.equal(changed![3]!.text, "Changed the police.uk data of the partnership's area: 2019-01-kent-street.csv. Replaced.");
  });

  test('action and record text', () => {
    assert.equal(actionText('account.password_changed', auditEvents), 'Changed password');
    assert.equal(actionText('toString', auditEvents), 'toString');
    assert.equal(recordText('agency', '3'), 'Agency 3');
    assert.equal(recordText('risk_register', '9'), 'Risk register 9');
    assert.equal(recordText('user', null), 'User');
    assert.equal(recordText(null, null), '');
  });
});

describe('audit log filter form', () => {
  test('user items start with "All users" and mark the chosen and disabled users', () => {
    const items = userSelectItems(
      [
        { id: 4, name: 'Alex Jones', disabled_at: null },
        { id: 7, name: 'Kim Lee', disabled_at: new Date() },
      ],
      '7',
    );
    assert.deepEqual(items, [
      { value: '', text: 'All users', selected: false },
      { value: '4', text: 'Alex Jones', selected: false },
      { value: '7', text: 'Kim Lee (disabled)', selected: true },
    ]);
    assert.equal(userSelectItems([], '')[0]!.selected, true);
  });

  test('action items list every action in words, with "All actions" first', () => {
    const items = actionSelectItems('mfa.reset', auditEvents);
    assert.deepEqual(items[0], { value: '', text: 'All actions', selected: false });
    assert.deepEqual(
      items.find((i) => i.selected),
      { value: 'mfa.reset', text: 'Reset authenticator app', selected: true },
    );
    assert.ok(items.some((i) => i.value === 'auth.sign_in' && i.text === 'Signed in'));
  });

  test('date items keep what was typed and mark only the wrong boxes', () => {
    const values = auditQueryValues({ 'from-day': '31', 'from-month': '2', 'from-year': '2026' });
    assert.deepEqual(dateInputItems(values, 'from', ['day']), [
      { name: 'day', value: '31', classes: 'govuk-input--width-2', error: true },
      { name: 'month', value: '2', classes: 'govuk-input--width-2' },
      { name: 'year', value: '2026', classes: 'govuk-input--width-4' },
    ]);
    assert.ok(dateInputItems(values, 'to').every((i) => i.value === '' && !('error' in i)));
  });

  test('the page number alone is not a filter', () => {
    assert.equal(isFiltered(auditQueryValues({ page: '3' })), false);
    assert.equal(isFiltered(auditQueryValues({ action: 'auth.sign_in' })), true);
  });

  test('repeated parameters read as blank', () => {
    assert.equal(auditQueryValues({ user: ['1', '2'] }).user, '');
  });
});

describe('audit log pages', () => {
  const values = auditQueryValues({
    user: '4',
    action: 'auth.sign_in',
    'from-day': '1',
    'from-month': '3',
    'from-year': '2026',
    page: '2',
  });

  test('page links keep the filters and leave out page 1', () => {
    assert.equal(auditPageHref(noFilters, 1), '/admin/audit');
    assert.equal(auditPageHref(noFilters, 2), '/admin/audit?page=2');
    assert.equal(auditPageHref(values, 3), '/admin/audit?user=4&action=auth.sign_in&from-day=1&from-month=3&from-year=2026&page=3');
  });

  test('no pagination when everything fits on one page', () => {
    assert.equal(auditPagination(noFilters, 1, 0), null);
    assert.equal(auditPagination(noFilters, 1, 50), null);
  });

  test('first, last, current and neighbouring pages, with ellipses for gaps', () => {
    const p = auditPagination(noFilters, 5, 500)!;
    const numbers = p.items.map((i) => ('ellipsis' in i ? '…' : String(i.number)));
    assert.deepEqual(numbers, ['1', '…', '4', '5', '6', '…', '10']);
    assert.equal(p.previous?.href, '/admin/audit?page=4');
    assert.equal(p.next?.href, '/admin/audit?page=6');
    const current = p.items.filter((i) => 'current' in i && i.current);
    assert.equal(current.length, 1);
  });

  test('a gap of one page shows the page, not an ellipsis', () => {
    const p = auditPagination(noFilters, 3, 230)!;
    const numbers = p.items.map((i) => ('ellipsis' in i ? '…' : String(i.number)));
    assert.deepEqual(numbers, ['1', '2', '3', '4', '5']);
  });

  test('the first page has no previous link and the last no next link', () => {
    assert.equal(auditPagination(noFilters, 1, 230)!.previous, undefined);
    assert.equal(auditPagination(noFilters, 5, 230)!.next, undefined);
  });

  test('the summary counts what is shown', () => {
    assert.equal(resultsSummary(1, 50, 230, false), 'Showing 1 to 50 of 230 events');
    assert.equal(resultsSummary(5, 30, 230, false), 'Showing 201 to 230 of 230 events');
    assert.equal(resultsSummary(1, 1, 1, true), 'Showing 1 to 1 of 1 event');
    assert.equal(resultsSummary(1, 50, 1230, false), 'Showing 1 to 50 of 1,230 events');
    assert.equal(resultsSummary(1, 0, 0, true), 'No events match these filters');
    assert.equal(resultsSummary(1, 0, 0, false), 'There are no events in the audit log yet');
    assert.equal(resultsSummary(9, 0, 230, false), 'There are no events on page 9. The last page is 5');
  });
});
