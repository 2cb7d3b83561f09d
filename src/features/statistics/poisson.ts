import { inverseRegularizedBeta, inverseRegularizedGammaP, logBinomialProbability, regularizedBeta } from './distributions.ts';

/**
 * Honest comparisons of counts, rates and percentages, all at 95% confidence: the year-on-year
 * change of a count with an exact confidence interval for the rate ratio and an exact test, exact
 * Poisson intervals for rates, and Wilson intervals for percentages. docs/statistics.md gives the
 * formulas and why these ones.
 */

const CONFIDENCE_LEVEL = 0.95;
const ALPHA = 1 - CONFIDENCE_LEVEL;
/** The 97.5th percentile of the standard normal distribution. */
const Z_95 = 1.959963984540054;

interface Interval {
  lower: number;
  /** Infinity when there is no upper bound (a ratio over a count of 0). */
  upper: number;
}

const checkCount = (name: string, value: number) => {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of 0 or more, not ${value}`);
};
const checkPositive = (name: string, value: number) => {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a number above 0, not ${value}`);
};

/**
 * Clopper-Pearson ("exact") interval for a binomial proportion: x successes in n. The bounds are
 * Beta quantiles: lower = B(α/2; x, n - x + 1), upper = B(1 - α/2; x + 1, n - x).
 */
export function clopperPearsonInterval(x: number, n: number): Interval {
  checkCount('x', x);
  checkCount('n', n);
  if (x > n) throw new RangeError(`x (${x}) cannot be more than n (${n})`);
  if (n === 0) return { lower: 0, upper: 1 };
  return {
    lower: x === 0 ? 0 : inverseRegularizedBeta(ALPHA / 2, x, n - x + 1),
    upper: x === n ? 1 : inverseRegularizedBeta(1 - ALPHA / 2, x + 1, n - x),
  };
}

/** P(X <= k) for X ~ Binomial(n, p), through the incomplete beta function. */
function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return regularizedBeta(1 - p, n - k, k + 1);
}

/** P(X >= k) for X ~ Binomial(n, p). */
function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return regularizedBeta(p, k, n - k + 1);
}

/**
 * Exact two-sided p-value of the binomial test of x successes in n against probability p: the
 * probability of every outcome no more likely than the one seen, as R's binom.test computes it
 * (the tail beyond x, plus the outcomes on the far side of the mean whose probability is at most
 * that of x, with a relative tolerance of 1e-7 for ties).
 */
export function binomialTestPValue(x: number, n: number, p: number): number {
  checkCount('x', x);
  checkCount('n', n);
  if (x > n) throw new RangeError(`x (${x}) cannot be more than n (${n})`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be between 0 and 1, not ${p}`);
  if (p === 0) return x === 0 ? 1 : 0;
  if (p === 1) return x === n ? 1 : 0;
  const threshold = logBinomialProbability(x, n, p) + Math.log1p(1e-7);
  const mean = n * p;
  if (x === mean) return 1;
  let farSide = 0;
  if (x < mean) {
    for (let k = Math.ceil(mean); k <= n; k++) if (logBinomialProbability(k, n, p) <= threshold) farSide++;
    return Math.min(1, binomialCdf(x, n, p) + binomialUpperTail(n - farSide + 1, n, p));
  }
  for (let k = 0; k <= Math.floor(mean); k++) if (logBinomialProbability(k, n, p) <= threshold) farSide++;
  return Math.min(1, binomialCdf(farSide - 1, n, p) + binomialUpperTail(x, n, p));
}

interface CountChange {
  previous: number;
  current: number;
  /** current - previous. */
  change: number;
  /** Change as a percentage of the previous count; null when the previous count is 0. */
  percentChange: number | null;
  /** The rate ratio current / previous (per unit of exposure); null when the previous count is 0. */
  ratio: number | null;
  /** 95% confidence interval of the rate ratio (upper Infinity when the previous count is 0). */
  ratioInterval: Interval;
  /** The same interval as percentage changes: (ratio - 1) x 100. */
  percentChangeInterval: Interval;
  /** Exact two-sided p-value of "the underlying rate did not change". */
  pValue: number;
  /**
   * p < 0.05. (As in R's poisson.test, the interval and the test are computed separately; in rare
   * cases right at the boundary one may just include no change while the other does not.)
   */
  significant: boolean;
  confidenceLevel: number;
}

/**
 * The change between two Poisson counts (last year and this year, say), with an exact 95%
 * confidence interval for the rate ratio and an exact two-sided test, both from the conditional
 * binomial: given the total n = previous + current, current ~ Binomial(n, π) with
 * π = R·t2 / (t1 + R·t2), where R is the rate ratio and t1, t2 the exposures (equal unless given:
 * days in each period, or populations). The Clopper-Pearson interval for π becomes one for
 * R = π / (1 - π) · t1 / t2, and the test of R = 1 is the binomial test of π = t2 / (t1 + t2).
 */
export function countChange(previous: number, current: number, exposure?: { previous: number; current: number }): CountChange {
  checkCount('previous', previous);
  checkCount('current', current);
  const t1 = exposure?.previous ?? 1;
  const t2 = exposure?.current ?? 1;
  checkPositive('previous exposure', t1);
  checkPositive('current exposure', t2);
  const n = previous + current;
  const toRatio = (pi: number) => (pi >= 1 ? Number.POSITIVE_INFINITY : (pi / (1 - pi)) * (t1 / t2));
  const pi = clopperPearsonInterval(current, n);
  const ratioInterval = n === 0 ? { lower: 0, upper: Number.POSITIVE_INFINITY } : { lower: toRatio(pi.lower), upper: toRatio(pi.upper) };
  const ratio = previous === 0 ? null : current / t2 / (previous / t1);
  const pValue = n === 0 ? 1 : binomialTestPValue(current, n, t2 / (t1 + t2));
  return {
    previous,
    current,
    change: current - previous,
    percentChange: previous === 0 ? null : ((current - previous) / previous) * 100,
    ratio,
    ratioInterval,
    percentChangeInterval: { lower: (ratioInterval.lower - 1) * 100, upper: (ratioInterval.upper - 1) * 100 },
    pValue,
    significant: pValue < ALPHA,
    confidenceLevel: CONFIDENCE_LEVEL,
  };
}

/**
 * Exact (Garwood) 95% confidence interval for a Poisson count x, from gamma quantiles (half the
 * chi-squared quantiles): lower = Γ⁻¹(α/2; x), upper = Γ⁻¹(1 - α/2; x + 1).
 */
export function poissonCountInterval(count: number): Interval {
  checkCount('count', count);
  return {
    lower: count === 0 ? 0 : inverseRegularizedGammaP(ALPHA / 2, count),
    upper: inverseRegularizedGammaP(1 - ALPHA / 2, count + 1),
  };
}

interface RateWithInterval extends Interval {
  /** count / population x per. */
  rate: number;
}

/** A rate per `per` people (per 1,000 unless given) with its exact Poisson 95% confidence interval. */
export function poissonRateInterval(count: number, population: number, per = 1000): RateWithInterval {
  checkPositive('population', population);
  checkPositive('per', per);
  const interval = poissonCountInterval(count);
  const scale = per / population;
  return { rate: count * scale, lower: interval.lower * scale, upper: interval.upper * scale };
}

/**
 * Wilson score 95% interval for a proportion (0 to 1) observed in n responses, without continuity
 * correction. Multiply by 100 for percentages. n = 0 gives the whole range.
 */
export function wilsonInterval(proportion: number, n: number): Interval {
  checkCount('n', n);
  if (!(proportion >= 0 && proportion <= 1)) throw new RangeError(`proportion must be between 0 and 1, not ${proportion}`);
  if (n === 0) return { lower: 0, upper: 1 };
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / n;
  const centre = (proportion + z2 / (2 * n)) / denominator;
  const half = (Z_95 * Math.sqrt((proportion * (1 - proportion)) / n + z2 / (4 * n * n))) / denominator;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

interface PercentageWithInterval extends Interval {
  /** successes / total x 100. */
  percentage: number;
}

/** A percentage (successes of total) with its Wilson 95% interval, all as percentages. */
export function percentageInterval(successes: number, total: number): PercentageWithInterval {
  checkCount('successes', successes);
  checkCount('total', total);
  if (total === 0 || successes > total) throw new RangeError(`successes (${successes}) must be within a total above 0 (${total})`);
  const proportion = successes / total;
  const interval = wilsonInterval(proportion, total);
  return { percentage: proportion * 100, lower: interval.lower * 100, upper: interval.upper * 100 };
}

const percent = (value: number) =>
  `${Math.abs(value).toLocaleString('en-GB', { maximumFractionDigits: value !== 0 && Math.abs(value) < 10 ? 1 : 0 })}%`;
const signedPercent = (value: number) => (value >= 0 ? `${percent(value)} higher` : `${percent(value)} lower`);

/**
 * The change in plain English, for pages and reports: "Up 25% (from 400 to 500). The true change is
 * likely to be between 10% higher and 42% higher: this is unlikely to be chance (p = 0.0006)."
 */
export function describeCountChange(change: CountChange): string {
  const counts = `from ${change.previous.toLocaleString('en-GB')} to ${change.current.toLocaleString('en-GB')}`;
  if (change.percentChange === null) {
    return change.current === 0 ? 'No change (none in either period).' : `Up ${counts}: no percentage change can be given from none.`;
  }
  const headline =
    change.change === 0
      ? `No change (${change.current.toLocaleString('en-GB')} in both periods).`
      : `${change.change > 0 ? 'Up' : 'Down'} ${percent(change.percentChange)} (${counts}).`;
  const { lower, upper } = change.percentChangeInterval;
  const range = Number.isFinite(upper) ? `between ${signedPercent(lower)} and ${signedPercent(upper)}` : `${signedPercent(lower)} or more`;
  const p = change.pValue < 0.0001 ? 'p < 0.0001' : `p = ${Number(change.pValue.toPrecision(2))}`;
  const verdict = change.significant ? `this is unlikely to be chance (${p})` : `this could be chance (${p})`;
  return `${headline} The true change is likely to be ${range}: ${verdict}.`;
}
