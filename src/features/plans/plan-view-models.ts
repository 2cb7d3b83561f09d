import { externalPrioritySources } from '../../platform/db/schema.ts';
import { formatDate } from '../../platform/format.ts';
import { escapeHtml, type TableCell } from '../../platform/view-models.ts';
import { markAcronyms, type GlossaryEntry } from '../glossary/acronyms.ts';
import type { PlanDiff } from './plan-diff.ts';
import { periodLabel, sourceName, textHtml } from './plan-document.ts';
import { planPaths } from './plan-paths.ts';
import type { PlanRow, PlanVersion } from './plan-repository.ts';

/** What the plans' pages show, built from the records: table rows, summary lists, text as HTML. */

type Glossary = readonly GlossaryEntry[];

const statusTag = (status: string): string =>
  status === 'adopted'
    ? '<strong class="govuk-tag govuk-tag--green">Adopted</strong>'
    : '<strong class="govuk-tag govuk-tag--grey">Draft</strong>';

export function planTableRows(plans: readonly PlanRow[]): TableCell[][] {
  return plans.map((p) => [
    { html: `<a class="govuk-link" href="${escapeHtml(planPaths.show(p.id))}">${escapeHtml(p.title)}</a>` },
    { text: periodLabel(p.starts_year, p.ends_year) },
    { html: statusTag(p.status) },
    { text: String(p.current_version), format: 'numeric' },
  ]);
}

export function planSummaryRows(plan: PlanRow, manage: boolean, glossary: Glossary) {
  const change = (what: string) =>
    manage ? { items: [{ href: planPaths.edit(plan.id), text: 'Change', visuallyHiddenText: what }] } : undefined;
  return [
    { key: { text: 'Title' }, value: { text: plan.title }, actions: change('title') },
    { key: { text: 'Period' }, value: { text: periodLabel(plan.starts_year, plan.ends_year) }, actions: change('period') },
    { key: { text: 'Vision' }, value: { html: plan.vision ? markAcronyms(plan.vision, glossary) : 'Not set' }, actions: change('vision') },
    { key: { text: 'Status' }, value: { html: statusTag(plan.status) }, actions: change('status') },
    {
      key: { text: 'Date adopted' },
      value: { text: plan.adopted_on ? formatDate(plan.adopted_on) : 'Not adopted yet' },
      actions: change('date adopted'),
    },
    { key: { text: 'Version' }, value: { text: `Version ${plan.current_version}` } },
  ];
}

/** Text with paragraphs, lists and acronyms, for the plan pages. */
const richText = (text: string, glossary: Glossary): string => textHtml(text, glossary);

/** The plan page's introduction sections and cross-cutting themes, each with its text as HTML. */
export function planContents<S extends { body: string }, T extends { description: string }>(
  sections: readonly S[],
  themes: readonly T[],
  glossary: Glossary,
) {
  return {
    sections: sections.map((s) => ({ ...s, html: richText(s.body, glossary) })),
    themes: themes.map((t) => ({ ...t, html: richText(t.description, glossary) })),
  };
}

type PriorityText = { why_it_matters: string; objective: string; focus: string; first_year: string };

const PRIORITY_PARTS = [
  ['Why it matters', 'why_it_matters'],
  ['Objective', 'objective'],
  ['What we will focus on', 'focus'],
  ['In the first 12 months', 'first_year'],
] as const;

const NOT_WRITTEN = '<p class="govuk-body">Not written yet.</p>';

/** A priority's four parts with their headings, as HTML; a part with no text is `blank` (on its page, "Not written yet."). */
export function priorityParts(priority: PriorityText, glossary: Glossary, blank = NOT_WRITTEN): { heading: string; html: string }[] {
  return PRIORITY_PARTS.map(([heading, field]) => ({ heading, html: priority[field] ? richText(priority[field], glossary) : blank }));
}

/** A kept version of the plan as the versions page shows it: its details, its text and what changed after it. */
export function versionView(selected: PlanVersion & { diff: PlanDiff; nextLabel: string }, glossary: Glossary) {
  const { plan, sections, priorities, themes } = selected.snapshot;
  const by = selected.created_by ? ` by ${selected.created_by}` : '';
  return {
    version: selected.version,
    label: selected.label,
    nextLabel: selected.nextLabel,
    kept: `This is an earlier version, kept when the plan was refreshed on ${formatDate(selected.created_at)}${by}. It cannot be changed.`,
    changes: diffSummary(selected.diff),
    summary: [
      { key: { text: 'Title' }, value: { text: plan.title } },
      { key: { text: 'Period' }, value: { text: periodLabel(plan.starts_year, plan.ends_year) } },
      { key: { text: 'Vision' }, value: { html: markAcronyms(plan.vision, glossary) } },
      { key: { text: 'Status' }, value: { text: plan.status === 'adopted' ? 'Adopted' : 'Draft' } },
    ],
    sections: sections.map((s) => ({ heading: s.heading, html: richText(s.body, glossary) })),
    priorities: priorities.map((p) => ({ title: p.title, parts: priorityParts(p, glossary, '') })),
    themes: themes.map((t) => ({ title: t.title, html: richText(t.description, glossary) })),
  };
}

export function externalGroups(external: readonly { id: number; source: string; title: string }[], alignedIds: readonly number[] = []) {
  return externalPrioritySources.map((source) => ({
    source,
    name: sourceName(source),
    items: external
      .filter((e) => e.source === source)
      .map((e) => ({ value: String(e.id), text: e.title, checked: alignedIds.includes(e.id), id: e.id })),
  }));
}

/** The "what changed" lists of the versions page, in words. */
function diffSummary(diff: PlanDiff): { heading: string; items: string[] }[] {
  const fields = (fs: PlanDiff['plan']) => fs.map((f) => `${f.label}: “${f.from || 'blank'}” became “${f.to || 'blank'}”`);
  const groups = [
    { heading: 'Plan details', items: fields(diff.plan) },
    { heading: 'Priorities added', items: diff.priorities.added },
    { heading: 'Priorities removed', items: diff.priorities.removed },
    {
      heading: 'Priorities changed',
      items: diff.priorities.changed.map((c) => `${c.title}: ${c.fields.map((f) => f.label.toLowerCase()).join(', ')} changed`),
    },
    { heading: 'Cross-cutting themes added', items: diff.themes.added },
    { heading: 'Cross-cutting themes removed', items: diff.themes.removed },
    {
      heading: 'Cross-cutting themes changed',
      items: diff.themes.changed.map((c) => `${c.title}: ${c.fields.map((f) => f.label.toLowerCase()).join(', ')} changed`),
    },
    { heading: 'Introduction sections added', items: diff.sections.added },
    { heading: 'Introduction sections removed', items: diff.sections.removed },
    {
      heading: 'Introduction sections changed',
      items: diff.sections.changed.map((c) => `${c.title}: ${c.fields.map((f) => f.label.toLowerCase()).join(', ')} changed`),
    },
    { heading: 'Alignments added', items: diff.alignments.added },
    { heading: 'Alignments removed', items: diff.alignments.removed },
  ];
  return groups.filter((g) => g.items.length > 0);
}

/** The survey results table; for coordinators, a last column with a link to delete each result. */
export function surveyRows(
  rows: readonly { id: number; survey: string; survey_year: number; question: string; percent: string; respondents: number | null }[],
  manage = false,
): TableCell[][] {
  return rows.map((r) => [
    { text: r.survey },
    { text: String(r.survey_year) },
    { text: r.question },
    { text: `${Number(r.percent).toLocaleString('en-GB', { maximumFractionDigits: 2 })}%`, format: 'numeric' },
    { text: r.respondents === null ? '' : r.respondents.toLocaleString('en-GB'), format: 'numeric' },
    ...(manage
      ? [
          {
            html:
              `<a class="govuk-link" href="${escapeHtml(planPaths.deleteSurveyResult(r.id))}">Delete` +
              `<span class="govuk-visually-hidden"> the result ${escapeHtml(r.question)}</span></a>`,
          },
        ]
      : []),
  ]);
}
