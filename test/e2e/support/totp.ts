/**
 * Authenticator codes for the browser tests. Safer accepts each code once per user (replay
 * protection), so signing the same user in twice within one 30-second step waits for the next step.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { STEP_SECONDS, timeStep, totp } from '../../../src/features/auth/totp.ts';

const lastUsedStep = new Map<string, number>();

/** The current code for this key, waiting for the next step when this run already used this one. */
export async function freshCode(secret: string): Promise<string> {
  const used = lastUsedStep.get(secret);
  while (used !== undefined && timeStep() <= used) {
    await sleep((used + 1) * STEP_SECONDS * 1000 - Date.now() + 50);
  }
  const now = Date.now();
  lastUsedStep.set(secret, timeStep(now));
  return totp(secret, now);
}
