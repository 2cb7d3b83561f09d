import type { Trx } from '../../src/platform/db/database.ts';
import type { Role } from '../../src/platform/db/schema.ts';
import { insertPartnership } from '../../src/features/partnerships/partnership-repository.ts';
import { insertUser } from '../../src/features/users/user-repository.ts';

/**
 * A partnership (named by its slug) with one council agency and one user of each role given, named
 * `names[role]` with the email `<first letter of the role>@<slug>.test`: for loading demo data into.
 * Returns the partnership's id and each user's id by role.
 */
export async function insertDemoPartnership<R extends Role>(
  trx: Trx,
  slug: string,
  districtCodes: string[],
  names: Record<R, string>,
): Promise<{ pid: number; userIds: Record<R, number> }> {
  const pid = await insertPartnership(trx, { slug, name: slug, districtCodes });
  const agency = await trx
    .insertInto('agencies')
    .values({ partnership_id: pid, name: 'Council', agency_type: 'district_council', responsible_authority: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const userIds = {} as Record<R, number>;
  for (const role of Object.keys(names) as R[]) {
    userIds[role] = await insertUser(trx, {
      partnershipId: pid,
      agencyId: agency.id,
      name: names[role],
      email: `${role[0]}@${slug}.test`,
      role,
    });
  }
  return { pid, userIds };
}
