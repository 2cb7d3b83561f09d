import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../platform/db/database.ts';
import { importGeographyFile, type GeographyFileResult } from './geography-import.ts';
import { GeographyFileError, type GeographyKind } from './geography-kinds.ts';
import { incompleteLsoasByDistrict } from './geography-load-repository.ts';
import { assignWards, type WardLookupResult } from './geography-wards.ts';

/** A folder laid out like open-data/ (see open-data/README.md): every geography file of some districts. */

export interface BundleResult {
  districts: string[];
  files: GeographyFileResult[];
  wards: WardLookupResult;
  seconds: number;
}

/**
 * Where each kind of file lies in the folder: the first of its candidate paths that is a file. Each
 * may be gzipped or not; the form open-data/ ships comes first, and is the one named when missing.
 */
function bundleLayout(districts: readonly string[]): { kind: GeographyKind; candidates: string[] }[] {
  const gzFirst = (file: string) => [`${file}.gz`, file];
  const plainFirst = (file: string) => [file, `${file}.gz`];
  return [
    { kind: 'lsoas-imd', candidates: gzFirst('imd/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv') },
    { kind: 'lsoas-crime-domain', candidates: gzFirst('imd/File_2_-_IoD2019_Domains_of_Deprivation.csv') },
    { kind: 'population', candidates: plainFirst('population/2019_population.csv') },
    { kind: 'rural-urban', candidates: plainFirst('rural-urban/ruc_2011.csv') },
    ...districts.map((d) => ({ kind: 'lsoa-boundaries' as const, candidates: [`boundaries/lsoa_by_lad/${d}.json`] })),
    ...districts.map((d) => ({ kind: 'wards' as const, candidates: [`boundaries/wards_by_lad/${d}.json`] })),
  ];
}

async function firstExisting(folder: string, candidates: string[]): Promise<string | null> {
  for (const candidate of candidates) {
    const full = path.join(folder, candidate);
    if (
      await stat(full).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return full;
  }
  return null;
}

/** The files of a bundle, in the order they load, for the given districts; missing ones are an error. */
export async function bundleFiles(folder: string, districts: readonly string[]): Promise<{ kind: GeographyKind; file: string }[]> {
  const found: { kind: GeographyKind; file: string }[] = [];
  const missing: string[] = [];
  for (const w of bundleLayout(districts)) {
    const file = await firstExisting(folder, w.candidates);
    if (file) found.push({ kind: w.kind, file });
    else missing.push(w.candidates[0]!);
  }
  if (missing.length > 0) {
    const listed = missing.length > 6 ? [...missing.slice(0, 5), `and ${missing.length - 5} more`] : missing;
    const files = missing.length === 1 ? 'a file' : 'files';
    throw new GeographyFileError(
      `${folder} is missing ${files} of the geography bundle (is it laid out like open-data/?): ${listed.join(', ')}`,
    );
  }
  return found;
}

/**
 * Loads the geography of the given districts from a folder laid out like open-data/: LSOAs and
 * deprivation, crime domain, population, rural-urban class, LSOA boundaries, wards, then each LSOA's
 * ward. Each file is its own transaction.
 */
export async function importGeographyBundle(
  db: Database,
  folder: string,
  options: { districts: readonly string[]; importedBy?: string },
): Promise<BundleResult> {
  const started = Date.now();
  const chosen = [...options.districts];
  const files = await bundleFiles(folder, chosen);
  const results: GeographyFileResult[] = [];
  for (const { kind, file } of files)
    results.push(await importGeographyFile(db, kind, file, { districts: chosen, importedBy: options.importedBy }));
  const wards = await assignWards(db, { districts: chosen });
  return { districts: chosen, files: results, wards, seconds: (Date.now() - started) / 1000 };
}

/** Whether every one of the districts has LSOAs with deprivation, population, class, boundary and ward. */
export async function geographyLoaded(db: Database, districts: readonly string[]): Promise<boolean> {
  const rows = await db.bulk((s) => incompleteLsoasByDistrict(s, districts));
  return rows.length === new Set(districts).size && rows.every((r) => r.incomplete === 0);
}
