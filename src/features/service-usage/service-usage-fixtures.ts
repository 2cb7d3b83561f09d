/** Test fixtures: a small dataset in the database, and an upload through the pages as a browser sends it. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { Agent } from '../../../test/helpers/app.ts';
import type { Database } from '../../platform/db/database.ts';
import { serviceUsagePaths } from './service-usage-paths.ts';
import { importServiceUsage } from './service-usage-import.ts';

/** A dataset of three visits (and one rejected line) for a partnership; returns its id. */
export async function seedServiceUsageDataset(db: Database, partnershipId: number, name: string): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'safer-su-fixture-'));
  const file = path.join(dir, 'visits.csv');
  writeFileSync(
    file,
    [
      'Date,Service,LSOA',
      '2019-01-03,Housing advice,E01024320',
      '2019-01-04,Legal advice,E01024321',
      '2019-02-01,Housing advice,E01024320',
      'not a date,Housing advice,E01024320',
      '',
    ].join('\n'),
  );
  try {
    return await db.tenant(partnershipId, async (trx) => {
      const result = await importServiceUsage(
        trx,
        partnershipId,
        file,
        { name, description: `${name} description`, fileName: 'visits.csv', importedBy: null },
        {
          dateColumn: 0,
          timeColumn: null,
          dateFormat: 'YYYY-MM-DD',
          serviceColumn: 1,
          locationColumn: 2,
          locationKind: 'lsoa',
        },
      );
      return result.datasetId;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer | string };

/** A multipart/form-data body, as a browser sends a form with a file. */
export function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----SaferTest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const file = 'filename' in part ? `; filename="${part.filename}"\r\nContent-Type: text/csv` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${file}\r\n\r\n`));
    chunks.push('data' in part ? Buffer.from(part.data) : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts the upload form with the agent's cookies and CSRF token first, as the page does. */
export async function postUpload(
  agent: Agent,
  form: { name?: string; description?: string; fileName?: string; data?: Buffer | string; csrf?: boolean },
): Promise<LightMyRequestResponse> {
  if (!agent.csrfToken) await agent.get(serviceUsagePaths.upload());
  const parts: Part[] = [];
  if (form.csrf !== false) parts.push({ name: '_csrf', value: agent.csrfToken! });
  parts.push({ name: 'name', value: form.name ?? '' }, { name: 'description', value: form.description ?? '' });
  if (form.data !== undefined) parts.push({ name: 'file', filename: form.fileName ?? 'visits.csv', data: form.data });
  const { payload, contentType } = multipart(parts);
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return agent.app.inject({ method: 'POST', url: serviceUsagePaths.upload(), headers: { cookie, 'content-type': contentType }, payload });
}

/** Uploads a small file and returns the held upload's id (from the mapping page's address). */
export async function holdSampleUpload(agent: Agent, name: string): Promise<string> {
  const res = await postUpload(agent, { name, data: 'Date,Service\n2019-01-03,Housing advice\n' });
  const match = /^\/service-usage\/uploads\/([0-9a-f]{32})$/.exec(String(res.headers.location));
  if (res.statusCode !== 303 || !match) throw new Error(`upload failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return match[1]!;
}
