import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, FastifyServerOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createServices, type Services } from '../../src/services.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Database, Trx } from '../../src/platform/db/database.ts';
import { AppError } from '../../src/platform/errors.ts';
import type { AgencyType, Role } from '../../src/platform/db/schema.ts';
import { seal } from '../../src/platform/crypto.ts';
import type { Actor } from '../../src/features/audit/events.ts';
import { hashPassword } from '../../src/features/auth/passwords.ts';
import { generateTotpSecret, timeStep, totp } from '../../src/features/auth/totp.ts';
import { insertPartnership } from '../../src/features/partnerships/partnership-repository.ts';
import { enableTotp, insertUser, setDataManager } from '../../src/features/users/user-repository.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export const TEST_PASSWORD = 'a test password for safer';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    SAFER_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'safer-test-')),
    SAFER_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export interface TestUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  agencyId: number;
  totpSecret: string;
}

export interface TestPartnership {
  id: number;
  slug: string;
  agencyId: number;
  users: Record<Role, TestUser>;
}

/** A partnership with one agency and one signed-up user (password and authenticator) per role, and the districts given. */
export async function seedPartnership(db: Database, config: Config, slug: string, districtCodes: string[] = []): Promise<TestPartnership> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  return db.system(async (trx) => {
    const id = await insertPartnership(trx, { slug, name: `Safer ${slug} Partnership`, districtCodes });
    const agency = await trx
      .insertInto('agencies')
      .values({
        partnership_id: id,
        name: `${slug} Borough Council`,
        agency_type: 'district_council' as AgencyType,
        responsible_authority: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const users = {} as Record<Role, TestUser>;
    for (const role of ['admin', 'coordinator', 'analyst', 'member', 'viewer'] as const) {
      const email = `${role}@${slug}.test`;
      const name = `${slug} ${role} person`;
      const userId = await insertUser(trx, { partnershipId: id, agencyId: agency.id, name, email, role, passwordHash });
      const totpSecret = generateTotpSecret();
      await enableTotp(trx, userId, seal(config.secretKey, totpSecret), timeStep() - 5);
      users[role] = { id: userId, email, name, role, agencyId: agency.id, totpSecret };
    }
    return { id, slug, agencyId: agency.id, users };
  });
}

/** A seeded user as the actor a service is called with (as actorFrom() makes it for their requests), to call a service directly. */
export function actorOf(partnership: TestPartnership, role: Role, options: { dataManager?: boolean } = {}): Actor {
  const user = partnership.users[role];
  return {
    partnershipId: partnership.id,
    userId: user.id,
    name: user.name,
    agencyName: `${partnership.slug} Borough Council`,
    requestId: 'test',
    ip: null,
    role,
    dataManager: options.dataManager ?? false,
  };
}

/** Makes a user a data manager, as `safer user data-manager --grant` does (as the owner). */
export async function makeDataManager(db: Database, user: TestUser): Promise<void> {
  await db.system((trx) => setDataManager(trx, user.id, true));
}

/** Extra headers for one request, and the address it comes from (app.inject's default is 127.0.0.1). */
export interface AgentRequestOptions {
  headers?: Record<string, string>;
  remoteAddress?: string;
}

/** A cookie-keeping client over app.inject that sends the CSRF token with every form, as a browser would. */
export class Agent {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly app: FastifyInstance,
    private readonly db?: Database,
  ) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies) {
      const cookie = c as { name: string; value: string; maxAge?: number; expires?: Date };
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() <= Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get csrfToken(): string | undefined {
    return this.cookies.get('__Host-safer-csrf');
  }

  async get(url: string, options: AgentRequestOptions = {}): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({
        method: 'GET',
        url,
        remoteAddress: options.remoteAddress,
        headers: { ...options.headers, cookie: this.cookieHeader() },
      }),
    );
  }

  async post(
    url: string,
    form: Record<string, string> = {},
    options: AgentRequestOptions & { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    if (!this.csrfToken) await this.get('/sign-in');
    const body = new URLSearchParams(form);
    if (options.csrf !== false && this.csrfToken) body.set('_csrf', this.csrfToken);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: options.remoteAddress,
        headers: { ...options.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  /** Signs in with password and a current authenticator code; throws if it does not reach the home page. */
  async signIn(user: { email: string; totpSecret: string }, password = TEST_PASSWORD): Promise<void> {
    const first = await this.post('/sign-in', { email: user.email, password });
    if (first.statusCode !== 303 || first.headers.location !== '/sign-in/code') {
      throw new Error(`sign-in failed: ${first.statusCode} ${String(first.headers.location)}`);
    }
    // A code works once; tests sign the same user in many times within 30 seconds, so forget the last one.
    await this.db?.system((trx) => trx.updateTable('users').set({ totp_last_step: null }).where('email', '=', user.email).execute());
    const second = await this.post('/sign-in/code', { code: totp(user.totpSecret) });
    if (second.statusCode !== 303 || second.headers.location !== '/') {
      throw new Error(`second factor failed: ${second.statusCode}`);
    }
  }
}

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  database: TestDatabase;
  /** A new cookie-keeping client. */
  agent(): Agent;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  logger?: FastifyServerOptions['logger'];
  /** Adds test-only routes before the app is ready (for example, one that throws). */
  beforeReady?: (app: FastifyInstance) => void | Promise<void>;
  /** A demo deployment, as `safer start` makes one when it loads the demo. */
  demo?: boolean;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(options.env);
  const database = await createTestDatabase();
  const app = await buildApp({ config, database: database.db, logger: options.logger ?? false, demo: options.demo ?? false });
  await options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    config,
    database,
    agent: () => new Agent(app, database.db),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Every feature's services over a test app's database: to call a service directly, without a route's access check in front. */
export function servicesOf(t: TestApp): Services {
  return createServices({ db: t.database.db, config: t.config, log: t.app.log });
}

/**
 * Asserts that the service itself refuses a call (FORBIDDEN, 403, with a message matching `message`),
 * as it does for an actor without the permission, and that the partnership's audit log gained
 * nothing (every change is audited in its own transaction, so nothing was changed).
 */
export async function refusedByService(
  t: TestApp,
  partnershipId: number,
  call: () => Promise<unknown>,
  message: RegExp = /permission/,
): Promise<void> {
  const audited = async () => {
    const count = (trx: Trx) =>
      trx
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
    return Number((await t.database.db.tenant(partnershipId, count)).n);
  };
  const before = await audited();
  await assert.rejects(call(), (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.status, 403);
    assert.match(error.message, message);
    return true;
  });
  assert.equal(await audited(), before, 'nothing was changed or audited');
}

/** A file as an upload form saves it, in a folder of its own (which whatever takes the upload deletes). */
export function savedUpload(fileName: string, contents: string): { dir: string; path: string; fileName: string; bytes: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'safer-upload-'));
  const file = path.join(dir, fileName);
  writeFileSync(file, contents);
  return { dir, path: file, fileName, bytes: Buffer.byteLength(contents) };
}
