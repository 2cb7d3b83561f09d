import { ASSURANCE_TAGS, VARIATION_TAGS } from '../statistics/spc-view-models.ts';
import { formatValue } from '../indicators/indicator-words.ts';
import { periodLabel } from '../indicators/periods.ts';
import type { IndicatorResult } from './performance-model.ts';

/**
 * What an indicator's SPC analysis says, in words, for pages and every format of the report: the
 * latest value, the variation, the assurance against the target, and why there may be no limits.
 */

/** "1,463 (February 2019)", or "No data yet". */
export function latestWords(indicator: Pick<IndicatorResult, 'latest' | 'measure'>): string {
  const latest = indicator.latest;
  return latest ? `${formatValue(latest.value, indicator.measure)} (${periodLabel(latest.period)})` : 'No data yet';
}

/** Why an indicator has no process limits: too few points, said with how many it has and needs. */
export function notEnoughDataWords(indicator: Pick<IndicatorResult, 'spc'>): string | null {
  if (indicator.spc.enoughData) return null;
  const used = indicator.spc.points.filter((p) => p.value !== null && !p.excluded).length;
  return `Not enough data for process limits: ${used} ${used === 1 ? 'period' : 'periods'} with complete data, and ${indicator.spc.minimumPoints} are needed`;
}

/** The variation of the latest period, in the words of its Making Data Count icon. */
export function variationText(indicator: Pick<IndicatorResult, 'spc'>): string {
  return indicator.spc.variation ? VARIATION_TAGS[indicator.spc.variation].text : 'Not enough data to judge the variation';
}

/** Whether the target will be met, in the words of its Making Data Count icon. */
export function assuranceText(indicator: Pick<IndicatorResult, 'spc' | 'target'>): string {
  if (indicator.spc.assurance) return ASSURANCE_TAGS[indicator.spc.assurance].text;
  if (!indicator.target) return 'No target set';
  return 'Not enough data to judge whether the target will be met';
}

/** "500 (February 2019)", or "No target set". */
export function targetWords(indicator: Pick<IndicatorResult, 'target' | 'measure'>): string {
  return indicator.target ? `${formatValue(indicator.target.value, indicator.measure)} (${periodLabel(indicator.target.period)})` : 'No target set';
}

/** The periods left out of the limits because their data is incomplete, each with its reason. */
export function incompleteNotes(indicator: Pick<IndicatorResult, 'points'>): { period: string; reason: string }[] {
  return indicator.points
    .filter((p) => p.excluded)
    .map((p) => ({ period: periodLabel(p.period), reason: p.exclusionReason ?? 'The source data for this period may be incomplete' }));
}
