import type { Trx } from '../../platform/db/database.ts';

/** The partnership's own harm weights, one per crime type it has changed from the default. */

export interface HarmWeightRow {
  crime_type: string;
  weight: number;
  updated_by_name: string | null;
  updated_at: Date;
}

export async function listHarmWeights(trx: Trx, partnershipId: number): Promise<HarmWeightRow[]> {
  const rows = await trx
    .selectFrom('harm_weights as h')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'h.updated_by').onRef('u.partnership_id', '=', 'h.partnership_id'))
    .select(['h.crime_type', 'h.weight', 'u.name as updated_by_name', 'h.updated_at'])
    .where('h.partnership_id', '=', partnershipId)
    .orderBy('h.crime_type')
    .execute();
  return rows.map((r) => ({ ...r, weight: Number(r.weight) }));
}

export async function saveHarmWeight(
  trx: Trx,
  partnershipId: number,
  crimeType: string,
  weight: number,
  userId: number | null,
): Promise<void> {
  const row = { weight, updated_by: userId, updated_at: new Date() };
  await trx
    .insertInto('harm_weights')
    .values({ partnership_id: partnershipId, crime_type: crimeType, ...row })
    .onConflict((oc) => oc.columns(['partnership_id', 'crime_type']).doUpdateSet(row))
    .execute();
}

export async function deleteHarmWeights(trx: Trx, partnershipId: number): Promise<number> {
  const result = await trx.deleteFrom('harm_weights').where('partnership_id', '=', partnershipId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
