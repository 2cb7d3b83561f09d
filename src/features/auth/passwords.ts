import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { FastifyBaseLogger } from 'fastify';

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes). */
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** A hash of nothing anyone knows, checked when no account matches so timing reveals nothing. */
let decoyHash: Promise<string> | undefined;

/** Where a stored hash that cannot be checked is reported: the service's logger, with the user's id. */
export type PasswordLog = Pick<FastifyBaseLogger, 'error'>;

/**
 * Whether the password matches the stored hash (none: no account, checked against a decoy so that
 * it takes as long). A stored hash argon2 cannot read (corrupt, or not argon2) matches nothing and is
 * logged as an error: it is a fault in the data, not a wrong password, and someone must repair it.
 */
export async function verifyPassword(passwordHash: string | null, password: string, log: PasswordLog): Promise<boolean> {
  if (!passwordHash) {
    decoyHash ??= hashPassword('decoy password that matches no account');
    await verify(await decoyHash, password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch (error) {
    log.error({ err: error }, 'A stored password hash could not be checked: it is corrupt or not an argon2 hash. The password is refused.');
    return false;
  }
}

const common = new Set(dictionary.passwords.map((p) => p.toLowerCase()));

/**
 * Why a new password is refused, in words for the person choosing it, or null if it is fine.
 * Refused: shorter than 12 or longer than 128 characters; a commonly used password, also with
 * digits or symbols added before or after it; one character repeated; the email address.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN) return `Password must be ${PASSWORD_MIN} characters or more`;
  if (password.length > PASSWORD_MAX) return `Password must be ${PASSWORD_MAX} characters or fewer`;
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (common.has(lower) || (core.length > 0 && common.has(core))) {
    return 'Password is too common. Choose a password that is harder to guess';
  }
  if (/^(.)\1+$/.test(password)) return 'Password must not be one character repeated';
  if (email && lower.includes(email.toLowerCase())) return 'Password must not contain your email address';
  return null;
}
