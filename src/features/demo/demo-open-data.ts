import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../platform/db/database.ts';
import { currentForceMonths } from '../crime-data/police-file-repository.ts';
import { runPoliceImport } from '../crime-data/police-import-run.ts';
import type { ImportSummary } from '../crime-data/police-import.ts';
import { policeSources } from '../crime-data/police-sources.ts';
import { parsePoliceFileName } from '../crime-data/police-uk-format.ts';
import { geographyLoaded, importGeographyBundle, type BundleResult } from '../geography/geography-bundle.ts';
import { KENT_POLICE_DISTRICTS } from './demo-constants.ts';

/** The open data shipped with Safer (see open-data/README.md). */
export const DEMO_OPEN_DATA_DIR = path.resolve(import.meta.dirname, '../../../open-data');

export interface DemoOpenDataResult {
  /** The geography loaded, or null when it was already there (or there is no open-data folder). */
  geography: BundleResult | null;
  /** The police.uk months loaded, or null when every month in the folder was already there. */
  police: ImportSummary | null;
  seconds: number;
}

/**
 * Loads the open data the demo partnership needs, once: the geography of the Kent Police area and
 * the police.uk street files in open-data/police-uk/street. Anything already loaded is left alone
 * without being read again, so later starts cost two small queries. Without an open-data folder it
 * does nothing.
 */
export async function loadDemoOpenData(db: Database, openDataDir: string = DEMO_OPEN_DATA_DIR): Promise<DemoOpenDataResult> {
  const started = Date.now();
  const geography = await loadDemoGeography(db, openDataDir);
  const police = await loadDemoPoliceData(db, { openDataDir });
  return { geography, police, seconds: (Date.now() - started) / 1000 };
}

/** The geography of the Kent Police area, if it is not loaded yet; null when it was (or there is no open-data folder). */
export async function loadDemoGeography(db: Database, openDataDir: string = DEMO_OPEN_DATA_DIR): Promise<BundleResult | null> {
  if (!existsSync(openDataDir) || (await geographyLoaded(db, KENT_POLICE_DISTRICTS))) return null;
  return importGeographyBundle(db, openDataDir, { districts: KENT_POLICE_DISTRICTS, importedBy: 'Safer demo loader' });
}

/**
 * The police.uk street months of open-data/police-uk/street that are not loaded yet, as one import
 * run; null when every month is there (or there is no such folder). `onStart` is told how many
 * months will be loaded before the run begins.
 */
export async function loadDemoPoliceData(
  db: Database,
  options: { openDataDir?: string; signal?: AbortSignal; onStart?: (months: number) => void } = {},
): Promise<ImportSummary | null> {
  const streetDir = path.join(options.openDataDir ?? DEMO_OPEN_DATA_DIR, 'police-uk', 'street');
  if (!existsSync(streetDir)) return null;
  const loaded = await db.bulk((s) => currentForceMonths(s, 'street'));
  const have = new Set(loaded.map((r) => `${r.force} ${r.month}`));
  const set = await policeSources(streetDir);
  const missing = set.sources.filter((source) => {
    const meta = parsePoliceFileName(source.baseName);
    return meta?.kind === 'street' && !have.has(`${meta.force} ${meta.month}`);
  });
  if (missing.length === 0) {
    set.close();
    return null;
  }
  options.onStart?.(missing.length);
  return runPoliceImport(db, {
    starter: { name: 'Safer demo loader', actor: null, partnershipName: null },
    source: streetDir,
    signal: options.signal,
    open: async () => ({ sources: missing, close: () => set.close() }),
  });
}
