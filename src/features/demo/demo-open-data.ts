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
  const result: DemoOpenDataResult = { geography: null, police: null, seconds: 0 };
  if (!existsSync(openDataDir)) return result;
  if (!(await geographyLoaded(db, KENT_POLICE_DISTRICTS))) {
    result.geography = await importGeographyBundle(db, openDataDir, { districts: KENT_POLICE_DISTRICTS, importedBy: 'Safer demo loader' });
  }
  const streetDir = path.join(openDataDir, 'police-uk', 'street');
  if (existsSync(streetDir)) {
    const loaded = await db.bulk((s) => currentForceMonths(s, 'street'));
    const have = new Set(loaded.map((r) => `${r.force} ${r.month}`));
    const set = await policeSources(streetDir);
    const missing = set.sources.filter((source) => {
      const meta = parsePoliceFileName(source.baseName);
      return meta?.kind === 'street' && !have.has(`${meta.force} ${meta.month}`);
    });
    if (missing.length === 0) set.close();
    else {
      result.police = await runPoliceImport(db, {
        starter: { name: 'Safer demo loader', actor: null, partnershipName: null },
        source: streetDir,
        open: async () => ({ sources: missing, close: () => set.close() }),
      });
    }
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}
