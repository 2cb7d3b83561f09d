import path from 'node:path';
import type { BulkSession, Database } from '../../platform/db/database.ts';
import { countOf } from '../../platform/format.ts';
import { recordOperatorAuditInBulk } from '../audit/audit-repository.ts';
import type { GeoImportUnit } from '../../platform/db/schema.ts';
import type { GeoRejection, Parsed, Row } from './geography-file-reader.ts';
import {
  readCrimeDomainFile,
  readImdFile,
  readLsoaBoundaryFile,
  readPopulationFile,
  readRuralUrbanFile,
  readWardFile,
  type LsoaRecord,
} from './geography-formats.ts';
import { DISTRICT_CODE, districtFromFileName, GeographyFileError, type GeographyKind } from './geography-kinds.ts';
import {
  loadedLsoaCodes,
  recordGeoImport,
  setLsoaBoundaries,
  setLsoaPopulation,
  setLsoaRuralUrban,
  upsertLsoas,
  upsertWards,
  type Changes,
  type DeprivationMeasure,
} from './geography-load-repository.ts';

/**
 * Imports one geography file into the shared reference tables geo_lsoas and geo_wards: LSOAs with
 * their deprivation (IMD 2019 file 1) and crime domain (file 2), mid-year population, rural-urban
 * class and boundary; wards with their boundary.
 *
 * Each file is read and checked row by row first (geography-formats.ts), then loaded in one
 * transaction (Database.bulk) by upsert on the code, so loading the same file again changes nothing.
 * Every row is either accepted or rejected with its line (CSV) or feature number (GeoJSON, TopoJSON)
 * and the reason, and the import is recorded with its rejected rows in the same transaction.
 */

export interface GeographyFileResult {
  /** The geography import recorded for this file, with its rejected rows (geo_imports, geo_rejections). */
  importId: number;
  kind: GeographyKind;
  file: string;
  /** What GeoRejection.line counts. */
  unit: GeoImportUnit;
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

export interface ImportOptions {
  /** Only LSOAs (and wards) of these local authority districts; all when absent. */
  districts?: readonly string[];
  /** Who imports it, as every partnership's audit log names them (default: the command line). */
  importedBy?: string;
}

/** The geography import's result in words, as the audit log shows it. */
export function geographyImportResult(r: Omit<GeographyFileResult, 'importId' | 'seconds'>): string {
  const count = (n: number): string => n.toLocaleString('en-GB');
  const changed = `${count(r.inserted)} added, ${count(r.updated)} changed, ${count(r.unchanged)} unchanged`;
  const ignored = r.ignored > 0 ? `, ${count(r.ignored)} ignored (${r.ignoredReason ?? 'not chosen'})` : '';
  const accepted = countOf(r.accepted, r.unit === 'line' ? 'row' : 'feature');
  return `Read as ${r.kind}: ${accepted} accepted (${changed}${ignored}), ${count(r.rejected)} rejected`;
}

/** The mid-year of the ONS population estimates the population file holds. */
const POPULATION_YEAR = 2019;

const OUTSIDE_DISTRICTS = 'outside the chosen districts';

/**
 * Applies a file's chosen records in one transaction and records the import: `apply` writes them and
 * says what changed; the records left out are counted as ignored, for `ignoredReason`.
 */
async function load<T extends Row>(
  db: Database,
  kind: GeographyKind,
  file: string,
  parsed: Parsed<T>,
  started: number,
  importedBy: string | undefined,
  apply: (s: BulkSession) => Promise<{ chosen: number; ignoredReason: string; changes: Changes }>,
): Promise<GeographyFileResult> {
  return db.bulk(async (s) => {
    const { chosen, ignoredReason, changes } = await apply(s);
    const ignored = parsed.records.length - chosen;
    const result: Omit<GeographyFileResult, 'importId' | 'seconds'> = {
      kind,
      file,
      unit: parsed.unit,
      rows: parsed.rows,
      accepted: parsed.records.length,
      rejected: parsed.rejections.length,
      ignored,
      ignoredReason: ignored > 0 ? ignoredReason : null,
      inserted: changes.inserted,
      updated: changes.updated,
      unchanged: chosen - changes.inserted - changes.updated,
      rejections: parsed.rejections,
    };
    const importId = await recordGeoImport(s, result);
    // Shared data every partnership uses: the import is in every partnership's audit log, with the file's result.
    await recordOperatorAuditInBulk(s, importedBy ?? 'Safer command line', {
      action: 'geography_import.finished',
      subjectType: 'geography_import',
      subjectId: importId,
      details: { file: path.basename(file), kind, result: geographyImportResult(result) },
    });
    const seconds = (Date.now() - started) / 1000;
    return { importId, ...result, seconds };
  });
}

/** Adds or changes LSOAs of the chosen districts with one deprivation measure. */
function loadLsoas(
  db: Database,
  kind: GeographyKind,
  measure: DeprivationMeasure,
  file: string,
  parsed: Parsed<LsoaRecord>,
  options: ImportOptions,
  started: number,
): Promise<GeographyFileResult> {
  const filter = options.districts ? new Set(options.districts) : null;
  const chosen = filter ? parsed.records.filter((r) => filter.has(r.districtCode)) : parsed.records;
  return load(db, kind, file, parsed, started, options.importedBy, async (s) => ({
    chosen: chosen.length,
    ignoredReason: OUTSIDE_DISTRICTS,
    changes: await upsertLsoas(s, measure, chosen),
  }));
}

/** Updates LSOAs already loaded (of the chosen districts); rows for other codes are counted as ignored. */
function updateLoaded<T extends Row>(
  db: Database,
  kind: GeographyKind,
  file: string,
  parsed: Parsed<T>,
  options: ImportOptions,
  started: number,
  set: (s: BulkSession, rows: T[]) => Promise<Changes>,
): Promise<GeographyFileResult> {
  return load(db, kind, file, parsed, started, options.importedBy, async (s) => {
    const loaded = await loadedLsoaCodes(s, options.districts);
    const chosen = parsed.records.filter((r) => loaded.has(r.code));
    return {
      chosen: chosen.length,
      ignoredReason: options.districts ? 'not in the loaded LSOAs of the chosen districts' : 'not in the loaded LSOAs',
      changes: await set(s, chosen),
    };
  });
}

/** Imports LSOAs with their Index of Multiple Deprivation rank and decile from IMD 2019 file 1. */
export async function importLsoasImd(db: Database, file: string, options: ImportOptions = {}): Promise<GeographyFileResult> {
  const started = Date.now();
  return loadLsoas(db, 'lsoas-imd', 'imd', file, await readImdFile(file), options, started);
}

/** Imports LSOAs with their crime domain rank and decile from IMD 2019 file 2 (domains of deprivation). */
export async function importLsoasCrimeDomain(db: Database, file: string, options: ImportOptions = {}): Promise<GeographyFileResult> {
  const started = Date.now();
  return loadLsoas(db, 'lsoas-crime-domain', 'crime', file, await readCrimeDomainFile(file), options, started);
}

/**
 * Sets the population of the loaded LSOAs from a `lsoa,pop` file (ONS mid-year estimates). Codes of
 * LSOAs not loaded (other districts, Wales, Scotland, Northern Ireland) are counted, not rejected.
 */
export async function importPopulation(db: Database, file: string, options: ImportOptions = {}): Promise<GeographyFileResult> {
  const started = Date.now();
  const parsed = await readPopulationFile(file);
  return updateLoaded(db, 'population', file, parsed, options, started, (s, rows) => setLsoaPopulation(s, rows, POPULATION_YEAR));
}

/** Sets the 2011 rural-urban class of the loaded LSOAs (columns lsoa, RUC11CD, RUC11). */
export async function importRuralUrban(db: Database, file: string, options: ImportOptions = {}): Promise<GeographyFileResult> {
  const started = Date.now();
  return updateLoaded(db, 'rural-urban', file, await readRuralUrbanFile(file), options, started, setLsoaRuralUrban);
}

/** Sets the boundary (GeoJSON or TopoJSON, properties LSOA11CD and LSOA11NM) and centroid of the loaded LSOAs. */
export async function importLsoaBoundaries(db: Database, file: string, options: ImportOptions = {}): Promise<GeographyFileResult> {
  const started = Date.now();
  return updateLoaded(db, 'lsoa-boundaries', file, await readLsoaBoundaryFile(file), options, started, setLsoaBoundaries);
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
      `${file}: cannot tell which district these wards are in; ` +
        'name the file after the district code (E07000110.json) or give one district code',
    );
  }
  const parsed = await readWardFile(file);
  const chosen = options.districts && !options.districts.includes(districtCode) ? [] : parsed.records;
  return load(db, 'wards', file, parsed, started, options.importedBy, async (s) => ({
    chosen: chosen.length,
    ignoredReason: OUTSIDE_DISTRICTS,
    changes: await upsertWards(s, districtCode, chosen),
  }));
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
