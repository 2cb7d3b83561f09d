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
}

export type SpecialCauseRule =
  | 'outside-limits'
  | 'run-of-seven'
  | 'trend-of-seven'
  | 'two-of-three-near-limit';

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
  /** Special cause judged by the direction: improvement, concern, or neither (direction 'neither'). */
  specialCause: 'improvement' | 'concern' | 'neither' | null;
}

export type VariationIcon = 'common-cause' | 'special-cause-improvement' | 'special-cause-concern' | 'special-cause-neither';
export type AssuranceIcon = 'consistently-passes' | 'consistently-fails' | 'hit-and-miss';

export interface SpcResult {
  /** Fewer used points than minimumPoints: no limits, rules or icons are given. */
  enoughData: boolean;
  minimumPoints: number;
  segments: SpcSegment[];
  points: SpcPointResult[];
  /** From the latest used point, judged by the direction. null without enough data. */
  variation: VariationIcon | null;
  /** Against the latest target and the latest segment's limits; null without a target or enough data. */
  assurance: AssuranceIcon | null;
}
