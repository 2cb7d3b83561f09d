/**
 * Loading a service-usage file: a preview of its header and first rows for the mapping screen, and
 * the import itself, streamed from the file in batches of multi-row inserts within the caller's
 * transaction. Every data record is either accepted or rejected with its line and reason.
 *
 * Why not COPY: service_usage_events is a tenant table under forced row-level security, written as
 * safer_app inside Database.tenant(); PostgreSQL refuses COPY FROM into a table with row-level
 * security, and PGlite's COPY reads only server-side files.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Trx } from '../../platform/db/database.ts';
import { countOf } from '../../platform/format.ts';
import { csvRecordBatches, csvRecords } from './csv-records.ts';
import { checkRow, looksLikeDate, parseLsoa, type ColumnMapping, type ServiceUsageEvent } from './service-usage-format.ts';
import { storedMapping, type FilePreview } from './service-usage-mapping.ts';
import { finishDataset, insertDataset, insertEvents, insertRejections } from './service-usage-repository.ts';

/** Rows shown on the mapping screen and checked against the chosen mapping. */
export const PREVIEW_ROWS = 5;
/** Events (and rejections) sent to the database in one insert. */
export const INSERT_BATCH = 5000;
/** Rejected lines kept in memory for a summary; every one is stored. */
export const REJECTIONS_IN_SUMMARY = 100;

/** The file cannot be imported at all: not a CSV file, no header, no rows. The line is where, when known. */
export class ServiceUsageFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

const READ_OPTIONS = { highWaterMark: 256 * 1024 };

/**
 * Refuses files that are plainly not CSV text at the start: a zip (an Excel workbook is one), or
 * UTF-16. A line with a NUL byte or bytes that are not UTF-8 is rejected wherever it is (the header
 * refuses the file), by the line reader (see csv-records.ts).
 */
async function checkText(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead === 0) throw new ServiceUsageFileError('The file is empty');
    const bytes = head.subarray(0, bytesRead);
    if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
      throw new ServiceUsageFileError(
        'The file is an Excel workbook or zip archive, not a CSV file. In Excel, choose Save As and then CSV UTF-8',
      );
    }
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      throw new ServiceUsageFileError('The file is UTF-16 text. In Excel, choose Save As and then CSV UTF-8');
    }
  } finally {
    await handle.close();
  }
}

/**
 * The header and first rows of a file, read without reading the rest. Refuses a file that is not
 * text, is empty, has no header (its first line looks like data) or has no rows below the header.
 */
export async function readPreview(file: string, rows = PREVIEW_ROWS): Promise<FilePreview> {
  await checkText(file);
  const stream = createReadStream(file, READ_OPTIONS);
  let header: string[] | undefined;
  const preview: FilePreview['rows'] = [];
  let unreadable: { line: number; error: string } | undefined;
  try {
    for await (const record of csvRecords(stream)) {
      if (!header) {
        if ('error' in record)
          throw new ServiceUsageFileError(`Line ${record.line}, the header, cannot be read: ${record.error}`, record.line);
        header = record.fields.map((f) => f.trim());
        if (header.every((cell) => cell === ''))
          throw new ServiceUsageFileError(`Line ${record.line} should be a header naming the columns, but it is empty`, record.line);
        const data = header.find((cell) => looksLikeDate(cell) || parseLsoa(cell) !== null);
        if (data !== undefined) {
          throw new ServiceUsageFileError(
            `Line ${record.line} should be a header naming the columns, but it holds data ("${data}"). Add a header line`,
            record.line,
          );
        }
        continue;
      }
      if ('fields' in record) preview.push({ line: record.line, fields: record.fields });
      else unreadable ??= record;
      if (preview.length >= rows) break;
    }
  } finally {
    stream.destroy();
  }
  if (!header) throw new ServiceUsageFileError('The file has no header line: it is empty');
  if (preview.length === 0 && unreadable) {
    // Every row refused: most likely a file saved in a Windows character set.
    const hint = unreadable.error.includes('UTF-8') ? '. In Excel, choose Save As and then CSV UTF-8' : '';
    const { line, error } = unreadable;
    throw new ServiceUsageFileError(`No row below the header can be read. Line ${line}: ${error}${hint}`, line);
  }
  if (preview.length === 0) throw new ServiceUsageFileError('The file has a header but no rows of data below it', 2);
  return { header, rows: preview };
}

export interface DatasetDetails {
  name: string;
  description: string;
  /** The file's name as the person gave it (never a path). */
  fileName: string;
  importedBy: number | null;
}

export interface ImportProgress {
  bytes: number;
  rows: number;
}

export interface ImportResult {
  datasetId: number;
  rows: number;
  accepted: number;
  rejected: number;
  /** The first rejected lines (all are stored). */
  firstRejections: { line: number; reason: string }[];
  seconds: number;
}

/** A finished import's audit details: what file, and its result in words, as the audit log shows them. */
export function importAuditDetails(name: string, fileName: string, r: ImportResult): Record<string, unknown> {
  return {
    name,
    file: fileName,
    result: `Imported: ${countOf(r.accepted, 'row')} loaded, ${r.rejected.toLocaleString('en-GB')} rejected`,
    rows: r.rows,
    accepted: r.accepted,
    rejected: r.rejected,
  };
}

/**
 * Imports a file as a new dataset of the partnership, in the caller's transaction: the dataset,
 * its events in batches of INSERT_BATCH rows, its rejected lines, then its counts. The header is
 * read again from the file; the mapping names its columns by position. If anything throws, the
 * caller's transaction rolls back and nothing is left.
 */
export async function importServiceUsage(
  trx: Trx,
  partnershipId: number,
  file: string,
  details: DatasetDetails,
  mapping: ColumnMapping,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const started = Date.now();
  await checkText(file);
  const stream = createReadStream(file, READ_OPTIONS);
  const progress: ImportProgress = { bytes: 0, rows: 0 };
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of stream) {
      progress.bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  let header: string[] | undefined;
  let datasetId = 0;
  let events: ServiceUsageEvent[] = [];
  let rejections: { line: number; reason: string }[] = [];
  const result: ImportResult = { datasetId: 0, rows: 0, accepted: 0, rejected: 0, firstRejections: [], seconds: 0 };
  const reject = (line: number, reason: string) => {
    result.rejected++;
    rejections.push({ line, reason });
    if (result.firstRejections.length < REJECTIONS_IN_SUMMARY) result.firstRejections.push({ line, reason });
  };
  try {
    for await (const records of csvRecordBatches(counted())) {
      for (const record of records) {
        if (!header) {
          if ('error' in record)
            throw new ServiceUsageFileError(`Line ${record.line}, the header, cannot be read: ${record.error}`, record.line);
          header = record.fields.map((f) => f.trim());
          const maxColumn = Math.max(mapping.dateColumn, mapping.timeColumn ?? 0, mapping.serviceColumn ?? 0, mapping.locationColumn ?? 0);
          if (maxColumn >= header.length)
            throw new ServiceUsageFileError(
              `The header on line ${record.line} has ${header.length} columns; the mapping needs ${maxColumn + 1}`,
              record.line,
            );
          datasetId = await insertDataset(trx, partnershipId, details, storedMapping(mapping, header));
          result.datasetId = datasetId;
          continue;
        }
        result.rows++;
        if ('error' in record) {
          reject(record.line, record.error);
        } else {
          const checked = checkRow(record.fields, header, mapping);
          if (checked.ok) {
            result.accepted++;
            events.push(checked.event);
          } else {
            reject(record.line, checked.reason);
          }
        }
        if (events.length >= INSERT_BATCH) {
          await insertEvents(trx, partnershipId, datasetId, events);
          events = [];
          progress.rows = result.rows;
          onProgress?.(progress);
        }
        if (rejections.length >= INSERT_BATCH) {
          await insertRejections(trx, partnershipId, datasetId, rejections);
          rejections = [];
        }
      }
    }
  } finally {
    stream.destroy();
  }
  if (!header) throw new ServiceUsageFileError('The file has no header line: it is empty');
  if (events.length > 0) await insertEvents(trx, partnershipId, datasetId, events);
  if (rejections.length > 0) await insertRejections(trx, partnershipId, datasetId, rejections);
  await finishDataset(trx, datasetId, { rows: result.rows, accepted: result.accepted, rejected: result.rejected });
  progress.rows = result.rows;
  onProgress?.(progress);
  result.seconds = (Date.now() - started) / 1000;
  return result;
}
