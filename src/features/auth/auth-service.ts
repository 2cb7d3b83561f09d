import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import { seal, unseal } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db/database.ts';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  hashToken,
  newToken,
  pendingTotpSecret,
  setPendingTotpSecret,
} from '../../platform/session/session-store.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import type { AuditActor } from '../audit/events.ts';
import * as users from '../users/user-repository.ts';
import { claimInvitation, clearFailures, findOpenInvitation, findSignInCandidate, lockedUntil, recordFailure } from './auth-repository.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode } from './recovery-codes.ts';
import { generateTotpSecret, verifyTotp } from './totp.ts';

export interface RequestInfo {
  requestId: string;
  ip: string;
}

export type SignInResult = { kind: 'signed-in'; token: string; stage: 'mfa' | 'setup' } | { kind: 'invalid' } | { kind: 'locked' };

export type SecondFactorResult =
  { kind: 'signed-in'; token: string; usedRecoveryCode: boolean; recoveryCodesLeft: number } | { kind: 'invalid' } | { kind: 'locked' };

/** `used`: the link was used (or replaced) while this person was choosing their password. */
export type AcceptInvitationResult = { kind: 'ok' } | { kind: 'expired' } | { kind: 'used' } | { kind: 'weak'; message: string };

const emailKey = (email: string): string => email.trim().toLowerCase();

/** Signing in, the second factor, signing out and accepting an invitation. */
export function createAuthService(deps: { db: Database; config: Config; log: FastifyBaseLogger }) {
  const { db, config, log } = deps;
  const policy = config.signIn;

  function actorFor(user: { id: number; partnership_id: number; name: string; agency_name: string }, info: RequestInfo): AuditActor {
    return {
      partnershipId: user.partnership_id,
      userId: user.id,
      name: user.name,
      agencyName: user.agency_name,
      requestId: info.requestId,
      ip: info.ip,
    };
  }

  /** The person signed in on a session (at the second factor or setting one up), for the audit log. */
  function sessionActor(
    session: { partnershipId: number; userId: number; name: string; agencyName: string },
    info: RequestInfo,
  ): AuditActor {
    return actorFor(
      { id: session.userId, partnership_id: session.partnershipId, name: session.name, agency_name: session.agencyName },
      info,
    );
  }

  async function signIn(email: string, password: string, info: RequestInfo): Promise<SignInResult> {
    const key = emailKey(email);
    const locked = await db.system((trx) => lockedUntil(trx, key));
    if (locked) return { kind: 'locked' };
    const candidate = await db.system((trx) => findSignInCandidate(trx, key));
    const usable = candidate && !candidate.disabled_at ? candidate : undefined;
    // Always check a hash, so an unknown address takes as long as a known one.
    const passwordOk = await verifyPassword(usable?.password_hash ?? null, password, log.child({ userId: usable?.id }));
    return db.system(async (trx) => {
      if (!usable || !passwordOk) {
        const failure = await recordFailure(trx, key, policy);
        if (candidate) {
          const actor = actorFor(candidate, info);
          await recordAudit(trx, actor, { action: 'auth.sign_in_failed', subjectType: 'user', subjectId: candidate.id });
          if (failure.locked) await recordAudit(trx, actor, { action: 'auth.locked', subjectType: 'user', subjectId: candidate.id });
        }
        return failure.locked ? { kind: 'locked' } : { kind: 'invalid' };
      }
      await clearFailures(trx, key);
      const stage = usable.totp_enabled_at ? 'mfa' : 'setup';
      const token = await createSession(trx, {
        partnershipId: usable.partnership_id,
        userId: usable.id,
        stage,
        pendingTotpSecret: stage === 'setup' ? seal(config.secretKey, generateTotpSecret()) : null,
      });
      return { kind: 'signed-in', token, stage };
    });
  }

  /** Completes sign-in with an authenticator code or a recovery code; a new session id replaces the old. */
  async function verifySecondFactor(
    session: { sessionHash: string; partnershipId: number; userId: number; email: string; name: string; agencyName: string },
    code: string,
    info: RequestInfo,
  ): Promise<SecondFactorResult> {
    const key = emailKey(session.email);
    if (await db.system((trx) => lockedUntil(trx, key))) return { kind: 'locked' };
    const actor = sessionActor(session, info);
    const outcome = await db.tenant(session.partnershipId, async (trx) => {
      const user = await users.findUser(trx, session.userId);
      if (!user?.totp_secret) return { ok: false as const, recovery: false };
      if (looksLikeRecoveryCode(code)) {
        const ok = await users.useRecoveryCode(trx, user.id, hashRecoveryCode(code));
        if (ok) await recordAudit(trx, actor, { action: 'auth.recovery_code_used', subjectType: 'user', subjectId: user.id });
        return { ok, recovery: true };
      }
      const step = verifyTotp(unseal(config.secretKey, user.totp_secret), code, user.totp_last_step);
      if (step === null) return { ok: false as const, recovery: false };
      await users.setTotpLastStep(trx, user.id, step);
      return { ok: true as const, recovery: false };
    });
    if (!outcome.ok) {
      const failure = await db.system(async (trx) => {
        const f = await recordFailure(trx, key, policy);
        await recordAudit(trx, actor, { action: 'auth.second_factor_failed', subjectType: 'user', subjectId: session.userId });
        if (f.locked) {
          await recordAudit(trx, actor, { action: 'auth.locked', subjectType: 'user', subjectId: session.userId });
          await deleteSession(trx, session.sessionHash);
        }
        return f;
      });
      return failure.locked ? { kind: 'locked' } : { kind: 'invalid' };
    }
    const result = await db.tenant(session.partnershipId, async (trx) => {
      await deleteSession(trx, session.sessionHash);
      const token = await createSession(trx, { partnershipId: session.partnershipId, userId: session.userId, stage: 'full' });
      await recordAudit(trx, actor, {
        action: 'auth.sign_in',
        subjectType: 'user',
        subjectId: session.userId,
        details: { method: outcome.recovery ? 'recovery code' : 'authenticator app' },
      });
      const left = await users.unusedRecoveryCodeCount(trx, session.userId);
      return { kind: 'signed-in' as const, token, usedRecoveryCode: outcome.recovery, recoveryCodesLeft: left };
    });
    await db.system((trx) => clearFailures(trx, key));
    return result;
  }

  /** The secret shown while a user sets up their authenticator app (kept sealed on the session). */
  async function pendingSecret(session: { sessionHash: string; partnershipId: number }): Promise<string> {
    return db.tenant(session.partnershipId, async (trx) => {
      let sealed = await pendingTotpSecret(trx, session.sessionHash);
      if (!sealed) {
        sealed = seal(config.secretKey, generateTotpSecret());
        await setPendingTotpSecret(trx, session.sessionHash, sealed);
      }
      return unseal(config.secretKey, sealed);
    });
  }

  /** Confirms the new authenticator with a code; enables it, issues recovery codes, completes sign-in. */
  async function completeSetUp(
    session: { sessionHash: string; partnershipId: number; userId: number; name: string; agencyName: string },
    code: string,
    info: RequestInfo,
  ): Promise<{ kind: 'signed-in'; token: string; recoveryCodes: string[] } | { kind: 'invalid' }> {
    const secret = await pendingSecret(session);
    const step = verifyTotp(secret, code, null);
    if (step === null) return { kind: 'invalid' };
    const actor = sessionActor(session, info);
    const recoveryCodes = generateRecoveryCodes();
    return db.tenant(session.partnershipId, async (trx) => {
      await users.enableTotp(trx, session.userId, seal(config.secretKey, secret), step);
      await users.replaceRecoveryCodes(trx, session.partnershipId, session.userId, recoveryCodes.map(hashRecoveryCode));
      await deleteSession(trx, session.sessionHash);
      const token = await createSession(trx, { partnershipId: session.partnershipId, userId: session.userId, stage: 'full' });
      await recordAudit(trx, actor, { action: 'mfa.enabled', subjectType: 'user', subjectId: session.userId });
      await recordAudit(trx, actor, {
        action: 'auth.sign_in',
        subjectType: 'user',
        subjectId: session.userId,
        details: { method: 'new authenticator app' },
      });
      return { kind: 'signed-in' as const, token, recoveryCodes };
    });
  }

  async function signOut(session: { sessionHash: string; stage: string }, actor: AuditActor): Promise<void> {
    await db.tenant(actor.partnershipId, async (trx) => {
      await deleteSession(trx, session.sessionHash);
      if (session.stage === 'full') {
        await recordAudit(trx, actor, { action: 'auth.sign_out', subjectType: 'user', subjectId: actor.userId ?? undefined });
      }
    });
  }

  /** (system) The invitation behind a link, if it is unused and in date. */
  async function findInvitation(token: string) {
    return db.system((trx) => findOpenInvitation(trx, hashToken(token)));
  }

  /**
   * Sets the password of the invitation's user. The statement that marks the invitation used
   * decides, in the transaction that sets the password: of two acceptances at once, one sets it
   * and the other is told the link has been used. Like any change of password, it ends the
   * user's sessions.
   */
  async function acceptInvitation(token: string, password: string, info: RequestInfo): Promise<AcceptInvitationResult> {
    const invitation = await findInvitation(token);
    if (!invitation) return { kind: 'expired' };
    const problem = passwordProblem(password, invitation.email);
    if (problem) return { kind: 'weak', message: problem };
    const passwordHash = await hashPassword(password);
    const { partnership_id: partnershipId, user_id: userId } = invitation;
    return db.tenant(partnershipId, async (trx): Promise<AcceptInvitationResult> => {
      if (!(await claimInvitation(trx, invitation.token_hash))) return { kind: 'used' };
      await users.setPasswordHash(trx, userId, passwordHash);
      const sessionsEnded = await deleteUserSessions(trx, partnershipId, userId);
      const user = { id: userId, partnership_id: partnershipId, name: invitation.name, agency_name: invitation.agency_name };
      await recordAudit(trx, actorFor(user, info), {
        action: 'account.invitation_accepted',
        subjectType: 'user',
        subjectId: userId,
        details: { sessionsEnded },
      });
      return { kind: 'ok' };
    });
  }

  return { signIn, verifySecondFactor, pendingSecret, completeSetUp, signOut, findInvitation, acceptInvitation };
}

export type AuthService = ReturnType<typeof createAuthService>;

/** A fresh invitation token and when it expires (seven days). */
export function newInvitation(): { token: string; tokenHash: string; expiresAt: Date } {
  const token = newToken();
  return { token, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 7 * 24 * 3_600_000) };
}
