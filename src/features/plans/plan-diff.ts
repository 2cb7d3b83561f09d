import type { PlanSnapshot } from './plan-snapshot.ts';

interface FieldChange {
  field: string;
  label: string;
  from: string;
  to: string;
}

interface ItemChanges {
  added: string[];
  removed: string[];
  changed: { title: string; fields: FieldChange[] }[];
}

export interface PlanDiff {
  plan: FieldChange[];
  sections: ItemChanges;
  priorities: ItemChanges;
  themes: ItemChanges;
  alignments: { added: string[]; removed: string[] };
  /** True when nothing changed at all. */
  empty: boolean;
}

const planFieldLabels = {
  title: 'Title',
  starts_year: 'First year',
  ends_year: 'Last year',
  vision: 'Vision',
  status: 'Status',
  adopted_on: 'Date adopted',
} as const;

const priorityFieldLabels = {
  title: 'Title',
  why_it_matters: 'Why it matters',
  objective: 'Objective',
  focus: 'What we will focus on',
  first_year: 'First 12 months',
  position: 'Order',
} as const;

const themeFieldLabels = { title: 'Title', description: 'Description', position: 'Order' } as const;
const sectionFieldLabels = { heading: 'Heading', body: 'Text', position: 'Order' } as const;

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

function fieldChanges<T extends object>(before: T, after: T, labels: Partial<Record<keyof T & string, string>>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, label] of Object.entries(labels) as [keyof T & string, string][]) {
    const from = text(before[field]);
    const to = text(after[field]);
    if (from !== to) changes.push({ field, label, from, to });
  }
  return changes;
}

function itemChanges<T extends { id: number }>(
  before: readonly T[],
  after: readonly T[],
  titleOf: (item: T) => string,
  labels: Partial<Record<keyof T & string, string>>,
): ItemChanges {
  const afterById = new Map(after.map((i) => [i.id, i]));
  const beforeIds = new Set(before.map((i) => i.id));
  const changed: ItemChanges['changed'] = [];
  for (const old of before) {
    const now = afterById.get(old.id);
    if (!now) continue;
    const fields = fieldChanges(old, now, labels);
    if (fields.length) changed.push({ title: titleOf(now), fields });
  }
  return {
    added: after.filter((i) => !beforeIds.has(i.id)).map(titleOf),
    removed: before.filter((i) => !afterById.has(i.id)).map(titleOf),
    changed,
  };
}

/** What changed from one version of a plan to the next: fields, and added, removed and changed items. */
export function diffPlans(before: PlanSnapshot, after: PlanSnapshot): PlanDiff {
  const priorityTitle = new Map([...before.priorities, ...after.priorities].map((p) => [p.id, p.title]));
  const alignmentText = (a: PlanSnapshot['alignments'][number]) =>
    `${priorityTitle.get(a.priority_id) ?? 'A priority'}: ${a.external_title}`;
  const key = (a: PlanSnapshot['alignments'][number]) => `${a.priority_id}:${a.external_priority_id}`;
  const beforeKeys = new Set(before.alignments.map(key));
  const afterKeys = new Set(after.alignments.map(key));
  const diff = {
    plan: fieldChanges(before.plan, after.plan, planFieldLabels),
    sections: itemChanges(before.sections, after.sections, (s) => s.heading, sectionFieldLabels),
    priorities: itemChanges(before.priorities, after.priorities, (p) => p.title, priorityFieldLabels),
    themes: itemChanges(before.themes, after.themes, (t) => t.title, themeFieldLabels),
    alignments: {
      added: after.alignments.filter((a) => !beforeKeys.has(key(a))).map(alignmentText),
      removed: before.alignments.filter((a) => !afterKeys.has(key(a))).map(alignmentText),
    },
  };
  const count = (c: ItemChanges) => c.added.length + c.removed.length + c.changed.length;
  const empty =
    diff.plan.length +
      count(diff.sections) +
      count(diff.priorities) +
      count(diff.themes) +
      diff.alignments.added.length +
      diff.alignments.removed.length ===
    0;
  return { ...diff, empty };
}
