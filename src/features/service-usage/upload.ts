import path from 'node:path';
import { readMultipartUpload, type SavedFile, type UploadReader } from '../../platform/http/multipart-upload.ts';

export type { SavedFile };

/** The largest service-usage file the upload page takes. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** The folders of these uploads in the uploads folder start with this (see src/platform/uploads.ts). */
export const UPLOAD_KIND = 'service-usage';

/** The upload form, read: its fields, and the saved file or why there is none. */
export interface UploadForm {
  _csrf: string;
  fields: Record<string, string>;
  file?: SavedFile;
  fileError?: string;
}

export const uploadMessages = {
  none: 'Select a CSV file',
  kind: 'The selected file must be a CSV file (.csv). From Excel, choose Save As and then CSV UTF-8',
  empty: 'The selected file is empty',
  tooLarge: `The selected file must be smaller than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
} as const;

/** A browser's file name as shown and stored: its last part, without control characters, at most 200 characters. */
export function displayName(fileName: string): string {
  const base = path.basename(fileName.replaceAll('\\', '/'));
  return (
    base
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(0, 200)
  );
}

/**
 * Reads the multipart upload form (the content-type parser of the service-usage routes), with the
 * platform's multipart reader: the CSRF token first, or 403 and nothing saved. The file is written
 * to a new folder in the uploads folder as upload.csv, at most maxBytes of it; the name the browser
 * gave is kept only as text.
 */
export const readUploadForm: UploadReader<UploadForm> = async (request, payload, uploads, maxBytes = MAX_UPLOAD_BYTES) => {
  const form = await readMultipartUpload(request, payload, {
    maxBytes,
    fields: ['name', 'description'],
    naming: (fileName) => {
      const shown = displayName(fileName);
      return shown.toLowerCase().endsWith('.csv') ? { saveAs: 'upload.csv', show: shown } : { error: uploadMessages.kind };
    },
    uploads,
    kind: UPLOAD_KIND,
    messages: uploadMessages,
  });
  return {
    _csrf: form._csrf,
    fields: form.fields,
    ...(form.file ? { file: form.file } : {}),
    ...(form.error ? { fileError: form.error } : {}),
  };
};
