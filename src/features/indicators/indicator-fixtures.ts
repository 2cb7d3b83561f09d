import type { Database } from '../../platform/db/database.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/** Test data: a manual indicator with one value and one target. */
export async function seedManualIndicator(
  db: Database,
  partnershipId: number,
  options: {
    name: string;
    frequency?: 'monthly' | 'quarterly' | 'annual';
    period?: string;
    value?: number;
    target?: number;
    visibility?: 'public' | 'restricted';
  },
): Promise<number> {
  const period = options.period ?? '2019-01';
  return db.system(async (trx) => {
    const id_ = await insertReturningId(trx, 'indicators', {
      partnership_id: partnershipId,
      name: options.name,
      frequency: options.frequency ?? 'monthly',
      direction: 'lower',
      source: 'manual',
      measure: 'value',
      visibility: options.visibility ?? 'restricted',
    });
    await trx
      .insertInto('indicator_values')
      .values({ partnership_id: partnershipId, indicator_id: id_, period, value: options.value ?? 42, evidence: 'Fixture' })
      .execute();
    await trx
      .insertInto('indicator_targets')
      .values({ partnership_id: partnershipId, indicator_id: id_, period, target: options.target ?? 40 })
      .execute();
    return id_;
  });
}
