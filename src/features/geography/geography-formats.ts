import { parseCount } from './csv.ts';
import { parseBoundaryFile, parseCsvFile, type Parsed, type Row } from './geography-file-reader.ts';
import { ANY_AREA_CODE, DISTRICT_CODE, LSOA_CODE, WARD_CODE } from './geography-kinds.ts';
import { centroid, stringProperty } from './geojson.ts';

/**
 * Each kind of geography file: the columns (or properties) it must have, and how each row (or
 * feature) is checked. Reading only; nothing here touches the database.
 */

export interface LsoaRecord extends Row {
  name: string;
  districtCode: string;
  districtName: string;
  rank: number;
  decile: number;
}

export interface PopulationRecord extends Row {
  population: number;
}

export interface RuralUrbanRecord extends Row {
  rucCode: string;
  rucName: string;
}

export interface LsoaBoundaryRecord extends Row {
  /** The checked geometry as GeoJSON text. */
  boundary: string;
  lon: number;
  lat: number;
}

export interface WardRecord extends Row {
  name: string;
  /** The checked geometry as GeoJSON text. */
  boundary: string;
}

const notAnLsoaCode = (code: string) => `LSOA code "${code}" is not an LSOA code like E01024320`;

function checkRank(value: string, what: string): number | string {
  const n = parseCount(value);
  return n !== null && n >= 1 ? n : `${what} "${value}" is not a whole number of 1 or more`;
}

function checkDecile(value: string, what: string): number | string {
  const n = parseCount(value);
  return n !== null && n >= 1 && n <= 10 ? n : `${what} "${value}" is not a whole number from 1 to 10`;
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
      if (!LSOA_CODE.test(code)) return notAnLsoaCode(code);
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

/** IMD 2019 file 1: each LSOA with its district and Index of Multiple Deprivation rank and decile. */
export function readImdFile(file: string): Promise<Parsed<LsoaRecord>> {
  return parseLsoaFile(
    file,
    'English Indices of Deprivation 2019 file 1 (Index of Multiple Deprivation)',
    ['Index of Multiple Deprivation (IMD) Rank'],
    ['Index of Multiple Deprivation (IMD) Decile'],
    'IMD',
  );
}

/** IMD 2019 file 2 (domains of deprivation): each LSOA with its district and crime domain rank and decile. */
export function readCrimeDomainFile(file: string): Promise<Parsed<LsoaRecord>> {
  return parseLsoaFile(
    file,
    'English Indices of Deprivation 2019 file 2 (domains of deprivation)',
    ['Crime Rank'],
    ['Crime Decile'],
    'crime domain',
  );
}

/** A `lsoa,pop` file of ONS mid-year estimates; codes of any area, not only LSOAs, are accepted. */
export function readPopulationFile(file: string): Promise<Parsed<PopulationRecord>> {
  return parseCsvFile<'code' | 'population', PopulationRecord>(
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
}

/** The 2011 rural-urban classification of LSOAs (columns lsoa, RUC11CD, RUC11). */
export function readRuralUrbanFile(file: string): Promise<Parsed<RuralUrbanRecord>> {
  return parseCsvFile<'code' | 'rucCode' | 'rucName', RuralUrbanRecord>(
    file,
    'a rural-urban classification file',
    { code: ['lsoa', 'lsoa11cd', 'lsoa code'], rucCode: ['RUC11CD'], rucName: ['RUC11'] },
    (get, line) => {
      const code = get('code');
      if (!LSOA_CODE.test(code)) return notAnLsoaCode(code);
      const rucCode = get('rucCode');
      if (!/^[A-F][12]$/.test(rucCode)) return `rural-urban class code "${rucCode}" is not a code from A1 to F2`;
      const rucName = get('rucName');
      if (rucName === '') return 'the rural-urban class name is empty';
      return { line, code, rucCode, rucName };
    },
  );
}

/** LSOA boundaries (GeoJSON or TopoJSON, property LSOA11CD), each with its centroid. */
export function readLsoaBoundaryFile(file: string): Promise<Parsed<LsoaBoundaryRecord>> {
  return parseBoundaryFile<LsoaBoundaryRecord>(file, (properties, geometry) => {
    const code = stringProperty(properties, /^lsoa\d\dcd$/i);
    if (!code) return 'it has no LSOA11CD property';
    if (!LSOA_CODE.test(code)) return notAnLsoaCode(code);
    const [lon, lat] = centroid(geometry);
    return { code, boundary: JSON.stringify(geometry), lon, lat };
  });
}

/** Ward boundaries (GeoJSON or TopoJSON, properties WD13CD and WD13NM). */
export function readWardFile(file: string): Promise<Parsed<WardRecord>> {
  return parseBoundaryFile<WardRecord>(file, (properties, geometry) => {
    const code = stringProperty(properties, /^wd\d\dcd$/i);
    if (!code) return 'it has no WD13CD property';
    if (!WARD_CODE.test(code)) return `ward code "${code}" is not a ward code like E05004982`;
    const name = stringProperty(properties, /^wd\d\dnm$/i);
    if (!name) return 'it has no WD13NM property (the ward name)';
    return { code, name, boundary: JSON.stringify(geometry) };
  });
}
