import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Role } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import { mustBeAllowed, rolesWith, tenantIfAllowed } from '../../platform/policies.ts';
import { deleteUserSessions } from '../../platform/session/session-store.ts';
import { findAgency } from '../agencies/agency-repository.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import { changedFields } from '../audit/changes.ts';
import type { Actor } from '../audit/events.ts';
import { newInvitation } from '../auth/auth-service.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import * as repo from './user-repository.ts';

interface UserInput {
  name: string;
  email: string;
  agencyId: number;
  role: Role;
}

const CANNOT_DISABLE_SELF = 'You cannot disable your own account. Ask another partnership administrator to do it';
const CANNOT_DEMOTE_SELF = 'You cannot remove your own administrator role. Ask another partnership administrator to do it';

/** The roles that may use the imports pages, and so the only ones that may be data managers. */
const DATA_MANAGER_ROLES = rolesWith('imports.upload');

type UserChangeResult = { ok: true; userId: number } | { ok: false; field: keyof UserInput | 'password'; message: string };

/** Managing a partnership's users: the rules, the audit and the session ends live here. */
export function createUserService(deps: { db: Database; config: Config }) {
  const { db, config } = deps;
  const invitationLink = (token: string) => `${config.publicUrl}/invitation/${token}`;
  /** Users are changed by the partnership's administrators. */
  const manage = tenantIfAllowed(db, 'users.manage');

  async function checkInput(trx: Parameters<Parameters<Database['tenant']>[1]>[0], input: UserInput, exceptUserId?: number) {
    if (!(await findAgency(trx, input.agencyId))) return { field: 'agencyId' as const, message: 'Select an agency' };
    if (await repo.emailInUse(trx, input.email, exceptUserId)) {
      return { field: 'email' as const, message: 'An account with this email address already exists' };
    }
    return null;
  }

  return {
    list: (actor: Actor) => db.tenant(actor.partnershipId, (trx) => repo.listUsers(trx)),

    async get(actor: Actor, userId: number) {
      const user = await db.tenant(actor.partnershipId, (trx) => repo.findUser(trx, userId));
      if (!user) throw notFound();
      return user;
    },

    /** Adds a user. With a password (CLI only) they can sign in at once; otherwise they get an invitation link. */
    async create(actor: Actor, input: UserInput, password?: string): Promise<UserChangeResult & { invitationLink?: string }> {
      if (password !== undefined) {
        const problem = passwordProblem(password, input.email);
        if (problem) return { ok: false, field: 'password', message: problem };
      }
      const passwordHash = password === undefined ? null : await hashPassword(password);
      return manage(actor, async (trx) => {
        const problem = await checkInput(trx, input);
        if (problem) return { ok: false as const, ...problem };
        const userId = await repo.insertUser(trx, { partnershipId: actor.partnershipId, ...input, passwordHash });
        await recordAudit(trx, actor, {
          action: 'user.created',
          subjectType: 'user',
          subjectId: userId,
          details: { name: input.name, email: input.email, role: input.role, agencyId: input.agencyId },
        });
        if (passwordHash) return { ok: true as const, userId };
        const invitation = newInvitation();
        await repo.insertInvitation(trx, { partnershipId: actor.partnershipId, userId, ...invitation });
        await recordAudit(trx, actor, { action: 'user.invited', subjectType: 'user', subjectId: userId });
        return { ok: true as const, userId, invitationLink: invitationLink(invitation.token) };
      });
    },

    async update(actor: Actor, userId: number, input: UserInput): Promise<UserChangeResult> {
      return manage(actor, async (trx) => {
        const before = await repo.findUser(trx, userId);
        if (!before) throw notFound();
        // A partnership always keeps an administrator: nobody removes their own admin role.
        if (userId === actor.userId && before.role === 'admin' && input.role !== 'admin') {
          return { ok: false as const, field: 'role' as const, message: CANNOT_DEMOTE_SELF };
        }
        const problem = await checkInput(trx, input, userId);
        if (problem) return { ok: false as const, ...problem };
        await repo.updateUser(trx, userId, { name: input.name, email: input.email, role: input.role, agency_id: input.agencyId });
        const changed = changedFields([
          ['name', before.name, input.name],
          ['email', before.email, input.email],
          ['role', before.role, input.role],
          ['agencyId', before.agency_id, input.agencyId],
        ]);
        // A change of role or email takes effect at once: end the user's sessions.
        if (changed['role'] || changed['email']) await deleteUserSessions(trx, actor.partnershipId, userId);
        await recordAudit(trx, actor, { action: 'user.updated', subjectType: 'user', subjectId: userId, details: changed });
        return { ok: true as const, userId };
      });
    },

    /** Disabling ends every session of the user at once. Nobody disables themselves. */
    async setDisabled(actor: Actor, userId: number, disabled: boolean): Promise<{ ok: true } | { ok: false; message: string }> {
      if (disabled && userId === actor.userId) return { ok: false, message: CANNOT_DISABLE_SELF };
      return manage(actor, async (trx) => {
        if (!(await repo.findUser(trx, userId))) throw notFound();
        await repo.setDisabled(trx, userId, disabled);
        if (disabled) await deleteUserSessions(trx, actor.partnershipId, userId);
        await recordAudit(trx, actor, { action: disabled ? 'user.disabled' : 'user.enabled', subjectType: 'user', subjectId: userId });
        return { ok: true as const };
      });
    },

    /**
     * (the command line only) Makes a user a data manager, who may change the police.uk data every
     * partnership sees, or stops them being one (docs/decisions/0005-who-may-change-shared-open-data.md).
     * As the owner: the role web requests work as may not change it.
     */
    async setDataManager(actor: Actor, userId: number, grant: boolean): Promise<{ ok: true } | { ok: false; message: string }> {
      mustBeAllowed(actor, 'users.data-manager');
      return db.system(async (trx) => {
        const user = await repo.findUserOf(trx, actor.partnershipId, userId);
        if (!user) throw notFound();
        if (grant && !DATA_MANAGER_ROLES.includes(user.role)) {
          return {
            ok: false as const,
            message:
              `${user.name} is ${user.role === 'admin' ? 'an' : 'a'} ${user.role}: ` +
              'only an admin, coordinator or analyst can be a data manager',
          };
        }
        await repo.setDataManager(trx, userId, grant);
        await recordAudit(trx, actor, {
          action: grant ? 'user.data_manager_granted' : 'user.data_manager_revoked',
          subjectType: 'user',
          subjectId: userId,
        });
        return { ok: true as const };
      });
    },

    /** Clears the user's authenticator so they set up a new one at their next sign-in. */
    async resetAuthenticator(actor: Actor, userId: number): Promise<void> {
      await manage(actor, async (trx) => {
        if (!(await repo.findUser(trx, userId))) throw notFound();
        await repo.clearTotp(trx, userId);
        await deleteUserSessions(trx, actor.partnershipId, userId);
        await recordAudit(trx, actor, { action: 'mfa.reset', subjectType: 'user', subjectId: userId });
      });
    },

    /**
     * A new invitation link (the old one stops working): for a new user, or one who forgot their
     * password or whose account may be in someone else's hands. Like every other reset, it ends
     * the user's sessions at once, so whoever is signed in as them is signed out.
     */
    async invite(actor: Actor, userId: number): Promise<string> {
      return manage(actor, async (trx) => {
        const user = await repo.findUser(trx, userId);
        if (!user) throw notFound();
        const invitation = newInvitation();
        await repo.insertInvitation(trx, { partnershipId: actor.partnershipId, userId, ...invitation });
        const sessionsEnded = await deleteUserSessions(trx, actor.partnershipId, userId);
        await recordAudit(trx, actor, { action: 'user.invited', subjectType: 'user', subjectId: userId, details: { sessionsEnded } });
        return invitationLink(invitation.token);
      });
    },
  };
}
