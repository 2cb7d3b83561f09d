/**
 * The test command (npm test): every tier, in order, each reported by name.
 *   1. lint (eslint) and type-check (tsc)
 *   2. unit tests          src/**\/*.test.ts (not the tiers below)
 *   3. route tests         src/**\/*.route.test.ts, in-process requests on an embedded database
 *   4. database tests      src/**\/*.db.test.ts on embedded PGlite
 *   5. database tests      the same files on a PostgreSQL server, when TEST_DATABASE_URL is set
 *   6. browser tests       test/e2e/**\/*.e2e.test.ts in Chromium (CHROMIUM_PATH, default /usr/bin/chromium)
 * A tier that cannot run here says so and is skipped; with CI=true a skipped tier fails the run.
 * Arguments narrow the run to tiers by name: npm test -- unit route
 */
import { spawnSync } from 'node:child_process';
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
  title: string;
  skip?: string;
  command?: string[];
  files?: string[];
  env?: Record<string, string>;
}

const tiers: Tier[] = [
  { name: 'lint', title: 'Lint (eslint)', command: ['npx', 'eslint', '--max-warnings', '0', '.'] },
  { name: 'typecheck', title: 'Type-check (tsc)', command: ['npx', 'tsc', '--noEmit'] },
  { name: 'unit', title: 'Unit tests', files: [...files('src', isUnit), ...files('scripts', isUnit)] },
  { name: 'route', title: 'Route tests (app.inject, embedded database)', files: files('src', isRoute) },
  { name: 'db', title: 'Database tests on embedded PGlite', files: files('src', isDb), env: { SAFER_TEST_DB: 'pglite' } },
  {
    name: 'postgres',
    title: 'Database tests on a PostgreSQL server',
    files: files('src', isDb),
    env: { SAFER_TEST_DB: 'postgres' },
    skip: process.env['TEST_DATABASE_URL'] ? undefined : 'TEST_DATABASE_URL is not set, so there is no PostgreSQL server to test on',
  },
  {
    name: 'browser',
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

for (const tier of tiers) {
  if (wanted.length && !wanted.includes(tier.name)) continue;
  console.log(`\n=== ${tier.title} ===`);
  if (tier.skip) {
    console.log(`SKIPPED: ${tier.skip}`);
    skippedTiers.push(tier.name);
    continue;
  }
  if (tier.files && tier.files.length === 0) {
    console.log('FAILED: no test files found for this tier');
    failedTiers.push(tier.name);
    continue;
  }
  const command = tier.command ?? [
    process.execPath,
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-concurrency=1',
    ...tier.files!,
  ];
  const started = Date.now();
  const result = spawnSync(command[0]!, command.slice(1), {
    cwd: root,
    env: { ...process.env, ...tier.env, FORCE_COLOR: '0' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(result.stdout);
  if (tier.files) {
    const count = (label: string) => Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(result.stdout)?.[1] ?? 0);
    totals.passed += count('pass');
    totals.failed += count('fail');
    totals.skipped += count('skipped') + count('todo');
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) console.log(`--- ${tier.title}: passed in ${seconds}s`);
  else {
    console.log(`--- ${tier.title}: FAILED (exit ${String(result.status ?? result.signal)}) in ${seconds}s`);
    failedTiers.push(tier.name);
  }
}

console.log('\n=== Summary ===');
if (skippedTiers.length) console.log(`Skipped tiers: ${skippedTiers.join(', ')}${ci ? ' (not allowed in CI)' : ''}`);
if (failedTiers.length) console.log(`Failed tiers: ${failedTiers.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedTiers.length || (ci && skippedTiers.length) ? 1 : 0);
