import { countChange } from '../statistics/poisson.ts';
import { ASSURANCE_TAGS, VARIATION_TAGS } from '../statistics/spc-view-models.ts';
import { formatValue } from '../indicators/indicator-words.ts';
import { periodLabel } from '../indicators/periods.ts';
import type { IndicatorResult } from './performance-model.ts';

/**
 * What an indicator's SPC analysis says, in words, for pages and every format of the report: the
 * latest value, the variation, the assurance against the target, and why there may be no limits.
 */

/**
 * "1,463 (February 2019)"; a harm index with its plain count beside it, "45,300 (February 2019),
 * from 1,234 crimes and incidents"; or "No data yet".
 */
export function latestWords(indicator: Pick<IndicatorResult, 'latest' | 'measure'>): string {
  const latest = indicator.latest;
  if (!latest) return 'No data yet';
  const words = `${formatValue(latest.value, indicator.measure)} (${periodLabel(latest.period)})`;
  return latest.count === undefined ? words : `${words}, from ${countWords(latest.count)}`;
}

/** A harm index's plain count in words: "1,234 crimes and incidents". */
export const countWords = (count: number): string =>
  `${formatValue(count, 'count')} ${count === 1 ? 'crime or incident' : 'crimes and incidents'}`;

/** Why an indicator has no process limits: too few points, said with how many it has and needs. */
export function notEnoughDataWords(indicator: Pick<IndicatorResult, 'spc'>): string | null {
  if (indicator.spc.enoughData) return null;
  const used = indicator.spc.points.filter((p) => p.value !== null && !p.excluded).length;
  return (
    `Not enough data for process limits: ${used} ${used === 1 ? 'period' : 'periods'} with complete data, ` +
    `and ${indicator.spc.minimumPoints} are needed`
  );
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
  return indicator.target
    ? `${formatValue(indicator.target.value, indicator.measure)} (${periodLabel(indicator.target.period)})`
    : 'No target set';
}

/** The periods left out of the limits because their data is incomplete, each with its reason. */
export function incompleteNotes(indicator: Pick<IndicatorResult, 'points'>): { period: string; reason: string }[] {
  return indicator.points
    .filter((p) => p.excluded)
    .map((p) => ({ period: periodLabel(p.period), reason: p.exclusionReason ?? 'The source data for this period may be incomplete' }));
}

/** The same period a year earlier: 12 months, 4 quarters or 1 year back ('2019-03' gives '2018-03'). */
export const periodAYearEarlier = (period: string): string => `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;

const percentWords = (value: number): string =>
  `${Math.abs(value).toLocaleString('en-GB', { maximumFractionDigits: value !== 0 && Math.abs(value) < 10 ? 1 : 0 })}%`;
const higherOrLower = (value: number): string => `${percentWords(value)} ${value >= 0 ? 'higher' : 'lower'}`;
const isCount = (value: number | null): value is number => value !== null && Number.isInteger(value) && value >= 0;

/**
 * A count's change on the same period a year earlier, with its 95% confidence interval and p-value
 * (countChange: the exact test of two Poisson counts): "Down 35% on March 2018 (from 55 to 36). The
 * true change is likely to be between 55% lower and 9% lower: this is unlikely to be chance
 * (p = 0.05)." Only the latest period with complete data is compared, and only with a year-earlier
 * period that has complete data too; otherwise "No figure for the same period a year earlier". Null
 * for anything but counts (rates, percentages, harm scores and values are not Poisson counts).
 */
export function yearOnYearWords(indicator: Pick<IndicatorResult, 'points' | 'measure'>): string | null {
  if (indicator.measure !== 'count') return null;
  const used = indicator.points.filter((p) => p.value !== null && !p.excluded);
  const latest = used[used.length - 1];
  const earlierPeriod = latest ? periodAYearEarlier(latest.period) : null;
  const earlier = indicator.points.find((p) => p.period === earlierPeriod);
  if (!latest || !earlier || earlier.excluded || !isCount(earlier.value) || !isCount(latest.value))
    return 'No figure for the same period a year earlier';
  const c = countChange(earlier.value, latest.value);
  const on = periodLabel(earlier.period);
  const number = (n: number) => n.toLocaleString('en-GB');
  if (c.previous === 0 && c.current === 0) return `No change on ${on} (none in either period).`;
  const headline =
    c.change === 0
      ? `No change on ${on} (${number(c.current)} in both periods).`
      : c.percentChange === null
        ? `Up on ${on} (from none to ${number(c.current)}).`
        : `${c.change > 0 ? 'Up' : 'Down'} ${percentWords(c.percentChange)} on ${on} (from ${number(c.previous)} to ${number(c.current)}).`;
  const { lower, upper } = c.percentChangeInterval;
  const range = Number.isFinite(upper) ? `between ${higherOrLower(lower)} and ${higherOrLower(upper)}` : `${higherOrLower(lower)} or more`;
  const p = c.pValue < 0.0001 ? 'p < 0.0001' : `p = ${Number(c.pValue.toPrecision(2))}`;
  const chance = c.significant ? 'is unlikely to be chance' : 'could be chance';
  return `${headline} The true change is likely to be ${range}: this ${chance} (${p}).`;
}
