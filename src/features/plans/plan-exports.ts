import { externalPrioritySources } from '../../platform/db/schema.ts';
import type { ExportTable } from '../../platform/exports.ts';
import { periodLabel, sourceName } from './plan-document.ts';
import type { PlanRow } from './plan-repository.ts';

/** The plans' lists as CSV and XLSX downloads (src/platform/exports.ts). */

type PlanName = Pick<PlanRow, 'title' | 'starts_year' | 'ends_year'>;

const planName = (plan: PlanName): string => `${plan.title} ${periodLabel(plan.starts_year, plan.ends_year)}`;

export const plansExport = (plans: readonly PlanRow[]): ExportTable => ({
  fileName: 'plans',
  title: 'Plans',
  headers: ['Plan', 'First year', 'Last year', 'Status', 'Date adopted', 'Version', 'Vision'],
  rows: plans.map((p) => [
    p.title,
    p.starts_year,
    p.ends_year,
    p.status === 'adopted' ? 'Adopted' : 'Draft',
    p.adopted_on,
    p.current_version,
    p.vision,
  ]),
});

export const prioritiesExport = (
  plan: PlanName,
  priorities: readonly { title: string; why_it_matters: string; objective: string; focus: string; first_year: string }[],
): ExportTable => ({
  fileName: `${planName(plan)} priorities`,
  title: `Priorities: ${planName(plan)}`,
  headers: ['Order', 'Priority', 'Why it matters', 'Objective', 'What we will focus on', 'In the first 12 months'],
  rows: priorities.map((p, i) => [i + 1, p.title, p.why_it_matters, p.objective, p.focus, p.first_year]),
});

export const themesExport = (plan: PlanName, themes: readonly { title: string; description: string }[]): ExportTable => ({
  fileName: `${planName(plan)} themes`,
  title: `Cross-cutting themes: ${planName(plan)}`,
  headers: ['Order', 'Theme', 'Description'],
  rows: themes.map((t, i) => [i + 1, t.title, t.description]),
});

export const externalExport = (external: readonly { source: string; title: string }[]): ExportTable => ({
  fileName: 'priorities-of-other-plans',
  title: 'Priorities of other plans',
  headers: ['Plan', 'Order', 'Priority'],
  rows: externalPrioritySources.flatMap((source) =>
    external.filter((e) => e.source === source).map((e, i) => [sourceName(source), i + 1, e.title]),
  ),
});

type SurveyResult = { survey: string; survey_year: number; question: string; percent: string; respondents: number | null };

export const surveyExport = (results: readonly SurveyResult[]): ExportTable => ({
  fileName: 'survey-results',
  title: 'Survey results',
  headers: ['Survey', 'Year', 'Question or finding', 'Percentage', 'Respondents'],
  rows: results.map((r) => [r.survey, r.survey_year, r.question, Number(r.percent), r.respondents]),
});
