import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import { lsoasInDistricts, partnershipDistrictCodes, wardsByCode, type LsoaRow, type WardRow } from '../explore/explore-repository.ts';

/**
 * What indicators' series are computed from: the partnership's area (its LSOAs and wards),
 * police.uk counts, service-usage events and survey results. Each query names the partnership as
 * well as relying on row-level security, because the demo loader computes series in a system
 * transaction.
 */

const textArray = (values: readonly string[]) => sql`${[...values]}::text[]`;

/** The LSOAs of the partnership's districts: its whole area. */
export async function partnershipLsoas(trx: Trx, partnershipId: number): Promise<LsoaRow[]> {
  return lsoasInDistricts(trx, await partnershipDistrictCodes(trx, partnershipId));
}

/** The names of the wards with these codes. */
export const wardNames = (trx: Trx, codes: readonly string[]): Promise<WardRow[]> => wardsByCode(trx, codes);

/** The id of the partnership's service-usage dataset of this name, or null if it has none. */
export async function findDatasetByName(trx: Trx, partnershipId: number, name: string): Promise<number | null> {
  const row = await trx
    .selectFrom('service_usage_datasets')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.id ?? null;
}

interface MonthTypeCount {
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
  const rows = await q
    .groupBy(sql`to_char(occurred_at, 'YYYY-MM')`)
    .orderBy(sql`to_char(occurred_at, 'YYYY-MM')`)
    .execute();
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
    if (!byYear.has(year)) {
      byYear.set(year, { survey: r.survey, survey_year: year, percent: Number(r.percent), respondents: r.respondents });
    }
  }
  return [...byYear.values()];
}
