import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeDataManager, seedPartnership, TEST_PASSWORD, testConfig, type TestPartnership } from '../../test/helpers/app.ts';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../test/helpers/database.ts';
import { totp } from '../features/auth/totp.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { uploadsFolder } from './uploads.ts';

/**
 * Acceptance: a killed upload leaves nothing in the temporary folder after the next start. The real
 * `safer start` is sent a large police.uk upload and holds a service-usage upload; it is killed with
 * SIGKILL half-way through the first. Both are left in <SAFER_DATA_DIR>/uploads; the next start
 * deletes them (and says how many bytes), and Safer never wrote to the system's temporary folder
 * (the server's TMPDIR here is a folder of the test's own).
 */

const root = path.resolve(import.meta.dirname, '../..');
const SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** A cookie-keeping client of the running server, sending the CSRF token with every form as a browser would. */
class Client {
  private readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get csrf(): string {
    return this.cookies.get('__Host-safer-csrf') ?? '';
  }

  remember(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, at).trim(), pair!.slice(at + 1).trim()];
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<Response> {
    const body = form ? new URLSearchParams({ ...form, _csrf: this.csrf }).toString() : undefined;
    const res = await fetch(`${this.base}${url}`, {
      method,
      redirect: 'manual',
      headers: { cookie: this.cookie, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    this.remember(res.headers.getSetCookie());
    return res;
  }

  async signIn(user: { email: string; totpSecret: string }): Promise<void> {
    await this.request('GET', '/sign-in');
    const first = await this.request('POST', '/sign-in', { email: user.email, password: TEST_PASSWORD });
    assert.equal(first.headers.get('location'), '/sign-in/code', `sign-in: ${first.status}`);
    const second = await this.request('POST', '/sign-in/code', { code: totp(user.totpSecret) });
    assert.equal(second.headers.get('location'), '/', `second factor: ${second.status}`);
  }

  /** A multipart upload of the form's fields and a file, its head sent: the file's bytes are to follow. */
  private open(url: string, fields: Record<string, string>, fileName: string): { request: http.ClientRequest; end: string } {
    const boundary = `----SaferKill${randomBytes(8).toString('hex')}`;
    const request = http.request(`${this.base}${url}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    request.on('error', () => undefined);
    const part = (name: string, extra = '') => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n`;
    let head = `${part('_csrf')}${this.csrf}\r\n`;
    for (const [name, value] of Object.entries(fields)) head += `${part(name)}${value}\r\n`;
    request.write(`${head}${part('file', `; filename="${fileName}"\r\nContent-Type: application/octet-stream`)}`);
    return { request, end: `\r\n--${boundary}--\r\n` };
  }

  /** Uploads a whole form; resolves with the response. */
  upload(url: string, fields: Record<string, string>, fileName: string, data: string): Promise<http.IncomingMessage> {
    const { request, end } = this.open(url, fields, fileName);
    const response = new Promise<http.IncomingMessage>((resolve) => request.once('response', resolve));
    request.end(`${data}${end}`);
    return response.then((res) => res.resume());
  }

  /** Starts uploading a form, sending `fileBytes` bytes of its file and no more: the request stays open, as a slow upload's does. */
  async startUpload(url: string, fields: Record<string, string>, fileName: string, fileBytes: number): Promise<http.ClientRequest> {
    const { request } = this.open(url, fields, fileName);
    const piece = Buffer.alloc(1024 * 1024, 'a');
    for (let sent = 0; sent < fileBytes; sent += piece.length) {
      if (!request.write(piece)) await new Promise((resolve) => request.once('drain', resolve));
    }
    return request;
  }
}

describe(`uploads left by a killed server (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let work: string;
  let dataDir: string;
  let tmp: string;
  let env: Record<string, string>;
  let server: TestDatabase | undefined;
  let partnership: TestPartnership;
  const running: ChildProcess[] = [];

  before(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'safer-uploads-kill-'));
    dataDir = path.join(work, 'data');
    tmp = path.join(work, 'tmp');
    mkdirSync(tmp);
    const config = testConfig({ SAFER_DATA_DIR: dataDir, SAFER_SECRET_KEY: SECRET_KEY });
    const base = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      TMPDIR: tmp,
      SAFER_DATA_DIR: dataDir,
      SAFER_SECRET_KEY: SECRET_KEY,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
    };
    if (testingOnServer()) {
      server = await createTestDatabase();
      partnership = await seedPartnership(server.db, config, 'alpha');
      await makeDataManager(server.db, partnership.users.analyst);
      await server.db.close();
      env = { ...base, DATABASE_URL: server.url! };
    } else {
      const db = await openDatabase(config.database);
      try {
        await migrate(db);
        partnership = await seedPartnership(db, config, 'alpha');
        await makeDataManager(db, partnership.users.analyst);
      } finally {
        await db.close();
      }
      env = base;
    }
  });
  after(async () => {
    for (const child of running) child.kill('SIGKILL');
    if (server) await server.drop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  /** Starts `safer start --no-demo`; resolves with its address once it listens, and what it has printed. */
  async function start(): Promise<{ child: ChildProcess; base: string; output: () => string }> {
    const child = spawn(process.execPath, [path.join(root, 'bin/safer.js'), 'start', '--no-demo'], {
      env,
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 60_000);
      const check = () => {
        const address = /Safer is running at (http:\/\/\S+)/.exec(output)?.[1];
        if (address) {
          clearTimeout(timer);
          resolve(address);
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', () => reject(new Error(`the server exited:\n${output}`)));
    });
    return { child, base, output: () => output };
  }

  const uploads = () => {
    const folder = uploadsFolder(dataDir);
    return existsSync(folder) ? readdirSync(folder) : [];
  };
  const bytesIn = (folder: string): number =>
    readdirSync(folder, { withFileTypes: true }).reduce(
      (n, e) => n + (e.isDirectory() ? bytesIn(path.join(folder, e.name)) : statSync(path.join(folder, e.name)).size),
      0,
    );
  /** What Safer left in the system's temporary folder; tsx keeps its compile cache there. */
  const inTmp = () => readdirSync(tmp).filter((name) => !name.startsWith('tsx-'));

  test('SIGKILL half-way through an upload, with another upload held: nothing is left after the next start', async () => {
    const first = await start();
    const client = new Client(first.base);
    // A data manager: only they may upload police.uk data (docs/decisions/0005).
    await client.signIn(partnership.users.analyst);

    // A service-usage file held for its columns to be mapped.
    const held = await client.upload(
      '/service-usage/upload',
      { name: 'Visits', description: '' },
      'visits.csv',
      'Date,Service\r\n2019-01-03,Housing advice\r\n',
    );
    assert.equal(held.statusCode, 303);
    assert.match(String(held.headers.location), /^\/service-usage\/uploads\/[0-9a-f]{32}$/);

    // A large police.uk archive, half sent.
    const upload = await client.startUpload('/imports/new', {}, 'police-data.zip', 48 * 1024 * 1024);
    const folder = uploadsFolder(dataDir);
    for (
      let i = 0;
      i < 600 && !uploads().some((name) => name.startsWith('police-uk-') && bytesIn(path.join(folder, name)) >= 32 * 1024 * 1024);
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const left = uploads();
    assert.equal(left.length, 2, `a held upload and a partial one: ${left.join(', ')}`);
    const leftBytes = left.reduce((n, name) => n + bytesIn(path.join(folder, name)), 0);
    assert.ok(leftBytes >= 32 * 1024 * 1024, `${leftBytes} bytes saved before the kill`);

    first.child.kill('SIGKILL');
    assert.deepEqual(await exited(first.child), { code: null, signal: 'SIGKILL' });
    upload.destroy();
    assert.deepEqual(uploads().sort(), left.sort(), 'the killed server could not clean up');

    const second = await start();
    assert.deepEqual(uploads(), [], 'the next start deleted what the killed server left');
    const logged = second
      .output()
      .split('\n')
      .filter((line) => line.includes('Removed 2 upload(s) left by a process that ended'));
    assert.equal(logged.length, 1, second.output());
    assert.equal(JSON.parse(logged[0]!).bytes, leftBytes);
    second.child.kill('SIGTERM');
    const stopped = await exited(second.child);
    assert.ok(stopped.code === 0 || stopped.signal === 'SIGTERM', JSON.stringify(stopped));
    assert.deepEqual(inTmp(), [], 'nothing from Safer in the system temporary folder');
  });
});
