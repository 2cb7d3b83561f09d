import { externalPrioritySources } from '../../platform/db/schema.ts';
import { fieldText, type ChoiceItem } from '../../platform/view-models.ts';
import { externalSourceNames } from './plan-document.ts';
import type { PlanRow } from './plan-repository.ts';

/**
 * The fields of the plans' add and change forms (views/form.njk, views/fields.njk). Each builder
 * takes the form's values by the names the form posts, as stored or as typed, so the same fields
 * show a record, a blank form or a form sent back with its errors.
 */

/** A field of the shared form page. */
export type FormField =
  | { type: 'input'; name: string; label: string; hint?: string; value: string; classes?: string; inputmode?: string }
  | { type: 'textarea'; name: string; label: string; hint?: string; value: string; rows?: number }
  | { type: 'radios'; name: string; label: string; hint?: string; items: ChoiceItem[] }
  | { type: 'date'; name: string; label: string; hint?: string; day: string; month: string; year: string };

type Values = Record<string, unknown>;
type Input = Extract<FormField, { type: 'input' }>;

const TEXT_HINT = 'Leave a blank line between paragraphs. Start a line with a dash (-) for a list';

const input = (name: string, label: string, value: string, more: Partial<Input> = {}): FormField => ({
  type: 'input',
  name,
  label,
  value,
  ...more,
});
const textarea = (name: string, label: string, value: string, rows: number, hint?: string): FormField => ({
  type: 'textarea',
  name,
  label,
  value,
  rows,
  ...(hint === undefined ? {} : { hint }),
});
/** A narrow box for a number, `width` characters wide as GOV.UK sizes them. */
const numeric = (width: 4 | 5 | 10, inputmode = 'numeric'): Partial<Input> => ({ classes: `govuk-input--width-${width}`, inputmode });

/** A plan's stored details in the names the plan form posts (the adoption date in its three parts). */
export function planFormValues(plan: PlanRow): Values {
  const [y, m, d] = plan.adopted_on ? plan.adopted_on.split('-') : ['', '', ''];
  return {
    title: plan.title,
    startsYear: String(plan.starts_year),
    endsYear: String(plan.ends_year),
    vision: plan.vision,
    status: plan.status,
    'adoptedOn-day': d ? String(Number(d)) : '',
    'adoptedOn-month': m ? String(Number(m)) : '',
    'adoptedOn-year': y ?? '',
  };
}

export function planFields(v: Values): FormField[] {
  const get = (name: string) => fieldText(v[name]);
  const status = get('status');
  return [
    input('title', 'Title', get('title'), { hint: 'For example, Community Safety Partnership Plan' }),
    input('startsYear', 'First year', get('startsYear'), { ...numeric(4), hint: 'For example, 2019' }),
    input('endsYear', 'Last year', get('endsYear'), { ...numeric(4), hint: 'For example, 2022' }),
    textarea('vision', 'Vision', get('vision'), 2, 'A line that sums up what the partnership wants, shown on the cover'),
    {
      type: 'radios',
      name: 'status',
      label: 'Status',
      items: [
        { value: 'draft', text: 'Draft', checked: status !== 'adopted' },
        { value: 'adopted', text: 'Adopted', checked: status === 'adopted' },
      ],
    },
    {
      type: 'date',
      name: 'adoptedOn',
      label: 'Date adopted',
      hint: 'Only if the plan is adopted. For example, 14 3 2019',
      day: get('adoptedOn-day'),
      month: get('adoptedOn-month'),
      year: get('adoptedOn-year'),
    },
  ];
}

export const refreshFields = (v: Values): FormField[] => [
  input('label', 'Name for this version', fieldText(v['label']), { hint: 'For example, 2020-21 refresh' }),
];

type PriorityText = { title: string; why_it_matters: string; objective: string; focus: string; first_year: string };

export const priorityValues = (p: PriorityText): Values => ({
  title: p.title,
  whyItMatters: p.why_it_matters,
  objective: p.objective,
  focus: p.focus,
  firstYear: p.first_year,
});

export function priorityFields(v: Values): FormField[] {
  const get = (name: string) => fieldText(v[name]);
  return [
    input('title', 'Title', get('title')),
    textarea('whyItMatters', 'Why it matters', get('whyItMatters'), 6, TEXT_HINT),
    textarea('objective', 'Objective', get('objective'), 3),
    textarea('focus', 'What we will focus on', get('focus'), 6),
    textarea('firstYear', 'In the first 12 months', get('firstYear'), 5),
  ];
}

export const themeFields = (v: Values): FormField[] => [
  input('title', 'Title', fieldText(v['title'])),
  textarea('description', 'Description', fieldText(v['description']), 5),
];

export const sectionFields = (v: Values): FormField[] => [
  input('heading', 'Heading', fieldText(v['heading']), { hint: 'For example, Welcome, Foreword or Introduction' }),
  textarea('body', 'Text', fieldText(v['body']), 12, TEXT_HINT),
];

/** A priority of another plan as stored, in the names its form posts. */
export const externalValues = (e: { source: string; title: string; position: number }): Values => ({
  source: e.source,
  title: e.title,
  position: String(e.position),
});

export function externalFields(v: Values): FormField[] {
  return [
    {
      type: 'radios',
      name: 'source',
      label: 'Which plan is it from?',
      items: externalPrioritySources.map((s) => ({ value: s, text: externalSourceNames[s], checked: v['source'] === s })),
    },
    input('title', 'Priority', fieldText(v['title'])),
    input('position', 'Order', fieldText(v['position']), { ...numeric(4), hint: 'Leave blank to put it last' }),
  ];
}

export function surveyFields(v: Values): FormField[] {
  const get = (name: string) => fieldText(v[name]);
  return [
    input('survey', 'Survey', get('survey'), { hint: "For example, Residents' survey" }),
    input('surveyYear', 'Year', get('surveyYear'), numeric(4)),
    input('question', 'Question or finding', get('question'), { hint: 'For example, Feel safe in their local area during the day' }),
    input('percent', 'Percentage', get('percent'), { ...numeric(5, 'decimal'), hint: 'A number from 0 to 100' }),
    input('respondents', 'Respondents (optional)', get('respondents'), numeric(10)),
  ];
}
