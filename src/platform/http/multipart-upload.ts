import { timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyFileStream, type BusboyInstance } from '@fastify/busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { newUploadFolder, uploadsFolder } from '../uploads.ts';

/** A file someone uploaded, saved in a new folder of its own. */
export interface SavedFile {
  dir: string;
  path: string;
  /** The name to show and store for the file: never a path. */
  fileName: string;
  bytes: number;
}

/** How a browser's file name becomes the name to save under and the name to show, or why the file is refused. */
export type UploadNaming = (browserFileName: string) => { saveAs: string; show: string } | { error: string };

/** What one upload form takes, and what it says when the file is not right. */
export interface MultipartUploadOptions {
  /** The most bytes of the file kept; more than this and the file is refused with `messages.tooLarge`. */
  maxBytes: number;
  /** The plain fields to keep besides `_csrf`; any others are ignored. */
  fields?: readonly string[];
  /** Checks the file's name as the browser sent it (the form's `file` field). */
  naming: UploadNaming;
  /** The uploads folder (see src/platform/uploads.ts), and the kind of upload that starts the new folder's name. */
  uploads: string;
  kind: string;
  messages: {
    /** No file was chosen. */
    none: string;
    /** The file has no bytes. */
    empty: string;
    /** The file is larger than maxBytes. */
    tooLarge: string;
  };
}

/** The form, read: its CSRF token, the kept fields, and the saved file or why there is none. */
export interface MultipartUpload {
  _csrf: string;
  fields: Record<string, string>;
  file?: SavedFile;
  error?: string;
}

/** The largest value of a plain field kept (a longer one is cut short). */
const FIELD_BYTES = 16 * 1024;

const unreadable = () => new AppError('BAD_REQUEST', 'The form could not be read. Go back and try again.');

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Reads a multipart form with one file (for a content-type parser). The CSRF token must come first
 * in the form, as the page puts it, and must match before a byte of the file is kept: otherwise the
 * promise rejects with a CSRF_FAILED AppError (403) and nothing is saved. The file, from the form's
 * `file` field, is written to a new folder in the uploads folder under the name `naming` gives, at most
 * maxBytes of it. A file that is refused, empty or too large is deleted and its message returned
 * as `error`; whoever gets a `file` must delete its folder.
 */
export function readMultipartUpload(
  request: Pick<FastifyRequest, 'headers' | 'csrfToken'>,
  payload: Readable,
  options: MultipartUploadOptions,
): Promise<MultipartUpload> {
  const keep = new Set(options.fields ?? []);
  return new Promise((resolve, reject) => {
    let bb: BusboyInstance;
    try {
      const fieldLimit = keep.size + 4;
      bb = new Busboy({
        headers: { ...request.headers, 'content-type': request.headers['content-type'] ?? '' },
        limits: { files: 1, fields: fieldLimit, parts: fieldLimit + 2, fieldSize: FIELD_BYTES, fileSize: options.maxBytes },
      });
    } catch {
      reject(unreadable());
      return;
    }
    let csrf = '';
    const fields: Record<string, string> = {};
    let error: string | undefined;
    let saved: SavedFile | undefined;
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
      else if (keep.has(name)) fields[name] = value;
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
      const named = options.naming(fileName);
      if ('error' in named) {
        error = named.error;
        file.resume();
        return;
      }
      saving = (async () => {
        const dir = await newUploadFolder(options.uploads, options.kind);
        saved = { dir, path: path.join(dir, named.saveAs), fileName: named.show, bytes: 0 };
        const upload = saved;
        file.on('data', (chunk: Buffer) => (upload.bytes += chunk.length));
        await pipeline(file, createWriteStream(upload.path));
        if (file.truncated) error = options.messages.tooLarge;
        else if (upload.bytes === 0) error = options.messages.empty;
      })();
      saving.catch(refuse);
    });
    bb.on('error', () => refuse(unreadable()));
    bb.on('finish', () => {
      void (async () => {
        await saving;
        if (refused) return;
        if (!saved && !error) error = options.messages.none;
        if (error && saved) {
          await rm(saved.dir, { recursive: true, force: true });
          saved = undefined;
        }
        resolve({ _csrf: csrf, fields, ...(saved ? { file: saved } : {}), ...(error ? { error } : {}) });
      })().catch(refuse);
    });
    payload.pipe(bb);
  });
}

/** A feature's reader of its upload form (around readMultipartUpload): into the uploads folder, at most maxBytes of the file. */
export type UploadReader<Form> = (
  request: Pick<FastifyRequest, 'headers' | 'csrfToken'>,
  payload: Readable,
  uploads: string,
  maxBytes?: number,
) => Promise<Form>;

/**
 * Takes the upload forms of one plugin's routes (`app`): multipart bodies are read with `read` into
 * the uploads folder, the CSRF token checked before the file is kept (the csrf plugin checks it
 * again afterwards), and a file that was read but not handed over (a refused form) is deleted once
 * the response is sent. Returns handOver(file), for a route giving the file to a service, which then
 * deletes it.
 */
export function acceptUploads<Form>(
  app: FastifyInstance,
  read: UploadReader<Form>,
  fileOf: (form: Partial<Form>) => SavedFile | undefined,
): (file: SavedFile) => void {
  app.addContentTypeParser('multipart/form-data', (request: FastifyRequest, payload: FastifyRequest['raw']) =>
    read(request, payload, uploadsFolder(app.config.dataDir)),
  );
  const handedOver = new Set<string>();
  app.addHook('onResponse', async (request) => {
    const file = fileOf((request.body ?? {}) as Partial<Form>);
    if (file && !handedOver.delete(file.dir)) await rm(file.dir, { recursive: true, force: true });
  });
  return (file) => void handedOver.add(file.dir);
}
