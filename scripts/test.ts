/**
 * The test command (npm test): every tier, in order, each reported by name.
 *   1. lint (eslint), type-check (tsc) and formatting (prettier)
 *   2. unit tests          src/**\/*.test.ts (not the tiers below)
 *   3. route tests         src/**\/*.route.test.ts, in-process requests on an embedded database
 *   4. database tests      src/**\/*.db.test.ts on embedded PGlite
 *   5. database tests      the same files on a PostgreSQL server, when TEST_DATABASE_URL is set
 *   6. browser tests       test/e2e/**\/*.e2e.test.ts in Chromium (CHROMIUM_PATH, default /usr/bin/chromium)
 * A tier that cannot run here says so and is skipped; with CI=true a skipped tier fails the run.
 * Tiers of the same stage run side by side (the machines have two cores, and the database tiers
 * wait on their databases as much as they compute); each tier's output is printed whole, in order.
 * Arguments narrow the run to tiers by name: npm test -- unit route
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const ci = process.env['CI'] === 'true' || process.env['CI'] === '1';
const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

function files(dir: string, match: (f: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (match(full)) out.push(path.relative(root, full));
    }
  };
  walk(path.join(root, dir));
  return out.sort();
}

const isRoute = (f: string) => f.endsWith('.route.test.ts');
const isDb = (f: string) => f.endsWith('.db.test.ts');
const isUnit = (f: string) => f.endsWith('.test.ts') && !isRoute(f) && !isDb(f) && !f.endsWith('.e2e.test.ts');

interface Tier {
  name: string;
  /** Tiers with the same stage run at the same time; stages run one after another. */
  stage: number;
  title: string;
  skip?: string;
  command?: string[];
  files?: string[];
  env?: Record<string, string>;
}

const tiers: Tier[] = [
  { name: 'lint', stage: 1, title: 'Lint (eslint)', command: ['npx', 'eslint', '--max-warnings', '0', '.'] },
  { name: 'typecheck', stage: 1, title: 'Type-check (tsc)', command: ['npx', 'tsc', '--noEmit'] },
  {
    name: 'format',
    stage: 1,
    title: 'Formatting (prettier --check; npm run format fixes it)',
    command: ['npx', 'prettier', '--check', '.'],
  },
  { name: 'unit', stage: 2, title: 'Unit tests', files: [...files('src', isUnit), ...files('scripts', isUnit)] },
  { name: 'route', stage: 2, title: 'Route tests (app.inject, embedded database)', files: files('src', isRoute) },
  { name: 'db', stage: 3, title: 'Database tests on embedded PGlite', files: files('src', isDb), env: { SAFER_TEST_DB: 'pglite' } },
  {
    name: 'postgres',
    stage: 3,
    title: 'Database tests on a PostgreSQL server',
    files: files('src', isDb),
    env: { SAFER_TEST_DB: 'postgres' },
    skip: process.env['TEST_DATABASE_URL'] ? undefined : 'TEST_DATABASE_URL is not set, so there is no PostgreSQL server to test on',
  },
  {
    name: 'browser',
    stage: 4,
    title: `Browser tests in Chromium (${chromium})`,
    files: files('test/e2e', (f) => f.endsWith('.e2e.test.ts')),
    env: { CHROMIUM_PATH: chromium },
    skip: existsSync(chromium) ? undefined : `no Chromium at ${chromium} (set CHROMIUM_PATH)`,
  },
];

const wanted = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedTiers: string[] = [];
const skippedTiers: string[] = [];

interface Outcome {
  output: string;
  status: number | null;
  seconds: string;
}

/** The longest any one test may run (the slowest, loading the whole demo, take about a minute). */
const TEST_TIMEOUT_MS = 5 * 60_000;

/** Runs one tier's command, collecting its standard output; standard error goes straight through. */
function run(tier: Tier): Promise<Outcome> {
  const command = tier.command ?? [
    process.execPath,
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-concurrency=1',
    // A test that hangs fails after this long instead of holding up the whole run.
    `--test-timeout=${TEST_TIMEOUT_MS}`,
    ...tier.files!,
  ];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: root,
      env: { ...process.env, ...tier.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('close', (code, signal) =>
      resolve({
        output: Buffer.concat(chunks).toString('utf8'),
        status: code ?? (signal ? -1 : null),
        seconds: ((Date.now() - started) / 1000).toFixed(1),
      }),
    );
  });
}

function report(tier: Tier, outcome: Outcome | string): void {
  console.log(`\n=== ${tier.title} ===`);
  if (typeof outcome === 'string') {
    console.log(outcome);
    return;
  }
  process.stdout.write(outcome.output);
  if (tier.files) {
    const count = (label: string) => Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(outcome.output)?.[1] ?? 0);
    totals.passed += count('pass');
    totals.failed += count('fail');
    totals.skipped += count('skipped') + count('todo');
  }
  if (outcome.status === 0) console.log(`--- ${tier.title}: passed in ${outcome.seconds}s`);
  else {
    console.log(`--- ${tier.title}: FAILED (exit ${String(outcome.status)}) in ${outcome.seconds}s`);
    failedTiers.push(tier.name);
  }
}

const chosen = tiers.filter((tier) => !wanted.length || wanted.includes(tier.name));
for (const stage of [...new Set(chosen.map((tier) => tier.stage))].sort((a, b) => a - b)) {
  const inStage = chosen.filter((tier) => tier.stage === stage);
  const outcomes = await Promise.all(
    inStage.map((tier): Promise<Outcome | string> => {
      if (tier.skip) {
        skippedTiers.push(tier.name);
        return Promise.resolve(`SKIPPED: ${tier.skip}`);
      }
      if (tier.files && tier.files.length === 0) {
        failedTiers.push(tier.name);
        return Promise.resolve('FAILED: no test files found for this tier');
      }
      return run(tier);
    }),
  );
  inStage.forEach((tier, index) => report(tier, outcomes[index]!));
}

console.log('\n=== Summary ===');
if (skippedTiers.length) console.log(`Skipped tiers: ${skippedTiers.join(', ')}${ci ? ' (not allowed in CI)' : ''}`);
if (failedTiers.length) console.log(`Failed tiers: ${failedTiers.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedTiers.length || (ci && skippedTiers.length) ? 1 : 0);
