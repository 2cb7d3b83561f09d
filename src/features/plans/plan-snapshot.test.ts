import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSnapshot, type PlanSnapshot } from './plan-snapshot.ts';

const stored: PlanSnapshot = {
  plan: { title: 'Safety plan', starts_year: 2019, ends_year: 2022, vision: 'Safe', status: 'adopted', adopted_on: '2019-04-01' },
  sections: [{ id: 1, heading: 'Welcome', body: 'Hello', position: 1 }],
  priorities: [
    { id: 10, title: 'Domestic abuse', why_it_matters: 'Hidden', objective: 'Less harm', focus: 'Victims', first_year: '', position: 1 },
  ],
  themes: [{ id: 20, title: 'Prevent', description: 'Duty', position: 1 }],
  alignments: [{ priority_id: 10, external_priority_id: 30, external_title: 'Domestic abuse (county)', source: 'county_agreement' }],
};

describe('a stored plan snapshot', () => {
  test('is read back as it was written, through JSON', () => {
    assert.deepEqual(parseSnapshot(JSON.parse(JSON.stringify(stored)), 'version 1 of plan 7'), stored);
  });

  test('not in the shape of a plan is an error naming the version and the field, not a page of whatever was stored', () => {
    const noTitle = structuredClone(stored) as { priorities: Record<string, unknown>[] };
    delete noTitle.priorities[0]!['title'];
    assert.throws(
      () => parseSnapshot(noTitle, 'version 1 of plan 7'),
      /^Error: The stored snapshot of version 1 of plan 7 is not a plan: priorities\.0\.title: /,
    );
    const textYear = { ...stored, plan: { ...stored.plan, starts_year: '2019' } };
    assert.throws(() => parseSnapshot(textYear, 'version 2 of plan 7'), /version 2 of plan 7 is not a plan: plan\.starts_year: /);
    assert.throws(() => parseSnapshot('{"plan":{}}', 'version 3 of plan 7'), /version 3 of plan 7 is not a plan: the whole snapshot: /);
    assert.throws(() => parseSnapshot(null, 'version 4 of plan 7'), /is not a plan/);
  });
});
