import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { AppError } from '../errors.ts';
import { readMultipartUpload, type MultipartUploadOptions } from './multipart-upload.ts';

const TOKEN = 'a'.repeat(43);
// Every upload of these tests goes in a folder of its own, so we can see what was left behind.
const root = mkdtempSync(path.join(os.tmpdir(), 'safer-multipart-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

const options: MultipartUploadOptions = {
  maxBytes: 100,
  fields: ['title'],
  naming: (fileName) => (fileName.endsWith('.txt') ? { saveAs: 'saved.txt', show: `shown ${fileName}` } : { error: 'Choose a .txt file' }),
  uploads: root,
  kind: 'test',
  messages: { none: 'Choose a file', empty: 'The file is empty', tooLarge: 'The file must be smaller than 100 bytes' },
};

type Part = { name: string; value: string } | { name: string; filename: string; data: string };

function read(parts: Part[], token: string = TOKEN) {
  const boundary = 'TestBoundary42';
  const body = Buffer.concat([
    ...parts.map((p) =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"` +
          `${'filename' in p ? `; filename="${p.filename}"\r\nContent-Type: text/plain` : ''}` +
          `\r\n\r\n${'data' in p ? p.data : p.value}\r\n`,
      ),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  const request = { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, csrfToken: token };
  return readMultipartUpload(request, Readable.from([body]), options);
}

const leftBehind = () => readdirSync(root);
const csrf = { name: '_csrf', value: TOKEN };

describe('reading a multipart upload', () => {
  test('the file is saved under the name given, the kept fields come back, other fields are dropped', async () => {
    const form = await read([
      csrf,
      { name: 'title', value: 'Visits' },
      { name: 'other', value: 'dropped' },
      { name: 'file', filename: 'notes.txt', data: 'hello' },
    ]);
    assert.equal(form._csrf, TOKEN);
    assert.deepEqual(form.fields, { title: 'Visits' });
    assert.equal(form.error, undefined);
    assert.equal(form.file!.fileName, 'shown notes.txt');
    assert.equal(path.basename(form.file!.path), 'saved.txt');
    assert.equal(path.dirname(form.file!.path), form.file!.dir);
    assert.equal(readFileSync(form.file!.path, 'utf8'), 'hello');
    assert.equal(form.file!.bytes, 5);
    assert.deepEqual(leftBehind(), [path.basename(form.file!.dir)]);
    rmSync(form.file!.dir, { recursive: true, force: true });
  });

  test('a token that is missing, wrong or after the file is refused with 403 and nothing is saved', async () => {
    const file = { name: 'file', filename: 'notes.txt', data: 'hello' };
    for (const parts of [
      [file],
      [{ name: '_csrf', value: 'b'.repeat(43) }, file],
      [{ name: '_csrf', value: 'short' }, file],
      [file, csrf],
    ]) {
      await assert.rejects(read(parts), (e: unknown) => e instanceof AppError && e.code === 'CSRF_FAILED' && e.status === 403);
    }
    // A request with no token of its own (no session cookie) is refused whatever the form says.
    await assert.rejects(read([csrf, file], ''), (e: unknown) => e instanceof AppError && e.status === 403);
    assert.deepEqual(leftBehind(), []);
  });

  test('a file over the limit is refused with its message and not kept', async () => {
    const form = await read([csrf, { name: 'title', value: 'Big' }, { name: 'file', filename: 'big.txt', data: 'x'.repeat(101) }]);
    assert.equal(form.file, undefined);
    assert.equal(form.error, 'The file must be smaller than 100 bytes');
    assert.deepEqual(form.fields, { title: 'Big' });
    assert.deepEqual(leftBehind(), []);
  });

  test('a file of exactly the limit is kept', async () => {
    const form = await read([csrf, { name: 'file', filename: 'full.txt', data: 'x'.repeat(100) }]);
    assert.equal(form.error, undefined);
    assert.equal(form.file!.bytes, 100);
    rmSync(form.file!.dir, { recursive: true, force: true });
  });

  test('an empty file is refused and not kept', async () => {
    const form = await read([csrf, { name: 'file', filename: 'empty.txt', data: '' }]);
    assert.equal(form.file, undefined);
    assert.equal(form.error, 'The file is empty');
    assert.deepEqual(leftBehind(), []);
  });

  test('a file the naming refuses gets its message, and is never saved', async () => {
    const form = await read([csrf, { name: 'file', filename: 'sheet.xlsx', data: 'PK' }]);
    assert.equal(form.file, undefined);
    assert.equal(form.error, 'Choose a .txt file');
    assert.deepEqual(leftBehind(), []);
  });

  test('no file chosen, or a file in another field, is said so', async () => {
    for (const parts of [
      [csrf, { name: 'title', value: 'x' }],
      [csrf, { name: 'file', filename: '', data: '' }],
      [csrf, { name: 'attachment', filename: 'notes.txt', data: 'hello' }],
    ]) {
      const form = await read(parts);
      assert.equal(form.file, undefined);
      assert.equal(form.error, 'Choose a file');
    }
    assert.deepEqual(leftBehind(), []);
  });

  test('a body that is not multipart is a bad request', async () => {
    const request = { headers: { 'content-type': 'text/plain' }, csrfToken: TOKEN };
    await assert.rejects(
      readMultipartUpload(request, Readable.from([Buffer.from('hello')]), options),
      (e: unknown) => e instanceof AppError && e.status === 400,
    );
  });
});
