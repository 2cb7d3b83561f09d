import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { multipart, type Part } from './service-usage-fixtures.ts';
import { displayName, readUploadForm, uploadMessages } from './upload.ts';

const TOKEN = 'a'.repeat(43);
// The uploads folder, as <SAFER_DATA_DIR>/uploads would be.
const uploads = mkdtempSync(path.join(os.tmpdir(), 'safer-su-upload-'));
after(() => rmSync(uploads, { recursive: true, force: true }));

function read(parts: Part[], maxBytes?: number) {
  const { payload, contentType } = multipart(parts);
  return readUploadForm({ headers: { 'content-type': contentType }, csrfToken: TOKEN }, Readable.from([payload]), uploads, maxBytes);
}

describe('reading the upload form', () => {
  test("the fields and the file, saved under a name of our own; the browser's name is kept only as text", async () => {
    const form = await read([
      { name: '_csrf', value: TOKEN },
      { name: 'name', value: 'Visits' },
      { name: 'description', value: 'From the CRM' },
      { name: 'file', filename: 'C:\\Users\\me\\..\\visits.csv', data: 'Date\n2019-01-01\n' },
    ]);
    assert.deepEqual(form.fields, { name: 'Visits', description: 'From the CRM' });
    assert.equal(form.file!.fileName, 'visits.csv');
    assert.equal(path.basename(form.file!.path), 'upload.csv');
    assert.equal(path.dirname(form.file!.dir), uploads);
    assert.equal(readFileSync(form.file!.path, 'utf8'), 'Date\n2019-01-01\n');
    assert.equal(form.file!.bytes, 16);
    rmSync(form.file!.dir, { recursive: true, force: true });
  });

  test('a file over the size limit is refused with a clear message, and nothing is kept', async () => {
    const form = await read(
      [
        { name: '_csrf', value: TOKEN },
        { name: 'file', filename: 'visits.csv', data: 'x'.repeat(100) },
      ],
      10,
    );
    assert.equal(form.file, undefined);
    assert.equal(form.fileError, uploadMessages.tooLarge);
    assert.deepEqual(readdirSync(uploads), []);
    assert.equal(uploadMessages.tooLarge, 'The selected file must be smaller than 50 MB');
  });

  test('only .csv files; no file at all is said so', async () => {
    const xlsx = await read([
      { name: '_csrf', value: TOKEN },
      { name: 'file', filename: 'visits.xlsx', data: 'PK' },
    ]);
    assert.equal(xlsx.fileError, uploadMessages.kind);
    const none = await read([
      { name: '_csrf', value: TOKEN },
      { name: 'name', value: 'x' },
    ]);
    assert.equal(none.fileError, uploadMessages.none);
  });

  test('without the CSRF token before the file, the form is refused and nothing is saved', async () => {
    await assert.rejects(
      read([
        { name: 'file', filename: 'visits.csv', data: 'Date\n' },
        { name: '_csrf', value: TOKEN },
      ]),
      { code: 'CSRF_FAILED' },
    );
    await assert.rejects(
      read([
        { name: '_csrf', value: 'b'.repeat(43) },
        { name: 'file', filename: 'visits.csv', data: 'Date\n' },
      ]),
      { code: 'CSRF_FAILED' },
    );
  });

  test('display names lose folders and control characters', () => {
    assert.equal(displayName('../../etc/passwd.csv'), 'passwd.csv');
    assert.equal(displayName('a\u0000b\u001f.csv'), 'ab.csv');
  });
});
