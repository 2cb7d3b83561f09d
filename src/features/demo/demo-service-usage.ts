import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Trx } from '../../platform/db/database.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import { operatorActor } from '../audit/events.ts';
import type { ColumnMapping } from '../service-usage/service-usage-format.ts';
import { importAuditDetails, importServiceUsage, type ImportResult } from '../service-usage/service-usage-import.ts';
import { SYNTHETIC_VISITS_FILE } from '../service-usage/synthetic-visits.ts';
import { DEMO_OPEN_DATA_DIR } from './demo-open-data.ts';

/** The demo's service-usage dataset; indicators of the demo count it by this name. */
export const DEMO_VISITS_DATASET = 'One-stop shop visits';

/** Visit date, Visit time, Service, Home LSOA: the columns of the synthetic file. */
const mapping: ColumnMapping = {
  dateColumn: 0,
  timeColumn: 1,
  dateFormat: 'DD/MM/YYYY',
  serviceColumn: 2,
  locationColumn: 3,
  locationKind: 'lsoa',
};

/**
 * Imports the synthetic one-stop-shop visits (open-data/synthetic, see its README) as the demo
 * partnership's dataset, in the demo loader's transaction, as imported by the demo analyst.
 * Without the file (no open-data folder) it does nothing.
 */
export async function loadDemoServiceUsage(
  trx: Trx,
  partnershipId: number,
  analystUserId: number,
  openDataDir: string = DEMO_OPEN_DATA_DIR,
): Promise<ImportResult | null> {
  const file = path.join(openDataDir, SYNTHETIC_VISITS_FILE);
  if (!existsSync(file)) return null;
  const result = await importServiceUsage(
    trx,
    partnershipId,
    file,
    {
      name: DEMO_VISITS_DATASET,
      description:
        "Visits to Maidstone's one-stop shop, March 2017 to February 2019. Synthetic: made up for the demo, with no real people in it.",
      fileName: path.basename(file),
      importedBy: analystUserId,
    },
    mapping,
  );
  const loader = operatorActor(partnershipId, 'Safer demo loader');
  await recordAudit(trx, loader, {
    action: 'service_usage.imported',
    subjectType: 'service_usage_dataset',
    subjectId: result.datasetId,
    details: importAuditDetails(DEMO_VISITS_DATASET, path.basename(file), result),
  });
  return result;
}
