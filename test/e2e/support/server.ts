/**
 * Starts the real Safer command (`node bin/safer.js start`) as a child process on a fresh, empty
 * data folder, the way someone trying Safer out would, and reads what it prints: the address it
 * listens on and the demo sign-in details.
 *
 * Before starting the server it runs `node bin/safer.js demo --all` on the same data folder, which
 * loads the demo partnership and prints every demo user's authenticator key, then exits. (The
 * running server holds the data folder's lock, so the keys cannot be read while it runs.)
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'bin', 'safer.js');
/** Each of "safer demo --all" and "safer start" gets this long. */
const COMMAND_TIMEOUT_MS = 50_000;
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
  /** A demo user by role (admin, coordinator, analyst, member, viewer), from "safer demo --all". */
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

function field(output: string, label: string): string {
  const match = new RegExp(`^\\s*${label}:\\s+(\\S+)`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`The server did not print "${label}:". It printed:\n${output}`);
  return match[1];
}

/** Runs `safer demo --all` and reads one line per demo user: role, email, key and current code. */
async function loadDemoUsers(env: NodeJS.ProcessEnv): Promise<Map<string, Omit<DemoUser, 'password'>>> {
  const { stdout } = await promisify(execFile)(process.execPath, [cli, 'demo', '--all'], {
    cwd: root,
    env,
    timeout: COMMAND_TIMEOUT_MS,
  });
  const users = new Map<string, Omit<DemoUser, 'password'>>();
  for (const match of stdout.matchAll(/^(\w+)\s+(\S+@\S+)\s+key ([A-Z2-7]+)\s+code \d{6}$/gm)) {
    users.set(match[1]!, { role: match[1]!, email: match[2]!, totpSecret: match[3]! });
  }
  if (users.size === 0) throw new Error(`"safer demo --all" printed no demo users. It printed:\n${stdout}`);
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

  let demoUsers: Map<string, Omit<DemoUser, 'password'>>;
  try {
    demoUsers = await loadDemoUsers(env);
    for (const args of options.setup ?? [])
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
        if (/Authenticator key:.*\n/.test(output)) finish();
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

  const password = field(output, 'Password');
  const coordinator: DemoUser = {
    role: 'coordinator',
    email: field(output, 'Email'),
    password,
    totpSecret: field(output, 'Authenticator key'),
  };
  const users = new Map<string, DemoUser>([...demoUsers].map(([role, user]) => [role, { ...user, password }]));
  const printedCoordinator = users.get('coordinator');
  if (printedCoordinator?.email !== coordinator.email || printedCoordinator.totpSecret !== coordinator.totpSecret) {
    await stop();
    throw new Error(`The server and "safer demo --all" printed different coordinator details:\n${output}`);
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
    coordinator,
    demoUser(role) {
      const user = users.get(role);
      if (!user) throw new Error(`"safer demo --all" printed no ${role}; it printed: ${[...users.keys()].join(', ')}`);
      return user;
    },
    output: () => output,
    stop,
  };
}
