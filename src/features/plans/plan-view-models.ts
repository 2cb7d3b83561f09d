import type { ExportTable } from '../../platform/exports.ts';
import { postedFields } from '../../platform/forms.ts';
import { formatDate } from '../../platform/format.ts';
import { paths } from '../../platform/paths.ts';
import { escapeHtml, fieldText, type ChoiceItem, type TableCell } from '../../platform/view-models.ts';
import { markAcronyms, type GlossaryEntry } from '../glossary/acronyms.ts';
import type { PlanDiff } from './plan-diff.ts';
import { externalSourceNames, externalSources, periodLabel, sourceName, textHtml } from './plan-document.ts';
import type { PlanRow } from './plan-repository.ts';

/** A field of the shared form page. */
export type FormField =
  | { type: 'input'; name: string; label: string; hint?: string; value: string; classes?: string; inputmode?: string }
  | { type: 'textarea'; name: string; label: string; hint?: string; value: string; rows?: number }
  | { type: 'radios'; name: string; label: string; hint?: string; items: ChoiceItem[] }
  | { type: 'date'; name: string; label: string; hint?: string; day: string; month: string; year: string };

export const statusTag = (status: string): string =>
  status === 'adopted' ? '<strong class="govuk-tag govuk-tag--green">Adopted</strong>' : '<strong class="govuk-tag govuk-tag--grey">Draft</strong>';

export function planTableRows(plans: readonly PlanRow[]): TableCell[][] {
  return plans.map((p) => [
    { html: `<a class="govuk-link" href="${escapeHtml(paths.plans.show(p.id))}">${escapeHtml(p.title)}</a>` },
    { text: periodLabel(p.starts_year, p.ends_year) },
    { html: statusTag(p.status) },
    { text: String(p.current_version), format: 'numeric' },
  ]);
}

export function planSummaryRows(plan: PlanRow, manage: boolean, glossary: readonly GlossaryEntry[]) {
  const change = (what: string) => (manage ? { items: [{ href: paths.plans.edit(plan.id), text: 'Change', visuallyHiddenText: what }] } : undefined);
  return [
    { key: { text: 'Title' }, value: { text: plan.title }, actions: change('title') },
    { key: { text: 'Period' }, value: { text: periodLabel(plan.starts_year, plan.ends_year) }, actions: change('period') },
    { key: { text: 'Vision' }, value: { html: plan.vision ? markAcronyms(plan.vision, glossary) : 'Not set' }, actions: change('vision') },
    { key: { text: 'Status' }, value: { html: statusTag(plan.status) }, actions: change('status') },
    { key: { text: 'Date adopted' }, value: { text: plan.adopted_on ? formatDate(plan.adopted_on) : 'Not adopted yet' }, actions: change('date adopted') },
    { key: { text: 'Version' }, value: { text: `Version ${plan.current_version}` } },
  ];
}

export interface PlanFormValues {
  title: string;
  startsYear: string;
  endsYear: string;
  vision: string;
  status: string;
  day: string;
  month: string;
  year: string;
}

export function planFormValues(plan: PlanRow): PlanFormValues {
  const [y, m, d] = plan.adopted_on ? plan.adopted_on.split('-') : ['', '', ''];
  return {
    title: plan.title,
    startsYear: String(plan.starts_year),
    endsYear: String(plan.ends_year),
    vision: plan.vision,
    status: plan.status,
    day: d ? String(Number(d)) : '',
    month: m ? String(Number(m)) : '',
    year: y ?? '',
  };
}

export function postedPlanValues(body: unknown): PlanFormValues {
  const v = postedFields(body);
  return {
    title: fieldText(v['title']),
    startsYear: fieldText(v['startsYear']),
    endsYear: fieldText(v['endsYear']),
    vision: fieldText(v['vision']),
    status: fieldText(v['status']),
    day: fieldText(v['adoptedOn-day']),
    month: fieldText(v['adoptedOn-month']),
    year: fieldText(v['adoptedOn-year']),
  };
}

export function planFields(v: PlanFormValues): FormField[] {
  return [
    { type: 'input', name: 'title', label: 'Title', value: v.title, hint: 'For example, Community Safety Partnership Plan' },
    { type: 'input', name: 'startsYear', label: 'First year', value: v.startsYear, classes: 'govuk-input--width-4', inputmode: 'numeric', hint: 'For example, 2019' },
    { type: 'input', name: 'endsYear', label: 'Last year', value: v.endsYear, classes: 'govuk-input--width-4', inputmode: 'numeric', hint: 'For example, 2022' },
    { type: 'textarea', name: 'vision', label: 'Vision', value: v.vision, rows: 2, hint: 'A line that sums up what the partnership wants, shown on the cover' },
    {
      type: 'radios',
      name: 'status',
      label: 'Status',
      items: [
        { value: 'draft', text: 'Draft', checked: v.status !== 'adopted' },
        { value: 'adopted', text: 'Adopted', checked: v.status === 'adopted' },
      ],
    },
    { type: 'date', name: 'adoptedOn', label: 'Date adopted', hint: 'Only if the plan is adopted. For example, 14 3 2019', day: v.day, month: v.month, year: v.year },
  ];
}

const posted = (body: unknown, name: string): string => fieldText(postedFields(body)[name]);
const positionText = (value: unknown): string => (typeof value === 'number' ? String(value) : fieldText(value));

export const positionField = (value: string, hint: string): FormField => ({
  type: 'input',
  name: 'position',
  label: 'Order',
  hint,
  value,
  classes: 'govuk-input--width-4',
  inputmode: 'numeric',
});

export function priorityFields(v: Record<string, unknown>): FormField[] {
  const get = (name: string) => fieldText(v[name]);
  return [
    { type: 'input', name: 'title', label: 'Title', value: get('title') },
    { type: 'textarea', name: 'whyItMatters', label: 'Why it matters', value: get('whyItMatters'), rows: 6, hint: 'Leave a blank line between paragraphs. Start a line with a dash (-) for a list' },
    { type: 'textarea', name: 'objective', label: 'Objective', value: get('objective'), rows: 3 },
    { type: 'textarea', name: 'focus', label: 'What we will focus on', value: get('focus'), rows: 6 },
    { type: 'textarea', name: 'firstYear', label: 'In the first 12 months', value: get('firstYear'), rows: 5 },
  ];
}

export const priorityValues = (p: { title: string; why_it_matters: string; objective: string; focus: string; first_year: string }) => ({
  title: p.title,
  whyItMatters: p.why_it_matters,
  objective: p.objective,
  focus: p.focus,
  firstYear: p.first_year,
});

export function themeFields(v: Record<string, unknown>): FormField[] {
  return [
    { type: 'input', name: 'title', label: 'Title', value: fieldText(v['title']) },
    { type: 'textarea', name: 'description', label: 'Description', value: fieldText(v['description']), rows: 5 },
  ];
}

export function sectionFields(v: Record<string, unknown>): FormField[] {
  return [
    { type: 'input', name: 'heading', label: 'Heading', value: fieldText(v['heading']), hint: 'For example, Welcome, Foreword or Introduction' },
    { type: 'textarea', name: 'body', label: 'Text', value: fieldText(v['body']), rows: 12, hint: 'Leave a blank line between paragraphs. Start a line with a dash (-) for a list' },
  ];
}

export function externalFields(v: Record<string, unknown>): FormField[] {
  return [
    {
      type: 'radios',
      name: 'source',
      label: 'Which plan is it from?',
      items: externalSources.map((s) => ({ value: s, text: externalSourceNames[s], checked: v['source'] === s })),
    },
    { type: 'input', name: 'title', label: 'Priority', value: fieldText(v['title']) },
    positionField(positionText(v['position']), 'Leave blank to put it last'),
  ];
}

export function glossaryFields(v: Record<string, unknown>): FormField[] {
  const acronym = v['isAcronym'] === true || v['isAcronym'] === 'yes' ? 'yes' : v['isAcronym'] === false || v['isAcronym'] === 'no' ? 'no' : '';
  return [
    { type: 'input', name: 'term', label: 'Term', value: fieldText(v['term']), hint: 'For example, ASB or County lines', classes: 'govuk-input--width-20' },
    { type: 'textarea', name: 'meaning', label: 'What it means', value: fieldText(v['meaning']), rows: 3 },
    {
      type: 'radios',
      name: 'isAcronym',
      label: 'Is it an acronym or abbreviation?',
      hint: 'Acronyms are explained wherever they appear in the plan',
      items: [
        { value: 'yes', text: 'Yes', checked: acronym === 'yes' },
        { value: 'no', text: 'No', checked: acronym === 'no' },
      ],
    },
  ];
}

export function surveyFields(body: unknown): FormField[] {
  return [
    { type: 'input', name: 'survey', label: 'Survey', value: posted(body, 'survey'), hint: "For example, Residents' survey" },
    { type: 'input', name: 'surveyYear', label: 'Year', value: posted(body, 'surveyYear'), classes: 'govuk-input--width-4', inputmode: 'numeric' },
    { type: 'input', name: 'question', label: 'Question or finding', value: posted(body, 'question'), hint: 'For example, Feel safe in their local area during the day' },
    { type: 'input', name: 'percent', label: 'Percentage', value: posted(body, 'percent'), classes: 'govuk-input--width-5', inputmode: 'decimal', hint: 'A number from 0 to 100' },
    { type: 'input', name: 'respondents', label: 'Respondents (optional)', value: posted(body, 'respondents'), classes: 'govuk-input--width-10', inputmode: 'numeric' },
  ];
}

/** Text with paragraphs, lists and acronyms, for the plan pages. */
export const richText = (text: string, glossary: readonly GlossaryEntry[]): string => textHtml(text, glossary);

export function externalGroups(external: readonly { id: number; source: string; title: string }[], alignedIds: readonly number[] = []) {
  return externalSources.map((source) => ({
    source,
    name: sourceName(source),
    items: external
      .filter((e) => e.source === source)
      .map((e) => ({ value: String(e.id), text: e.title, checked: alignedIds.includes(e.id), id: e.id })),
  }));
}

/** The "what changed" lists of the versions page, in words. */
export function diffSummary(diff: PlanDiff): { heading: string; items: string[] }[] {
  const fields = (fs: PlanDiff['plan']) => fs.map((f) => `${f.label}: “${f.from || 'blank'}” became “${f.to || 'blank'}”`);
  const groups = [
    { heading: 'Plan details', items: fields(diff.plan) },
    { heading: 'Priorities added', items: diff.priorities.added },
    { heading: 'Priorities removed', items: diff.priorities.removed },
    { heading: 'Priorities changed', items: diff.priorities.changed.map((c) => `${c.title}: ${c.fields.map((f) => f.label.toLowerCase()).join(', ')} changed`) },
    { heading: 'Cross-cutting themes added', items: diff.themes.added },
    { heading: 'Cross-cutting themes removed', items: diff.themes.removed },
    { heading: 'Cross-cutting themes changed', items: diff.themes.changed.map((c) => `${c.title}: ${c.fields.map((f) => f.label.toLowerCase()).join(', ')} changed`) },
    { heading: 'Introduction sections added', items: diff.sections.added },
    { heading: 'Introduction sections removed', items: diff.sections.removed },
    { heading: 'Introduction sections changed', items: diff.sections.changed.map((c) => `${c.title}: ${c.fields.map((f) => f.label.toLowerCase()).join(', ')} changed`) },
    { heading: 'Alignments added', items: diff.alignments.added },
    { heading: 'Alignments removed', items: diff.alignments.removed },
  ];
  return groups.filter((g) => g.items.length > 0);
}

/** The survey results table; for coordinators, a last column with a link to delete each result. */
export function surveyRows(rows: readonly { id: number; survey: string; survey_year: number; question: string; percent: string; respondents: number | null }[], manage = false): TableCell[][] {
  return rows.map((r) => [
    { text: r.survey },
    { text: String(r.survey_year) },
    { text: r.question },
    { text: `${Number(r.percent).toLocaleString('en-GB', { maximumFractionDigits: 2 })}%`, format: 'numeric' },
    { text: r.respondents === null ? '' : r.respondents.toLocaleString('en-GB'), format: 'numeric' },
    ...(manage
      ? [{ html: `<a class="govuk-link" href="${escapeHtml(paths.deleteSurveyResult(r.id))}">Delete<span class="govuk-visually-hidden"> the result ${escapeHtml(r.question)}</span></a>` }]
      : []),
  ]);
}

// Downloads of the lists, as CSV and XLSX (src/platform/exports.ts).

export const plansExport = (plans: readonly PlanRow[]): ExportTable => ({
  fileName: 'plans',
  title: 'Plans',
  headers: ['Plan', 'First year', 'Last year', 'Status', 'Date adopted', 'Version', 'Vision'],
  rows: plans.map((p) => [p.title, p.starts_year, p.ends_year, p.status === 'adopted' ? 'Adopted' : 'Draft', p.adopted_on, p.current_version, p.vision]),
});

export const prioritiesExport = (
  plan: Pick<PlanRow, 'title' | 'starts_year' | 'ends_year'>,
  priorities: readonly { title: string; why_it_matters: string; objective: string; focus: string; first_year: string }[],
): ExportTable => ({
  fileName: `${plan.title} ${periodLabel(plan.starts_year, plan.ends_year)} priorities`,
  title: `Priorities: ${plan.title} ${periodLabel(plan.starts_year, plan.ends_year)}`,
  headers: ['Order', 'Priority', 'Why it matters', 'Objective', 'What we will focus on', 'In the first 12 months'],
  rows: priorities.map((p, i) => [i + 1, p.title, p.why_it_matters, p.objective, p.focus, p.first_year]),
});

export const themesExport = (plan: Pick<PlanRow, 'title' | 'starts_year' | 'ends_year'>, themes: readonly { title: string; description: string }[]): ExportTable => ({
  fileName: `${plan.title} ${periodLabel(plan.starts_year, plan.ends_year)} themes`,
  title: `Cross-cutting themes: ${plan.title} ${periodLabel(plan.starts_year, plan.ends_year)}`,
  headers: ['Order', 'Theme', 'Description'],
  rows: themes.map((t, i) => [i + 1, t.title, t.description]),
});

export const externalExport = (external: readonly { source: string; title: string }[]): ExportTable => ({
  fileName: 'priorities-of-other-plans',
  title: 'Priorities of other plans',
  headers: ['Plan', 'Order', 'Priority'],
  rows: externalSources.flatMap((source) => external.filter((e) => e.source === source).map((e, i) => [sourceName(source), i + 1, e.title])),
});

export const glossaryExport = (terms: readonly { term: string; meaning: string; is_acronym: boolean }[]): ExportTable => ({
  fileName: 'glossary',
  title: 'Glossary',
  headers: ['Term', 'Meaning', 'Acronym or abbreviation'],
  rows: terms.map((t) => [t.term, t.meaning, t.is_acronym ? 'Yes' : 'No']),
});

export const surveyExport = (results: readonly { survey: string; survey_year: number; question: string; percent: string; respondents: number | null }[]): ExportTable => ({
  fileName: 'survey-results',
  title: 'Survey results',
  headers: ['Survey', 'Year', 'Question or finding', 'Percentage', 'Respondents'],
  rows: results.map((r) => [r.survey, r.survey_year, r.question, Number(r.percent), r.respondents]),
});
