import { sql, type Selectable } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { IndicatorsTable } from '../../platform/db/schema.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/**
 * The SQL of the indicator library: indicators, their targets and the values entered by hand. What
 * series are computed from is in indicator-source-repository.ts, the harm weights in
 * harm-weight-repository.ts and the form's choices in indicator-choice-repository.ts. Queries that
 * feed a series name the partnership as well as relying on row-level security, because the demo
 * loader computes series in a system transaction.
 */

const num = (value: string | number | null): number | null => (value === null ? null : Number(value));

/** An indicator's own columns, as the form and the demo loader write them (the baseline as a number). */
export type IndicatorValues = Omit<
  Selectable<IndicatorsTable>,
  'partnership_id' | 'id' | 'position' | 'version' | 'created_at' | 'updated_at' | 'baseline_value'
> & { baseline_value: number | null };

/** An indicator as the library shows it: its columns with the names of its priority, theme, owner and dataset. */
export interface IndicatorRow extends IndicatorValues {
  id: number;
  priority_title: string | null;
  priority_position: number | null;
  theme_title: string | null;
  owner_name: string | null;
  dataset_name: string | null;
  version: number;
  updated_at: Date;
}

interface IndicatorFilter {
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
  return insertReturningId(trx, 'indicators', { partnership_id: partnershipId, ...values });
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

/** Removes an indicator's target or value for one period; false if it had none. */
async function deletePeriod(
  trx: Trx,
  table: 'indicator_targets' | 'indicator_values',
  indicatorId: number,
  period: string,
): Promise<boolean> {
  const result = await trx.deleteFrom(table).where('indicator_id', '=', indicatorId).where('period', '=', period).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
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

export const deleteTarget = (trx: Trx, indicatorId: number, period: string): Promise<boolean> =>
  deletePeriod(trx, 'indicator_targets', indicatorId, period);

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

export const deleteValue = (trx: Trx, indicatorId: number, period: string): Promise<boolean> =>
  deletePeriod(trx, 'indicator_values', indicatorId, period);
