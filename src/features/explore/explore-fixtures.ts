import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../platform/db/database.ts';
import { importPath } from '../crime-data/police-import-fixtures.ts';
import { splitCsvLine } from '../../platform/csv.ts';

/**
 * Test data for the explore feature, from the real open data shipped in open-data/: Maidstone's
 * 95 LSOAs (boundaries, mid-2019 population, rural-urban class, ward by centroid) and 26 wards, and
 * the five Kent street files. Used by the tests only.
 */

const OPEN_DATA = path.resolve(import.meta.dirname, '../../../open-data');
export const MAIDSTONE = 'E07000110';
export const KENT_STREET_FILES = path.join(OPEN_DATA, 'police-uk/street');

type Ring = number[][];
interface Feature {
  properties: Record<string, string | null>;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const outerRings = (g: Feature['geometry']): Ring[] => (g.type === 'Polygon' ? [g.coordinates[0]!] : g.coordinates.map((p) => p[0]!));

/** The area-weighted centroid of a geometry's outer rings, in longitude and latitude. */
export function centroid(g: Feature['geometry']): [number, number] {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const ring of outerRings(g)) {
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[i + 1]!;
      const cross = x0! * y1! - x1! * y0!;
      area += cross;
      cx += (x0! + x1!) * cross;
      cy += (y0! + y1!) * cross;
    }
  }
  return [cx / (3 * area), cy / (3 * area)];
}

function inRing(point: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > point[1] !== yj! > point[1] && point[0] < ((xj! - xi!) * (point[1] - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

const features = (file: string): Feature[] => (JSON.parse(readFileSync(file, 'utf8')) as { features: Feature[] }).features;

function csvColumns(file: string, key: number, value: number): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)) {
    const fields = splitCsvLine(line);
    if (Array.isArray(fields) && fields.length > Math.max(key, value)) map.set(fields[key]!, fields[value]!);
  }
  return map;
}

/** Loads Maidstone's LSOAs and wards into geo_lsoas and geo_wards, as the geography import would. */
export async function loadMaidstoneGeography(db: Database): Promise<{ lsoas: number; wards: number }> {
  const wards = features(path.join(OPEN_DATA, `boundaries/wards_by_lad/${MAIDSTONE}.json`));
  const lsoas = features(path.join(OPEN_DATA, `boundaries/lsoa_by_lad/${MAIDSTONE}.json`));
  const population = csvColumns(path.join(OPEN_DATA, 'population/2019_population.csv'), 0, 1);
  const ruc = csvColumns(path.join(OPEN_DATA, 'rural-urban/ruc_2011.csv'), 0, 3);
  const rucCodes = csvColumns(path.join(OPEN_DATA, 'rural-urban/ruc_2011.csv'), 0, 2);
  const wardRows = wards.map((w) => ({
    code: w.properties['WD13CD']!,
    name: w.properties['WD13NM']!,
    district_code: MAIDSTONE,
    boundary: w.geometry,
  }));
  const lsoaRows = lsoas.map((f) => {
    const code = f.properties['LSOA11CD']!;
    const [lon, lat] = centroid(f.geometry);
    const ward = wards.find((w) => outerRings(w.geometry).some((ring) => inRing([lon, lat], ring)));
    const pop = population.get(code);
    return {
      code,
      name: f.properties['LSOA11NM']!,
      district_code: MAIDSTONE,
      district_name: 'Maidstone',
      population: pop ? Number(pop.replaceAll(',', '')) : null,
      population_year: 2019,
      ruc_code: rucCodes.get(code) ?? null,
      ruc_name: ruc.get(code) ?? null,
      ward_code: ward?.properties['WD13CD'] ?? null,
      boundary: f.geometry,
      centroid_lon: lon,
      centroid_lat: lat,
    };
  });
  await db.bulk(async (s) => {
    await s.query(
      `insert into geo_wards (code, name, district_code, boundary)
       select code, name, district_code, boundary
       from jsonb_to_recordset($1::jsonb) as x(code text, name text, district_code text, boundary jsonb)`,
      [JSON.stringify(wardRows)],
    );
    await s.query(
      `insert into geo_lsoas (code, name, district_code, district_name, population, population_year,
         ruc_code, ruc_name, ward_code, boundary, centroid_lon, centroid_lat)
       select * from jsonb_to_recordset($1::jsonb) as x(code text, name text, district_code text, district_name text,
         population integer, population_year smallint, ruc_code text, ruc_name text, ward_code text, boundary jsonb,
         centroid_lon double precision, centroid_lat double precision)`,
      [JSON.stringify(lsoaRows)],
    );
  });
  return { lsoas: lsoaRows.length, wards: wardRows.length };
}

/** The rows of the five Kent street files, every one accepted: counted in an area, or not counted. */
export const KENT_STREET_ROWS = 75_735;

/** Imports the five Kent street files (2018-10 to 2019-02, 75,735 rows). */
export async function importKentStreetFiles(db: Database): Promise<void> {
  await importPath(db, KENT_STREET_FILES);
}

/** Sets a partnership's districts, as `safer partnership add --district` does. */
export async function setDistrictCodes(db: Database, partnershipId: number, codes: string[]): Promise<void> {
  await db.system((trx) => trx.updateTable('partnerships').set({ district_codes: codes }).where('id', '=', partnershipId).execute());
}

/** The synthetic outcomes and stop-and-search files (crime-data/fixtures/police-uk, 2018-10 and 2018-11; see its README). */
const SYNTHETIC_OTHER_FILES = path.resolve(import.meta.dirname, '../crime-data/fixtures/police-uk');

export async function importSyntheticOtherFiles(db: Database): Promise<void> {
  await importPath(db, SYNTHETIC_OTHER_FILES);
}
