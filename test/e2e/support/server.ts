/**
 * Starts the real Safer command (`node bin/safer.js start`) as a child process on a fresh data
 * folder, and reads what it prints: the address it listens on and every demo user's sign-in
 * (password and authenticator key), the only way the tests sign in. `safer migrate` and `safer
 * demo` load the whole demo first (police data included, which `safer start` alone would load after
 * it listens), then any `setup` commands run, then the server starts.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'bin', 'safer.js');
/** Each command, and "safer start" until it is ready (on a fresh folder it migrates and loads the demo), gets this long. */
const COMMAND_TIMEOUT_MS = 100_000;
const STOP_TIMEOUT_MS = 10_000;

export interface DemoUser {
  role: string;
  email: string;
  password: string;
  /** The base32 authenticator key; compute codes from it with totp(). */
  totpSecret: string;
}

export interface SaferServer {
  /** The address the server printed, e.g. http://127.0.0.1:40123 (PORT=0 picks a free port). */
  baseUrl: string;
  /** The demo coordinator, as the server printed them at start. */
  coordinator: DemoUser;
  /** A demo user by role (admin, coordinator, analyst, member, viewer), as the server printed them at start. */
  demoUser(role: string): DemoUser;
  /** Everything the server has written to stdout and stderr so far, for failure messages. */
  output(): string;
  /** Stops the server (SIGTERM, then waits for it to exit) and removes its data folder. */
  stop(): Promise<void>;
}

/** Settings from the calling shell that must not point the server somewhere else. */
const IGNORED_SETTINGS = new Set(['DATABASE_URL', 'SAFER_SECRET_KEY', 'SAFER_DEMO', 'PUBLIC_URL', 'SECURE_COOKIES', 'NODE_OPTIONS']);

function environment(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !IGNORED_SETTINGS.has(name))),
    SAFER_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    FORCE_COLOR: '0',
  };
}

/** Every demo user the server printed at start: one password, and a line per user with role, email, key and code. */
function demoUsersIn(output: string): Map<string, DemoUser> {
  const password = /Every demo user has the password: (\S+)/.exec(output)?.[1];
  const users = new Map<string, DemoUser>();
  for (const match of output.matchAll(/^ {2}(\w+)\s+(\S+@\S+)\s+([A-Z2-7]{32})\s+\d{6}$/gm)) {
    users.set(match[1]!, { role: match[1]!, email: match[2]!, password: password!, totpSecret: match[3]! });
  }
  if (!password || users.size === 0) throw new Error(`The server printed no demo sign-in. It printed:\n${output}`);
  return users;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts Safer on a fresh data folder with the demo partnership. `setup` are further `safer`
 * commands run after the demo is loaded and before the server starts, such as
 * ['user', 'data-manager', ...].
 */
export async function startSafer(options: { setup?: string[][] } = {}): Promise<SaferServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'safer-e2e-'));
  const env = environment(dataDir);
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });

  try {
    // `safer migrate` makes the database and `safer demo` loads all of the demo, so every page has
    // its figures as soon as the server answers; setup commands need the demo too.
    for (const args of [['migrate'], ['demo'], ...(options.setup ?? [])])
      await promisify(execFile)(process.execPath, [cli, ...args], { cwd: root, env, timeout: COMMAND_TIMEOUT_MS });
  } catch (error) {
    removeDataDir();
    throw error;
  }

  const child = spawn(process.execPath, [cli, 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  // Should this test process end without calling stop(), the server goes with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
    }
    removeDataDir();
  };

  try {
    // The sign-in details are printed in one write, after the server is listening.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`The server printed no sign-in details within ${COMMAND_TIMEOUT_MS / 1000}s`)),
        COMMAND_TIMEOUT_MS,
      );
      const onData = () => {
        if (/^ {2}viewer .*\n/m.test(output)) finish();
      };
      const onExit = (code: number | null, signal: string | null) =>
        finish(new Error(`The server exited (${String(code ?? signal)}) before it was ready`));
      function finish(error?: Error) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve();
      }
      child.stdout.on('data', onData);
      child.once('exit', onExit);
      onData();
    });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}. It printed:\n${output}`, { cause: error });
  }

  let users: Map<string, DemoUser>;
  try {
    users = demoUsersIn(output);
  } catch (error) {
    await stop();
    throw error;
  }

  // From here on the server prints only its warnings and errors (LOG_LEVEL=warn): show them, as
  // they explain a failing page.
  let shown = output.length;
  const show = () => {
    const lines = output.slice(shown);
    const end = lines.lastIndexOf('\n') + 1;
    if (end === 0) return;
    process.stderr.write(lines.slice(0, end).replace(/^(?=.)/gm, '[safer server] '));
    shown += end;
  };
  child.stdout.on('data', show);
  child.stderr.on('data', show);

  const address = /Safer is running at (http:\/\/\S+)/.exec(output)?.[1];
  if (!address) {
    await stop();
    throw new Error(`The server did not print its address. It printed:\n${output}`);
  }

  return {
    baseUrl: address,
    coordinator: users.get('coordinator')!,
    demoUser(role) {
      const user = users.get(role);
      if (!user) throw new Error(`The server printed no demo ${role}; it printed: ${[...users.keys()].join(', ')}`);
      return user;
    },
    output: () => output,
    stop,
  };
}
