import type {
  AssuranceIcon,
  SpcDirection,
  SpcInputPoint,
  SpcOptions,
  SpcPointResult,
  SpcResult,
  SpcSegment,
  SpecialCauseRule,
  VariationIcon,
} from './spc-types.ts';

/**
 * XmR (individuals) statistical process control as in NHS England's "Making Data Count", with the
 * semantics of the NHS-R community's NHSRplotthedots package except where docs/statistics.md says
 * otherwise. Every choice below is written out there; the tests in spc.test.ts pin each one down.
 */

/** Process limits sit this many mean moving ranges either side of the mean (3 / d2, d2 = 1.128). */
const LIMIT_FACTOR = 2.66;
/** With screening, moving ranges above this many mean moving ranges are left out (D4 = 3.267). */
const MOVING_RANGE_SCREEN_FACTOR = 3.267;
export const DEFAULT_MINIMUM_POINTS = 12;
const DEFAULT_RUN_LENGTH = 7;

type Side = -1 | 0 | 1;

interface UsedPoint {
  /** Index in the input. */
  index: number;
  value: number;
}

interface SegmentAnalysis {
  segment: SpcSegment;
  /** Rules per input index, for the used points of the segment. */
  rules: Map<number, Set<SpecialCauseRule>>;
  /** For the flagged used points: high (1) or low (-1), by the rule that labels the point. */
  signals: Map<number, Side>;
  movingRanges: Map<number, number>;
}

export function computeSpc(points: readonly SpcInputPoint[], options: SpcOptions): SpcResult {
  const minimumPoints = options.minimumPoints ?? DEFAULT_MINIMUM_POINTS;
  const runLength = options.runLength ?? DEFAULT_RUN_LENGTH;
  checkInput(points, options, minimumPoints, runLength);

  const starts = points.length === 0 ? [] : segmentStarts(points, options.rebasePeriods ?? []);
  const analyses = starts.map((start, s) =>
    analyseSegment(points, start, starts[s + 1] ?? points.length, {
      screen: options.screenMovingRanges ?? false,
      minimumPoints,
      runLength,
    }),
  );

  const results: SpcPointResult[] = points.map((p, index) => {
    const s = segmentOf(starts, index);
    const analysis = analyses[s]!;
    const rules = [...(analysis.rules.get(index) ?? [])].sort((a, b) => RULE_ORDER.indexOf(a) - RULE_ORDER.indexOf(b));
    const signal = analysis.signals.get(index) ?? 0;
    return {
      period: p.period,
      value: p.value,
      excluded: p.excluded ?? false,
      ...(p.exclusionReason === undefined ? {} : { exclusionReason: p.exclusionReason }),
      movingRange: analysis.movingRanges.get(index) ?? null,
      mean: analysis.segment.mean,
      upperLimit: analysis.segment.upperLimit,
      lowerLimit: analysis.segment.lowerLimit,
      target: targetFor(options.target, p.period),
      rules,
      specialCause: rules.length > 0 ? judge(signal, options.direction) : null,
      signal: rules.length > 0 ? (signal > 0 ? 'high' : 'low') : null,
      segment: s,
    };
  });

  const segments = analyses.map((a) => a.segment);
  const enoughData = segments.length > 0 && segments.every((s) => s.enoughData);
  const latest = latestUsedPoint({ points: results });
  return {
    enoughData,
    minimumPoints,
    segments,
    points: results,
    variation: enoughData && latest ? variationOf(latest) : null,
    assurance: enoughData && latest ? assuranceOf(latest, segments[latest.segment]!, options.direction) : null,
    direction: options.direction,
    runLength,
  };
}

/** The latest point with a value that is not excluded: the one the variation icon is read from. */
export function latestUsedPoint(result: Pick<SpcResult, 'points'>): SpcPointResult | null {
  for (let i = result.points.length - 1; i >= 0; i--) {
    const p = result.points[i]!;
    if (p.value !== null && !p.excluded) return p;
  }
  return null;
}

const RULE_ORDER: readonly SpecialCauseRule[] = ['outside-limits', 'run-of-seven', 'trend-of-seven', 'two-of-three-near-limit'];

function checkInput(points: readonly SpcInputPoint[], options: SpcOptions, minimumPoints: number, runLength: number): void {
  if (!Number.isInteger(minimumPoints) || minimumPoints < 2)
    throw new RangeError(`SPC: minimumPoints must be a whole number of 2 or more, not ${minimumPoints}`);
  if (!Number.isInteger(runLength) || runLength < 2)
    throw new RangeError(`SPC: runLength must be a whole number of 2 or more, not ${runLength}`);
  const seen = new Set<string>();
  points.forEach((p, i) => {
    if (seen.has(p.period)) throw new RangeError(`SPC: the period ${p.period} appears more than once`);
    seen.add(p.period);
    const previous = points[i - 1]?.period;
    if (previous !== undefined && p.period < previous)
      throw new RangeError(`SPC: the period ${p.period} comes after ${previous}; give the points in time order`);
    if (p.value !== null && !Number.isFinite(p.value)) throw new RangeError(`SPC: the value for ${p.period} is not a finite number`);
  });
  const targets = typeof options.target === 'number' ? [options.target] : Object.values(options.target ?? {});
  if (targets.some((t) => !Number.isFinite(t))) throw new RangeError('SPC: every target must be a finite number');
}

/**
 * Where each segment starts. A rebase period starts a segment at the point with that period or,
 * when no point has it, at the first point whose period sorts after it ('YYYY-MM', 'YYYY-Qn' and
 * 'YYYY' sort in time order). A rebase at or before the first point, or after the last, has no effect.
 */
function segmentStarts(points: readonly SpcInputPoint[], rebasePeriods: readonly string[]): number[] {
  const starts = new Set<number>([0]);
  for (const period of rebasePeriods) {
    let index = points.findIndex((p) => p.period === period);
    if (index < 0) index = points.findIndex((p) => p.period > period);
    if (index > 0) starts.add(index);
  }
  return [...starts].sort((a, b) => a - b);
}

function segmentOf(starts: readonly number[], index: number): number {
  let s = 0;
  while (s + 1 < starts.length && starts[s + 1]! <= index) s++;
  return s;
}

const average = (values: readonly number[]): number =>
  values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length;

function analyseSegment(
  points: readonly SpcInputPoint[],
  start: number,
  end: number,
  settings: { screen: boolean; minimumPoints: number; runLength: number },
): SegmentAnalysis {
  // Excluded points and missing values take no part: the moving range bridges them, from the
  // previous used point to the next.
  const used: UsedPoint[] = [];
  for (let index = start; index < end; index++) {
    const p = points[index]!;
    if (p.value !== null && !p.excluded) used.push({ index, value: p.value });
  }
  // Everything is computed on each value's difference from the segment's first used value, so the
  // same shape at 5,000 and at 5,000,000,000 gives the same moving ranges, limits and flags.
  const centre = used[0]?.value ?? 0;
  const values = used.map((u) => u.value - centre);
  const meanDeviation = average(values);
  const movingRanges = new Map<number, number>();
  const ranges: number[] = [];
  for (let k = 1; k < used.length; k++) {
    const range = Math.abs(used[k]!.value - used[k - 1]!.value);
    movingRanges.set(used[k]!.index, range);
    ranges.push(range);
  }
  let meanMovingRange = average(ranges);
  let screenedOut = 0;
  if (settings.screen && ranges.length > 0) {
    const kept = ranges.filter((r) => r <= MOVING_RANGE_SCREEN_FACTOR * meanMovingRange);
    screenedOut = ranges.length - kept.length;
    meanMovingRange = average(kept);
  }
  const spread = LIMIT_FACTOR * meanMovingRange;
  const mean = centre + meanDeviation;
  const segment: SpcSegment = {
    from: points[start]!.period,
    to: points[end - 1]!.period,
    pointsUsed: used.length,
    mean,
    meanMovingRange,
    upperLimit: mean + spread,
    lowerLimit: mean - spread,
    enoughData: used.length >= settings.minimumPoints,
    movingRangesScreenedOut: screenedOut,
  };
  checkFinite(segment, values);
  const rules = new Map<number, Set<SpecialCauseRule>>();
  const signals = new Map<number, Side>();
  if (segment.enoughData) {
    const level = levelWithin(values, centre);
    const lines = { mean: meanDeviation, spread };
    findSpecialCauses(values, lines, settings.runLength, level).forEach((found, k) => {
      if (found.rules.size === 0) return;
      rules.set(used[k]!.index, found.rules);
      signals.set(used[k]!.index, found.signal);
    });
  }
  return { segment, rules, signals, movingRanges };
}

/**
 * Values too large for floating point make the mean, a moving range or a limit infinite (or NaN
 * from infinity less infinity): an error, never a result. (NaN from too few points is not one.)
 */
function checkFinite(segment: SpcSegment, deviations: readonly number[]): void {
  const computed = [...deviations, ...(segment.pointsUsed >= 1 ? [segment.mean] : [])];
  if (segment.pointsUsed >= 2) computed.push(segment.meanMovingRange, segment.upperLimit, segment.lowerLimit);
  if (computed.every(Number.isFinite)) return;
  throw new RangeError(
    `SPC: the values from ${segment.from} to ${segment.to} are too large to compute the mean and process limits ` +
      `(they overflow floating point, beyond about 1.8e308)`,
  );
}

/**
 * How close two of a segment's numbers (values less its first value) must be to count as level,
 * so that a value exactly on the mean or a limit in decimal (11.1 in 10.1, 11.1, 12.1) does not land
 * on a side by a rounding error: a billionth of the largest difference from the first value (at
 * least 1e-9), plus the rounding of values the size of the first value itself (a few parts in 1e16).
 * Real variation is never hidden: at 5,000,000,000 a difference of 0.001 still counts.
 */
function levelWithin(deviations: readonly number[], centre: number): number {
  const largest = deviations.reduce((m, d) => Math.max(m, Math.abs(d)), 1);
  return 1e-9 * largest + 8 * Number.EPSILON * Math.abs(centre);
}

interface Found {
  rules: Set<SpecialCauseRule>;
  /** High (1) or low (-1): the way the special cause points, by the rule that labels it. */
  signal: Side;
}

/**
 * The four rules on the used values of one segment, in order, and the way each flagged point
 * points, as NHSRplotthedots 0.2 labels it: outside the limits by its side of the mean; otherwise a
 * trend by its direction (a point at the end of one trend and the start of the next by the next;
 * when the two are level, low); otherwise two in three, or a shift, by the side of the mean.
 */
function findSpecialCauses(values: readonly number[], lines: { mean: number; spread: number }, runLength: number, level: number): Found[] {
  const compare = (a: number, b: number): Side => (Math.abs(a - b) <= level ? 0 : a > b ? 1 : -1);
  const { mean, spread } = lines;
  const [upperLimit, lowerLimit] = [mean + spread, mean - spread];
  const [nearUpper, nearLower] = [mean + (2 / 3) * spread, mean - (2 / 3) * spread];
  const sides = values.map((v) => compare(v, mean));
  const found: Found[] = values.map(() => ({ rules: new Set<SpecialCauseRule>(), signal: 0 }));
  const flag = (from: number, to: number, rule: SpecialCauseRule) => {
    for (let k = from; k <= to; k++) found[k]!.rules.add(rule);
  };
  const outside = values.map((v) => compare(v, upperLimit) > 0 || compare(v, lowerLimit) < 0);
  const close = values.map((v, k) => !outside[k] && (compare(v, nearUpper) > 0 || compare(v, nearLower) < 0));

  // 1. A point outside the process limits.
  outside.forEach((o, k) => o && flag(k, k, 'outside-limits'));

  // 2. A shift: runLength or more consecutive points on the same side of the mean. A point on the
  //    mean is on neither side and ends a run.
  forEachRun(
    values.length,
    (k) => sides[k] !== 0 && sides[k] === sides[k - 1],
    (from, to) => {
      if (sides[from] !== 0 && to - from + 1 >= runLength) flag(from, to, 'run-of-seven');
    },
  );

  // 3. A trend: runLength or more consecutive points, each strictly higher (or each strictly lower)
  //    than the one before. Equal values end a trend. (Differences of used values are exact for
  //    whole numbers; no tolerance, as in NHSRplotthedots.)
  for (const direction of [1, -1] as const) {
    forEachRun(
      values.length,
      (k) => Math.sign(values[k]! - values[k - 1]!) === direction,
      (from, to) => {
        if (to - from + 1 >= runLength) flag(from, to, 'trend-of-seven');
      },
    );
  }

  // 4. Two in three: in any three consecutive points all on the same side of the mean, at least two
  //    beyond two-thirds of the way to the limit (but not outside it): those points.
  for (let k = 0; k + 2 < values.length; k++) {
    const window = [k, k + 1, k + 2];
    const side = sides[k]!;
    if (side === 0 || window.some((w) => sides[w] !== side)) continue;
    const near = window.filter((w) => close[w]);
    if (near.length >= 2) for (const w of near) flag(w, w, 'two-of-three-near-limit');
  }

  const inTrend = (k: number) => found[k]?.rules.has('trend-of-seven') ?? false;
  found.forEach((f, k) => {
    if (f.rules.size === 0) return;
    if (outside[k] || !inTrend(k)) f.signal = sides[k]!;
    else {
      const step = inTrend(k + 1) ? values[k + 1]! - values[k]! : values[k]! - values[k - 1]!;
      f.signal = step > 0 ? 1 : -1;
    }
  });
  return found;
}

/** Calls `run(from, to)` for each maximal stretch of indices where `joins(k)` links k to k - 1. */
function forEachRun(length: number, joins: (k: number) => boolean, run: (from: number, to: number) => void): void {
  let from = 0;
  for (let k = 1; k <= length; k++) {
    if (k < length && joins(k)) continue;
    if (length > 0) run(from, k - 1);
    from = k;
  }
}

function judge(side: Side, direction: SpcDirection): 'improvement' | 'concern' | 'neither' {
  if (direction === 'neither') return 'neither';
  const better: Side = direction === 'lower' ? -1 : 1;
  return side === better ? 'improvement' : 'concern';
}

function targetFor(target: SpcOptions['target'], period: string): number | null {
  if (target === undefined) return null;
  if (typeof target === 'number') return target;
  return Object.hasOwn(target, period) ? target[period]! : null;
}

function variationOf(latest: SpcPointResult): VariationIcon {
  if (latest.specialCause === null) return 'common-cause';
  return `special-cause-${latest.specialCause}`;
}

/**
 * A target beyond the process limits will be met every time (or missed every time) while the
 * process stays as it is; a target within them will be met some of the time.
 */
function assuranceOf(latest: SpcPointResult, segment: SpcSegment, direction: SpcDirection): AssuranceIcon | null {
  const target = latest.target;
  if (target === null || direction === 'neither') return null;
  const higherIsBetter = direction !== 'lower';
  if (target > segment.upperLimit) return higherIsBetter ? 'consistently-fails' : 'consistently-passes';
  if (target < segment.lowerLimit) return higherIsBetter ? 'consistently-passes' : 'consistently-fails';
  return 'hit-and-miss';
}
