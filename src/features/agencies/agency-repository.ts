import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { Agency, AgencyType } from '../../platform/db/schema.ts';
import { insertReturningId, textTaken } from '../../platform/db/rows.ts';

/** Agencies of the partnership set on the transaction. */
export async function listAgencies(trx: Trx): Promise<(Agency & { user_count: number })[]> {
  return trx
    .selectFrom('agencies as a')
    .selectAll('a')
    .select((eb) =>
      eb.fn
        .coalesce(
          eb
            .selectFrom('users as u')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('u.agency_id', '=', 'a.id')
            .where('u.disabled_at', 'is', null),
          eb.lit(0),
        )
        .as('user_count'),
    )
    .orderBy(sql`lower(a.name)`)
    .execute();
}

export async function findAgency(trx: Trx, agencyId: number): Promise<Agency | undefined> {
  return trx.selectFrom('agencies').selectAll().where('id', '=', agencyId).executeTakeFirst();
}

export async function findAgencyByName(trx: Trx, name: string): Promise<Agency | undefined> {
  return trx
    .selectFrom('agencies')
    .selectAll()
    .where(sql`lower(name)`, '=', name.trim().toLowerCase())
    .executeTakeFirst();
}

export const agencyNameTaken = (trx: Trx, name: string, exceptId?: number): Promise<boolean> =>
  textTaken(trx, 'agencies', 'name', name.trim(), exceptId);

export interface AgencyValues {
  name: string;
  agencyType: AgencyType;
  responsibleAuthority: boolean;
}

export async function insertAgency(trx: Trx, partnershipId: number, v: AgencyValues): Promise<number> {
  return insertReturningId(trx, 'agencies', {
    partnership_id: partnershipId,
    name: v.name,
    agency_type: v.agencyType,
    responsible_authority: v.responsibleAuthority,
  });
}

export async function updateAgency(trx: Trx, agencyId: number, v: AgencyValues): Promise<void> {
  await trx
    .updateTable('agencies')
    .set({ name: v.name, agency_type: v.agencyType, responsible_authority: v.responsibleAuthority, updated_at: new Date() })
    .where('id', '=', agencyId)
    .execute();
}
