import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { seal } from '../../src/platform/crypto.ts';
import type { Role } from '../../src/platform/db/schema.ts';
import type { Services } from '../../src/services.ts';
import type { Actor } from '../../src/features/audit/events.ts';
import { hashPassword } from '../../src/features/auth/passwords.ts';
import { generateTotpSecret, timeStep } from '../../src/features/auth/totp.ts';
import { enableTotp, insertUser } from '../../src/features/users/user-repository.ts';
import {
  actorOf,
  createTestApp,
  refusedByService,
  seedPartnership,
  servicesOf,
  TEST_PASSWORD,
  type Agent,
  type TestApp,
  type TestAppOptions,
  type TestPartnership,
  type TestUser,
} from './app.ts';

/**
 * The set-up most route tests open with: a test app and, in the order given, a partnership per slug
 * (one signed-up user per role in each, as seedPartnership makes them).
 * `[t, p, q] = await appWithPartnerships(['alpha', 'bravo'])`
 */
export async function appWithPartnerships<const S extends readonly string[]>(
  slugs: S,
  options: TestAppOptions = {},
): Promise<[TestApp, ...{ [K in keyof S]: TestPartnership }]> {
  const t = await createTestApp(options);
  const partnerships: TestPartnership[] = [];
  for (const slug of slugs) partnerships.push(await seedPartnership(t.database.db, t.config, slug));
  return [t, ...(partnerships as { [K in keyof S]: TestPartnership })];
}

/** A signed-in agent (client) for each user given, in order: `[coordinator, viewer] = await signedIn(t, p.users.coordinator, ...)`. */
export async function signedIn<const U extends readonly { email: string; totpSecret: string }[]>(
  t: TestApp,
  ...users: U
): Promise<{ [K in keyof U]: Agent }> {
  const agents: Agent[] = [];
  for (const user of users) {
    const agent = t.agent();
    await agent.signIn(user);
    agents.push(agent);
  }
  return agents as { [K in keyof U]: Agent };
}

/** A call straight to a service, made with the services and the actor of one role. */
export type ServiceCall = (services: Services, actor: Actor) => Promise<unknown>;

/**
 * Asserts that every call, made as `role` of the partnership straight to the services (no route's access
 * check in front), is refused by the service itself and changes and audits nothing (see refusedByService).
 */
export async function serviceRefuses(
  t: TestApp,
  p: TestPartnership,
  role: Role,
  calls: readonly ServiceCall[],
  message?: RegExp,
): Promise<void> {
  const services = servicesOf(t);
  const actor = actorOf(p, role);
  for (const call of calls) await refusedByService(t, p.id, () => call(services, actor), message);
}

/** Adds Kent Police (a responsible authority) as a second agency of the partnership; returns its id. */
export async function addKentPolice(t: TestApp, p: TestPartnership): Promise<number> {
  const row = await t.database.db.system((trx) =>
    trx
      .insertInto('agencies')
      .values({ partnership_id: p.id, name: 'Kent Police', agency_type: 'police', responsible_authority: true })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

/** The partnership's audit events, oldest first: those with the action, subject type and subject id given (any, where not given). */
export function auditEvents(t: TestApp, partnershipId: number, filter: { action?: string; subjectType?: string; subjectId?: number }) {
  return t.database.db.tenant(partnershipId, (trx) => {
    let query = trx.selectFrom('audit_events').selectAll().orderBy('id');
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.subjectType !== undefined) query = query.where('subject_type', '=', filter.subjectType);
    if (filter.subjectId !== undefined) query = query.where('subject_id', '=', String(filter.subjectId));
    return query.execute();
  });
}

/** Asserts that each page is refused to the agent: 403, with the page that says so. `who` names the agent in a failure. */
export async function pagesRefused(agent: Agent, urls: readonly string[], who: string): Promise<void> {
  for (const url of urls) {
    const res = await agent.get(url);
    assert.equal(res.statusCode, 403, `${who} GET ${url}`);
    assert.match(res.body, /You do not have permission to see this page/);
  }
}

/** Another signed-up user (password and authenticator) in the partnership's agency, so a test can change them freely. */
export async function addSignedUpUser(t: TestApp, p: TestPartnership, name: string, role: Role): Promise<TestUser> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${p.slug}.test`;
  return t.database.db.system(async (trx) => {
    const id = await insertUser(trx, { partnershipId: p.id, agencyId: p.agencyId, name, email, role, passwordHash });
    const totpSecret = generateTotpSecret();
    await enableTotp(trx, id, seal(t.config.secretKey, totpSecret), timeStep() - 5);
    return { id, email, name, role, agencyId: p.agencyId, totpSecret };
  });
}

/** The workbook of a downloaded XLSX file. */
export async function workbookOf(res: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(res.rawPayload).buffer);
  return workbook;
}

/** Asserts a CSV download (200, CSV in UTF-8, saved as `fileName`, `header` its first line); returns its lines. */
export function csvDownload(res: LightMyRequestResponse, fileName: string, header: string): string[] {
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
  assert.equal(res.headers['content-disposition'], `attachment; filename="${fileName}"`);
  const lines = res.body.trimEnd().split('\r\n');
  assert.equal(lines[0], header);
  return lines;
}
