import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { readUpload, uploadMessages, uploadName } from './upload.ts';

const TOKEN = 'a'.repeat(43);
// The uploads folder, as <SAFER_DATA_DIR>/uploads would be.
const uploads = mkdtempSync(path.join(os.tmpdir(), 'safer-police-upload-'));
after(() => rmSync(uploads, { recursive: true, force: true }));

function form(parts: ({ name: string; value: string } | { name: string; filename: string; data: Buffer })[]) {
  const boundary = 'XyZboundary';
  const body = Buffer.concat([
    ...parts.flatMap((p) => [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${'filename' in p ? `; filename="${p.filename}"` : ''}\r\n\r\n`,
      ),
      'data' in p ? p.data : Buffer.from(p.value),
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return {
    request: { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, csrfToken: TOKEN },
    payload: Readable.from([body]),
  };
}

describe('reading an upload form', () => {
  test('the file is saved under its own name in a new folder, after the token is checked', async () => {
    const data = Buffer.from('Crime ID,Month\n');
    const { request, payload } = form([
      { name: '_csrf', value: TOKEN },
      { name: 'file', filename: 'C:\\fakepath\\2019-01-kent-street.csv', data },
    ]);
    const body = await readUpload(request, payload, uploads);
    assert.equal(body._csrf, TOKEN);
    assert.equal(body.error, undefined);
    assert.equal(body.upload!.fileName, '2019-01-kent-street.csv');
    assert.equal(body.upload!.bytes, data.length);
    assert.deepEqual(readFileSync(body.upload!.path), data);
    assert.equal(path.dirname(body.upload!.dir), uploads);
    assert.match(path.basename(body.upload!.dir), new RegExp(`^police-uk-${process.pid}-[A-Za-z0-9]{6}$`), 'named for this process');
    rmSync(body.upload!.dir, { recursive: true });
  });

  test('a missing or wrong token is refused with 403 before the file is read', async () => {
    for (const parts of [
      [{ name: 'file', filename: '2019-01-kent-street.csv', data: Buffer.from('x') }],
      [
        { name: '_csrf', value: 'b'.repeat(43) },
        { name: 'file', filename: '2019-01-kent-street.csv', data: Buffer.from('x') },
      ],
      [
        { name: '_csrf', value: 'short' },
        { name: 'file', filename: '2019-01-kent-street.csv', data: Buffer.from('x') },
      ],
    ]) {
      const { request, payload } = form(parts);
      await assert.rejects(readUpload(request, payload, uploads), (e: unknown) => e instanceof AppError && e.status === 403);
    }
  });

  test('a file over the size limit is refused and not kept', async () => {
    const { request, payload } = form([
      { name: '_csrf', value: TOKEN },
      { name: 'file', filename: '2019-01-kent-street.csv', data: Buffer.alloc(5000, 65) },
    ]);
    const body = await readUpload(request, payload, uploads, 1000);
    assert.equal(body.upload, undefined);
    assert.deepEqual(readdirSync(uploads), []);
    assert.equal(body.error, 'The selected file must be smaller than 1000 bytes');
    assert.match(uploadMessages.tooLarge, /smaller than 200 MB/);
  });

  test('names: .csv named as police.uk names them, or .zip; folders in the name are dropped', () => {
    assert.deepEqual(uploadName('2019-01-kent-street.csv'), { name: '2019-01-kent-street.csv' });
    assert.deepEqual(uploadName('police data (all).ZIP'), { error: uploadMessages.kind });
    assert.deepEqual(uploadName('police-data.zip'), { name: 'police-data.zip' });
    assert.deepEqual(uploadName('../../etc/2019-01-kent-street.csv'), { name: '2019-01-kent-street.csv' });
    assert.deepEqual(uploadName('kent.csv'), { error: uploadMessages.name });
    assert.deepEqual(uploadName('report.xlsx'), { error: uploadMessages.kind });
  });
});
