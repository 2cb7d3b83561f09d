import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Safer reads, validated once at start. Each is documented in .env.example.
 * Secrets are marked `secret` in their description and never logged.
 */
const booleanString = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public address of the service, used in links printed by the CLI (invitations). */
  PUBLIC_URL: z.url().optional(),
  SAFER_DATA_DIR: z.string().min(1).default('./data'),
  /** secret: PostgreSQL server connection string. Unset means the embedded database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** secret: 32 bytes, base64, that encrypt authenticator secrets at rest. */
  SAFER_SECRET_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  SIGN_IN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Cookies are Secure and __Host- prefixed unless this is false; false is refused in production. */
  SECURE_COOKIES: booleanString.optional(),
  /** Addresses (or CIDR ranges) of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. Unset: none. */
  TRUST_PROXY: z.string().optional(),
  SAFER_DEMO: booleanString.optional(),
  /** secret: SMTP server for reminder emails, smtp://user:pass@host:port (smtps:// for TLS). Unset: reminders are listed, not sent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** The From address of emails Safer sends. */
  MAIL_FROM: z.string().min(3).default('Safer <no-reply@safer.invalid>'),
  /** Hours between reminder runs of the server; 0 turns the scheduled reminders off. */
  REMINDERS_INTERVAL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 31)
    .default(24),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  database: { kind: 'embedded'; dataDir: string } | { kind: 'server'; url: string };
  secretKey: Buffer;
  logLevel: string;
  session: { idleMinutes: number; absoluteHours: number; secureCookies: boolean };
  /** The proxies trusted to say who the client is and whether it used HTTPS; empty: none, the socket's own address counts. */
  trustedProxies: string[];
  signIn: { maxFailures: number; lockMinutes: number };
  loadDemo: boolean;
  mail: { smtpUrl: string | null; from: string };
  reminders: { intervalHours: number; dueWithinDays: number; staleAfterDays: number };
}

export class ConfigError extends Error {}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`).join('; ');
}

function readSecretKey(raw: string | undefined, dataDir: string, embedded: boolean): Buffer {
  if (raw) {
    const key = Buffer.from(raw, 'base64');
    if (key.length !== 32) throw new ConfigError('SAFER_SECRET_KEY: must be 32 bytes encoded as base64');
    return key;
  }
  if (!embedded) throw new ConfigError('SAFER_SECRET_KEY: required when DATABASE_URL is set');
  // Embedded mode keeps its own key beside the data, created once.
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

const TRUST_EXAMPLE = 'give the addresses of your reverse proxies, separated by commas, such as 127.0.0.1 or 10.0.0.0/24';

/**
 * TRUST_PROXY: a comma-separated list of IPv4 or IPv6 addresses, or ranges in CIDR form. Only a
 * request whose socket comes from one of these has its X-Forwarded-For and X-Forwarded-Proto
 * believed. true, hop counts and ranges that cover every address are refused: each would let any
 * client choose the address the rate limit and the audit log see.
 */
function parseTrustedProxies(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry) => {
    const value = entry.trim();
    const problem = trustedProxyProblem(value);
    if (problem) throw new ConfigError(`TRUST_PROXY: "${value}" ${problem}`);
    return value;
  });
}

function trustedProxyProblem(value: string): string | null {
  if (value === '') return `is empty (two commas together, or one at either end): ${TRUST_EXAMPLE}`;
  if (/^(true|yes|on|all|\*)$/i.test(value)) return `would trust every address, so any client could choose its own: ${TRUST_EXAMPLE}`;
  if (/^(false|no|off|none)$/i.test(value)) return 'is not needed: leave TRUST_PROXY unset to trust no proxy';
  if (/^\d+$/.test(value)) return `looks like a hop count, which Safer does not accept: ${TRUST_EXAMPLE}`;
  const [address = '', prefix, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return `is not an IP address or a CIDR range: ${TRUST_EXAMPLE}`;
  if (prefix === undefined) return null;
  const bits = version === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) return `has a prefix length that is not a whole number from 1 to ${bits}`;
  if (Number(prefix) === 0) return 'covers every address, so any client could choose its own address';
  return null;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`);
  const e = parsed.data;
  const dataDir = path.resolve(e.SAFER_DATA_DIR);
  const embedded = !e.DATABASE_URL;
  const secureCookies = e.SECURE_COOKIES ?? true;
  if (!secureCookies && e.NODE_ENV === 'production') {
    throw new ConfigError('SECURE_COOKIES: cannot be false when NODE_ENV is production');
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    dataDir,
    database: e.DATABASE_URL ? { kind: 'server', url: e.DATABASE_URL } : { kind: 'embedded', dataDir: path.join(dataDir, 'pglite') },
    secretKey: readSecretKey(e.SAFER_SECRET_KEY, dataDir, embedded),
    logLevel: e.LOG_LEVEL,
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      secureCookies,
    },
    trustedProxies: parseTrustedProxies(e.TRUST_PROXY),
    signIn: { maxFailures: e.SIGN_IN_MAX_FAILURES, lockMinutes: e.SIGN_IN_LOCK_MINUTES },
    loadDemo: e.SAFER_DEMO ?? embedded,
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    reminders: { intervalHours: e.REMINDERS_INTERVAL_HOURS, dueWithinDays: 14, staleAfterDays: 30 },
  };
}
