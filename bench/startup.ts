/**
 * Start-up benchmark: the first minutes of someone trying Safer out.
 *
 *   node --import tsx bench/startup.ts [--port 3000] [--root <checkout>] [--keep]
 *
 * Runs `node bin/safer.js start` (as `npm start` does, in development) on a fresh, empty data folder
 * and prints, in seconds from the command's start:
 *   - each line of progress the server prints before it is ready, as it comes;
 *   - ready: when it printed "Safer is running at";
 *   - the first page: GET /sign-in, its status and how long it took;
 *   - the stylesheet: the first GET /assets/safer.css, its size and how long it took;
 *   - the demo data complete: when the server said the Kent police.uk months were loaded (if it
 *     loads them after it is ready).
 * The server is then stopped and its data folder removed (kept with --keep). --root starts another
 * checkout of Safer (with its node_modules), to compare a version before a change with this one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { args, fixed, int, positiveInt } from './lib.ts';

const options = args();
const port = positiveInt(options.get('port'), 3000, 'port');
const root = path.resolve(options.get('root') ?? path.join(import.meta.dirname, '..'));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'safer-bench-startup-'));
const READY_TIMEOUT_MS = 120_000;
/** After ready, how long to wait for the server to say the demo's police data is loaded. */
const DATA_TIMEOUT_MS = 120_000;

/** Settings from the calling shell that must not point the server somewhere else. */
const ignored = new Set(['DATABASE_URL', 'SAFER_SECRET_KEY', 'SAFER_DEMO', 'PUBLIC_URL', 'NODE_OPTIONS']);
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !ignored.has(name))),
  SAFER_DATA_DIR: dataDir,
  HOST: '127.0.0.1',
  PORT: String(port),
  NODE_ENV: 'development',
};

const started = performance.now();
const since = () => (performance.now() - started) / 1000;
const child = spawn(process.execPath, [path.join(root, 'bin/safer.js'), 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
let pending = '';
const listeners = new Set<() => void>();
const onText = (chunk: string) => {
  output += chunk;
  pending += chunk;
  const end = pending.lastIndexOf('\n') + 1;
  for (const line of pending.slice(0, end).split('\n')) if (line.trim()) console.log(`  ${fixed(since()).padStart(6)} s | ${line}`);
  pending = pending.slice(end);
  for (const listener of listeners) listener();
};
child.stdout.setEncoding('utf8').on('data', onText);
child.stderr.setEncoding('utf8').on('data', onText);

/** Seconds from the start until the output matches, or null after the timeout. */
function waitFor(pattern: RegExp, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const check = () => {
      if (pattern.test(output)) finish(since());
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    const onExit = () => finish(null);
    function finish(value: number | null) {
      clearTimeout(timer);
      listeners.delete(check);
      child.off('exit', onExit);
      resolve(value);
    }
    listeners.add(check);
    child.once('exit', onExit);
    check();
  });
}

async function timedGet(url: string): Promise<{ seconds: number; status: number; bytes: number }> {
  const t0 = performance.now();
  const response = await fetch(url, { redirect: 'manual' });
  const body = await response.arrayBuffer();
  return { seconds: (performance.now() - t0) / 1000, status: response.status, bytes: body.byteLength };
}

const rows: [string, string][] = [];
try {
  console.log(`Starting Safer on an empty data folder (${dataDir}), port ${port}:`);
  const ready = await waitFor(/Safer is running at http:\/\/\S+/, READY_TIMEOUT_MS);
  if (ready === null) throw new Error(`The server was not ready within ${READY_TIMEOUT_MS / 1000} s`);
  const address = /Safer is running at (http:\/\/\S+)/.exec(output)![1]!;
  const page = await timedGet(`${address}/sign-in`);
  const css = await timedGet(`${address}/assets/safer.css`);
  rows.push(
    ['ready (printed "Safer is running at")', `${fixed(ready)} s`],
    ['first page, GET /sign-in', `${fixed(page.seconds)} s (HTTP ${page.status}, ${int(page.bytes)} bytes)`],
    ['first GET /assets/safer.css', `${fixed(css.seconds)} s (HTTP ${css.status}, ${int(css.bytes)} bytes)`],
  );
  const loaded = await waitFor(/Loaded the Kent police\.uk data|Loading the Kent police\.uk data failed/, DATA_TIMEOUT_MS);
  rows.push(['demo police data loaded', loaded === null ? 'not reported' : `${fixed(loaded)} s`]);
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once('exit', resolve) : resolve(null)));
  if (options.has('keep')) console.log(`Data folder kept: ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}
console.log('\nStart-up on an empty data folder:');
for (const [what, value] of rows) console.log(`  ${what.padEnd(40)} ${value}`);
