import type { IndicatorWithSeries, SeriesPoint } from '../indicators/indicator-types.ts';
import type { SpcInputPoint, SpcOptions, SpcResult } from '../statistics/spc-types.ts';
import { actionStatuses, statusLabels, type ActionStatus } from '../action-plans/action-rules.ts';
import { periodWithin, type Quarter } from './quarters.ts';

/**
 * What dashboards and the performance report show, built from indicators, their SPC analysis,
 * actions and commentaries by pure functions (the service loads; these shape).
 */

/** An indicator as of the end of a quarter, with its SPC analysis. */
export interface IndicatorResult {
  id: number;
  name: string;
  definition: string;
  unit: string;
  frequency: IndicatorWithSeries['frequency'];
  direction: IndicatorWithSeries['direction'];
  visibility: IndicatorWithSeries['visibility'];
  measure: IndicatorWithSeries['measure'];
  /** Who owns it: null when it has no owner, and always null in the public report (never loaded). */
  owner: string | null;
  /** The values up to the end of the quarter. */
  points: SeriesPoint[];
  spc: SpcResult;
  /** The latest period with a value, up to the end of the quarter. */
  latest: SeriesPoint | null;
  /** The target of the latest period that has one. */
  target: { period: string; value: number } | null;
}

/** The points of a series up to the end of the quarter. */
export const pointsUpTo = (points: readonly SeriesPoint[], quarter: Quarter): SeriesPoint[] =>
  points.filter((p) => periodWithin(p.period, quarter));

/** The SPC input of a series: its values, excluded periods, a target per period and rebase periods. */
export function spcInputOf(
  indicator: Pick<IndicatorWithSeries, 'direction' | 'rebasePeriods'>,
  points: readonly SeriesPoint[],
): { points: SpcInputPoint[]; options: SpcOptions } {
  const targets: Record<string, number> = {};
  for (const p of points) if (p.target !== null) targets[p.period] = p.target;
  return {
    points: points.map((p) => ({
      period: p.period,
      value: p.value,
      excluded: p.excluded,
      ...(p.exclusionReason ? { exclusionReason: p.exclusionReason } : {}),
    })),
    options: {
      direction: indicator.direction,
      ...(Object.keys(targets).length ? { target: targets } : {}),
      ...(indicator.rebasePeriods.length ? { rebasePeriods: indicator.rebasePeriods } : {}),
    },
  };
}

/** The indicator as of the end of the quarter, analysed with `computeSpc`. */
export function indicatorResult(
  indicator: IndicatorWithSeries,
  quarter: Quarter,
  computeSpc: (points: SpcInputPoint[], options: SpcOptions) => SpcResult,
): IndicatorResult {
  const points = pointsUpTo(indicator.points, quarter);
  const input = spcInputOf(indicator, points);
  const withValue = points.filter((p) => p.value !== null);
  const withTarget = points.filter((p) => p.target !== null);
  const lastTarget = withTarget[withTarget.length - 1];
  return {
    id: indicator.id,
    name: indicator.name,
    definition: indicator.definition,
    unit: indicator.unit,
    frequency: indicator.frequency,
    direction: indicator.direction,
    visibility: indicator.visibility,
    measure: indicator.measure,
    owner: indicator.ownerName,
    points,
    spc: computeSpc(input.points, input.options),
    latest: withValue[withValue.length - 1] ?? null,
    target: lastTarget ? { period: lastTarget.period, value: lastTarget.target! } : null,
  };
}

export interface StatusCount {
  status: ActionStatus;
  label: string;
  count: number;
}

/** How many actions have each status, every status listed (not started, on track, ... cancelled). */
export function statusRollup(actions: readonly { status: ActionStatus }[]): StatusCount[] {
  return actionStatuses.map((status) => ({
    status,
    label: statusLabels[status],
    count: actions.filter((a) => a.status === status).length,
  }));
}

/** "3 actions: 1 on track, 2 at risk", or "No actions". */
export function rollupSentence(rollup: readonly StatusCount[]): string {
  const total = rollup.reduce((n, s) => n + s.count, 0);
  if (total === 0) return 'No actions';
  const parts = rollup.filter((s) => s.count > 0).map((s) => `${s.count} ${s.label.toLowerCase()}`);
  return `${total} ${total === 1 ? 'action' : 'actions'}: ${parts.join(', ')}`;
}

/** Actions that need attention in the report: at risk or off track. */
export const needsAttention = (status: ActionStatus): boolean => status === 'at_risk' || status === 'off_track';

/** The latest quarter in which any of the indicators has a value, if any has. */
export function latestQuarterWithData(
  indicators: readonly Pick<IndicatorWithSeries, 'points'>[],
  quarterOf: (period: string) => Quarter | null,
): Quarter | undefined {
  let latest: Quarter | undefined;
  for (const indicator of indicators) {
    for (const p of indicator.points) {
      if (p.value === null) continue;
      const q = quarterOf(p.period);
      if (q && (!latest || q.year > latest.year || (q.year === latest.year && q.quarter > latest.quarter))) latest = q;
    }
  }
  return latest;
}
