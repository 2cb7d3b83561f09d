import { stat } from 'node:fs/promises';
import path from 'node:path';
import { copyText, type BulkSession, type Database } from '../../platform/db/database.ts';
import { splitCsvLine as splitCsv } from '../../platform/csv.ts';
import { csvLines, findColumns, isTotalRow, parseCount, readText } from './csv.ts';
import {
  bbox,
  centroid,
  checkAreal,
  distanceKm,
  inBBox,
  pointInAreal,
  readFeatures,
  stringProperty,
  type ArealGeometry,
  type BBox,
  type Position,
} from './geojson.ts';

/**
 * Imports the geography of LSOAs and wards into the shared reference tables geo_lsoas and geo_wards:
 * LSOAs with their deprivation (IMD 2019 file 1) and crime domain (file 2), mid-year population, rural-urban
 * class and boundary; wards with their boundary; and each LSOA's ward, found by location.
 *
 * Each file is read and checked row by row first, then loaded in one transaction (Database.bulk) by
 * upsert on the code, so loading the same file again changes nothing. Every row is either accepted or
 * rejected with its line (CSV) or feature number (GeoJSON, TopoJSON) and the reason.
 */

/** The local authority districts of the Kent Police area: the 12 Kent districts and Medway. */
export const KENT_POLICE_DISTRICTS = [
  'E07000105', 'E07000106', 'E07000107', 'E07000108', 'E07000109', 'E07000110',
  'E07000111', 'E07000112', 'E07000113', 'E07000114', 'E07000115', 'E07000116', 'E06000035',
] as const;

export const GEOGRAPHY_KINDS = ['lsoas-imd', 'lsoas-crime-domain', 'population', 'rural-urban', 'lsoa-boundaries', 'wards'] as const;
export type GeographyKind = (typeof GEOGRAPHY_KINDS)[number];

export const DISTRICT_CODE = /^[EW]0[6-9]\d{6}$/;
const LSOA_CODE = /^[EW]01\d{6}$/;
const WARD_CODE = /^[EW]05\d{6}$/;
/** Any area code: population files also list Scottish data zones and Northern Irish small areas. */
const ANY_AREA_CODE = /^[A-Za-z0-9]{1,12}$/;

/** A file that cannot be imported at all: missing, unreadable, or not the kind of file expected. */
export class GeographyFileError extends Error {}

export interface GeoRejection {
  /** The line of a CSV file, or the 1-based feature number of a GeoJSON or TopoJSON file. */
  line: number;
  reason: string;
  raw: string;
}

export interface GeographyFileResult {
  /** The geography import recorded for this file, with its rejected rows (geo_imports, geo_rejections). */
  importId: number;
  kind: GeographyKind;
  file: string;
  /** What GeoRejection.line counts. */
  unit: 'line' | 'feature';
  /** Data rows (or features) read: accepted + rejected. Header, blank lines and a total row are not rows. */
  rows: number;
  accepted: number;
  rejected: number;
  /** Accepted rows that were not applied: ignored + inserted + updated + unchanged = accepted. */
  ignored: number;
  /** Why they were not applied: outside the chosen districts, or not in the loaded LSOAs. */
  ignoredReason: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejections: GeoRejection[];
  seconds: number;
}

export interface WardLookupResult {
  /** LSOAs considered (those of the chosen districts, or all). */
  lsoas: number;
  /** Whose centroid lies in one of their district's wards. */
  contained: number;
  /** Given the ward of their district whose centroid is nearest. */
  nearest: number;
  /** Not given a ward: no boundary (so no centroid) yet, or no wards loaded for their district. */
  withoutBoundary: number;
  withoutWards: number;
  /** LSOAs whose ward changed. */
  changed: number;
  seconds: number;
}

export interface ImportOptions {
  /** Only LSOAs (and wards) of these local authority districts; all when absent. */
  districts?: readonly string[];
}

interface Row {
  line: number;
  code: string;
}

interface Parsed<T extends Row> {
  unit: 'line' | 'feature';
  rows: number;
  records: T[];
  rejections: GeoRejection[];
}

// ---------------------------------------------------------------------------------------------
// Reading and checking rows

async function readFileText(file: string): Promise<string> {
  try {
    return await readText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GeographyFileError(`${file}: no such file`);
    if (code === 'EISDIR') throw new GeographyFileError(`${file} is a folder, not a file`);
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') throw new GeographyFileError(`${file} is not a readable gzip file`);
    throw error;
  }
}

/**
 * Reads a CSV file whose first line is a header with the wanted columns (found by name), and turns
 * each further line into a record or a rejection. Blank lines and a trailing total row are skipped; an
 * area code given twice is rejected the second time.
 */
async function parseCsvFile<K extends string, T extends Row>(
  file: string,
  what: string,
  columns: Record<K, readonly string[]>,
  toRecord: (get: (key: K) => string, line: number) => T | string,
): Promise<Parsed<T>> {
  const text = await readFileText(file);
  const records: T[] = [];
  const rejections: GeoRejection[] = [];
  const seen = new Map<string, number>();
  let index: Record<K, number> | undefined;
  let width = 0;
  let rows = 0;
  for (const { line, text: raw } of csvLines(text)) {
    if (!index) {
      const header = splitCsv(raw);
      const found = Array.isArray(header) ? findColumns(header, columns) : null;
      if (!found || !found.ok) {
        const missing = found ? found.missing.map((m) => `"${m}"`).join(', ') : 'a readable header';
        throw new GeographyFileError(`${file} is not ${what}: its first line should be a header with the columns ${missing}`);
      }
      index = found.index;
      width = (header as string[]).length;
      continue;
    }
    if (raw.trim() === '') continue;
    const fields = splitCsv(raw);
    if (Array.isArray(fields) && isTotalRow(fields)) continue;
    rows++;
    const reject = (reason: string) => rejections.push({ line, reason, raw: raw.slice(0, 500) });
    if (!Array.isArray(fields)) {
      reject(fields.error);
      continue;
    }
    if (fields.length !== width) {
      reject(`expected ${width} fields, as in the header, but found ${fields.length}`);
      continue;
    }
    const at = index;
    const record = toRecord((key) => fields[at[key]]!.trim(), line);
    if (typeof record === 'string') {
      reject(record);
      continue;
    }
    const first = seen.get(record.code);
    if (first !== undefined) {
      reject(`${record.code} is given again (first on line ${first})`);
      continue;
    }
    seen.set(record.code, line);
    records.push(record);
  }
  if (!index) throw new GeographyFileError(`${file} is empty; it should be ${what}`);
  return { unit: 'line', rows, records, rejections };
}

/** Reads a GeoJSON or TopoJSON file and turns each feature into a record or a rejection. */
async function parseBoundaryFile<T extends Row>(
  file: string,
  toRecord: (properties: Record<string, unknown>, geometry: ArealGeometry) => Omit<T, 'line'> | string,
): Promise<Parsed<T>> {
  const text = await readFileText(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GeographyFileError(`${file} is not GeoJSON or TopoJSON: it is not valid JSON (${(error as Error).message})`);
  }
  const features = readFeatures(json);
  if (!Array.isArray(features)) throw new GeographyFileError(`${file} is not GeoJSON or TopoJSON: ${features.error}`);
  const records: T[] = [];
  const rejections: GeoRejection[] = [];
  const seen = new Map<string, number>();
  for (const feature of features) {
    const raw = JSON.stringify(feature.properties).slice(0, 500);
    const reject = (reason: string) => rejections.push({ line: feature.index, reason, raw });
    if (feature.error) {
      reject(feature.error);
      continue;
    }
    const geometry = checkAreal(feature.geometry);
    if (!geometry.ok) {
      reject(geometry.reason);
      continue;
    }
    const record = toRecord(feature.properties, geometry.geometry);
    if (typeof record === 'string') {
      reject(record);
      continue;
    }
    const first = seen.get(record.code);
    if (first !== undefined) {
      reject(`${record.code} is given again (first as feature ${first})`);
      continue;
    }
    seen.set(record.code, feature.index);
    records.push({ ...record, line: feature.index } as T);
  }
  return { unit: 'feature', rows: features.length, records, rejections };
}

function checkRank(value: string, what: string): number | string {
  const n = parseCount(value);
  return n !== null && n >= 1 ? n : `${what} "${value}" is not a whole number of 1 or more`;
}

function checkDecile(value: string, what: string): number | string {
  const n = parseCount(value);
  return n !== null && n >= 1 && n <= 10 ? n : `${what} "${value}" is not a whole number from 1 to 10`;
}

interface LsoaRecord extends Row {
  name: string;
  districtCode: string;
  districtName: string;
  rank: number;
  decile: number;
}

/** IMD 2019 file 1 and file 2 share their first four columns; `measure` names the rank and decile read. */
function parseLsoaFile(file: string, what: string, rank: readonly string[], decile: readonly string[], measure: string) {
  return parseCsvFile<'code' | 'name' | 'districtCode' | 'districtName' | 'rank' | 'decile', LsoaRecord>(
    file,
    what,
    {
      code: ['LSOA code'],
      name: ['LSOA name'],
      districtCode: ['Local Authority District code'],
      districtName: ['Local Authority District name'],
      rank,
      decile,
    },
    (get, line) => {
      const code = get('code');
      if (!LSOA_CODE.test(code)) return `LSOA code "${code}" is not an LSOA code like E01024320`;
      const name = get('name');
      if (name === '') return 'the LSOA name is empty';
      const districtCode = get('districtCode');
      if (!DISTRICT_CODE.test(districtCode)) return `district code "${districtCode}" is not a local authority district code like E07000110`;
      const districtName = get('districtName');
      if (districtName === '') return 'the district name is empty';
      const r = checkRank(get('rank'), `${measure} rank`);
      if (typeof r === 'string') return r;
      const d = checkDecile(get('decile'), `${measure} decile`);
      if (typeof d === 'string') return d;
      return { line, code, name, districtCode, districtName, rank: r, decile: d };
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Loading

function emptyResult(kind: GeographyKind, file: string, parsed: Parsed<Row>, started: number): GeographyFileResult {
  return {
    importId: 0,
    kind,
    file,
    unit: parsed.unit,
    rows: parsed.rows,
    accepted: parsed.records.length,
    rejected: parsed.rejections.length,
    ignored: 0,
    ignoredReason: null,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejections: parsed.rejections,
    seconds: (Date.now() - started) / 1000,
  };
}

const districtFilter = (options: ImportOptions) => (options.districts ? new Set(options.districts) : null);

/** Codes of the LSOAs already loaded (of the chosen districts, when there is a choice). */
async function loadedLsoaCodes(s: BulkSession, options: ImportOptions): Promise<Set<string>> {
  const rows = options.districts
    ? await s.query<{ code: string }>('select code from geo_lsoas where district_code = any($1)', [[...options.districts]])
    : await s.query<{ code: string }>('select code from geo_lsoas');
  return new Set(rows.map((r) => r.code));
}

const notLoaded = (options: ImportOptions) =>
  options.districts ? 'not in the loaded LSOAs of the chosen districts' : 'not in the loaded LSOAs';

/** COPY rows into a temporary table that goes at the end of the transaction. */
async function stage(s: BulkSession, table: string, columns: string, rows: (string | number | null)[][]): Promise<void> {
  await s.query(`create temporary table ${table} (${columns}) on commit drop`);
  if (rows.length === 0) return;
  const names = columns.split(',').map((c) => c.trim().split(/\s+/)[0]!);
  await s.copy(table, names, rows.map((r) => `${r.map(copyText).join('\t')}\n`).join(''));
}

/** Imports LSOAs with their Index of Multiple Deprivation rank and decile from IMD 2019 file 1. */
export async function importLsoasImd(db: Database, file: string, options: ImportOptions = {}): Promise<GeographyFileResult> {
  const started = Date.now();
  const parsed = await parseLsoaFile(
    file,
    'English Indices of Deprivation 2019 file 1 (Index of Multiple Deprivation)',
    ['Index of Multiple Deprivation (IMD) Rank'],
    ['Index of Multiple Deprivation (IMD) Decile'],
    'IMD',
  );
  return upsertLsoas(db, 'lsoas-imd', file, parsed, options, started, ['imd_rank', 'imd_decile']);
}

/** Imports LSOAs with their crime domain rank and decile from IMD 2019 file 2 (domains of deprivation). */
export async function importLsoasCrimeDomain(db: Database, file: string, options: ImportOptions = {}): Promise<GeographyFileResult> {
  const started = Date.now();
  const parsed = await parseLsoaFile(
    file,
    'English Indices of Deprivation 2019 file 2 (domains of deprivation)',
    ['Crime Rank'],
    ['Crime Decile'],
    'crime domain',
  );
  return upsertLsoas(db, 'lsoas-crime-domain', file, parsed, options, started, ['crime_rank', 'crime_decile']);
}

async function upsertLsoas(
  db: Database,
  kind: GeographyKind,
  file: string,
  parsed: Parsed<LsoaRecord>,
  options: ImportOptions,
  started: number,
  [rankColumn, decileColumn]: ['imd_rank', 'imd_decile'] | ['crime_rank', 'crime_decile'],
): Promise<GeographyFileResult> {
  const result = emptyResult(kind, file, parsed, started);
  const filter = districtFilter(options);
  const chosen = filter ? parsed.records.filter((r) => filter.has(r.districtCode)) : parsed.records;
  result.ignored = parsed.records.length - chosen.length;
  result.ignoredReason = result.ignored > 0 ? 'outside the chosen districts' : null;
  return db.bulk(async (s) => {
    await stage(
      s,
      'geo_stage_lsoas',
      'code text, name text, district_code text, district_name text, rank integer, decile smallint',
      chosen.map((r) => [r.code, r.name, r.districtCode, r.districtName, r.rank, r.decile]),
    );
    const changes = await s.query<{ inserted: boolean }>(
      `insert into geo_lsoas as g (code, name, district_code, district_name, ${rankColumn}, ${decileColumn})
       select code, name, district_code, district_name, rank, decile from geo_stage_lsoas
       on conflict (code) do update set name = excluded.name, district_code = excluded.district_code,
         district_name = excluded.district_name, ${rankColumn} = excluded.${rankColumn}, ${decileColumn} = excluded.${decileColumn}
       where (g.name, g.district_code, g.district_name, g.${rankColumn}, g.${decileColumn})
         is distinct from (excluded.name, excluded.district_code, excluded.district_name, excluded.${rankColumn}, excluded.${decileColumn})
       returning (xmax = 0) as inserted`,
    );
    return finish(s, result, chosen.length, changes, started);
  });
}

/**
 * Completes a file's result with what changed, and records the import with its rejected rows, in
 * the transaction that loaded the file.
 */
async function finish(
  s: BulkSession,
  result: GeographyFileResult,
  applied: number,
  changes: { inserted: boolean }[],
  started: number,
): Promise<GeographyFileResult> {
  result.inserted = changes.filter((c) => c.inserted).length;
  result.updated = changes.length - result.inserted;
  result.unchanged = applied - changes.length;
  result.seconds = (Date.now() - started) / 1000;
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
  result.importId = row!.id;
  if (result.rejections.length > 0) {
    await s.copy(
      'geo_rejections',
      ['import_id', 'line', 'reason', 'raw'],
      result.rejections.map((r) => `${result.importId}\t${r.line}\t${copyText(r.reason)}\t${copyText(r.raw)}\n`).join(''),
    );
  }
  return result;
}

/**
 * Sets the population of the loaded LSOAs from a `lsoa,pop` file (ONS mid-year estimates). Codes of
 * LSOAs not loaded (other districts, Wales, Scotland, Northern Ireland) are counted, not rejected.
 */
export async function importPopulation(
  db: Database,
  file: string,
  options: ImportOptions & { year?: number } = {},
): Promise<GeographyFileResult> {
  const started = Date.now();
  const year = options.year ?? 2019;
  const parsed = await parseCsvFile<'code' | 'population', Row & { population: number }>(
    file,
    'a population file',
    { code: ['lsoa', 'lsoa code', 'lsoa11cd'], population: ['pop', 'population', 'all ages'] },
    (get, line) => {
      const code = get('code');
      if (!ANY_AREA_CODE.test(code)) return `area code "${code}" is not a code like E01024320`;
      const population = parseCount(get('population'));
      if (population === null) return `population "${get('population')}" is not a whole number`;
      return { line, code, population };
    },
  );
  return updateLoaded(db, 'population', file, parsed, options, started, {
    columns: 'code text, population integer',
    values: (r) => [r.code, r.population],
    set: `population = s.population, population_year = ${Number(year)}`,
    changed: `(g.population, g.population_year) is distinct from (s.population, ${Number(year)}::smallint)`,
  });
}

/** Sets the 2011 rural-urban class of the loaded LSOAs (columns lsoa, RUC11CD, RUC11). */
export async function importRuralUrban(db: Database, file: string, options: ImportOptions = {}): Promise<GeographyFileResult> {
  const started = Date.now();
  const parsed = await parseCsvFile<'code' | 'rucCode' | 'rucName', Row & { rucCode: string; rucName: string }>(
    file,
    'a rural-urban classification file',
    { code: ['lsoa', 'lsoa11cd', 'lsoa code'], rucCode: ['RUC11CD'], rucName: ['RUC11'] },
    (get, line) => {
      const code = get('code');
      if (!LSOA_CODE.test(code)) return `LSOA code "${code}" is not an LSOA code like E01024320`;
      const rucCode = get('rucCode');
      if (!/^[A-F][12]$/.test(rucCode)) return `rural-urban class code "${rucCode}" is not a code from A1 to F2`;
      const rucName = get('rucName');
      if (rucName === '') return 'the rural-urban class name is empty';
      return { line, code, rucCode, rucName };
    },
  );
  return updateLoaded(db, 'rural-urban', file, parsed, options, started, {
    columns: 'code text, ruc_code text, ruc_name text',
    values: (r) => [r.code, r.rucCode, r.rucName],
    set: 'ruc_code = s.ruc_code, ruc_name = s.ruc_name',
    changed: '(g.ruc_code, g.ruc_name) is distinct from (s.ruc_code, s.ruc_name)',
  });
}

/** Sets the boundary (GeoJSON or TopoJSON, properties LSOA11CD and LSOA11NM) and centroid of the loaded LSOAs. */
export async function importLsoaBoundaries(db: Database, file: string, options: ImportOptions = {}): Promise<GeographyFileResult> {
  const started = Date.now();
  const parsed = await parseBoundaryFile<Row & { boundary: string; lon: number; lat: number }>(file, (properties, geometry) => {
    const code = stringProperty(properties, /^lsoa\d\dcd$/i);
    if (!code) return 'it has no LSOA11CD property';
    if (!LSOA_CODE.test(code)) return `LSOA code "${code}" is not an LSOA code like E01024320`;
    const [lon, lat] = centroid(geometry);
    return { code, boundary: JSON.stringify(geometry), lon, lat };
  });
  return updateLoaded(db, 'lsoa-boundaries', file, parsed, options, started, {
    columns: 'code text, boundary jsonb, lon double precision, lat double precision',
    values: (r) => [r.code, r.boundary, r.lon, r.lat],
    set: 'boundary = s.boundary, centroid_lon = s.lon, centroid_lat = s.lat',
    changed: '(g.boundary, g.centroid_lon, g.centroid_lat) is distinct from (s.boundary, s.lon, s.lat)',
  });
}

/** Updates columns of LSOAs already loaded; rows for other codes are counted as ignored. */
async function updateLoaded<T extends Row>(
  db: Database,
  kind: GeographyKind,
  file: string,
  parsed: Parsed<T>,
  options: ImportOptions,
  started: number,
  how: { columns: string; values: (r: T) => (string | number | null)[]; set: string; changed: string },
): Promise<GeographyFileResult> {
  const result = emptyResult(kind, file, parsed, started);
  return db.bulk(async (s) => {
    const loaded = await loadedLsoaCodes(s, options);
    const chosen = parsed.records.filter((r) => loaded.has(r.code));
    await stage(s, 'geo_stage_update', how.columns, chosen.map(how.values));
    const changes = await s.query<{ inserted: boolean }>(
      `update geo_lsoas g set ${how.set} from geo_stage_update s where g.code = s.code and ${how.changed} returning false as inserted`,
    );
    result.ignored = parsed.records.length - chosen.length;
    result.ignoredReason = result.ignored > 0 ? notLoaded(options) : null;
    return finish(s, result, chosen.length, changes, started);
  });
}

/** The district a boundary file is for, from a name like E07000110.json or topo_E07000110.json. */
export function districtFromFileName(file: string): string | null {
  const match = /^(?:topo_)?([EW]0[6-9]\d{6})\.(?:geo|topo)?json$/i.exec(path.basename(file));
  return match ? match[1]!.toUpperCase() : null;
}

/**
 * Imports the wards of one district (GeoJSON or TopoJSON, properties WD13CD and WD13NM), by upsert
 * on the ward code. The district is options.districtCode, or else read from the file name.
 */
export async function importWards(
  db: Database,
  file: string,
  options: ImportOptions & { districtCode?: string } = {},
): Promise<GeographyFileResult> {
  const started = Date.now();
  const districtCode = options.districtCode ?? districtFromFileName(file);
  if (!districtCode || !DISTRICT_CODE.test(districtCode)) {
    throw new GeographyFileError(
      `${file}: cannot tell which district these wards are in; name the file after the district code (E07000110.json) or give one district code`,
    );
  }
  const parsed = await parseBoundaryFile<Row & { name: string; boundary: string }>(file, (properties, geometry) => {
    const code = stringProperty(properties, /^wd\d\dcd$/i);
    if (!code) return 'it has no WD13CD property';
    if (!WARD_CODE.test(code)) return `ward code "${code}" is not a ward code like E05004982`;
    const name = stringProperty(properties, /^wd\d\dnm$/i);
    if (!name) return 'it has no WD13NM property (the ward name)';
    return { code, name, boundary: JSON.stringify(geometry) };
  });
  const result = emptyResult('wards', file, parsed, started);
  const filter = districtFilter(options);
  const chosen = filter && !filter.has(districtCode) ? [] : parsed.records;
  result.ignored = parsed.records.length - chosen.length;
  result.ignoredReason = result.ignored > 0 ? 'outside the chosen districts' : null;
  return db.bulk(async (s) => {
    await stage(s, 'geo_stage_wards', 'code text, name text, boundary jsonb', chosen.map((r) => [r.code, r.name, r.boundary]));
    const changes = await s.query<{ inserted: boolean }>(
      `insert into geo_wards as g (code, name, district_code, boundary)
       select code, name, $1, boundary from geo_stage_wards
       on conflict (code) do update set name = excluded.name, district_code = excluded.district_code, boundary = excluded.boundary
       where (g.name, g.district_code, g.boundary) is distinct from (excluded.name, excluded.district_code, excluded.boundary)
       returning (xmax = 0) as inserted`,
      [districtCode],
    );
    return finish(s, result, chosen.length, changes, started);
  });
}

interface WardShape {
  code: string;
  geometry: ArealGeometry;
  box: BBox;
  centre: Position;
}

/**
 * Gives each LSOA with a centroid its ward: the ward of its district whose boundary contains the
 * LSOA's centroid, or failing that the ward of its district with the nearest centroid. LSOAs of
 * districts with no wards loaded are left as they are. One transaction.
 */
export async function assignWards(db: Database, options: ImportOptions = {}): Promise<WardLookupResult> {
  const started = Date.now();
  return db.bulk(async (s) => {
    const where = options.districts ? ' where district_code = any($1)' : '';
    const params = options.districts ? [[...options.districts]] : [];
    const lsoas = await s.query<{ code: string; district_code: string | null; lon: number | null; lat: number | null; ward_code: string | null }>(
      `select code, district_code, centroid_lon as lon, centroid_lat as lat, ward_code from geo_lsoas${where} order by code`,
      params,
    );
    const wards = await s.query<{ code: string; district_code: string | null; boundary: unknown }>(
      `select code, district_code, boundary from geo_wards${where} order by code`,
      params,
    );
    const byDistrict = new Map<string, WardShape[]>();
    const all: WardShape[] = [];
    for (const w of wards) {
      const checked = checkAreal(w.boundary);
      if (!checked.ok) continue;
      const shape = { code: w.code, geometry: checked.geometry, box: bbox(checked.geometry), centre: centroid(checked.geometry) };
      all.push(shape);
      const key = w.district_code ?? '';
      byDistrict.set(key, [...(byDistrict.get(key) ?? []), shape]);
    }
    const result: WardLookupResult = { lsoas: lsoas.length, contained: 0, nearest: 0, withoutBoundary: 0, withoutWards: 0, changed: 0, seconds: 0 };
    const changes: [string, string][] = [];
    for (const lsoa of lsoas) {
      if (lsoa.lon === null || lsoa.lat === null) {
        result.withoutBoundary++;
        continue;
      }
      const candidates = lsoa.district_code ? (byDistrict.get(lsoa.district_code) ?? []) : all;
      if (candidates.length === 0) {
        result.withoutWards++;
        continue;
      }
      const point: Position = [lsoa.lon, lsoa.lat];
      let ward = candidates.find((w) => inBBox(point, w.box) && pointInAreal(point, w.geometry));
      if (ward) result.contained++;
      else {
        ward = candidates.reduce((best, w) => (distanceKm(point, w.centre) < distanceKm(point, best.centre) ? w : best));
        result.nearest++;
      }
      if (ward.code !== lsoa.ward_code) changes.push([lsoa.code, ward.code]);
    }
    await stage(s, 'geo_stage_ward_lookup', 'code text, ward_code text', changes);
    if (changes.length > 0) {
      await s.query('update geo_lsoas g set ward_code = s.ward_code from geo_stage_ward_lookup s where g.code = s.code');
    }
    result.changed = changes.length;
    result.seconds = (Date.now() - started) / 1000;
    return result;
  });
}

/** One geography file of the given kind, as the command line names them. */
export function importGeographyFile(
  db: Database,
  kind: GeographyKind,
  file: string,
  options: ImportOptions & { districtCode?: string } = {},
): Promise<GeographyFileResult> {
  switch (kind) {
    case 'lsoas-imd':
      return importLsoasImd(db, file, options);
    case 'lsoas-crime-domain':
      return importLsoasCrimeDomain(db, file, options);
    case 'population':
      return importPopulation(db, file, options);
    case 'rural-urban':
      return importRuralUrban(db, file, options);
    case 'lsoa-boundaries':
      return importLsoaBoundaries(db, file, options);
    case 'wards':
      return importWards(db, file, options);
  }
}

// ---------------------------------------------------------------------------------------------
// A folder laid out like open-data/

export interface BundleResult {
  districts: string[];
  files: GeographyFileResult[];
  wards: WardLookupResult;
  seconds: number;
}

async function firstExisting(folder: string, candidates: string[]): Promise<string | null> {
  for (const candidate of candidates) {
    const full = path.join(folder, candidate);
    if (await stat(full).then((s) => s.isFile(), () => false)) return full;
  }
  return null;
}

/** The files of a bundle, in the order they load, for the given districts; missing ones are an error. */
export async function bundleFiles(folder: string, districts: readonly string[]): Promise<{ kind: GeographyKind; file: string }[]> {
  const wanted: { kind: GeographyKind; candidates: string[] }[] = [
    { kind: 'lsoas-imd', candidates: ['imd/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz', 'imd/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv'] },
    { kind: 'lsoas-crime-domain', candidates: ['imd/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz', 'imd/File_2_-_IoD2019_Domains_of_Deprivation.csv'] },
    { kind: 'population', candidates: ['population/2019_population.csv', 'population/2019_population.csv.gz'] },
    { kind: 'rural-urban', candidates: ['rural-urban/ruc_2011.csv', 'rural-urban/ruc_2011.csv.gz'] },
    ...districts.map((d) => ({ kind: 'lsoa-boundaries' as const, candidates: [`boundaries/lsoa_by_lad/${d}.json`] })),
    ...districts.map((d) => ({ kind: 'wards' as const, candidates: [`boundaries/wards_by_lad/${d}.json`] })),
  ];
  const found: { kind: GeographyKind; file: string }[] = [];
  const missing: string[] = [];
  for (const w of wanted) {
    const file = await firstExisting(folder, w.candidates);
    if (file) found.push({ kind: w.kind, file });
    else missing.push(w.candidates[0]!);
  }
  if (missing.length > 0) {
    const listed = missing.length > 6 ? [...missing.slice(0, 5), `and ${missing.length - 5} more`] : missing;
    throw new GeographyFileError(
      `${folder} is missing ${missing.length === 1 ? 'a file' : 'files'} of the geography bundle (is it laid out like open-data/?): ${listed.join(', ')}`,
    );
  }
  return found;
}

/**
 * Loads the geography of the given districts (the Kent Police area unless told otherwise) from a
 * folder laid out like open-data/: LSOAs and deprivation, crime domain, population, rural-urban class,
 * LSOA boundaries, wards, then each LSOA's ward. Each file is its own transaction.
 */
export async function importGeographyBundle(
  db: Database,
  folder: string,
  options: { districts?: readonly string[]; onFile?: (result: GeographyFileResult) => void } = {},
): Promise<BundleResult> {
  const started = Date.now();
  const districts = [...(options.districts ?? KENT_POLICE_DISTRICTS)];
  const files = await bundleFiles(folder, districts);
  const results: GeographyFileResult[] = [];
  for (const { kind, file } of files) {
    const result = await importGeographyFile(db, kind, file, { districts });
    options.onFile?.(result);
    results.push(result);
  }
  const wards = await assignWards(db, { districts });
  return { districts, files: results, wards, seconds: (Date.now() - started) / 1000 };
}

/** Whether every one of the districts has LSOAs with deprivation, population, class, boundary and ward. */
export async function geographyLoaded(db: Database, districts: readonly string[]): Promise<boolean> {
  const rows = await db.bulk((s) =>
    s.query<{ district_code: string; incomplete: number }>(
      `select district_code, count(*) filter (where imd_decile is null or crime_decile is null or population is null
         or ruc_code is null or boundary is null or ward_code is null)::int as incomplete
       from geo_lsoas where district_code = any($1) group by district_code`,
      [[...districts]],
    ),
  );
  return rows.length === new Set(districts).size && rows.every((r) => r.incomplete === 0);
}
