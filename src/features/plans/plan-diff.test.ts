import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffPlans } from './plan-diff.ts';
import type { PlanSnapshot } from './plan-snapshot.ts';

const base: PlanSnapshot = {
  plan: { title: 'Community safety plan', starts_year: 2019, ends_year: 2022, vision: 'Safe', status: 'adopted', adopted_on: '2019-04-01' },
  sections: [{ id: 1, heading: 'Welcome', body: 'Hello', position: 1 }],
  priorities: [
    {
      id: 10,
      title: 'Domestic abuse',
      why_it_matters: 'Under-reported',
      objective: 'Less harm',
      focus: 'Victims',
      first_year: 'Training',
      position: 1,
    },
    {
      id: 11,
      title: 'Substance misuse',
      why_it_matters: 'Harm',
      objective: 'Support',
      focus: 'Treatment',
      first_year: 'Review',
      position: 2,
    },
  ],
  themes: [{ id: 20, title: 'Prevent', description: 'Duty', position: 1 }],
  alignments: [{ priority_id: 10, external_priority_id: 30, external_title: 'Domestic abuse (county)', source: 'county_agreement' }],
};

describe('diffPlans', () => {
  test('the same plan has no changes', () => {
    const diff = diffPlans(base, structuredClone(base));
    assert.equal(diff.empty, true);
    assert.deepEqual(diff.priorities, { added: [], removed: [], changed: [] });
  });

  test('finds changed plan fields, and added, removed and changed priorities, themes, sections and alignments', () => {
    const next = structuredClone(base);
    next.plan.vision = 'Feel safe and be safe';
    next.plan.status = 'draft';
    next.priorities[0]!.objective = 'No harm';
    next.priorities[0]!.position = 2;
    next.priorities.splice(1, 1);
    next.priorities.push({ id: 12, title: 'Mental health', why_it_matters: '', objective: '', focus: '', first_year: '', position: 1 });
    next.themes = [];
    next.sections[0]!.body = 'Hello again';
    next.alignments = [{ priority_id: 12, external_priority_id: 31, external_title: 'Vulnerability', source: 'pcc_plan' }];

    const diff = diffPlans(base, next);
    assert.equal(diff.empty, false);
    assert.deepEqual(diff.plan, [
      { field: 'vision', label: 'Vision', from: 'Safe', to: 'Feel safe and be safe' },
      { field: 'status', label: 'Status', from: 'adopted', to: 'draft' },
    ]);
    assert.deepEqual(diff.priorities.added, ['Mental health']);
    assert.deepEqual(diff.priorities.removed, ['Substance misuse']);
    assert.deepEqual(diff.priorities.changed, [
      {
        title: 'Domestic abuse',
        fields: [
          { field: 'objective', label: 'Objective', from: 'Less harm', to: 'No harm' },
          { field: 'position', label: 'Order', from: '1', to: '2' },
        ],
      },
    ]);
    assert.deepEqual(diff.themes.removed, ['Prevent']);
    assert.deepEqual(diff.sections.changed, [
      { title: 'Welcome', fields: [{ field: 'body', label: 'Text', from: 'Hello', to: 'Hello again' }] },
    ]);
    assert.deepEqual(diff.alignments, { added: ['Mental health: Vulnerability'], removed: ['Domestic abuse: Domestic abuse (county)'] });
  });

  test('a renamed priority is a change, not a removal and an addition', () => {
    const next = structuredClone(base);
    next.priorities[1]!.title = 'Reduce the impact of substance misuse';
    const diff = diffPlans(base, next);
    assert.deepEqual(diff.priorities.added, []);
    assert.deepEqual(diff.priorities.removed, []);
    assert.equal(diff.priorities.changed[0]!.title, 'Reduce the impact of substance misuse');
  });
});
