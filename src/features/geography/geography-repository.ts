import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { GeoWard } from '../../platform/db/schema.ts';
import type { ArealGeometry } from './geojson.ts';

/**
 * Reading the shared geography tables (geo_lsoas, geo_wards) for a partnership's area, given as its
 * local authority district codes. The application role may read these tables, so these work inside
 * Database.tenant() as well as system(). Geometry is GeoJSON in WGS84 longitude and latitude.
 */

export interface LsoaGeography {
  code: string;
  name: string;
  districtCode: string | null;
  districtName: string | null;
  population: number | null;
  populationYear: number | null;
  imdRank: number | null;
  /** 1 is the most deprived tenth of LSOAs in England. */
  imdDecile: number | null;
  crimeRank: number | null;
  crimeDecile: number | null;
  ruralUrbanCode: string | null;
  ruralUrbanName: string | null;
  wardCode: string | null;
  wardName: string | null;
  /** [longitude, latitude] */
  centroid: [number, number] | null;
  /** Only when asked for (boundaries are large). */
  boundary: ArealGeometry | null;
}

export interface WardGeography {
  code: string;
  name: string;
  districtCode: string | null;
  lsoas: number;
  /** The sum over its LSOAs; null when none of them has a population. */
  population: number | null;
  boundary: ArealGeometry | null;
}

export interface DistrictPopulation {
  districtCode: string;
  districtName: string | null;
  lsoas: number;
  lsoasWithPopulation: number;
  population: number;
  /** The mid-year of the estimates; null when none is loaded. */
  populationYear: number | null;
}

export interface PopulationTotals {
  districts: DistrictPopulation[];
  lsoas: number;
  population: number;
  populationYear: number | null;
}

/** The LSOAs of the districts, by code, with population, deprivation, class, ward and (if asked) boundary. */
export async function lsoasOfDistricts(
  trx: Trx,
  districtCodes: readonly string[],
  options: { boundaries?: boolean } = {},
): Promise<LsoaGeography[]> {
  if (districtCodes.length === 0) return [];
  const rows = await trx
    .selectFrom('geo_lsoas as l')
    .leftJoin('geo_wards as w', 'w.code', 'l.ward_code')
    .select([
      'l.code',
      'l.name',
      'l.district_code',
      'l.district_name',
      'l.population',
      'l.population_year',
      'l.imd_rank',
      'l.imd_decile',
      'l.crime_rank',
      'l.crime_decile',
      'l.ruc_code',
      'l.ruc_name',
      'l.ward_code',
      'w.name as ward_name',
      'l.centroid_lon',
      'l.centroid_lat',
    ])
    .$if(options.boundaries === true, (q) => q.select('l.boundary'))
    .where('l.district_code', 'in', districtCodes)
    .orderBy('l.code')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    districtCode: r.district_code,
    districtName: r.district_name,
    population: r.population,
    populationYear: r.population_year,
    imdRank: r.imd_rank,
    imdDecile: r.imd_decile,
    crimeRank: r.crime_rank,
    crimeDecile: r.crime_decile,
    ruralUrbanCode: r.ruc_code,
    ruralUrbanName: r.ruc_name,
    wardCode: r.ward_code,
    wardName: r.ward_name,
    centroid: r.centroid_lon !== null && r.centroid_lat !== null ? [r.centroid_lon, r.centroid_lat] : null,
    boundary: r.boundary ?? null,
  }));
}

/** The wards of the districts, by name, with how many LSOAs and people are in each. */
export async function wardsOfDistricts(
  trx: Trx,
  districtCodes: readonly string[],
  options: { boundaries?: boolean } = {},
): Promise<WardGeography[]> {
  if (districtCodes.length === 0) return [];
  const { rows } = await sql<Pick<GeoWard, 'code' | 'name' | 'district_code' | 'boundary'> & { lsoas: number; population: number | null }>`
    select w.code, w.name, w.district_code,
      (select count(*)::int from geo_lsoas l where l.ward_code = w.code) as lsoas,
      (select sum(l.population)::int from geo_lsoas l where l.ward_code = w.code) as population,
      ${options.boundaries ? sql`w.boundary` : sql`null::jsonb`} as boundary
    from geo_wards w
    where w.district_code in (${sql.join(districtCodes)})
    order by w.name, w.code`.execute(trx);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    districtCode: r.district_code,
    lsoas: r.lsoas,
    population: r.population,
    boundary: r.boundary,
  }));
}

/** Population per district and in total, from the LSOAs loaded. */
export async function populationTotals(trx: Trx, districtCodes: readonly string[]): Promise<PopulationTotals> {
  if (districtCodes.length === 0) return { districts: [], lsoas: 0, population: 0, populationYear: null };
  const { rows } = await sql<{
    district_code: string;
    district_name: string | null;
    lsoas: number;
    lsoas_with_population: number;
    population: number;
    population_year: number | null;
  }>`
    select district_code, max(district_name) as district_name, count(*)::int as lsoas,
      count(population)::int as lsoas_with_population, coalesce(sum(population), 0)::int as population,
      max(population_year)::int as population_year
    from geo_lsoas
    where district_code in (${sql.join(districtCodes)})
    group by district_code
    order by district_code`.execute(trx);
  const districts = rows.map((r) => ({
    districtCode: r.district_code,
    districtName: r.district_name,
    lsoas: r.lsoas,
    lsoasWithPopulation: r.lsoas_with_population,
    population: r.population,
    populationYear: r.population_year,
  }));
  const years = districts.map((d) => d.populationYear).filter((y): y is number => y !== null);
  return {
    districts,
    lsoas: districts.reduce((n, d) => n + d.lsoas, 0),
    population: districts.reduce((n, d) => n + d.population, 0),
    populationYear: years.length > 0 ? Math.max(...years) : null,
  };
}
