import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { ServiceUsageEvent, StoredMapping } from './service-usage-format.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/** Service-usage datasets, their events and rejected lines. Row-level security keeps each partnership to its own. */

export async function nameTaken(trx: Trx, name: string): Promise<boolean> {
  const row = await trx.selectFrom('service_usage_datasets').select('id').where('name', '=', name).executeTakeFirst();
  return row !== undefined;
}

export async function insertDataset(
  trx: Trx,
  partnershipId: number,
  d: { name: string; description: string; fileName: string; importedBy: number | null },
  mapping: StoredMapping,
): Promise<number> {
  return insertReturningId(trx, 'service_usage_datasets', {
    partnership_id: partnershipId,
    name: d.name,
    description: d.description,
    file_name: d.fileName,
    mapping: JSON.stringify(mapping),
    imported_by: d.importedBy,
  });
}

/** One multi-row insert of events: four arrays unnested, so a batch is one statement with six parameters. */
export async function insertEvents(
  trx: Trx,
  partnershipId: number,
  datasetId: number,
  events: readonly ServiceUsageEvent[],
): Promise<void> {
  await sql`
    insert into service_usage_events (partnership_id, dataset_id, occurred_at, service, lsoa_code, postcode_district)
    select ${partnershipId}, ${datasetId}, e.occurred_at::timestamp, e.service, e.lsoa_code, e.postcode_district
    from unnest(${events.map((e) => e.occurredAt)}::text[], ${events.map((e) => e.service)}::text[],
                ${events.map((e) => e.lsoaCode)}::text[], ${events.map((e) => e.postcodeDistrict)}::text[])
      as e (occurred_at, service, lsoa_code, postcode_district)`.execute(trx);
}

export async function insertRejections(
  trx: Trx,
  partnershipId: number,
  datasetId: number,
  rejections: readonly { line: number; reason: string }[],
): Promise<void> {
  await sql`
    insert into service_usage_rejections (partnership_id, dataset_id, line, reason)
    select ${partnershipId}, ${datasetId}, r.line, r.reason
    from unnest(${rejections.map((r) => r.line)}::integer[], ${rejections.map((r) => r.reason)}::text[]) as r (line, reason)`.execute(trx);
}

export async function finishDataset(
  trx: Trx,
  datasetId: number,
  counts: { rows: number; accepted: number; rejected: number },
): Promise<void> {
  await trx
    .updateTable('service_usage_datasets')
    .set({ rows_total: counts.rows, rows_accepted: counts.accepted, rows_rejected: counts.rejected })
    .where('id', '=', datasetId)
    .execute();
}

const datasetColumns = [
  'd.id',
  'd.name',
  'd.description',
  'd.file_name',
  'd.mapping',
  'd.rows_total',
  'd.rows_accepted',
  'd.rows_rejected',
  'd.imported_at',
  'u.name as imported_by_name',
] as const;

export type DatasetRow = NonNullable<Awaited<ReturnType<typeof findDataset>>>;

export async function listDatasets(trx: Trx) {
  return trx
    .selectFrom('service_usage_datasets as d')
    .leftJoin('users as u', (j) => j.onRef('u.partnership_id', '=', 'd.partnership_id').onRef('u.id', '=', 'd.imported_by'))
    .select(datasetColumns)
    .orderBy('d.imported_at', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
}

export async function findDataset(trx: Trx, datasetId: number) {
  return trx
    .selectFrom('service_usage_datasets as d')
    .leftJoin('users as u', (j) => j.onRef('u.partnership_id', '=', 'd.partnership_id').onRef('u.id', '=', 'd.imported_by'))
    .select(datasetColumns)
    .where('d.id', '=', datasetId)
    .executeTakeFirst();
}

/** Events per calendar month, 'YYYY-MM', in order; months without events are not listed. */
export async function monthlyCounts(trx: Trx, datasetId: number): Promise<{ month: string; count: number }[]> {
  const rows = await trx
    .selectFrom('service_usage_events')
    .select([sql<string>`to_char(occurred_at, 'YYYY-MM')`.as('month'), sql<number>`count(*)::integer`.as('count')])
    .where('dataset_id', '=', datasetId)
    .groupBy(sql`to_char(occurred_at, 'YYYY-MM')`)
    .orderBy('month')
    .execute();
  return rows;
}

/** Events per service, most first; '' is events without a service. */
export async function serviceCounts(trx: Trx, datasetId: number): Promise<{ service: string; count: number }[]> {
  return trx
    .selectFrom('service_usage_events')
    .select(['service', sql<number>`count(*)::integer`.as('count')])
    .where('dataset_id', '=', datasetId)
    .groupBy('service')
    .orderBy('count', 'desc')
    .orderBy('service')
    .execute();
}

/** How many events have a place, and how many different LSOAs and postcode districts they name. */
export async function placeCounts(trx: Trx, datasetId: number): Promise<{ withPlace: number; lsoas: number; districts: number }> {
  const row = await trx
    .selectFrom('service_usage_events')
    .select([
      sql<number>`count(*) filter (where lsoa_code is not null or postcode_district is not null)::integer`.as('withPlace'),
      sql<number>`count(distinct lsoa_code)::integer`.as('lsoas'),
      sql<number>`count(distinct postcode_district)::integer`.as('districts'),
    ])
    .where('dataset_id', '=', datasetId)
    .executeTakeFirstOrThrow();
  return row;
}

export async function firstRejections(trx: Trx, datasetId: number, limit: number): Promise<{ line: number; reason: string }[]> {
  return trx
    .selectFrom('service_usage_rejections')
    .select(['line', 'reason'])
    .where('dataset_id', '=', datasetId)
    .orderBy('line')
    .limit(limit)
    .execute();
}

/** The indicators that count a dataset: it cannot be deleted while they do. */
export async function indicatorsUsing(trx: Trx, datasetId: number): Promise<{ id: number; name: string }[]> {
  return trx.selectFrom('indicators').select(['id', 'name']).where('dataset_id', '=', datasetId).orderBy('name').execute();
}

export async function deleteDataset(trx: Trx, datasetId: number): Promise<void> {
  // Events and rejected lines go with it (on delete cascade).
  await trx.deleteFrom('service_usage_datasets').where('id', '=', datasetId).execute();
}
