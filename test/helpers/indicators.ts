import type { IndicatorWithSeries, SeriesPoint } from '../../src/features/indicators/indicator-types.ts';

/** A point of an indicator's series, included and without a target unless `extra` says otherwise. */
export const seriesPoint = (period: string, value: number | null, extra: Partial<SeriesPoint> = {}): SeriesPoint => ({
  period,
  value,
  excluded: false,
  target: null,
  ...extra,
});

/** Residential burglaries: a public, monthly count entered by hand, lower is better, owned by Sam Okafor; no points. */
export function burglaryIndicator(values: Partial<IndicatorWithSeries> = {}): IndicatorWithSeries {
  return {
    id: 1,
    name: 'Residential burglaries',
    definition: 'Burglaries of homes.',
    unit: 'crimes',
    priorityId: 1,
    themeId: null,
    ownerName: 'Sam Okafor',
    frequency: 'monthly',
    direction: 'lower',
    visibility: 'public',
    source: 'manual',
    measure: 'count',
    baseline: null,
    rebasePeriods: [],
    points: [],
    ...values,
  };
}
