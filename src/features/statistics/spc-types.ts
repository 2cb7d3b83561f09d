/**
 * The shapes of an XmR (individuals and moving range) statistical process control analysis, as in
 * NHS England's "Making Data Count". spc.ts computes them; charts, dashboards, reports and the
 * `safer spc` command read them.
 */

/** How a change in the value is judged. 'more-reporting' reads like 'higher': a rise is good news. */
export type SpcDirection = 'lower' | 'higher' | 'more-reporting' | 'neither';

export interface SpcInputPoint {
  period: string;
  /** null: no value for the period (shown as a gap, never in limits or rules). */
  value: number | null;
  /** Marked on the chart but left out of the mean, limits and rules (an incomplete month, say). */
  excluded?: boolean;
  exclusionReason?: string;
}

export interface SpcOptions {
  direction: SpcDirection;
  /** One target for every period, or a target per period. */
  target?: number | Readonly<Record<string, number>>;
  /** Periods at which the limits are recalculated from that point on. */
  rebasePeriods?: readonly string[];
  /**
   * Leave moving ranges above 3.267 times the mean moving range out of the mean moving range
   * (then recompute it once). Making Data Count does not by default; false unless set.
   */
  screenMovingRanges?: boolean;
  /** Used points a segment needs before it gets limits and rules: 12 unless set. */
  minimumPoints?: number;
  /** Points in a shift or a trend: 7 unless set (the rule ids keep their names). */
  runLength?: number;
}

export type SpecialCauseRule = 'outside-limits' | 'run-of-seven' | 'trend-of-seven' | 'two-of-three-near-limit';

/** A stretch of the series with its own mean and limits (a new one starts at each rebase). */
export interface SpcSegment {
  from: string;
  to: string;
  /** Points used for the limits (excluded and missing points are not). */
  pointsUsed: number;
  mean: number;
  meanMovingRange: number;
  upperLimit: number;
  lowerLimit: number;
  /** At least minimumPoints used points: only then are its points' rules given. */
  enoughData: boolean;
  /** Moving ranges left out of the mean moving range by screening (0 without screening). */
  movingRangesScreenedOut: number;
}

export interface SpcPointResult {
  period: string;
  value: number | null;
  excluded: boolean;
  exclusionReason?: string;
  /** |value - previous used value|; null for the first used point of a segment. */
  movingRange: number | null;
  mean: number;
  upperLimit: number;
  lowerLimit: number;
  target: number | null;
  /** The rules this point takes part in. */
  rules: SpecialCauseRule[];
  /**
   * The way a special cause points, as NHSRplotthedots labels it: outside the limits, two in three or
   * a shift by the side of the mean; a trend (which outranks the other two) by its direction, so a
   * rising trend is high wherever it lies. null when the point is not special.
   */
  signal: 'high' | 'low' | null;
  /** The signal judged by the direction: improvement, concern, or neither (direction 'neither'). */
  specialCause: 'improvement' | 'concern' | 'neither' | null;
  /** Index of the point's segment in SpcResult.segments. */
  segment: number;
}

export type VariationIcon = 'common-cause' | 'special-cause-improvement' | 'special-cause-concern' | 'special-cause-neither';
export type AssuranceIcon = 'consistently-passes' | 'consistently-fails' | 'hit-and-miss';

export interface SpcResult {
  /**
   * Every segment has at least minimumPoints used points. When false, no icons are given, and a
   * segment that is short has no rules (its mean and limits are computed as far as they can be:
   * NaN without a used point, limits NaN with fewer than two): show "not enough data", not limits.
   */
  enoughData: boolean;
  minimumPoints: number;
  segments: SpcSegment[];
  points: SpcPointResult[];
  /** From the latest used point, judged by the direction. null without enough data. */
  variation: VariationIcon | null;
  /**
   * The target of the latest used point against its segment's limits; null without a target, without
   * enough data, or for direction 'neither'.
   */
  assurance: AssuranceIcon | null;
  direction: SpcDirection;
  /** Points in a shift or trend (7 unless set). */
  runLength: number;
}
