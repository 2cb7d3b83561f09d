import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';

/** Data access for signing in. Functions marked (system) run before a partnership is known. */

export interface SignInCandidate {
  id: number;
  partnership_id: number;
  name: string;
  email: string;
  password_hash: string | null;
  totp_enabled_at: Date | null;
  disabled_at: Date | null;
  agency_name: string;
}

/** (system) The account an email address signs in to, in whichever partnership holds it. */
export async function findSignInCandidate(trx: Trx, email: string): Promise<SignInCandidate | undefined> {
  return trx
    .selectFrom('users as u')
    .innerJoin('agencies as a', (j) => j.onRef('a.id', '=', 'u.agency_id').onRef('a.partnership_id', '=', 'u.partnership_id'))
    .select([
      'u.id',
      'u.partnership_id',
      'u.name',
      'u.email',
      'u.password_hash',
      'u.totp_enabled_at',
      'u.disabled_at',
      'a.name as agency_name',
    ])
    .where(sql`lower(u.email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export interface AttemptState {
  lockedUntil: Date | null;
}

/** (system) Whether sign-in for this address is locked now. */
export async function lockedUntil(trx: Trx, emailKey: string): Promise<Date | null> {
  const row = await trx.selectFrom('sign_in_attempts').select('locked_until').where('email_key', '=', emailKey).executeTakeFirst();
  return row?.locked_until && row.locked_until.getTime() > Date.now() ? row.locked_until : null;
}

/**
 * (system) Counts a failure for this address within the lock window; returns the new count and
 * whether this failure locked it.
 */
export async function recordFailure(
  trx: Trx,
  emailKey: string,
  policy: { maxFailures: number; lockMinutes: number },
): Promise<{ failures: number; locked: boolean }> {
  const row = await sql<{ failures: number; locked: boolean }>`
    insert into sign_in_attempts as a (email_key, failures, window_started_at)
    values (${emailKey}, 1, now())
    on conflict (email_key) do update set
      failures = case when a.window_started_at < now() - make_interval(mins => ${policy.lockMinutes})
                      then 1 else a.failures + 1 end,
      window_started_at = case when a.window_started_at < now() - make_interval(mins => ${policy.lockMinutes})
                               then now() else a.window_started_at end
    returning failures, false as locked`.execute(trx);
  const failures = row.rows[0]!.failures;
  if (failures >= policy.maxFailures) {
    await sql`update sign_in_attempts
      set locked_until = now() + make_interval(mins => ${policy.lockMinutes}), failures = 0, window_started_at = now()
      where email_key = ${emailKey}`.execute(trx);
    return { failures, locked: true };
  }
  return { failures, locked: false };
}

/** (system) A successful sign-in clears the count. */
export async function clearFailures(trx: Trx, emailKey: string): Promise<void> {
  await trx.deleteFrom('sign_in_attempts').where('email_key', '=', emailKey).execute();
}

export interface OpenInvitation {
  partnership_id: number;
  token_hash: string;
  user_id: number;
  name: string;
  email: string;
  agency_name: string;
  partnership_name: string;
}

/** (system) The invitation with this token hash, if it is unused, in date and for a user who is not disabled. */
export async function findOpenInvitation(trx: Trx, tokenHash: string): Promise<OpenInvitation | undefined> {
  return trx
    .selectFrom('invitations as i')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'i.user_id').onRef('u.partnership_id', '=', 'i.partnership_id'))
    .innerJoin('agencies as a', (j) => j.onRef('a.id', '=', 'u.agency_id').onRef('a.partnership_id', '=', 'u.partnership_id'))
    .innerJoin('partnerships as p', 'p.id', 'i.partnership_id')
    .select(['i.partnership_id', 'i.token_hash', 'u.id as user_id', 'u.name', 'u.email'])
    .select(['a.name as agency_name', 'p.name as partnership_name'])
    .where('i.token_hash', '=', tokenHash)
    .where('i.used_at', 'is', null)
    .where('i.expires_at', '>', new Date())
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Marks the invitation used if it is still open, in one statement, and says whether it did. Of two
 * acceptances at once, the database lets exactly one through: the other's update waits for the
 * first to commit, then finds used_at set and changes nothing.
 */
export async function claimInvitation(trx: Trx, tokenHash: string): Promise<boolean> {
  const claimed = await trx
    .updateTable('invitations as i')
    .set({ used_at: sql<Date>`now()` })
    .where('i.token_hash', '=', tokenHash)
    .where('i.used_at', 'is', null)
    .where('i.expires_at', '>', sql<Date>`now()`)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('users as u')
          .select('u.id')
          .whereRef('u.id', '=', 'i.user_id')
          .whereRef('u.partnership_id', '=', 'i.partnership_id')
          .where('u.disabled_at', 'is', null),
      ),
    )
    .returning('i.user_id')
    .executeTakeFirst();
  return claimed !== undefined;
}
