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
  /** The side of the mean, for the used points; for a point on the mean, the way its trend runs. */
  sides: Map<number, Side>;
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
    const side = analysis.sides.get(index) ?? 0;
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
      specialCause: rules.length > 0 ? judge(side, options.direction) : null,
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
  for (const p of points) {
    if (seen.has(p.period)) throw new RangeError(`SPC: the period ${p.period} appears more than once`);
    seen.add(p.period);
    if (p.value !== null && !Number.isFinite(p.value)) throw new RangeError(`SPC: the value for ${p.period} is not a finite number`);
  }
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
  const values = used.map((u) => u.value);
  const mean = average(values);
  const movingRanges = new Map<number, number>();
  const ranges: number[] = [];
  for (let k = 1; k < used.length; k++) {
    const range = Math.abs(values[k]! - values[k - 1]!);
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
  const rules = new Map<number, Set<SpecialCauseRule>>();
  const sides = new Map<number, Side>();
  if (segment.enoughData) {
    findSpecialCauses(values, segment, settings.runLength).forEach((found, k) => {
      if (found.rules.size > 0) rules.set(used[k]!.index, found.rules);
      sides.set(used[k]!.index, found.side);
    });
  }
  return { segment, rules, sides, movingRanges };
}

/** The four rules on the used values of one segment, in order. */
function findSpecialCauses(
  values: readonly number[],
  segment: SpcSegment,
  runLength: number,
): { rules: Set<SpecialCauseRule>; side: Side }[] {
  const { mean, upperLimit, lowerLimit } = segment;
  const nearUpper = mean + (2 / 3) * (upperLimit - mean);
  const nearLower = mean - (2 / 3) * (mean - lowerLimit);
  const found = values.map((v) => ({ rules: new Set<SpecialCauseRule>(), side: compare(v, mean) }));
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
    (k) => found[k]!.side !== 0 && found[k]!.side === found[k - 1]!.side,
    (from, to) => {
      if (found[from]!.side !== 0 && to - from + 1 >= runLength) flag(from, to, 'run-of-seven');
    },
  );

  // 3. A trend: runLength or more consecutive points, each strictly higher (or each strictly lower)
  //    than the one before. Equal values end a trend.
  const trendDirection: Side[] = values.map(() => 0);
  for (const direction of [1, -1] as const) {
    forEachRun(
      values.length,
      (k) => Math.sign(values[k]! - values[k - 1]!) === direction,
      (from, to) => {
        if (to - from + 1 < runLength) return;
        flag(from, to, 'trend-of-seven');
        for (let k = from; k <= to; k++) if (trendDirection[k] === 0) trendDirection[k] = direction;
      },
    );
  }

  // 4. Two in three: in any three consecutive points all on the same side of the mean, at least two
  //    beyond two-thirds of the way to the limit (but not outside it): those points.
  for (let k = 0; k + 2 < values.length; k++) {
    const window = [k, k + 1, k + 2];
    const side = found[k]!.side;
    if (side === 0 || window.some((w) => found[w]!.side !== side)) continue;
    const near = window.filter((w) => close[w]);
    if (near.length >= 2) for (const w of near) flag(w, w, 'two-of-three-near-limit');
  }

  // A flagged point on the mean (only a trend can flag one) is judged by the way its trend runs.
  found.forEach((f, k) => {
    if (f.side === 0) f.side = trendDirection[k]!;
  });
  return found;
}

/**
 * -1, 0 or 1 as a is below, level with or above b, where level means within a billionth of their
 * size: the mean and limits are computed in floating point, so a value that is exactly on the mean
 * in decimal (11.1 in 10.0, 11.1, 12.2) must not land on a side by a rounding error.
 */
function compare(a: number, b: number): Side {
  if (Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) return 0;
  return a > b ? 1 : -1;
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
