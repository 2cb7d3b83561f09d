import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formErrors, validateForm } from '../../platform/forms.ts';
import type { ApplicationRow } from './funding-repository.ts';
import { spendForm } from './funding-schemas.ts';
import {
  applicationFormValues,
  applicationFormView,
  applicationSummaryRows,
  applicationTableRows,
  fundFormValues,
  fundTableRows,
  priorityTotalRows,
  spendFormView,
  spendTableRows,
} from './funding-view-models.ts';

const application = (overrides: Partial<ApplicationRow> = {}): ApplicationRow => ({
  id: 7,
  fundId: 3,
  fundName: 'Community Safety Fund',
  bodyId: 2,
  bodyName: 'Youth <Safety> Group',
  priorityId: null,
  priorityTitle: null,
  purpose: 'Detached youth work',
  amountRequested: 250000,
  status: 'approved',
  decidedMeetingId: 11,
  decidedMeetingLabel: '7 March 2019',
  amountAwarded: 200000,
  outcomeNotes: '',
  spent: 12050,
  ...overrides,
});

describe('funding view models', () => {
  test('funds link to their page, with amounts in pounds or Not set', () => {
    const fund = { id: 3, name: 'Fund & co', provider: 'PCC', financialYear: 2019, amountAvailable: null };
    const rows = fundTableRows([{ ...fund, requested: 250000, awarded: 0, applications: 1 }]);
    assert.deepEqual(rows, [
      [
        { html: '<a class="govuk-link" href="/funding/funds/3">Fund &amp; co</a>' },
        { text: 'PCC' },
        { text: '2019 to 2020' },
        { text: 'Not set', format: 'numeric' },
        { text: '£2,500.00', format: 'numeric' },
        { text: '£0.00', format: 'numeric' },
      ],
    ]);
  });

  test('totals by priority end with a row adding them up; none, no rows', () => {
    const rows = priorityTotalRows([
      { priorityId: 1, priorityTitle: 'Reducing ASB', requested: 100, awarded: 50, spent: 25 },
      { priorityId: null, priorityTitle: null, requested: 200, awarded: 0, spent: 0 },
    ]);
    assert.deepEqual(
      rows.map((r) => r.map((c) => c.text ?? c.html)),
      [
        ['Reducing ASB', '£1.00', '£0.50', '£0.25'],
        ['No priority given', '£2.00', '£0.00', '£0.00'],
        ['<strong>Total</strong>', '£3.00', '£0.50', '£0.25'],
      ],
    );
    assert.deepEqual(priorityTotalRows([]), []);
  });

  test('applications link to their page by their purpose, cut to 80 characters, with a status tag', () => {
    const [row] = applicationTableRows([application({ purpose: 'p'.repeat(100), status: 'rejected' })]);
    assert.equal(row![0]!.html, `<a class="govuk-link" href="/funding/applications/7">${'p'.repeat(79)}…</a>`);
    assert.equal(row![3]!.html, '<strong class="govuk-tag govuk-tag--red">Rejected</strong>');
    assert.deepEqual(spendTableRows([{ id: 1, applicationId: 7, spentOn: '2019-04-02', amount: 12050, note: 'Staff' }]), [
      [{ text: '2 April 2019' }, { text: 'Staff' }, { text: '£120.50', format: 'numeric' }],
    ]);
  });

  test('an application’s summary links its fund, body and meeting, with Change only for those who may change it', () => {
    const rows = applicationSummaryRows(application(), true);
    const byKey = new Map(rows.map((r) => [r.key.text, r]));
    assert.deepEqual(byKey.get('Body applying')!.value, {
      html: '<a class="govuk-link" href="/governance/bodies/2">Youth &lt;Safety&gt; Group</a>',
    });
    assert.deepEqual(byKey.get('Decided at')!.value, { html: '<a class="govuk-link" href="/governance/meetings/11">7 March 2019</a>' });
    const purpose = byKey.get('Purpose')!;
    assert.ok('actions' in purpose);
    assert.deepEqual(purpose.actions, {
      items: [{ href: '/funding/applications/7/edit', text: 'Change', visuallyHiddenText: 'application' }],
    });
    assert.ok(applicationSummaryRows(application(), false).every((r) => !('actions' in r)));
    const undecidedRows = applicationSummaryRows(application({ decidedMeetingId: null, amountAwarded: null }), false);
    const undecided = new Map(undecidedRows.map((r) => [r.key.text, r.value]));
    assert.deepEqual(undecided.get('Decided at'), { text: 'Not decided at a meeting' });
    assert.deepEqual(undecided.get('Amount awarded'), { text: 'None' });
  });

  test('the forms show stored amounts as pounds, and ask for a body until one is chosen', () => {
    assert.deepEqual(fundFormValues({ name: 'F', provider: '', financialYear: null, amountAvailable: 1250050 }), {
      name: 'F',
      provider: '',
      financialYear: '',
      amountAvailable: '12500.50',
    });
    const values = applicationFormValues(application());
    assert.equal(values.amountRequested, '2500.00');
    assert.equal(values.decidedMeetingId, '11');
    const choices = { bodies: [{ id: 2, name: 'Youth Group' }], priorities: [], meetings: [{ id: 11, label: '7 March 2019' }] };
    assert.deepEqual(applicationFormView(values, choices).bodyItems, [{ value: '2', text: 'Youth Group', selected: true }]);
    const noBody = applicationFormView({ ...values, bodyId: '' }, choices);
    assert.deepEqual(noBody.bodyItems[0], { value: '', text: 'Select a body', selected: true });
  });

  test('spending: a real date and an amount in pounds; the form shows again what was typed, its date marked', () => {
    const posted = { 'spentOn-day': '2', 'spentOn-month': '4', 'spentOn-year': '2019', amount: '120.50', note: ' Staff ' };
    assert.deepEqual(validateForm(spendForm, posted), {
      ok: true,
      data: { spentOn: '2019-04-02', amount: 12050, note: 'Staff' },
    });
    const refused = validateForm(spendForm, { 'spentOn-month': '4', amount: '12.345' });
    assert.ok(!refused.ok);
    assert.deepEqual(
      refused.errors.summary.map((e) => e.href),
      ['#spentOn-day', '#amount'],
    );
    const view = spendFormView(refused.values, refused.errors);
    assert.deepEqual(view.spendValues, { day: '', month: '4', year: '', amount: '12.345', note: '' });
    assert.ok(view.dateItems.every((i) => i.classes.includes('govuk-input--error')));
    assert.equal(spendFormView({}, formErrors([])).dateError, undefined);
  });
});
