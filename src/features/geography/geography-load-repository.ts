import { copyText, type BulkSession } from '../../platform/db/database.ts';
import type { LsoaBoundaryRecord, LsoaRecord, PopulationRecord, RuralUrbanRecord, WardRecord } from './geography-formats.ts';
import type { GeographyFileResult } from './geography-import.ts';

/**
 * The SQL of loading geography into the shared tables geo_lsoas and geo_wards, and of recording each
 * file's import with its rejected rows (geo_imports, geo_rejections). Every function runs in the
 * caller's Database.bulk() session, so a file is loaded and recorded in one transaction. Rows are
 * staged by COPY into a temporary table, then applied with one statement that changes only rows that
 * differ, so loading the same file again changes nothing.
 */

/** Rows added, and rows that were there and changed; the rest of those applied were unchanged. */
export interface Changes {
  inserted: number;
  updated: number;
}

type Value = string | number | null;

/** COPY rows into a temporary table that goes at the end of the transaction. */
async function stage(s: BulkSession, table: string, columns: string, rows: Value[][]): Promise<void> {
  await s.query(`create temporary table ${table} (${columns}) on commit drop`);
  if (rows.length === 0) return;
  const names = columns.split(',').map((c) => c.trim().split(/\s+/)[0]!);
  await s.copy(table, names, rows.map((r) => `${r.map(copyText).join('\t')}\n`).join(''));
}

/** Runs a statement that returns `(xmax = 0) as inserted` (or `false`) for each row it wrote. */
async function countChanges(s: BulkSession, text: string, params: unknown[] = []): Promise<Changes> {
  const rows = await s.query<{ inserted: boolean }>(text, params);
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
}

/** Codes of the LSOAs already loaded (of the given districts, when there are some). */
export async function loadedLsoaCodes(s: BulkSession, districts?: readonly string[]): Promise<Set<string>> {
  const rows = districts
    ? await s.query<{ code: string }>('select code from geo_lsoas where district_code = any($1)', [[...districts]])
    : await s.query<{ code: string }>('select code from geo_lsoas');
  return new Set(rows.map((r) => r.code));
}

/** The deprivation measures of IMD 2019 files 1 and 2, and the columns of geo_lsoas they fill. */
const MEASURE_COLUMNS = { imd: ['imd_rank', 'imd_decile'], crime: ['crime_rank', 'crime_decile'] } as const;
export type DeprivationMeasure = keyof typeof MEASURE_COLUMNS;

/** Adds or changes LSOAs with their name, district and the measure's rank and decile. */
export async function upsertLsoas(s: BulkSession, measure: DeprivationMeasure, rows: readonly LsoaRecord[]): Promise<Changes> {
  const [rank, decile] = MEASURE_COLUMNS[measure];
  await stage(
    s,
    'geo_stage_lsoas',
    'code text, name text, district_code text, district_name text, rank integer, decile smallint',
    rows.map((r) => [r.code, r.name, r.districtCode, r.districtName, r.rank, r.decile]),
  );
  return countChanges(
    s,
    `insert into geo_lsoas as g (code, name, district_code, district_name, ${rank}, ${decile})
     select code, name, district_code, district_name, rank, decile from geo_stage_lsoas
     on conflict (code) do update set name = excluded.name, district_code = excluded.district_code,
       district_name = excluded.district_name, ${rank} = excluded.${rank}, ${decile} = excluded.${decile}
     where (g.name, g.district_code, g.district_name, g.${rank}, g.${decile})
       is distinct from (excluded.name, excluded.district_code, excluded.district_name, excluded.${rank}, excluded.${decile})
     returning (xmax = 0) as inserted`,
  );
}

/** Sets columns of LSOAs that are loaded: `set` and `changed` compare geo_lsoas g with the staged row s. */
async function updateLsoas(
  s: BulkSession,
  how: { columns: string; rows: Value[][]; set: string; changed: string; params?: unknown[] },
): Promise<Changes> {
  await stage(s, 'geo_stage_update', how.columns, how.rows);
  return countChanges(
    s,
    `update geo_lsoas g set ${how.set} from geo_stage_update s where g.code = s.code and ${how.changed} returning false as inserted`,
    how.params,
  );
}

/** Sets the population of loaded LSOAs, as of a mid-year. */
export function setLsoaPopulation(s: BulkSession, rows: readonly PopulationRecord[], year: number): Promise<Changes> {
  return updateLsoas(s, {
    columns: 'code text, population integer',
    rows: rows.map((r) => [r.code, r.population]),
    set: 'population = s.population, population_year = $1::smallint',
    changed: '(g.population, g.population_year) is distinct from (s.population, $1::smallint)',
    params: [year],
  });
}

/** Sets the rural-urban class of loaded LSOAs. */
export function setLsoaRuralUrban(s: BulkSession, rows: readonly RuralUrbanRecord[]): Promise<Changes> {
  return updateLsoas(s, {
    columns: 'code text, ruc_code text, ruc_name text',
    rows: rows.map((r) => [r.code, r.rucCode, r.rucName]),
    set: 'ruc_code = s.ruc_code, ruc_name = s.ruc_name',
    changed: '(g.ruc_code, g.ruc_name) is distinct from (s.ruc_code, s.ruc_name)',
  });
}

/** Sets the boundary and centroid of loaded LSOAs. */
export function setLsoaBoundaries(s: BulkSession, rows: readonly LsoaBoundaryRecord[]): Promise<Changes> {
  return updateLsoas(s, {
    columns: 'code text, boundary jsonb, lon double precision, lat double precision',
    rows: rows.map((r) => [r.code, r.boundary, r.lon, r.lat]),
    set: 'boundary = s.boundary, centroid_lon = s.lon, centroid_lat = s.lat',
    changed: '(g.boundary, g.centroid_lon, g.centroid_lat) is distinct from (s.boundary, s.lon, s.lat)',
  });
}

/** Adds or changes the wards of a district, by ward code. */
export async function upsertWards(s: BulkSession, districtCode: string, rows: readonly WardRecord[]): Promise<Changes> {
  await stage(
    s,
    'geo_stage_wards',
    'code text, name text, boundary jsonb',
    rows.map((r) => [r.code, r.name, r.boundary]),
  );
  return countChanges(
    s,
    `insert into geo_wards as g (code, name, district_code, boundary)
     select code, name, $1, boundary from geo_stage_wards
     on conflict (code) do update set name = excluded.name, district_code = excluded.district_code, boundary = excluded.boundary
     where (g.name, g.district_code, g.boundary) is distinct from (excluded.name, excluded.district_code, excluded.boundary)
     returning (xmax = 0) as inserted`,
    [districtCode],
  );
}

/** Records a file's import with its totals and every rejected row; returns the import's id. */
export async function recordGeoImport(s: BulkSession, result: Omit<GeographyFileResult, 'importId' | 'seconds'>): Promise<number> {
  const [row] = await s.query<{ id: number }>(
    `insert into geo_imports (kind, file_name, unit, rows_total, rows_accepted, rows_rejected, rows_ignored, ignored_reason,
       rows_inserted, rows_updated, rows_unchanged)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      result.kind,
      result.file,
      result.unit,
      result.rows,
      result.accepted,
      result.rejected,
      result.ignored,
      result.ignoredReason,
      result.inserted,
      result.updated,
      result.unchanged,
    ],
  );
  const importId = row!.id;
  if (result.rejections.length > 0) {
    await s.copy(
      'geo_rejections',
      ['import_id', 'line', 'reason', 'raw'],
      result.rejections.map((r) => `${importId}\t${r.line}\t${copyText(r.reason)}\t${copyText(r.raw)}\n`).join(''),
    );
  }
  return importId;
}

export interface LsoaPlace {
  code: string;
  districtCode: string | null;
  /** The centroid; null until the LSOA has a boundary. */
  lon: number | null;
  lat: number | null;
  wardCode: string | null;
}

export interface WardBoundary {
  code: string;
  districtCode: string | null;
  /** As stored: GeoJSON, to be checked before use. */
  boundary: unknown;
}

const ofDistricts = (districts?: readonly string[]) =>
  districts ? { where: ' where district_code = any($1)', params: [[...districts]] } : { where: '', params: [] };

/** The LSOAs (of the given districts, or all) with their centroid and ward, by code. */
export function lsoaPlaces(s: BulkSession, districts?: readonly string[]): Promise<LsoaPlace[]> {
  const { where, params } = ofDistricts(districts);
  return s.query<LsoaPlace>(
    `select code, district_code as "districtCode", centroid_lon as lon, centroid_lat as lat, ward_code as "wardCode"
     from geo_lsoas${where} order by code`,
    params,
  );
}

/** The wards (of the given districts, or all) with their boundary, by code. */
export function wardBoundaries(s: BulkSession, districts?: readonly string[]): Promise<WardBoundary[]> {
  const { where, params } = ofDistricts(districts);
  return s.query<WardBoundary>(`select code, district_code as "districtCode", boundary from geo_wards${where} order by code`, params);
}

/** Gives LSOAs their ward: [LSOA code, ward code] pairs. */
export async function setLsoaWards(s: BulkSession, wards: readonly [string, string][]): Promise<void> {
  await stage(s, 'geo_stage_ward_lookup', 'code text, ward_code text', [...wards]);
  if (wards.length > 0) {
    await s.query('update geo_lsoas g set ward_code = s.ward_code from geo_stage_ward_lookup s where g.code = s.code');
  }
}

/** For each of the districts with LSOAs loaded, how many lack deprivation, population, class, boundary or ward. */
export function incompleteLsoasByDistrict(
  s: BulkSession,
  districts: readonly string[],
): Promise<{ districtCode: string; incomplete: number }[]> {
  return s.query<{ districtCode: string; incomplete: number }>(
    `select district_code as "districtCode", count(*) filter (where imd_decile is null or crime_decile is null or population is null
       or ruc_code is null or boundary is null or ward_code is null)::int as incomplete
     from geo_lsoas where district_code = any($1) group by district_code`,
    [[...districts]],
  );
}
