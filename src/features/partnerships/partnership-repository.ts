import type { Trx } from '../../platform/db/database.ts';
import type { Partnership } from '../../platform/db/schema.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/** (system) Partnerships are created and listed from the CLI, outside any one partnership. */
export async function findPartnershipBySlug(trx: Trx, slug: string): Promise<Partnership | undefined> {
  return trx.selectFrom('partnerships').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** The partnership's name (in a tenant transaction, only its own partnership is found). */
export async function partnershipName(trx: Trx, id: number): Promise<string | undefined> {
  return (await trx.selectFrom('partnerships').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

export async function listPartnerships(trx: Trx): Promise<Partnership[]> {
  return trx.selectFrom('partnerships').selectAll().orderBy('name').execute();
}

export async function insertPartnership(trx: Trx, values: { slug: string; name: string; districtCodes: string[] }): Promise<number> {
  return insertReturningId(trx, 'partnerships', { slug: values.slug, name: values.name, district_codes: values.districtCodes });
}
