import { timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyFileStream, type BusboyInstance } from '@fastify/busboy';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { SavedUpload } from './import-service.ts';
import { parsePoliceFileName } from './police-uk-format.ts';

/** The largest file the upload page takes. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** What a multipart upload form becomes: its CSRF token, and the saved file or why there is none. */
export interface UploadBody {
  _csrf: string;
  upload?: SavedUpload;
  error?: string;
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`);
const tooLarge = (maxBytes: number) => `The selected file must be smaller than ${sizeText(maxBytes)}`;

export const uploadMessages = {
  none: 'Select a police.uk .csv file or .zip archive',
  kind: 'The selected file must be a .csv file or a .zip archive',
  name: 'The file name must be as police.uk names it, for example 2019-01-kent-street.csv',
  empty: 'The selected file is empty',
  tooLarge: tooLarge(MAX_UPLOAD_BYTES),
} as const;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The name to save an upload under, or why it cannot be imported. */
export function uploadName(fileName: string): { name: string } | { error: string } {
  const base = path.basename(fileName.replaceAll('\\', '/'));
  const lower = base.toLowerCase();
  if (!lower.endsWith('.csv') && !lower.endsWith('.zip')) return { error: uploadMessages.kind };
  if (!/^[A-Za-z0-9][A-Za-z0-9._ -]{0,150}$/.test(base)) return { error: lower.endsWith('.csv') ? uploadMessages.name : uploadMessages.kind };
  if (lower.endsWith('.csv') && !parsePoliceFileName(base)) return { error: uploadMessages.name };
  return { name: base };
}

/**
 * Reads a multipart upload form (the content-type parser of the upload routes). The CSRF token
 * must come first in the form, as the page puts it, and must match before a byte of the file is
 * accepted: a form without it gets 403 and nothing is saved. The file goes to a new temporary
 * folder, at most maxBytes of it.
 */
export function readUpload(
  request: Pick<FastifyRequest, 'headers' | 'csrfToken'>,
  payload: Readable,
  maxBytes: number = MAX_UPLOAD_BYTES,
): Promise<UploadBody> {
  return new Promise((resolve, reject) => {
    let bb: BusboyInstance;
    try {
      bb = new Busboy({
        headers: { ...request.headers, 'content-type': request.headers['content-type'] ?? '' },
        limits: { files: 1, fields: 4, parts: 6, fieldSize: 1024, fileSize: maxBytes },
      });
    } catch {
      reject(new AppError('BAD_REQUEST', 'The form could not be read. Go back and try again.'));
      return;
    }
    let csrf = '';
    let error: string | undefined;
    let saved: SavedUpload | undefined;
    let saving: Promise<void> | undefined;
    let refused = false;

    const refuse = (reason: Error) => {
      if (refused) return;
      refused = true;
      payload.unpipe(bb);
      payload.resume();
      if (saved) void rm(saved.dir, { recursive: true, force: true });
      reject(reason);
    };

    bb.on('field', (name: string, value: string) => {
      if (name === '_csrf') csrf = value;
    });
    bb.on('file', (field: string, file: BusboyFileStream, fileName: string) => {
      if (!request.csrfToken || !csrf || !sameToken(csrf, request.csrfToken)) {
        file.resume();
        refuse(new AppError('CSRF_FAILED', 'The form could not be checked. Go back, reload the page and try again.'));
        return;
      }
      if (field !== 'file' || saved || error || !fileName) {
        file.resume();
        return;
      }
      const named = uploadName(fileName);
      if ('error' in named) {
        error = named.error;
        file.resume();
        return;
      }
      saving = (async () => {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'safer-upload-'));
        saved = { dir, path: path.join(dir, named.name), fileName: named.name, bytes: 0 };
        const upload = saved;
        file.on('data', (chunk: Buffer) => (upload.bytes += chunk.length));
        await pipeline(file, createWriteStream(upload.path));
        if (file.truncated) error = tooLarge(maxBytes);
        else if (upload.bytes === 0) error = uploadMessages.empty;
      })();
      saving.catch(refuse);
    });
    bb.on('error', () => refuse(new AppError('BAD_REQUEST', 'The form could not be read. Go back and try again.')));
    bb.on('finish', () => {
      void (async () => {
        await saving;
        if (refused) return;
        if (!saved && !error) error = uploadMessages.none;
        if (error && saved) {
          await rm(saved.dir, { recursive: true, force: true });
          saved = undefined;
        }
        resolve({ _csrf: csrf, ...(saved ? { upload: saved } : {}), ...(error ? { error } : {}) });
      })().catch(refuse);
    });
    payload.pipe(bb);
  });
}
