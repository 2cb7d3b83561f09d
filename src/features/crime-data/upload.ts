import path from 'node:path';
import { readMultipartUpload, type UploadReader } from '../../platform/http/multipart-upload.ts';
import type { SavedUpload } from './import-service.ts';
import { parsePoliceFileName } from './police-uk-format.ts';

/** The largest file the upload page takes. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * What a multipart upload form becomes: its CSRF token, the saved file or why there is none, and
 * whether far fewer rows may replace a month.
 */
export interface UploadBody {
  _csrf: string;
  upload?: SavedUpload;
  error?: string;
  allowShrink: boolean;
}

/** The form's checkbox "Replace a month even when the new file has far fewer rows". */
const ALLOW_SHRINK = 'allowShrink';

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`);
const tooLarge = (maxBytes: number) => `The selected file must be smaller than ${sizeText(maxBytes)}`;

export const uploadMessages = {
  none: 'Select a police.uk .csv file or .zip archive',
  kind: 'The selected file must be a .csv file or a .zip archive',
  name: 'The file name must be as police.uk names it, for example 2019-01-kent-street.csv',
  empty: 'The selected file is empty',
  tooLarge: tooLarge(MAX_UPLOAD_BYTES),
} as const;

/** The name to save an upload under, or why it cannot be imported. */
export function uploadName(fileName: string): { name: string } | { error: string } {
  const base = path.basename(fileName.replaceAll('\\', '/'));
  const lower = base.toLowerCase();
  if (!lower.endsWith('.csv') && !lower.endsWith('.zip')) return { error: uploadMessages.kind };
  if (!/^[A-Za-z0-9][A-Za-z0-9._ -]{0,150}$/.test(base))
    return { error: lower.endsWith('.csv') ? uploadMessages.name : uploadMessages.kind };
  if (lower.endsWith('.csv') && !parsePoliceFileName(base)) return { error: uploadMessages.name };
  return { name: base };
}

/**
 * Reads the police.uk upload form (the content-type parser of the upload routes), with the
 * platform's multipart reader: the CSRF token first, or 403 and nothing saved. The file is saved
 * under its own police.uk name in a new folder in the uploads folder, at most maxBytes of it.
 */
export const readUpload: UploadReader<UploadBody> = async (request, payload, uploads, maxBytes = MAX_UPLOAD_BYTES) => {
  const form = await readMultipartUpload(request, payload, {
    maxBytes,
    fields: [ALLOW_SHRINK],
    naming: (fileName) => {
      const named = uploadName(fileName);
      return 'error' in named ? named : { saveAs: named.name, show: named.name };
    },
    uploads,
    kind: 'police-uk',
    messages: { ...uploadMessages, tooLarge: tooLarge(maxBytes) },
  });
  return {
    _csrf: form._csrf,
    ...(form.file ? { upload: form.file } : {}),
    ...(form.error ? { error: form.error } : {}),
    allowShrink: form.fields[ALLOW_SHRINK] === 'yes',
  };
};
