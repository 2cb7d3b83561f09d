import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { roles } from '../../platform/db/schema.ts';
import type { UserListRow } from './user-repository.ts';
import {
  agencySelectItems,
  postedUserValues,
  roleItems,
  roleLabels,
  roleNames,
  statusOf,
  statusTagHtml,
  userFormValues,
  userFormView,
  userStatus,
  userSummaryRows,
  userTableRows,
  type UserDetails,
} from './user-view-models.ts';

const when = new Date('2026-03-02T10:00:00Z');

const listRow = (overrides: Partial<UserListRow> = {}): UserListRow => ({
  id: 12,
  name: 'Priya Shah',
  email: 'priya@kent.test',
  role: 'analyst',
  agency_id: 3,
  agency_name: 'Kent Police',
  disabled_at: null,
  totp_enabled_at: when,
  has_password: true,
  data_manager: false,
  ...overrides,
});

const details = (overrides: Partial<UserDetails> = {}): UserDetails => ({
  id: 12,
  name: 'Priya Shah',
  email: 'priya@kent.test',
  role: 'coordinator',
  disabled_at: null,
  totp_enabled_at: when,
  password_hash: '$argon2id$...',
  created_at: when,
  ...overrides,
});

describe('user view models', () => {
  test('every role has words, and a hint saying what it does', () => {
    for (const role of roles) {
      assert.ok(roleNames[role], role);
      assert.ok(roleLabels[role].text && roleLabels[role].hint, role);
    }
    assert.equal(roleLabels.admin.text, 'Partnership administrator');
    assert.equal(roleLabels.admin.hint, 'Manages agencies, users and the audit log');
    assert.equal(roleLabels.coordinator.text, 'Coordinator (community safety officer)');
    assert.equal(roleLabels.viewer.text, 'Viewer (for example a councillor)');
  });

  test('status: disabled first, then invited (no password), then no authenticator, else active', () => {
    assert.equal(userStatus({ disabled_at: when, totp_enabled_at: when, has_password: true }), 'disabled');
    assert.equal(userStatus({ disabled_at: when, totp_enabled_at: null, has_password: false }), 'disabled');
    assert.equal(userStatus({ disabled_at: null, totp_enabled_at: null, has_password: false }), 'invited');
    assert.equal(userStatus({ disabled_at: null, totp_enabled_at: null, has_password: true }), 'no-authenticator');
    assert.equal(userStatus({ disabled_at: null, totp_enabled_at: when, has_password: true }), 'active');
    assert.equal(statusOf(details({ password_hash: null, totp_enabled_at: null })), 'invited');
  });

  test('status tags', () => {
    assert.equal(statusTagHtml('active'), '<strong class="govuk-tag govuk-tag--green">Active</strong>');
    assert.equal(statusTagHtml('invited'), '<strong class="govuk-tag">Invited</strong>');
    assert.equal(statusTagHtml('disabled'), '<strong class="govuk-tag govuk-tag--grey">Disabled</strong>');
    assert.equal(statusTagHtml('no-authenticator'), '<strong class="govuk-tag govuk-tag--yellow">No authenticator</strong>');
  });

  test('table rows link the name to the user page and give email, agency, role in words and status', () => {
    assert.deepEqual(userTableRows([listRow()]), [
      [
        { html: '<a class="govuk-link" href="/admin/users/12">Priya Shah</a>' },
        { text: 'priya@kent.test' },
        { text: 'Kent Police' },
        { text: 'Analyst' },
        { html: '<strong class="govuk-tag govuk-tag--green">Active</strong>' },
      ],
    ]);
    const [row] = userTableRows([listRow({ name: '<img src=x onerror=alert(1)>', disabled_at: when })]);
    assert.equal(row![0]!.html, '<a class="govuk-link" href="/admin/users/12">&lt;img src=x onerror=alert(1)&gt;</a>');
    assert.match(row![4]!.html!, /Disabled/);
  });

  test('the role radios carry a hint each and check only the chosen role', () => {
    const items = roleItems('member');
    assert.deepEqual(
      items.map((i) => i.value),
      [...roles],
    );
    assert.deepEqual(items[3], {
      value: 'member',
      text: 'Member (partner practitioner)',
      hint: { text: "Updates their own agency's actions and cases" },
      checked: true,
    });
    assert.equal(items.filter((i) => i.checked).length, 1);
    assert.equal(roleItems('root').filter((i) => i.checked).length, 0);
  });

  test('the agency select starts on a prompt until an agency is chosen', () => {
    const agencies = [
      { id: 1, name: 'Council' },
      { id: 3, name: 'Police' },
    ];
    assert.deepEqual(agencySelectItems(agencies, ''), [
      { value: '', text: 'Select an agency', selected: true },
      { value: '1', text: 'Council', selected: false },
      { value: '3', text: 'Police', selected: false },
    ]);
    assert.deepEqual(agencySelectItems(agencies, '3'), [
      { value: '1', text: 'Council', selected: false },
      { value: '3', text: 'Police', selected: true },
    ]);
    assert.equal(agencySelectItems(agencies, 3).find((i) => i.selected)?.value, '3');
    assert.equal(agencySelectItems(agencies, '99')[0]!.value, '', 'an agency not offered is not chosen');
  });

  test('the summary rows have Change links with visually hidden text, and the status with what it means', () => {
    const rows = userSummaryRows(details(), 'Kent Police');
    assert.deepEqual(
      rows.map((r) => r.key.text),
      ['Full name', 'Email address', 'Agency', 'Role', 'Status', 'Added'],
    );
    assert.deepEqual(rows[0]!.actions, { items: [{ href: '/admin/users/12/edit', text: 'Change', visuallyHiddenText: 'full name' }] });
    assert.equal(rows[2]!.value.text, 'Kent Police');
    assert.equal(rows[3]!.value.text, 'Coordinator (community safety officer)');
    assert.match(
      rows[4]!.value.html!,
      /^<strong class="govuk-tag govuk-tag--green">Active<\/strong><p class="govuk-body[^"]*">They can sign in\.<\/p>$/,
    );
    assert.equal(rows[4]!.actions, undefined);
    assert.equal(rows[5]!.value.text, '2 March 2026');
  });

  test('form values come from a stored user or from what was posted', () => {
    assert.deepEqual(userFormValues({ name: 'A', email: 'a@b.org', agency_id: 4, role: 'viewer' }), {
      name: 'A',
      email: 'a@b.org',
      agencyId: '4',
      role: 'viewer',
    });
    assert.deepEqual(postedUserValues({ name: 'A', email: ['x'], agencyId: '2', _csrf: 'secret' }), {
      name: 'A',
      email: '',
      agencyId: '2',
      role: '',
    });
    assert.deepEqual(postedUserValues(null), { name: '', email: '', agencyId: '', role: '' });
    const view = userFormView({ name: 'A', email: '', agencyId: '2', role: 'analyst' }, [{ id: 2, name: 'Police' }]);
    assert.equal(view.agencyItems.find((i) => i.selected)?.text, 'Police');
    assert.equal(view.roleItems.find((i) => i.checked)?.value, 'analyst');
  });
});
