import { createHash, randomBytes } from 'node:crypto';
import type { Database, Trx } from '../db/database.ts';
import type { Auth } from '../http/types.ts';

/** Server-side sessions. The cookie holds a random token; the database holds only its hash. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export async function createSession(
  trx: Trx,
  values: { partnershipId: number; userId: number; stage: Auth['stage']; pendingTotpSecret?: string | null },
): Promise<string> {
  const token = newToken();
  await trx
    .insertInto('sessions')
    .values({
      partnership_id: values.partnershipId,
      id_hash: hashToken(token),
      user_id: values.userId,
      stage: values.stage,
      pending_totp_secret: values.pendingTotpSecret ?? null,
    })
    .execute();
  return token;
}

export async function deleteSession(trx: Trx, sessionHash: string): Promise<void> {
  await trx.deleteFrom('sessions').where('id_hash', '=', sessionHash).execute();
}

/** Ends every session of the user; returns how many there were. */
export async function deleteUserSessions(trx: Trx, partnershipId: number, userId: number): Promise<number> {
  const result = await trx
    .deleteFrom('sessions')
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function pendingTotpSecret(trx: Trx, sessionHash: string): Promise<string | null> {
  const row = await trx.selectFrom('sessions').select('pending_totp_secret').where('id_hash', '=', sessionHash).executeTakeFirst();
  return row?.pending_totp_secret ?? null;
}

export async function setPendingTotpSecret(trx: Trx, sessionHash: string, secret: string): Promise<void> {
  await trx.updateTable('sessions').set({ pending_totp_secret: secret }).where('id_hash', '=', sessionHash).execute();
}

/**
 * Finds the session for a token, before any partnership is known, so it runs as the system role.
 * A session of a disabled user, or past its idle or absolute limit, is removed and not returned.
 */
export async function loadSession(db: Database, token: string, timeouts: SessionTimeouts): Promise<Auth | null> {
  const idHash = hashToken(token);
  return db.system(async (trx) => {
    const row = await trx
      .selectFrom('sessions as s')
      .innerJoin('users as u', (j) => j.onRef('u.id', '=', 's.user_id').onRef('u.partnership_id', '=', 's.partnership_id'))
      .innerJoin('agencies as a', (j) => j.onRef('a.id', '=', 'u.agency_id').onRef('a.partnership_id', '=', 'u.partnership_id'))
      .innerJoin('partnerships as p', 'p.id', 's.partnership_id')
      .select([
        's.id_hash',
        's.stage',
        's.created_at',
        's.last_seen_at',
        'u.id as user_id',
        'u.partnership_id',
        'u.role',
        'u.data_manager',
        'u.name',
        'u.email',
        'u.disabled_at',
        'a.id as agency_id',
        'a.name as agency_name',
        'p.name as partnership_name',
        'p.slug as partnership_slug',
      ])
      .where('s.id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return null;
    const now = Date.now();
    const idleExpired = now - row.last_seen_at.getTime() > timeouts.idleMinutes * 60_000;
    const absoluteExpired = now - row.created_at.getTime() > timeouts.absoluteHours * 3_600_000;
    if (row.disabled_at || idleExpired || absoluteExpired) {
      await trx.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
      return null;
    }
    if (now - row.last_seen_at.getTime() > 60_000) {
      await trx.updateTable('sessions').set({ last_seen_at: new Date() }).where('id_hash', '=', idHash).execute();
    }
    return {
      sessionHash: row.id_hash,
      stage: row.stage,
      userId: row.user_id,
      partnershipId: row.partnership_id,
      partnershipName: row.partnership_name,
      partnershipSlug: row.partnership_slug,
      role: row.role,
      name: row.name,
      email: row.email,
      agencyId: row.agency_id,
      agencyName: row.agency_name,
      dataManager: row.data_manager,
    };
  });
}
