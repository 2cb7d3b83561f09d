import type { ColumnType, Generated } from 'kysely';
import type { StoredMapping } from '../../../features/service-usage/service-usage-format.ts';
import type { ChangedAt, CreatedAt, Json, NullableNumeric, Numeric, TextArray } from './columns.ts';

/** Indicators, their targets and values, harm weights, commentaries and service-usage data (migration 0004). */

export const indicatorFrequencies = ['monthly', 'quarterly', 'annual'] as const;
export type IndicatorFrequency = (typeof indicatorFrequencies)[number];
export const indicatorDirections = ['lower', 'higher', 'more-reporting'] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];
export const indicatorSources = ['police', 'service-usage', 'survey', 'manual'] as const;
export type IndicatorSource = (typeof indicatorSources)[number];
export const indicatorMeasures = ['count', 'rate', 'harm', 'percent', 'value'] as const;
export type IndicatorMeasure = (typeof indicatorMeasures)[number];
export const indicatorAreaKinds = ['partnership', 'lsoas', 'wards'] as const;
export type IndicatorAreaKind = (typeof indicatorAreaKinds)[number];
export const indicatorVisibilities = ['public', 'restricted'] as const;
export type IndicatorVisibility = (typeof indicatorVisibilities)[number];

export interface ServiceUsageDatasetsTable {
  partnership_id: number;
  id: Generated<number>;
  name: string;
  description: Generated<string>;
  file_name: string;
  mapping: Json<StoredMapping>;
  rows_total: Generated<number>;
  rows_accepted: Generated<number>;
  rows_rejected: Generated<number>;
  imported_by: number | null;
  imported_at: CreatedAt;
}

export interface ServiceUsageEventsTable {
  partnership_id: number;
  dataset_id: number;
  id: Generated<number>;
  /** timestamp (without time zone): UK local time as the file gave it. */
  occurred_at: ColumnType<Date, Date | string, Date | string>;
  service: Generated<string>;
  lsoa_code: string | null;
  postcode_district: string | null;
}

export interface ServiceUsageRejectionsTable {
  partnership_id: number;
  dataset_id: number;
  line: number;
  reason: string;
}

export interface IndicatorsTable {
  partnership_id: number;
  id: Generated<number>;
  name: string;
  definition: Generated<string>;
  unit: Generated<string>;
  priority_id: number | null;
  theme_id: number | null;
  owner_user_id: number | null;
  frequency: IndicatorFrequency;
  direction: IndicatorDirection;
  baseline_period: string | null;
  baseline_value: NullableNumeric;
  visibility: Generated<IndicatorVisibility>;
  source: IndicatorSource;
  crime_types: TextArray;
  area_kind: Generated<IndicatorAreaKind>;
  area_codes: TextArray;
  measure: Generated<IndicatorMeasure>;
  dataset_id: number | null;
  service: string | null;
  survey_question: string | null;
  rebase_periods: TextArray;
  position: Generated<number>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: ChangedAt;
}

export interface IndicatorTargetsTable {
  partnership_id: number;
  indicator_id: number;
  period: string;
  target: Numeric;
}

export interface IndicatorValuesTable {
  partnership_id: number;
  indicator_id: number;
  period: string;
  value: Numeric;
  evidence: Generated<string>;
  entered_by: number | null;
  entered_at: ChangedAt;
}

export interface HarmWeightsTable {
  partnership_id: number;
  crime_type: string;
  weight: Numeric;
  updated_by: number | null;
  updated_at: ChangedAt;
}

export interface PriorityCommentariesTable {
  partnership_id: number;
  priority_id: number;
  period: string;
  commentary: string;
  updated_by: number | null;
  updated_at: ChangedAt;
}

export interface PerformanceTables {
  service_usage_datasets: ServiceUsageDatasetsTable;
  service_usage_events: ServiceUsageEventsTable;
  service_usage_rejections: ServiceUsageRejectionsTable;
  indicators: IndicatorsTable;
  indicator_targets: IndicatorTargetsTable;
  indicator_values: IndicatorValuesTable;
  harm_weights: HarmWeightsTable;
  priority_commentaries: PriorityCommentariesTable;
}
