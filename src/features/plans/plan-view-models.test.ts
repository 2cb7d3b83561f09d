import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffPlans } from './plan-diff.ts';
import { planFields, planFormValues } from './plan-form-fields.ts';
import type { PlanRow } from './plan-repository.ts';
import type { PlanSnapshot } from './plan-snapshot.ts';
import {
  externalGroups,
  planContents,
  planSummaryRows,
  planTableRows,
  priorityParts,
  surveyRows,
  versionView,
} from './plan-view-models.ts';

const plan = (overrides: Partial<PlanRow> = {}): PlanRow => ({
  id: 7,
  title: 'Safer <Kent> plan',
  starts_year: 2019,
  ends_year: 2022,
  vision: 'ASB falls',
  status: 'adopted',
  adopted_on: '2019-04-01',
  current_version: 3,
  updated_at: new Date('2020-01-01T00:00:00Z'),
  ...overrides,
});

const glossary = [{ term: 'ASB', meaning: 'Anti-social behaviour', is_acronym: true }];

describe('plan view models', () => {
  test('the plans table links each plan by its title, escaped, with its period, status and version', () => {
    assert.deepEqual(planTableRows([plan(), plan({ id: 8, title: 'Draft', status: 'draft', starts_year: 2023, ends_year: 2023 })]), [
      [
        { html: '<a class="govuk-link" href="/plans/7">Safer &lt;Kent&gt; plan</a>' },
        { text: '2019-22' },
        { html: '<strong class="govuk-tag govuk-tag--green">Adopted</strong>' },
        { text: '3', format: 'numeric' },
      ],
      [
        { html: '<a class="govuk-link" href="/plans/8">Draft</a>' },
        { text: '2023' },
        { html: '<strong class="govuk-tag govuk-tag--grey">Draft</strong>' },
        { text: '3', format: 'numeric' },
      ],
    ]);
  });

  test('the plan summary marks acronyms in the vision, and has Change links only for those who may change it', () => {
    const rows = planSummaryRows(plan(), true, glossary);
    assert.deepEqual(rows[2], {
      key: { text: 'Vision' },
      value: { html: '<abbr title="Anti-social behaviour">ASB</abbr> falls' },
      actions: { items: [{ href: '/plans/7/edit', text: 'Change', visuallyHiddenText: 'vision' }] },
    });
    assert.deepEqual(rows[4]!.value, { text: '1 April 2019' });
    assert.deepEqual(rows[5], { key: { text: 'Version' }, value: { text: 'Version 3' } });
    assert.ok(planSummaryRows(plan(), false, glossary).every((r) => !('actions' in r) || r.actions === undefined));
    const draft = planSummaryRows(plan({ vision: '', status: 'draft', adopted_on: null }), false, []);
    assert.deepEqual([draft[2]!.value, draft[4]!.value], [{ html: 'Not set' }, { text: 'Not adopted yet' }]);
  });

  test('sections, themes and priority parts are HTML with paragraphs, lists and acronyms; a part not written says so', () => {
    const { sections, themes } = planContents([{ id: 1, body: 'ASB <b>\n\n- one' }], [{ id: 2, description: 'Prevent' }], glossary);
    assert.equal(
      sections[0]!.html,
      '<p class="govuk-body"><abbr title="Anti-social behaviour">ASB</abbr> &lt;b&gt;</p>\n' +
        '<ul class="govuk-list govuk-list--bullet"><li>one</li></ul>',
    );
    assert.equal(sections[0]!.id, 1);
    assert.equal(themes[0]!.html, '<p class="govuk-body">Prevent</p>');
    const parts = priorityParts({ why_it_matters: 'Harm', objective: '', focus: 'ASB', first_year: '' }, glossary);
    assert.deepEqual(
      parts.map((p) => p.heading),
      ['Why it matters', 'Objective', 'What we will focus on', 'In the first 12 months'],
    );
    assert.equal(parts[0]!.html, '<p class="govuk-body">Harm</p>');
    assert.equal(parts[1]!.html, '<p class="govuk-body">Not written yet.</p>');
    assert.equal(parts[2]!.html, '<p class="govuk-body"><abbr title="Anti-social behaviour">ASB</abbr></p>');
    assert.equal(priorityParts({ why_it_matters: '', objective: '', focus: '', first_year: '' }, [], '')[0]!.html, '');
  });

  test('a kept version shows who kept it and when, its details, its text and what changed after it', () => {
    const snapshot: PlanSnapshot = {
      plan: { title: 'Plan', starts_year: 2019, ends_year: 2022, vision: 'ASB falls', status: 'draft', adopted_on: null },
      sections: [{ id: 1, heading: 'Welcome', body: 'Hello', position: 1 }],
      priorities: [{ id: 10, title: 'Violence', why_it_matters: 'Harm', objective: '', focus: '', first_year: '', position: 1 }],
      themes: [{ id: 20, title: 'Prevent', description: 'Duty', position: 1 }],
      alignments: [],
    };
    const next = { ...snapshot, priorities: [...snapshot.priorities, { ...snapshot.priorities[0]!, id: 11, title: 'Fraud' }] };
    const created = { created_by: 'Cat Coordinator', created_at: new Date('2020-04-01T10:00:00Z') };
    const kept = { version: 2, label: '2020-21 refresh', ...created, snapshot };
    const view = versionView({ ...kept, diff: diffPlans(snapshot, next), nextLabel: 'the plan now (version 3)' }, glossary);
    assert.equal(
      view.kept,
      'This is an earlier version, kept when the plan was refreshed on 1 April 2020 by Cat Coordinator. It cannot be changed.',
    );
    assert.deepEqual(
      view.summary.map((r) => r.value),
      [{ text: 'Plan' }, { text: '2019-22' }, { html: '<abbr title="Anti-social behaviour">ASB</abbr> falls' }, { text: 'Draft' }],
    );
    assert.deepEqual(view.changes, [{ heading: 'Priorities added', items: ['Fraud'] }]);
    assert.deepEqual(view.sections, [{ heading: 'Welcome', html: '<p class="govuk-body">Hello</p>' }]);
    const parts = view.priorities[0]!.parts.map((p) => p.html);
    assert.deepEqual(parts, ['<p class="govuk-body">Harm</p>', '', '', ''], 'a part not written is left out');
    assert.deepEqual(view.themes, [{ title: 'Prevent', html: '<p class="govuk-body">Duty</p>' }]);
  });

  test('the priorities of other plans are grouped by plan, with those a priority aligns with checked', () => {
    const external = [
      { id: 3, source: 'pcc_plan', title: 'Violence' },
      { id: 4, source: 'county_agreement', title: 'ASB' },
    ];
    const groups = externalGroups(external, [3]);
    assert.deepEqual(
      groups.map((g) => [g.source, g.name]),
      [
        ['county_agreement', 'County community safety agreement'],
        ['pcc_plan', "Police and crime commissioner's plan"],
      ],
    );
    assert.deepEqual(
      groups.map((g) => g.items),
      [[{ value: '4', text: 'ASB', checked: false, id: 4 }], [{ value: '3', text: 'Violence', checked: true, id: 3 }]],
    );
  });

  test('survey results are shown as percentages and counts, with a Delete link naming the result for coordinators', () => {
    const results = [{ id: 5, survey: 'Residents', survey_year: 2017, question: 'Feel <safe>', percent: '93.50', respondents: 2350 }];
    assert.deepEqual(surveyRows(results), [
      [
        { text: 'Residents' },
        { text: '2017' },
        { text: 'Feel <safe>' },
        { text: '93.5%', format: 'numeric' },
        { text: '2,350', format: 'numeric' },
      ],
    ]);
    assert.deepEqual(surveyRows([{ ...results[0]!, respondents: null }], true)[0]!.slice(4), [
      { text: '', format: 'numeric' },
      {
        html:
          '<a class="govuk-link" href="/survey-results/5/delete">Delete' +
          '<span class="govuk-visually-hidden"> the result Feel &lt;safe&gt;</span></a>',
      },
    ]);
  });

  test('the plan form shows a stored plan, its adoption date in three parts without leading zeros', () => {
    const fields = planFields(planFormValues(plan({ adopted_on: '2019-04-01' })));
    assert.deepEqual(
      fields.find((f) => f.type === 'date'),
      {
        type: 'date',
        name: 'adoptedOn',
        label: 'Date adopted',
        hint: 'Only if the plan is adopted. For example, 14 3 2019',
        day: '1',
        month: '4',
        year: '2019',
      },
    );
    const status = planFields({}).find((f) => f.type === 'radios');
    const checked = status?.type === 'radios' && status.items.map((i) => [i.value, i.checked]);
    assert.deepEqual(
      checked,
      [
        ['draft', true],
        ['adopted', false],
      ],
      'a new plan is a draft',
    );
  });
});
