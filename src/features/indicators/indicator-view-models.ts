import {
  indicatorDirections,
  indicatorFrequencies,
  indicatorSources,
  indicatorVisibilities,
  type IndicatorMeasure,
  type IndicatorVisibility,
} from '../../platform/db/schema.ts';
import { escapeHtml, fieldText, type ChoiceItem, type SelectItem, type TableCell } from '../../platform/view-models.ts';
import type { HarmWeightRow } from './harm-weight-repository.ts';
import type { Choice, SurveyQuestionRow } from './indicator-choice-repository.ts';
import { indicatorPaths } from './indicator-paths.ts';
import type { IndicatorRow, TargetRow, ValueRow } from './indicator-repository.ts';
import { POLICE_CRIME_TYPES, weightField } from './indicator-schemas.ts';
import type { IndicatorWithSeries, SeriesPoint } from './indicator-types.ts';
import { directionHints, directionLabels, formatValue, measureLabels, sourceLabels } from './indicator-words.ts';
import { frequencyLabels, periodLabel } from './periods.ts';

/** What the indicator pages pass to the GOV.UK macros, built here so the templates stay simple. */

type Body = Record<string, unknown>;

const numeric = (text: string): TableCell => ({ text, format: 'numeric' });
const link = (href: string, text: string): TableCell => ({
  html: `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`,
});

const visibilityTagHtml = (visibility: IndicatorVisibility): string =>
  visibility === 'public'
    ? '<strong class="govuk-tag govuk-tag--green">Public</strong>'
    : '<strong class="govuk-tag govuk-tag--grey">Restricted</strong>';

/** The latest point with a value, if any. */
function latestPoint(points: readonly SeriesPoint[]): SeriesPoint | undefined {
  return [...points].reverse().find((p) => p.value !== null);
}

/** "1,463 (February 2019)", "40 (January to March 2019, incomplete)", or "No data yet". */
export function latestText(indicator: Pick<IndicatorWithSeries, 'points' | 'measure'>): string {
  const latest = latestPoint(indicator.points);
  if (!latest) return 'No data yet';
  return `${formatValue(latest.value, indicator.measure)} (${periodLabel(latest.period)}${latest.excluded ? ', incomplete' : ''})`;
}

const sourceText = (row: Pick<IndicatorRow, 'source' | 'measure'>): string =>
  row.source === 'manual' || row.source === 'survey'
    ? sourceLabels[row.source]
    : `${sourceLabels[row.source]}: ${measureLabels[row.measure].toLowerCase()}`;

/** The priority or theme an indicator is linked to ("Priority: …", "Theme: …"), or `none`. */
const linkedTo = (row: Pick<IndicatorRow, 'priority_title' | 'theme_title'>, none: string): string =>
  row.priority_title !== null ? `Priority: ${row.priority_title}` : row.theme_title !== null ? `Theme: ${row.theme_title}` : none;

interface LibraryGroup {
  heading: string;
  rows: TableCell[][];
}

/**
 * The library's table, one group per priority (in the plan's order), then per theme, then those
 * linked to neither. Each row: name (a link), source, frequency, latest value, visibility.
 */
export function libraryGroups(rows: readonly IndicatorRow[], series: readonly IndicatorWithSeries[]): LibraryGroup[] {
  const groups = new Map<string, LibraryGroup>();
  const byId = new Map(series.map((s) => [s.id, s]));
  for (const row of rows) {
    const heading = linkedTo(row, 'Not linked to a priority or theme');
    const key = row.priority_id !== null ? `p${row.priority_id}` : row.theme_id !== null ? `t${row.theme_id}` : 'none';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { heading, rows: [] }));
    const s = byId.get(row.id);
    group.rows.push([
      link(indicatorPaths.show(row.id), row.name),
      { text: sourceText(row) },
      { text: frequencyLabels[row.frequency] },
      numeric(s ? latestText(s) : 'No data yet'),
      { html: visibilityTagHtml(row.visibility) },
    ]);
  }
  const order = (key: string) => (key.startsWith('p') ? 0 : key.startsWith('t') ? 1 : 2);
  return [...groups.entries()].sort((a, b) => order(a[0]) - order(b[0])).map(([, g]) => g);
}

/** The table of an indicator's values: period, value, 95% interval (where any point has one), target, note. */
export function pointTable(indicator: Pick<IndicatorWithSeries, 'points' | 'measure'>): { head: TableCell[]; rows: TableCell[][] } {
  const withCi = indicator.points.some((p) => p.lowerCi !== undefined);
  const fmt = (v: number | null) => formatValue(v, indicator.measure);
  const head: TableCell[] = [
    { text: 'Period' },
    { text: measureLabels[indicator.measure], format: 'numeric' },
    ...(withCi ? [{ text: '95% confidence interval', format: 'numeric' as const }] : []),
    { text: 'Target', format: 'numeric' },
    { text: 'Note' },
  ];
  const rows = indicator.points.map((p): TableCell[] => [
    { text: periodLabel(p.period) },
    numeric(fmt(p.value)),
    ...(withCi ? [numeric(p.lowerCi !== undefined && p.upperCi !== undefined ? `${fmt(p.lowerCi)} to ${fmt(p.upperCi)}` : '')] : []),
    numeric(p.target === null ? '' : fmt(p.target)),
    p.excluded
      ? { html: `<strong class="govuk-tag govuk-tag--yellow">Left out of limits</strong> ${escapeHtml(p.exclusionReason ?? '')}` }
      : { text: '' },
  ]);
  return { head, rows };
}

/** An indicator's page: what it is linked to, and its measure, frequency, direction, baseline and rebase periods in words. */
export function indicatorFacts(row: IndicatorRow) {
  return {
    group: linkedTo(row, 'None'),
    frequency: frequencyLabels[row.frequency],
    direction: directionLabels[row.direction],
    measure: measureLabels[row.measure],
    baseline:
      row.baseline_period !== null && row.baseline_value !== null
        ? `${row.baseline_value.toLocaleString('en-GB')} (${periodLabel(row.baseline_period)})`
        : 'None',
    rebase: row.rebase_periods.length > 0 ? row.rebase_periods.map(periodLabel).join(', ') : 'None',
  };
}

export function targetRows(targets: readonly TargetRow[], measure: IndicatorMeasure): { period: string; label: string; target: string }[] {
  return targets.map((t) => ({ period: t.period, label: periodLabel(t.period), target: formatValue(t.target, measure) }));
}

export function valueRows(
  values: readonly ValueRow[],
): { period: string; label: string; value: string; evidence: string; enteredBy: string; enteredAt: Date }[] {
  return values.map((v) => ({
    period: v.period,
    label: periodLabel(v.period),
    value: formatValue(v.value, 'value'),
    evidence: v.evidence,
    enteredBy: v.entered_by_name ?? 'Unknown',
    enteredAt: v.entered_at,
  }));
}

// The form --------------------------------------------------------------------------------------

/** The priority-or-theme select: "None", then "Priority: …" and "Theme: …" choices. */
export function groupItems(priorities: readonly Choice[], themes: readonly Choice[], selected: unknown): SelectItem[] {
  const chosen = fieldText(selected);
  return [
    { value: '', text: 'None', selected: chosen === '' },
    ...priorities.map((p) => ({ value: `priority-${p.id}`, text: `Priority: ${p.name}`, selected: chosen === `priority-${p.id}` })),
    ...themes.map((t) => ({ value: `theme-${t.id}`, text: `Theme: ${t.name}`, selected: chosen === `theme-${t.id}` })),
  ];
}

export function selectItems(choices: readonly Choice[], selected: unknown, prompt: string): SelectItem[] {
  const chosen = fieldText(selected);
  return [
    { value: '', text: prompt, selected: chosen === '' },
    ...choices.map((c) => ({ value: String(c.id), text: c.name, selected: chosen === String(c.id) })),
  ];
}

const radio = <T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
  selected: unknown,
  hints: Partial<Record<T, string>> = {},
): ChoiceItem[] =>
  values.map((v) => ({ value: v, text: labels[v], checked: fieldText(selected) === v, ...(hints[v] ? { hint: { text: hints[v] } } : {}) }));

export const sourceItems = (selected: unknown): ChoiceItem[] =>
  radio(indicatorSources, sourceLabels, selected, {
    police: 'Counts of crime types in the partnership area, some wards or some LSOAs',
    'service-usage': 'Events in an imported service-usage file, such as one-stop shop visits',
    survey: "The percentage agreeing with a question of the residents' survey, once a year",
    manual: 'A value entered each period, with its evidence',
  });

export const frequencyItems = (selected: unknown): ChoiceItem[] => radio(indicatorFrequencies, frequencyLabels, selected);

export const directionItems = (selected: unknown): ChoiceItem[] => radio(indicatorDirections, directionLabels, selected, directionHints);

export const visibilityItems = (selected: unknown): ChoiceItem[] =>
  radio(indicatorVisibilities, { public: 'Public', restricted: 'Restricted' }, selected, {
    public: 'Shown in the public version of the performance report',
    restricted: 'Only for people who sign in to Safer',
  });

export const areaKindItems = (selected: unknown): ChoiceItem[] =>
  radio(
    ['partnership', 'wards', 'lsoas'] as const,
    { partnership: 'The whole partnership area', wards: 'Chosen wards', lsoas: 'Chosen LSOAs' },
    selected,
  );

export const policeMeasureItems = (selected: unknown): ChoiceItem[] =>
  radio(['count', 'rate', 'harm'] as const, { count: 'Count', rate: 'Rate per 1,000 residents', harm: 'Harm-weighted index' }, selected, {
    harm: 'Each crime counts by the harm weight of its type',
  });

export const usageMeasureItems = (selected: unknown): ChoiceItem[] =>
  radio(['count', 'rate'] as const, { count: 'Count', rate: 'Rate per 1,000 residents' }, selected);

const chosenList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];

/** The 14 police.uk crime types; none ticked means all. */
export const crimeTypeItems = (selected: unknown): ChoiceItem[] => {
  const chosen = chosenList(selected);
  return POLICE_CRIME_TYPES.map((t) => ({ value: t, text: t, checked: chosen.includes(t) }));
};

export const wardItems = (wards: readonly { code: string; name: string }[], selected: unknown): ChoiceItem[] => {
  const chosen = chosenList(selected);
  return wards.map((w) => ({ value: w.code, text: w.name, checked: chosen.includes(w.code) }));
};

export function surveyQuestionItems(questions: readonly SurveyQuestionRow[], selected: unknown): SelectItem[] {
  const chosen = fieldText(selected);
  return [
    { value: '', text: 'Select a question', selected: chosen === '' },
    ...questions.map((q) => ({ value: q.question, text: `${q.question} (${q.years.join(', ')})`, selected: chosen === q.question })),
  ];
}

/** A stored indicator as the form's fields. */
export function formValuesOf(row: IndicatorRow): Body {
  return {
    name: row.name,
    definition: row.definition,
    unit: row.unit,
    groupId: row.priority_id !== null ? `priority-${row.priority_id}` : row.theme_id !== null ? `theme-${row.theme_id}` : '',
    ownerUserId: row.owner_user_id === null ? '' : String(row.owner_user_id),
    frequency: row.frequency,
    direction: row.direction,
    baselinePeriod: row.baseline_period ?? '',
    baselineValue: row.baseline_value === null ? '' : String(row.baseline_value),
    visibility: row.visibility,
    rebasePeriods: row.rebase_periods.join(', '),
    source: row.source,
    crimeTypes: row.crime_types,
    areaKind: row.area_kind,
    wardCodes: row.area_kind === 'wards' ? row.area_codes : [],
    lsoaCodes: row.area_kind === 'lsoas' ? row.area_codes.join('\n') : '',
    policeMeasure: row.source === 'police' ? row.measure : 'count',
    datasetId: row.dataset_id === null ? '' : String(row.dataset_id),
    service: row.service ?? '',
    usageMeasure: row.source === 'service-usage' ? row.measure : 'count',
    surveyQuestion: row.survey_question ?? '',
  };
}

/** What a new indicator's form starts with. */
export const newFormValues: Body = {
  frequency: 'monthly',
  direction: 'lower',
  visibility: 'restricted',
  areaKind: 'partnership',
  policeMeasure: 'count',
  usageMeasure: 'count',
};

// Harm weights ----------------------------------------------------------------------------------

interface HarmWeightDefault {
  weight: number;
  reasoning: string;
}

/** One row per crime type: its field, the weight in force, the default with its reasoning, and who changed it. */
export function harmWeightRows(
  own: readonly HarmWeightRow[],
  defaults: (crimeType: string) => HarmWeightDefault,
  posted?: Body,
): { crimeType: string; field: string; value: string; defaultText: string; reasoning: string; changed: string | null }[] {
  const byType = new Map(own.map((r) => [r.crime_type, r]));
  return POLICE_CRIME_TYPES.map((crimeType) => {
    const d = defaults(crimeType);
    const mine = byType.get(crimeType);
    const field = weightField(crimeType);
    return {
      crimeType,
      field,
      value: posted ? fieldText(posted[field]) : String(mine?.weight ?? d.weight),
      defaultText: d.weight.toLocaleString('en-GB', { maximumFractionDigits: 3 }),
      reasoning: d.reasoning,
      changed: mine && mine.weight !== d.weight ? `Changed from the default by ${mine.updated_by_name ?? 'unknown'}` : null,
    };
  });
}
