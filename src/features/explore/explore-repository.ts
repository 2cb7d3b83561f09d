import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { GeoLsoa, GeoWard } from '../../platform/db/schema.ts';
import { crimeTypeId } from '../crime-data/police-uk-format.ts';
import type { CountRow, ForceMonth } from './completeness.ts';

/**
 * The SQL of the explore feature. Counts, last outcomes and crimes by location come from
 * crime_lsoa_months (crime_counts is its view of counts) and whole-force totals from
 * crime_force_counts, all made at import and read by LSOA and month, never by aggregating
 * street_crimes. Months are 'YYYY-MM' here and 'YYYY-MM-01' dates in the tables.
 */

const lsoaColumns = ['code', 'name', 'district_code', 'district_name', 'ward_code', 'ruc_name', 'population', 'population_year'] as const;
export type LsoaRow = Pick<GeoLsoa, (typeof lsoaColumns)[number]>;
export type WardRow = Pick<GeoWard, 'code' | 'name'>;

export interface LsoaCountRow {
  month: string;
  lsoa_code: string;
  crime_type: string;
  crimes: number;
}

export interface CountFilter {
  lsoaCodes: readonly string[];
  from: string;
  to: string;
  types: readonly string[];
}

interface LocationRow {
  location: string;
  lsoa_code: string;
  crimes: number;
}

export interface OutcomeRow {
  outcome: string | null;
  crimes: number;
}

const firstDay = (month: string) => `${month}-01`;
const textArray = (values: readonly string[]) => sql`${[...values]}::text[]`;
/** `= any(array)`: one parameter however many codes, as the raw queries here compare them. */
const anyOf = (values: readonly string[]) => sql<string>`any(${textArray(values)})`;

/** The partnership's local authority districts (row-level security admits only its own row). */
export async function partnershipDistrictCodes(trx: Trx, partnershipId: number): Promise<string[]> {
  const row = await trx.selectFrom('partnerships').select('district_codes').where('id', '=', partnershipId).executeTakeFirst();
  return row?.district_codes ?? [];
}

export async function lsoasInDistricts(trx: Trx, districtCodes: readonly string[]): Promise<LsoaRow[]> {
  if (districtCodes.length === 0) return [];
  return trx
    .selectFrom('geo_lsoas')
    .select(lsoaColumns)
    .where('district_code', '=', anyOf(districtCodes))
    .orderBy('name')
    .orderBy('code')
    .execute();
}

/** The LSOAs of a district, a ward or one LSOA, by code: for the command line, which has no partnership. */
export async function lsoasForCode(trx: Trx, code: string): Promise<LsoaRow[]> {
  return trx
    .selectFrom('geo_lsoas')
    .select(lsoaColumns)
    .where((eb) => eb.or([eb('district_code', '=', code), eb('ward_code', '=', code), eb('code', '=', code)]))
    .orderBy('name')
    .orderBy('code')
    .execute();
}

export async function wardsByCode(trx: Trx, codes: readonly string[]): Promise<WardRow[]> {
  if (codes.length === 0) return [];
  return trx.selectFrom('geo_wards').select(['code', 'name']).where('code', '=', anyOf(codes)).execute();
}

/** The months with street-level data loaded for any force, oldest first. */
export async function loadedMonths(trx: Trx): Promise<string[]> {
  const result = await sql<{ month: string }>`select distinct to_char(month, 'YYYY-MM') as month from police_files
    where kind = 'street' and state = 'current' and rows_accepted > 0 order by month`.execute(trx);
  return result.rows.map((r) => r.month);
}

/** Crimes per month, LSOA and type for the LSOAs, months and types given. */
export async function countsByMonthLsoaType(trx: Trx, filter: CountFilter): Promise<LsoaCountRow[]> {
  if (filter.lsoaCodes.length === 0 || filter.types.length === 0) return [];
  const result = await sql<LsoaCountRow>`select to_char(month, 'YYYY-MM') as month, lsoa_code, crime_type, sum(crimes)::int as crimes
    from crime_counts
    where lsoa_code = any(${textArray(filter.lsoaCodes)})
      and month >= ${firstDay(filter.from)}::date and month <= ${firstDay(filter.to)}::date
      and crime_type = any(${textArray(filter.types)})
    group by month, lsoa_code, crime_type
    order by month, crime_type, lsoa_code`.execute(trx);
  return result.rows;
}

/** The forces with any counts in the LSOAs and months given. */
export async function forcesCovering(trx: Trx, filter: Omit<CountFilter, 'types'>): Promise<string[]> {
  if (filter.lsoaCodes.length === 0) return [];
  const result = await sql<{ force: string }>`select distinct force from crime_lsoa_months
    where lsoa_code = any(${textArray(filter.lsoaCodes)})
      and month >= ${firstDay(filter.from)}::date and month <= ${firstDay(filter.to)}::date
    order by force`.execute(trx);
  return result.rows.map((r) => r.force);
}

/** Crimes with no location (lsoa_code '') in the forces' files, for the months and types given. */
export async function noLocationCrimes(trx: Trx, forces: readonly string[], filter: Omit<CountFilter, 'lsoaCodes'>): Promise<number> {
  if (forces.length === 0 || filter.types.length === 0) return 0;
  const result = await sql<{ crimes: number }>`select coalesce(sum(crimes), 0)::int as crimes
    from crime_counts
    where lsoa_code = '' and force = any(${textArray(forces)})
      and month >= ${firstDay(filter.from)}::date and month <= ${firstDay(filter.to)}::date
      and crime_type = any(${textArray(filter.types)})`.execute(trx);
  return result.rows[0]?.crimes ?? 0;
}

/** Whole-force counts per month and type, for the completeness check (totals made at import). */
export async function forceCounts(trx: Trx, forces: readonly string[], from: string, to: string): Promise<CountRow[]> {
  if (forces.length === 0) return [];
  const result = await sql<CountRow>`select force, to_char(month, 'YYYY-MM') as month, crime_type as "crimeType", sum(crimes)::int as crimes
    from crime_force_counts
    where force = any(${textArray(forces)}) and month >= ${firstDay(from)}::date and month <= ${firstDay(to)}::date
    group by force, month, crime_type`.execute(trx);
  return result.rows;
}

/**
 * The force-months that have rows in crime_counts: a street file with accepted rows always has
 * counts and one without has none, so police_files says the same without reading the counts.
 */
export async function loadedForceMonths(trx: Trx, forces: readonly string[]): Promise<ForceMonth[]> {
  if (forces.length === 0) return [];
  const result = await sql<ForceMonth>`select force, to_char(month, 'YYYY-MM') as month from police_files
    where kind = 'street' and state = 'current' and rows_accepted > 0 and force = any(${textArray(forces)})
    order by force, month`.execute(trx);
  return result.rows;
}

/**
 * One of crime_lsoa_months' sets of parallel arrays, unnested as (lsoa_code, value, crime_type,
 * crimes), crime_type as crimeTypeId() numbers it, for the LSOAs, months and crime types of the filter.
 */
function unnestedLsoaMonths(arrays: 'locations' | 'outcomes', filter: CountFilter) {
  const unnested =
    arrays === 'locations'
      ? sql`unnest(m.locations, m.location_types, m.location_crimes)`
      : sql`unnest(m.outcomes, m.outcome_types, m.outcome_crimes)`;
  const typeIds = filter.types.map(crimeTypeId);
  return sql`(select m.lsoa_code, u.value, u.crime_type, u.crimes
    from crime_lsoa_months m
    cross join lateral ${unnested} as u (value, crime_type, crimes)
    where m.lsoa_code = any(${textArray(filter.lsoaCodes)})
      and m.month >= ${firstDay(filter.from)}::date and m.month <= ${firstDay(filter.to)}::date
      and u.crime_type = any(${typeIds}::smallint[]))`;
}

/** The locations with the most crimes and incidents (street_crimes rows) in the LSOAs, months and types. */
export async function repeatLocations(trx: Trx, filter: CountFilter, limit: number): Promise<LocationRow[]> {
  if (filter.lsoaCodes.length === 0 || filter.types.length === 0) return [];
  const result = await sql<LocationRow>`select value as location, lsoa_code, sum(crimes)::int as crimes
    from ${unnestedLsoaMonths('locations', filter)} as l
    group by value, lsoa_code
    order by crimes desc, location, lsoa_code
    limit ${limit}`.execute(trx);
  return result.rows;
}

/** The last recorded outcomes; anti-social behaviour has none. Null is no outcome recorded. */
export async function outcomeCounts(trx: Trx, filter: CountFilter): Promise<OutcomeRow[]> {
  if (filter.lsoaCodes.length === 0 || filter.types.length === 0) return [];
  const result = await sql<OutcomeRow>`select outcome, sum(crimes)::int as crimes from (
      select case when crime_type = ${crimeTypeId('Anti-social behaviour')} then null else value end as outcome, crimes
      from ${unnestedLsoaMonths('outcomes', filter)} as o
    ) as rows
    group by outcome
    order by crimes desc, outcome nulls last`.execute(trx);
  return result.rows;
}

/** The boundaries (GeoJSON) of the LSOAs, by code. */
export async function lsoaBoundaries(trx: Trx, codes: readonly string[]): Promise<Map<string, unknown>> {
  if (codes.length === 0) return new Map();
  const rows = await trx
    .selectFrom('geo_lsoas')
    .select(['code', 'boundary'])
    .where('code', '=', anyOf(codes))
    .where('boundary', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.code, r.boundary]));
}

interface OutcomeTypeRow {
  outcome_type: string;
  outcomes: number;
}

export interface OutcomeCountRow {
  month: string;
  lsoa_code: string;
  outcome_type: string;
  outcomes: number;
}

export interface StopSearchCountRow {
  month: string;
  longitude: number | null;
  latitude: number | null;
  object_of_search: string;
  outcome: string;
  legislation: string;
  searches: number;
}

type AreaMonths = Pick<CountFilter, 'lsoaCodes' | 'from' | 'to'>;

/** Outcomes recorded in the months given for crimes in the LSOAs given (outcomes files), by outcome type, most first. */
export async function outcomeTypeCounts(trx: Trx, filter: AreaMonths): Promise<OutcomeTypeRow[]> {
  if (filter.lsoaCodes.length === 0) return [];
  const result = await sql<OutcomeTypeRow>`select outcome_type, sum(outcomes)::int as outcomes
    from outcome_counts
    where lsoa_code = any(${textArray(filter.lsoaCodes)})
      and month >= ${firstDay(filter.from)}::date and month <= ${firstDay(filter.to)}::date
    group by outcome_type
    order by outcomes desc, outcome_type`.execute(trx);
  return result.rows;
}

/** The same outcomes by month, LSOA and outcome type, for the download. */
export async function outcomeCountsByMonthLsoa(trx: Trx, filter: AreaMonths): Promise<OutcomeCountRow[]> {
  if (filter.lsoaCodes.length === 0) return [];
  const result =
    await sql<OutcomeCountRow>`select to_char(month, 'YYYY-MM') as month, lsoa_code, outcome_type, sum(outcomes)::int as outcomes
    from outcome_counts
    where lsoa_code = any(${textArray(filter.lsoaCodes)})
      and month >= ${firstDay(filter.from)}::date and month <= ${firstDay(filter.to)}::date
    group by month, lsoa_code, outcome_type
    order by month, lsoa_code, outcome_type`.execute(trx);
  return result.rows;
}

/** Searches (stop-and-search files) at points within a box, in the months given, by place, object, outcome and legislation. */
export async function stopSearchCounts(
  trx: Trx,
  box: readonly [number, number, number, number],
  from: string,
  to: string,
): Promise<StopSearchCountRow[]> {
  const [west, south, east, north] = box;
  const result =
    await sql<StopSearchCountRow>`select to_char(month, 'YYYY-MM') as month, longitude, latitude, object_of_search, outcome, legislation,
      sum(searches)::int as searches
    from stop_search_counts
    where latitude between ${south} and ${north} and longitude between ${west} and ${east}
      and month >= ${firstDay(from)}::date and month <= ${firstDay(to)}::date
    group by month, longitude, latitude, object_of_search, outcome, legislation`.execute(trx);
  return result.rows;
}

/** The force-months with a file of this kind loaded, for the forces given. */
export async function loadedKindMonths(trx: Trx, kind: 'outcomes' | 'stop-and-search', forces: readonly string[]): Promise<ForceMonth[]> {
  if (forces.length === 0) return [];
  const result = await sql<ForceMonth>`select force, to_char(month, 'YYYY-MM') as month from police_files
    where kind = ${kind} and state = 'current' and force = any(${textArray(forces)})
    order by force, month`.execute(trx);
  return result.rows;
}
