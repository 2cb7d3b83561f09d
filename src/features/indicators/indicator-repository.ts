import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type {
  IndicatorAreaKind,
  IndicatorDirection,
  IndicatorFrequency,
  IndicatorMeasure,
  IndicatorSource,
} from '../../platform/db/schema.ts';
import { lsoasInDistricts, partnershipDistrictCodes, wardsByCode, type LsoaRow, type WardRow } from '../explore/explore-repository.ts';

/**
 * The SQL of indicators: the library (indicators, targets, manual values, harm weights) and what
 * their series are computed from (police.uk counts, service-usage events, survey results). Queries
 * that feed a series name the partnership as well as relying on row-level security, because the
 * demo loader computes series in a system transaction.
 */

const textArray = (values: readonly string[]) => sql`${[...values]}::text[]`;
const num = (value: string | number | null): number | null => (value === null ? null : Number(value));

export interface IndicatorRow {
  id: number;
  name: string;
  definition: string;
  unit: string;
  priority_id: number | null;
  priority_title: string | null;
  priority_position: number | null;
  theme_id: number | null;
  theme_title: string | null;
  owner_user_id: number | null;
  owner_name: string | null;
  frequency: IndicatorFrequency;
  direction: IndicatorDirection;
  baseline_period: string | null;
  baseline_value: number | null;
  visibility: 'public' | 'restricted';
  source: IndicatorSource;
  crime_types: string[];
  area_kind: IndicatorAreaKind;
  area_codes: string[];
  measure: IndicatorMeasure;
  dataset_id: number | null;
  dataset_name: string | null;
  service: string | null;
  survey_question: string | null;
  rebase_periods: string[];
  version: number;
  updated_at: Date;
}

export interface IndicatorFilter {
  priorityId?: number;
  ids?: readonly number[];
  publicOnly?: boolean;
}

/** The partnership's indicators, by priority (in the plan's order), then theme, position and name. */
export async function listIndicators(trx: Trx, partnershipId: number, filter: IndicatorFilter = {}): Promise<IndicatorRow[]> {
  let q = trx
    .selectFrom('indicators as i')
    .leftJoin('priorities as p', (j) => j.onRef('p.id', '=', 'i.priority_id').onRef('p.partnership_id', '=', 'i.partnership_id'))
    .leftJoin('themes as t', (j) => j.onRef('t.id', '=', 'i.theme_id').onRef('t.partnership_id', '=', 'i.partnership_id'))
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'i.owner_user_id').onRef('u.partnership_id', '=', 'i.partnership_id'))
    .leftJoin('service_usage_datasets as d', (j) => j.onRef('d.id', '=', 'i.dataset_id').onRef('d.partnership_id', '=', 'i.partnership_id'))
    .select([
      'i.id',
      'i.name',
      'i.definition',
      'i.unit',
      'i.priority_id',
      'p.title as priority_title',
      'p.position as priority_position',
      'i.theme_id',
      't.title as theme_title',
      'i.owner_user_id',
      'i.frequency',
      'i.direction',
      'i.baseline_period',
      'i.baseline_value',
      'i.visibility',
      'i.source',
      'i.crime_types',
      'i.area_kind',
      'i.area_codes',
      'i.measure',
      'i.dataset_id',
      'd.name as dataset_name',
      'i.service',
      'i.survey_question',
      'i.rebase_periods',
      'i.version',
      'i.updated_at',
    ])
    // Anything public is built from rows that never held a person's name.
    .select(filter.publicOnly ? sql<string | null>`null::text`.as('owner_name') : sql<string | null>`u.name`.as('owner_name'))
    .where('i.partnership_id', '=', partnershipId);
  if (filter.priorityId !== undefined) q = q.where('i.priority_id', '=', filter.priorityId);
  if (filter.ids !== undefined) q = q.where('i.id', 'in', filter.ids.length > 0 ? [...filter.ids] : [0]);
  if (filter.publicOnly) q = q.where('i.visibility', '=', 'public');
  const rows = await q
    .orderBy(sql`p.plan_id desc nulls last`)
    .orderBy(sql`p.position nulls last`)
    .orderBy(sql`t.position nulls last`)
    .orderBy('i.position')
    .orderBy('i.name')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({ ...r, baseline_value: num(r.baseline_value) }));
}

export async function findIndicator(trx: Trx, partnershipId: number, id: number): Promise<IndicatorRow | undefined> {
  return (await listIndicators(trx, partnershipId, { ids: [id] }))[0];
}

export interface IndicatorValues {
  name: string;
  definition: string;
  unit: string;
  priority_id: number | null;
  theme_id: number | null;
  owner_user_id: number | null;
  frequency: IndicatorFrequency;
  direction: IndicatorDirection;
  baseline_period: string | null;
  baseline_value: number | null;
  visibility: 'public' | 'restricted';
  source: IndicatorSource;
  crime_types: string[];
  area_kind: IndicatorAreaKind;
  area_codes: string[];
  measure: IndicatorMeasure;
  dataset_id: number | null;
  service: string | null;
  survey_question: string | null;
  rebase_periods: string[];
}

/** A new indicator's values before its name and source are chosen: the table's own defaults. */
export const INDICATOR_DEFAULTS: IndicatorValues = {
  name: '',
  definition: '',
  unit: '',
  priority_id: null,
  theme_id: null,
  owner_user_id: null,
  frequency: 'monthly',
  direction: 'lower',
  baseline_period: null,
  baseline_value: null,
  visibility: 'restricted',
  source: 'police',
  crime_types: [],
  area_kind: 'partnership',
  area_codes: [],
  measure: 'count',
  dataset_id: null,
  service: null,
  survey_question: null,
  rebase_periods: [],
};

export async function insertIndicator(trx: Trx, partnershipId: number, values: IndicatorValues & { position?: number }): Promise<number> {
  const row = await trx
    .insertInto('indicators')
    .values({ partnership_id: partnershipId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Saves a change only if nobody has saved one since `version` was read; false if someone has. */
export async function updateIndicatorIfVersion(trx: Trx, id: number, version: number, values: IndicatorValues): Promise<boolean> {
  const result = await trx
    .updateTable('indicators')
    .set({ ...values, version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Targets -----------------------------------------------------------------------------------------

export interface TargetRow {
  indicator_id: number;
  period: string;
  target: number;
}

export async function listTargets(trx: Trx, partnershipId: number, indicatorIds: readonly number[]): Promise<TargetRow[]> {
  if (indicatorIds.length === 0) return [];
  const rows = await trx
    .selectFrom('indicator_targets')
    .select(['indicator_id', 'period', 'target'])
    .where('partnership_id', '=', partnershipId)
    .where('indicator_id', 'in', [...indicatorIds])
    .orderBy('indicator_id')
    .orderBy('period')
    .execute();
  return rows.map((r) => ({ ...r, target: Number(r.target) }));
}

export async function saveTarget(trx: Trx, partnershipId: number, indicatorId: number, period: string, target: number): Promise<void> {
  await trx
    .insertInto('indicator_targets')
    .values({ partnership_id: partnershipId, indicator_id: indicatorId, period, target })
    .onConflict((oc) => oc.columns(['partnership_id', 'indicator_id', 'period']).doUpdateSet({ target }))
    .execute();
}

export async function deleteTarget(trx: Trx, indicatorId: number, period: string): Promise<boolean> {
  const result = await trx.deleteFrom('indicator_targets').where('indicator_id', '=', indicatorId).where('period', '=', period).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// Manual values -----------------------------------------------------------------------------------

export interface ValueRow {
  period: string;
  value: number;
  evidence: string;
  entered_by_name: string | null;
  entered_at: Date;
}

export async function listValues(trx: Trx, partnershipId: number, indicatorId: number): Promise<ValueRow[]> {
  const rows = await trx
    .selectFrom('indicator_values as v')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'v.entered_by').onRef('u.partnership_id', '=', 'v.partnership_id'))
    .select(['v.period', 'v.value', 'v.evidence', 'u.name as entered_by_name', 'v.entered_at'])
    .where('v.partnership_id', '=', partnershipId)
    .where('v.indicator_id', '=', indicatorId)
    .orderBy('v.period')
    .execute();
  return rows.map((r) => ({ ...r, value: Number(r.value) }));
}

export async function saveValue(
  trx: Trx,
  partnershipId: number,
  indicatorId: number,
  values: { period: string; value: number; evidence: string; enteredBy: number | null },
): Promise<void> {
  const row = { value: values.value, evidence: values.evidence, entered_by: values.enteredBy, entered_at: new Date() };
  await trx
    .insertInto('indicator_values')
    .values({ partnership_id: partnershipId, indicator_id: indicatorId, period: values.period, ...row })
    .onConflict((oc) => oc.columns(['partnership_id', 'indicator_id', 'period']).doUpdateSet(row))
    .execute();
}

export async function deleteValue(trx: Trx, indicatorId: number, period: string): Promise<boolean> {
  const result = await trx.deleteFrom('indicator_values').where('indicator_id', '=', indicatorId).where('period', '=', period).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// Harm weights ------------------------------------------------------------------------------------

export interface HarmWeightRow {
  crime_type: string;
  weight: number;
  updated_by_name: string | null;
  updated_at: Date;
}

export async function listHarmWeights(trx: Trx, partnershipId: number): Promise<HarmWeightRow[]> {
  const rows = await trx
    .selectFrom('harm_weights as h')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'h.updated_by').onRef('u.partnership_id', '=', 'h.partnership_id'))
    .select(['h.crime_type', 'h.weight', 'u.name as updated_by_name', 'h.updated_at'])
    .where('h.partnership_id', '=', partnershipId)
    .orderBy('h.crime_type')
    .execute();
  return rows.map((r) => ({ ...r, weight: Number(r.weight) }));
}

export async function saveHarmWeight(trx: Trx, partnershipId: number, crimeType: string, weight: number, userId: number | null): Promise<void> {
  const row = { weight, updated_by: userId, updated_at: new Date() };
  await trx
    .insertInto('harm_weights')
    .values({ partnership_id: partnershipId, crime_type: crimeType, ...row })
    .onConflict((oc) => oc.columns(['partnership_id', 'crime_type']).doUpdateSet(row))
    .execute();
}

export async function deleteHarmWeights(trx: Trx, partnershipId: number): Promise<number> {
  const result = await trx.deleteFrom('harm_weights').where('partnership_id', '=', partnershipId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// Choices for the form ----------------------------------------------------------------------------

export interface Choice {
  id: number;
  name: string;
}

/** The priorities or themes of every plan, the newest plan's first, each plan's in its order. */
const planItems =
  (table: 'priorities' | 'themes') =>
  (trx: Trx, partnershipId: number): Promise<Choice[]> =>
    trx
      .selectFrom(table)
      .select(['id', 'title as name'])
      .where('partnership_id', '=', partnershipId)
      .orderBy('plan_id', 'desc')
      .orderBy('position')
      .orderBy('id')
      .execute();

export const listPriorities = planItems('priorities');
export const listThemes = planItems('themes');

export const listActiveUsers = (trx: Trx, partnershipId: number): Promise<Choice[]> =>
  trx
    .selectFrom('users')
    .select(['id', 'name'])
    .where('partnership_id', '=', partnershipId)
    .where('disabled_at', 'is', null)
    .orderBy(sql`lower(name)`)
    .execute();

export const listDatasets = (trx: Trx, partnershipId: number): Promise<Choice[]> =>
  trx.selectFrom('service_usage_datasets').select(['id', 'name']).where('partnership_id', '=', partnershipId).orderBy(sql`lower(name)`).execute();

export async function findDatasetByName(trx: Trx, partnershipId: number, name: string): Promise<number | null> {
  const row = await trx.selectFrom('service_usage_datasets').select('id').where('partnership_id', '=', partnershipId).where('name', '=', name).executeTakeFirst();
  return row?.id ?? null;
}

/** The services named in a dataset's events, for the hint beside the service field. */
export async function datasetServices(trx: Trx, partnershipId: number, datasetId: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('service_usage_events')
    .select('service')
    .distinct()
    .where('partnership_id', '=', partnershipId)
    .where('dataset_id', '=', datasetId)
    .where('service', '<>', '')
    .orderBy('service')
    .execute();
  return rows.map((r) => r.service);
}

export interface SurveyQuestionRow {
  question: string;
  years: number[];
}

/** Each question of the partnership's survey results, with the years it was asked. */
export async function listSurveyQuestions(trx: Trx, partnershipId: number): Promise<SurveyQuestionRow[]> {
  const rows = await trx
    .selectFrom('survey_results')
    .select(['question', sql<number[]>`array_agg(distinct survey_year order by survey_year)`.as('years')])
    .where('partnership_id', '=', partnershipId)
    .groupBy('question')
    .orderBy('question')
    .execute();
  return rows.map((r) => ({ question: r.question, years: r.years.map(Number) }));
}

/** The LSOAs of the partnership's districts: its whole area. */
export async function partnershipLsoas(trx: Trx, partnershipId: number): Promise<LsoaRow[]> {
  return lsoasInDistricts(trx, await partnershipDistrictCodes(trx, partnershipId));
}

export const wardNames = (trx: Trx, codes: readonly string[]): Promise<WardRow[]> => wardsByCode(trx, codes);

// What series are computed from -------------------------------------------------------------------

export interface MonthTypeCount {
  month: string;
  crime_type: string;
  crimes: number;
}

/** police.uk crimes per month and type in the LSOAs, for the months and types given. */
export async function crimesByMonthAndType(
  trx: Trx,
  filter: { lsoaCodes: readonly string[]; types: readonly string[]; from: string; to: string },
): Promise<MonthTypeCount[]> {
  if (filter.lsoaCodes.length === 0 || filter.types.length === 0) return [];
  const result = await sql<MonthTypeCount>`select to_char(month, 'YYYY-MM') as month, crime_type, sum(crimes)::int as crimes
    from crime_counts
    where lsoa_code = any(${textArray(filter.lsoaCodes)})
      and crime_type = any(${textArray(filter.types)})
      and month >= ${`${filter.from}-01`}::date and month <= ${`${filter.to}-01`}::date
    group by month, crime_type
    order by month, crime_type`.execute(trx);
  return result.rows;
}

/** Events of a service-usage dataset per month ('YYYY-MM'), optionally of one service only. */
export async function serviceUsageByMonth(
  trx: Trx,
  partnershipId: number,
  filter: { datasetId: number; service: string | null },
): Promise<{ month: string; events: number }[]> {
  let q = trx
    .selectFrom('service_usage_events')
    .select([sql<string>`to_char(occurred_at, 'YYYY-MM')`.as('month'), sql<number>`count(*)::int`.as('events')])
    .where('partnership_id', '=', partnershipId)
    .where('dataset_id', '=', filter.datasetId);
  if (filter.service !== null) q = q.where('service', '=', filter.service);
  const rows = await q.groupBy(sql`to_char(occurred_at, 'YYYY-MM')`).orderBy(sql`to_char(occurred_at, 'YYYY-MM')`).execute();
  return rows.map((r) => ({ month: r.month, events: Number(r.events) }));
}

export interface SurveyPointRow {
  survey: string;
  survey_year: number;
  percent: number;
  respondents: number | null;
}

/** The results of one survey question, one row per year: the result with the most respondents. */
export async function surveyResultsFor(trx: Trx, partnershipId: number, question: string): Promise<SurveyPointRow[]> {
  const rows = await trx
    .selectFrom('survey_results')
    .select(['survey', 'survey_year', 'percent', 'respondents'])
    .where('partnership_id', '=', partnershipId)
    .where('question', '=', question)
    .orderBy('survey_year')
    .orderBy(sql`respondents desc nulls last`)
    .orderBy('id')
    .execute();
  const byYear = new Map<number, SurveyPointRow>();
  for (const r of rows) {
    const year = Number(r.survey_year);
    if (!byYear.has(year)) byYear.set(year, { survey: r.survey, survey_year: year, percent: Number(r.percent), respondents: r.respondents });
  }
  return [...byYear.values()];
}
