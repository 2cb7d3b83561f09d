import type { Config } from '../../config.ts';
import { seal, unseal } from '../../platform/crypto.ts';
import type { Database } from '../../platform/db/database.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import { operatorActor } from '../audit/events.ts';
import { hashPassword } from '../auth/passwords.ts';
import { generateRecoveryCodes, hashRecoveryCode } from '../auth/recovery-codes.ts';
import { generateTotpSecret, timeStep, totp } from '../auth/totp.ts';
import { findPartnershipBySlug, insertPartnership } from '../partnerships/partnership-repository.ts';
import { insertUser, enableTotp, replaceRecoveryCodes } from '../users/user-repository.ts';
import { DEMO_PASSWORD, demoAgencies, demoPartnership, demoUsers } from './demo-data.ts';
import { loadDemoGeography, loadDemoOpenData } from './demo-open-data.ts';
import { loadDemoPlan } from './demo-plan.ts';
import { loadDemoGovernance } from './demo-governance.ts';
import { loadDemoActions } from './demo-actions.ts';
import { loadDemoIndicators } from './demo-indicators.ts';
import { loadDemoServiceUsage } from './demo-service-usage.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

export interface DemoSignIn {
  email: string;
  role: string;
  password: string;
  totpSecret: string;
  currentCode: string;
}

/**
 * Loads the demo partnership once. Returns false, changing nothing, when it is already there.
 * Everything is written in one transaction, so a failure leaves no half-loaded partnership.
 * First the Kent open data, each part only if missing: the geography, and the police.uk months
 * unless `policeData` is false (the server loads those after it starts listening; see server.ts).
 */
export async function loadDemo(db: Database, config: Config, options: { policeData?: boolean } = {}): Promise<boolean> {
  if (options.policeData === false) await loadDemoGeography(db);
  else await loadDemoOpenData(db);
  const exists = await db.system((trx) => findPartnershipBySlug(trx, demoPartnership.slug));
  if (exists) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.system(async (trx) => {
    const partnershipId = await insertPartnership(trx, demoPartnership);
    const system = operatorActor(partnershipId, 'Safer demo loader');
    await recordAudit(trx, system, { action: 'partnership.created', subjectType: 'partnership', subjectId: partnershipId });
    const agencyIds = new Map<string, number>();
    for (const agency of demoAgencies) {
      const agencyId = await insertReturningId(trx, 'agencies', {
        partnership_id: partnershipId,
        name: agency.name,
        agency_type: agency.type,
        responsible_authority: agency.responsibleAuthority,
      });
      agencyIds.set(agency.name, agencyId);
      await recordAudit(trx, system, {
        action: 'agency.created',
        subjectType: 'agency',
        subjectId: agencyId,
        details: { name: agency.name },
      });
    }
    const userIds = new Map<string, number>();
    for (const user of demoUsers) {
      const userId = await insertUser(trx, {
        partnershipId,
        agencyId: agencyIds.get(user.agency)!,
        name: user.name,
        email: user.email,
        role: user.role,
        passwordHash,
      });
      // Demo users come with an authenticator key already set up, so the printed key signs in at once.
      userIds.set(user.role, userId);
      await enableTotp(trx, userId, seal(config.secretKey, generateTotpSecret()), timeStep() - 2);
      await replaceRecoveryCodes(trx, partnershipId, userId, generateRecoveryCodes().map(hashRecoveryCode));
      await recordAudit(trx, system, { action: 'user.created', subjectType: 'user', subjectId: userId, details: { role: user.role } });
    }
    // The synthetic one-stop-shop visits, before anything that counts them (the demo's indicators).
    await loadDemoServiceUsage(trx, partnershipId, userIds.get('analyst')!);
    const plan = await loadDemoPlan(trx, partnershipId);
    const bodies = await loadDemoGovernance(trx, partnershipId, plan);
    const person = (role: string) => demoUsers.find((u) => u.role === role)!;
    await loadDemoActions(trx, partnershipId, plan, bodies, {
      coordinator: userIds.get('coordinator')!,
      member: userIds.get('member')!,
      coordinatorName: person('coordinator').name,
      memberName: person('member').name,
    });
    await loadDemoIndicators(trx, partnershipId, plan, { analyst: userIds.get('analyst')!, coordinator: userIds.get('coordinator')! });
  });
  return true;
}

/** What to print so someone can sign in to the demo as any of its users: each one's key and current code. */
export async function demoSignIns(db: Database, config: Config): Promise<DemoSignIn[]> {
  const rows = await db.system((trx) =>
    trx
      .selectFrom('users')
      .select(['email', 'totp_secret'])
      .where(
        'email',
        'in',
        demoUsers.map((u) => u.email),
      )
      .where('totp_secret', 'is not', null)
      .execute(),
  );
  return demoUsers.flatMap((u) => {
    const row = rows.find((r) => r.email === u.email);
    if (!row?.totp_secret) return [];
    const secret = unseal(config.secretKey, row.totp_secret);
    return [{ email: row.email, role: u.role, password: DEMO_PASSWORD, totpSecret: secret, currentCode: totp(secret) }];
  });
}

/**
 * Every demo user's sign-in, as the start-up banner and `safer demo` print it: one password, and
 * for each role its email address, authenticator key (added to an authenticator app, it gives codes
 * for as long as Safer runs) and the code right now. It never says Safer is running: only the server knows.
 */
export function formatDemoSignIns(signIns: readonly DemoSignIn[]): string {
  if (signIns.length === 0) return '';
  return [
    `Demo sign-in (${demoPartnership.name}). Every demo user has the password: ${signIns[0]!.password}`,
    "Add a user's authenticator key to any authenticator app for their codes (each code lasts 30 seconds).",
    '',
    `  ${'Role'.padEnd(12)} ${'Email'.padEnd(40)} ${'Authenticator key'.padEnd(34)} Code now`,
    ...signIns.map((s) => `  ${s.role.padEnd(12)} ${s.email.padEnd(40)} ${s.totpSecret.padEnd(34)} ${s.currentCode}`),
    '',
  ].join('\n');
}
