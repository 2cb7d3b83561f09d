import type { FastifyBaseLogger } from 'fastify';
import type { Database, Trx } from '../../platform/db/database.ts';
import type { Role, User } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import { mustBeAllowed } from '../../platform/policies.ts';
import { findAgency } from '../agencies/agency-repository.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import type { Actor } from '../audit/events.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.ts';
import { generateRecoveryCodes, hashRecoveryCode } from '../auth/recovery-codes.ts';
import * as users from '../users/user-repository.ts';

/** The signed-in user acting on their own account. */
export type AccountActor = Actor & { userId: number };

export interface AccountOverview {
  name: string;
  email: string;
  role: Role;
  agencyName: string;
  passwordChangedAt: Date | null;
  authenticatorSetUpAt: Date | null;
  recoveryCodesLeft: number;
}

/** A field of the form and what is wrong with it, in the order of the form. */
type FieldProblem = [field: 'currentPassword' | 'password' | 'confirmPassword', message: string];

type ChangePasswordResult = { ok: true } | { ok: false; problems: FieldProblem[] };
type RecoveryCodesResult = { ok: true; recoveryCodes: string[] } | { ok: false; problems: FieldProblem[] };

const WRONG_PASSWORD = 'Your current password is not correct';
const CHANGED_MEANWHILE = 'Your password has just been changed. Enter your current password';

/** Locks the user's row for the rest of the transaction and returns its password hash. */
async function lockedPasswordHash(trx: Trx, userId: number): Promise<string | null | undefined> {
  const row = await trx.selectFrom('users').select('password_hash').where('id', '=', userId).forUpdate().executeTakeFirst();
  return row ? row.password_hash : undefined;
}

/** A signed-in user's own account: what it holds, a new password and new recovery codes. */
export function createAccountService(deps: { db: Database; log: FastifyBaseLogger }) {
  const { db, log } = deps;

  /** The user as stored, read in its own short transaction so argon2 then runs outside one. */
  async function currentUser(actor: AccountActor): Promise<User> {
    const user = await db.tenant(actor.partnershipId, (trx) => users.findUser(trx, actor.userId));
    if (!user) throw notFound();
    return user;
  }

  async function overview(actor: AccountActor): Promise<AccountOverview> {
    return db.tenant(actor.partnershipId, async (trx) => {
      const user = await users.findUser(trx, actor.userId);
      if (!user) throw notFound();
      const agency = await findAgency(trx, user.agency_id);
      return {
        name: user.name,
        email: user.email,
        role: user.role,
        agencyName: agency?.name ?? '',
        passwordChangedAt: user.password_changed_at,
        authenticatorSetUpAt: user.totp_enabled_at,
        recoveryCodesLeft: await users.unusedRecoveryCodeCount(trx, actor.userId),
      };
    });
  }

  /**
   * Changes the password after checking the current one. The user's other sessions end; the one
   * they are using (`keepSessionHash`) stays. The audit row is written in the same transaction.
   */
  async function changePassword(
    actor: AccountActor,
    keepSessionHash: string,
    input: { currentPassword: string; password: string },
  ): Promise<ChangePasswordResult> {
    mustBeAllowed(actor, 'account.manage-own');
    const user = await currentUser(actor);
    const oldHash = user.password_hash;
    const problems: FieldProblem[] = [];
    const currentOk = await verifyPassword(oldHash, input.currentPassword, log.child({ userId: actor.userId }));
    if (!currentOk) problems.push(['currentPassword', WRONG_PASSWORD]);
    const weakness = passwordProblem(input.password, user.email);
    if (weakness) problems.push(['password', weakness]);
    else if (currentOk && input.password === input.currentPassword) {
      problems.push(['password', 'New password must be different from your current password']);
    }
    if (problems.length > 0) return { ok: false, problems };

    const newHash = await hashPassword(input.password);
    return db.tenant(actor.partnershipId, async (trx): Promise<ChangePasswordResult> => {
      // Someone else may have changed the password since it was checked: then the check was of an old one.
      if ((await lockedPasswordHash(trx, actor.userId)) !== oldHash) {
        return { ok: false, problems: [['currentPassword', CHANGED_MEANWHILE]] };
      }
      await users.setPasswordHash(trx, actor.userId, newHash);
      const ended = await trx
        .deleteFrom('sessions')
        .where('partnership_id', '=', actor.partnershipId)
        .where('user_id', '=', actor.userId)
        .where('id_hash', '!=', keepSessionHash)
        .executeTakeFirst();
      await recordAudit(trx, actor, {
        action: 'account.password_changed',
        subjectType: 'user',
        subjectId: actor.userId,
        details: { otherSessionsEnded: Number(ended.numDeletedRows) },
      });
      return { ok: true };
    });
  }

  /** After checking the password, replaces every recovery code with ten new ones and returns them. */
  async function replaceRecoveryCodes(actor: AccountActor, currentPassword: string): Promise<RecoveryCodesResult> {
    mustBeAllowed(actor, 'account.manage-own');
    const hash = (await currentUser(actor)).password_hash;
    if (!(await verifyPassword(hash, currentPassword, log.child({ userId: actor.userId })))) {
      return { ok: false, problems: [['currentPassword', WRONG_PASSWORD]] };
    }
    const recoveryCodes = generateRecoveryCodes();
    return db.tenant(actor.partnershipId, async (trx): Promise<RecoveryCodesResult> => {
      if ((await lockedPasswordHash(trx, actor.userId)) !== hash) {
        return { ok: false, problems: [['currentPassword', CHANGED_MEANWHILE]] };
      }
      await users.replaceRecoveryCodes(trx, actor.partnershipId, actor.userId, recoveryCodes.map(hashRecoveryCode));
      await recordAudit(trx, actor, { action: 'mfa.recovery_codes_replaced', subjectType: 'user', subjectId: actor.userId });
      return { ok: true, recoveryCodes };
    });
  }

  return { overview, changePassword, replaceRecoveryCodes };
}
