import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { uploadsFolder } from '../../src/platform/uploads.ts';
import type { Agent, TestApp } from './app.ts';

/** A field of a multipart form: a value, or a file. */
export type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer };

/** A multipart/form-data body, as a browser sends a form with a file. */
export function multipart(parts: readonly Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----SaferTest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const file = 'filename' in part ? `; filename="${part.filename}"\r\nContent-Type: text/csv` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${file}\r\n\r\n`));
    chunks.push('data' in part ? part.data : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a multipart form with the agent's cookies (the parts carry the CSRF token, if any). */
export function postMultipart(agent: Agent, url: string, parts: readonly Part[]): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipart(parts);
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return agent.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': contentType }, payload });
}

/** How many uploads wait in the app's own uploads folder (under its data folder). */
export function uploadsLeft(t: TestApp): number {
  const folder = uploadsFolder(t.config.dataDir);
  return existsSync(folder) ? readdirSync(folder).length : 0;
}
