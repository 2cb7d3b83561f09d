import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { Role, User } from '../../platform/db/schema.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/** Users of the partnership set on the transaction (row-level security confines every query). */

export interface UserListRow {
  id: number;
  name: string;
  email: string;
  role: Role;
  agency_id: number;
  agency_name: string;
  disabled_at: Date | null;
  totp_enabled_at: Date | null;
  has_password: boolean;
  data_manager: boolean;
}

export async function listUsers(trx: Trx): Promise<UserListRow[]> {
  return trx
    .selectFrom('users as u')
    .innerJoin('agencies as a', (j) => j.onRef('a.id', '=', 'u.agency_id').onRef('a.partnership_id', '=', 'u.partnership_id'))
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.role',
      'u.agency_id',
      'a.name as agency_name',
      'u.disabled_at',
      'u.totp_enabled_at',
      sql<boolean>`u.password_hash is not null`.as('has_password'),
      'u.data_manager',
    ])
    .orderBy(sql`lower(u.name)`)
    .execute();
}

export async function findUser(trx: Trx, userId: number): Promise<User | undefined> {
  return trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

/** A user of the given partnership, for the owner's transactions, where row-level security does not confine. */
export async function findUserOf(trx: Trx, partnershipId: number, userId: number): Promise<User | undefined> {
  return trx.selectFrom('users').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', userId).executeTakeFirst();
}

/** Whether the user may change the police.uk data every partnership sees. */
export async function isDataManager(trx: Trx, userId: number): Promise<boolean> {
  const row = await trx
    .selectFrom('users')
    .select('data_manager')
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row?.data_manager ?? false;
}

/** (as the owner: see migrations/0008_shared_open_data_changes.sql) Makes a user a data manager or stops them being one. */
export async function setDataManager(trx: Trx, userId: number, dataManager: boolean): Promise<void> {
  await trx.updateTable('users').set({ data_manager: dataManager, updated_at: new Date() }).where('id', '=', userId).execute();
}

export async function emailInUse(trx: Trx, email: string, exceptUserId?: number): Promise<boolean> {
  // Email addresses are unique across the deployment, so this check looks beyond the partnership
  // through a function that answers only yes or no.
  const result = await sql<{ taken: boolean }>`select safer_email_taken(${email}, ${exceptUserId ?? null}) as taken`.execute(trx);
  return result.rows[0]?.taken ?? false;
}

export async function insertUser(
  trx: Trx,
  values: { partnershipId: number; agencyId: number; name: string; email: string; role: Role; passwordHash?: string | null },
): Promise<number> {
  return insertReturningId(trx, 'users', {
    partnership_id: values.partnershipId,
    agency_id: values.agencyId,
    name: values.name,
    email: values.email,
    role: values.role,
    password_hash: values.passwordHash ?? null,
    password_changed_at: values.passwordHash ? new Date() : null,
  });
}

export async function updateUser(
  trx: Trx,
  userId: number,
  values: Partial<Pick<User, 'name' | 'email' | 'role' | 'agency_id'>>,
): Promise<void> {
  await trx
    .updateTable('users')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

export async function setDisabled(trx: Trx, userId: number, disabled: boolean): Promise<void> {
  await trx
    .updateTable('users')
    .set({ disabled_at: disabled ? new Date() : null, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

/** Sets a new password; any invitation link still outstanding for the user stops working. */
export async function setPasswordHash(trx: Trx, userId: number, passwordHash: string): Promise<void> {
  await trx
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: new Date(), updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
  await trx.updateTable('invitations').set({ used_at: new Date() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

export async function enableTotp(trx: Trx, userId: number, sealedSecret: string, step: number): Promise<void> {
  await trx
    .updateTable('users')
    .set({ totp_secret: sealedSecret, totp_enabled_at: new Date(), totp_last_step: step, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

export async function setTotpLastStep(trx: Trx, userId: number, step: number): Promise<void> {
  await trx.updateTable('users').set({ totp_last_step: step }).where('id', '=', userId).execute();
}

export async function clearTotp(trx: Trx, userId: number): Promise<void> {
  await trx
    .updateTable('users')
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

export async function replaceRecoveryCodes(trx: Trx, partnershipId: number, userId: number, hashes: string[]): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ partnership_id: partnershipId, user_id: userId, code_hash })))
    .execute();
}

/** Marks a recovery code used; true if it was valid and unused. */
export async function useRecoveryCode(trx: Trx, userId: number, codeHash: string): Promise<boolean> {
  const result = await trx
    .updateTable('recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function unusedRecoveryCodeCount(trx: Trx, userId: number): Promise<number> {
  const row = await trx
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertInvitation(
  trx: Trx,
  values: { partnershipId: number; userId: number; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await trx
    .updateTable('invitations')
    .set({ used_at: new Date() })
    .where('user_id', '=', values.userId)
    .where('used_at', 'is', null)
    .execute();
  await trx
    .insertInto('invitations')
    .values({
      partnership_id: values.partnershipId,
      user_id: values.userId,
      token_hash: values.tokenHash,
      expires_at: values.expiresAt,
    })
    .execute();
}
