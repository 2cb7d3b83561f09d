import type {
  IndicatorDirection,
  IndicatorFrequency,
  IndicatorMeasure,
  IndicatorSource,
  IndicatorVisibility,
} from '../../platform/db/schema.ts';

/**
 * An indicator with its values per period, as dashboards, the performance report and the benchmark
 * read it. indicator-series.ts computes it from the indicator's source.
 */
export interface SeriesPoint {
  /** 'YYYY-MM', 'YYYY-Qn' or 'YYYY', by the indicator's frequency. */
  period: string;
  /** null: no data for the period. */
  value: number | null;
  /** For counts and rates: the count; for rates the denominator is the population used. */
  numerator?: number;
  denominator?: number;
  /** For a harm index: the plain count of the crimes and incidents it weighs, shown beside it. */
  count?: number;
  /** Lower and upper 95% confidence limits of a rate or percentage, where one applies. */
  lowerCi?: number;
  upperCi?: number;
  /** The period has incomplete source data (a flagged police.uk month): kept out of SPC limits. */
  excluded: boolean;
  exclusionReason?: string;
  target: number | null;
}

export interface IndicatorWithSeries {
  id: number;
  name: string;
  definition: string;
  unit: string;
  priorityId: number | null;
  themeId: number | null;
  /** The owner's name; leave it out of anything public. */
  ownerName: string | null;
  frequency: IndicatorFrequency;
  direction: IndicatorDirection;
  visibility: IndicatorVisibility;
  source: IndicatorSource;
  measure: IndicatorMeasure;
  /** Where the values come from, in a sentence ("police.uk street-level data: Burglary in ..."). */
  sourceDescription?: string;
  baseline: { period: string; value: number } | null;
  rebasePeriods: string[];
  points: SeriesPoint[];
}
