import type { TableCell } from '../../platform/view-models.ts';
import type { AssuranceIcon, SpcPointResult, SpcResult, SpecialCauseRule, VariationIcon } from './spc-types.ts';

/**
 * An SPC analysis in words, for the table beneath each chart, tags beside it and the chart's own
 * text: built here, in tested code, so pages and report formats say the same thing.
 */

export interface SpcDisplayOptions {
  /** A period in words: '2019-01' as 'January 2019' (indicators/periods.ts periodLabel). */
  periodLabel: (period: string) => string;
  /** A value as text; formatSpcValue unless given (a rate or percentage may want its own). */
  formatValue?: (value: number) => string;
}

const WHOLE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const ONE_PLACE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const THREE_FIGURES = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 3 });

/** A number the GOV.UK way: 1,463 above 100, 12.9 from 1 to 100, 0.797 below 1. */
export function formatSpcValue(value: number): string {
  const size = Math.abs(value);
  const text = (size >= 100 ? WHOLE : size >= 1 ? ONE_PLACE : THREE_FIGURES).format(value);
  return text === '-0' ? '0' : text;
}

/**
 * The formatter, or one with more decimal places when it would hide why a point is flagged: a point
 * outside a limit, or in a run on one side of the mean, must not read as equal to that line
 * (1,463 outside an upper limit of 1,462.6 reads "1,463.0" and "1,462.6"). The unit the formatter
 * writes (a % sign) is kept; every number of the analysis gets the same places, at most 12.
 */
export function checkableFormat(result: Pick<SpcResult, 'points'>, format: (value: number) => string): (value: number) => string {
  const pairs = result.points.flatMap((p) => {
    if (p.value === null) return [];
    const lines = p.rules.includes('outside-limits') ? [p.value > p.mean ? p.upperLimit : p.lowerLimit] : [];
    if (p.rules.includes('run-of-seven')) lines.push(p.mean);
    return lines.map((line) => [p.value!, line] as const);
  });
  const separates = (f: (value: number) => string) => pairs.every(([value, line]) => f(value) !== f(line));
  if (separates(format)) return format;
  const shown = Math.max(...pairs.flatMap((pair) => pair.map((v) => /\.(\d+)/.exec(format(v))?.[1]?.length ?? 0)));
  for (let places = shown + 1; places <= 12; places++) {
    const precise = (value: number) =>
      format(value).replace(/-?[\d,]+(\.\d+)?/, () =>
        value.toLocaleString('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places }),
      );
    if (separates(precise) || places === 12) return precise;
  }
  return format;
}

/** What each rule means, as the table and tooltips say it. */
function ruleWords(rule: SpecialCauseRule, runLength: number): string {
  switch (rule) {
    case 'outside-limits':
      return 'outside the process limits';
    case 'run-of-seven':
      return `in a run of ${runLength} or more on one side of the mean`;
    case 'trend-of-seven':
      return `in ${runLength} or more rising or falling in a row`;
    case 'two-of-three-near-limit':
      return 'two of three near a process limit';
  }
}

const CAUSE_WORDS = { improvement: 'Improvement', concern: 'Concern', neither: 'Special cause' } as const;

/** "Concern: outside the process limits", "Common cause", or '' for a point not in the analysis. */
export function specialCauseWords(point: SpcPointResult, result: Pick<SpcResult, 'segments' | 'runLength'>): string {
  if (point.value === null || point.excluded) return '';
  if (!result.segments[point.segment]?.enoughData) return 'Not judged (not enough data)';
  if (point.specialCause === null) return 'Common cause';
  return `${CAUSE_WORDS[point.specialCause]}: ${point.rules.map((r) => ruleWords(r, result.runLength)).join('; ')}`;
}

/** Text and colour for the GOV.UK tag of the variation, as Making Data Count names it. */
export const VARIATION_TAGS: Record<VariationIcon, { text: string; classes: string }> = {
  'common-cause': { text: 'Common cause – no significant change', classes: 'govuk-tag--grey' },
  'special-cause-improvement': { text: 'Special cause – improvement', classes: 'govuk-tag--blue' },
  'special-cause-concern': { text: 'Special cause – concern', classes: 'govuk-tag--orange' },
  'special-cause-neither': { text: 'Special cause – neither improvement nor concern', classes: 'govuk-tag--purple' },
};

export const ASSURANCE_TAGS: Record<AssuranceIcon, { text: string; classes: string }> = {
  'consistently-passes': { text: 'Target consistently met', classes: 'govuk-tag--blue' },
  'consistently-fails': { text: 'Target consistently missed', classes: 'govuk-tag--orange' },
  'hit-and-miss': { text: 'Target hit and miss', classes: 'govuk-tag--grey' },
};

/** The row of the data table for one period. Every cell is plain text. */
interface SpcTableRow {
  period: string;
  periodText: string;
  value: string;
  mean: string;
  lowerLimit: string;
  upperLimit: string;
  target: string;
  specialCause: string;
  excludedReason: string;
}

export const SPC_TABLE_HEAD: TableCell[] = [
  { text: 'Period' },
  { text: 'Value', format: 'numeric' },
  { text: 'Mean', format: 'numeric' },
  { text: 'Lower process limit', format: 'numeric' },
  { text: 'Upper process limit', format: 'numeric' },
  { text: 'Target', format: 'numeric' },
  { text: 'Special cause' },
  { text: 'Left out because' },
];

export function spcTableRows(result: SpcResult, options: SpcDisplayOptions): SpcTableRow[] {
  const format = checkableFormat(result, options.formatValue ?? formatSpcValue);
  return result.points.map((p) => {
    const segment = result.segments[p.segment]!;
    const limits = segment.enoughData;
    return {
      period: p.period,
      periodText: options.periodLabel(p.period),
      value: p.value === null ? 'No data' : format(p.value),
      mean: limits ? format(p.mean) : 'Not enough data',
      lowerLimit: limits ? format(p.lowerLimit) : '',
      upperLimit: limits ? format(p.upperLimit) : '',
      target: p.target === null ? '' : format(p.target),
      specialCause: specialCauseWords(p, result),
      excludedReason: p.excluded ? (p.exclusionReason ?? 'Incomplete data') : '',
    };
  });
}

/** The rows as cells for the govukTable macro, in the order of SPC_TABLE_HEAD. */
export function spcTableCells(rows: readonly SpcTableRow[]): TableCell[][] {
  return rows.map((r) => [
    { text: r.periodText },
    { text: r.value, format: 'numeric' },
    { text: r.mean, format: 'numeric' },
    { text: r.lowerLimit, format: 'numeric' },
    { text: r.upperLimit, format: 'numeric' },
    { text: r.target, format: 'numeric' },
    { text: r.specialCause },
    { text: r.excludedReason },
  ]);
}
