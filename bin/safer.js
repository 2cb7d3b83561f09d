#!/usr/bin/env node
// The `safer` command. Safer is written in TypeScript and runs through tsx, so there is no build step.
// src/cli.ts reports its own errors in one line; this reports, the same way, one that stops it loading.
import { register } from 'tsx/esm/api';

register();
// Loading Safer's modules takes a few seconds on a small machine: say at once that it is starting.
if (process.argv[2] === 'start') process.stdout.write('Starting Safer\n');
try {
  await import('../src/cli.ts');
} catch (error) {
  process.stderr.write(`safer: could not start: ${error instanceof Error ? error.message.replace(/\s*\n\s*/g, ' ') : String(error)}\n`);
  if (process.argv.includes('--debug') || process.env.SAFER_DEBUG === '1') process.stderr.write(`${error?.stack ?? ''}\n`);
  process.exit(1);
}
