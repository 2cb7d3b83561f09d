import { splitCsvLine as splitCsv } from '../../platform/csv.ts';
import type { GeoImportUnit } from '../../platform/db/schema.ts';
import { csvLines, findColumns, isTotalRow, readText } from './csv.ts';
import { GeographyFileError } from './geography-kinds.ts';
import { checkAreal, readFeatures, type ArealGeometry } from './geojson.ts';

/**
 * Reading a geography file into records and rejections: a CSV file with a header (columns found by
 * name), or a GeoJSON or TopoJSON file of areas. Each kind of file says how one row or feature becomes
 * a record (geography-formats.ts); this is what they share. A file that cannot be read at all is a
 * GeographyFileError naming the file; a row that cannot be read is a rejection with its line (CSV) or
 * feature number (GeoJSON, TopoJSON) and the reason.
 */

export interface GeoRejection {
  /** The line of a CSV file, or the 1-based feature number of a GeoJSON or TopoJSON file. */
  line: number;
  reason: string;
  raw: string;
}

export interface Row {
  line: number;
  code: string;
}

export interface Parsed<T extends Row> {
  /** What Row.line and GeoRejection.line count. */
  unit: GeoImportUnit;
  /** Data rows (or features) read: records + rejections. Header, blank lines and a total row are not rows. */
  rows: number;
  records: T[];
  rejections: GeoRejection[];
}

/** The longest part of a rejected row that is kept. */
const RAW_LIMIT = 500;

async function readFileText(file: string): Promise<string> {
  try {
    return await readText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GeographyFileError(`${file}: no such file`);
    if (code === 'EISDIR') throw new GeographyFileError(`${file} is a folder, not a file`);
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') throw new GeographyFileError(`${file} is not a readable gzip file`);
    throw error;
  }
}

/**
 * A file's records and rejections as its rows are read: a row that is a reason is rejected with it,
 * and an area code given twice is rejected the second time.
 */
function collect<T extends Row>(unit: GeoImportUnit) {
  const records: T[] = [];
  const rejections: GeoRejection[] = [];
  const seen = new Map<string, number>();
  const where = unit === 'line' ? 'on line' : 'as feature';
  const reject = (line: number, raw: string, reason: string) => void rejections.push({ line, reason, raw: raw.slice(0, RAW_LIMIT) });
  return {
    reject,
    add(line: number, raw: string, record: T | string): void {
      if (typeof record === 'string') return reject(line, raw, record);
      const first = seen.get(record.code);
      if (first !== undefined) return reject(line, raw, `${record.code} is given again (first ${where} ${first})`);
      seen.set(record.code, line);
      records.push(record);
    },
    parsed: (rows: number): Parsed<T> => ({ unit, rows, records, rejections }),
  };
}

/**
 * Reads a CSV file whose first line is a header with the wanted columns (found by name), and turns
 * each further line into a record or a rejection. Blank lines and a trailing total row are skipped.
 */
export async function parseCsvFile<K extends string, T extends Row>(
  file: string,
  what: string,
  columns: Record<K, readonly string[]>,
  toRecord: (get: (key: K) => string, line: number) => T | string,
): Promise<Parsed<T>> {
  const text = await readFileText(file);
  const rows = collect<T>('line');
  let index: Record<K, number> | undefined;
  let width = 0;
  let count = 0;
  for (const { line, text: raw } of csvLines(text)) {
    if (!index) {
      const header = splitCsv(raw);
      const found = Array.isArray(header) ? findColumns(header, columns) : null;
      if (!found || !found.ok) {
        const missing = found ? found.missing.map((m) => `"${m}"`).join(', ') : 'a readable header';
        throw new GeographyFileError(`${file} is not ${what}: its first line should be a header with the columns ${missing}`);
      }
      index = found.index;
      width = (header as string[]).length;
      continue;
    }
    if (raw.trim() === '') continue;
    const fields = splitCsv(raw);
    if (Array.isArray(fields) && isTotalRow(fields)) continue;
    count++;
    if (!Array.isArray(fields)) {
      rows.reject(line, raw, fields.error);
      continue;
    }
    if (fields.length !== width) {
      rows.reject(line, raw, `expected ${width} fields, as in the header, but found ${fields.length}`);
      continue;
    }
    const at = index;
    rows.add(
      line,
      raw,
      toRecord((key) => fields[at[key]]!.trim(), line),
    );
  }
  if (!index) throw new GeographyFileError(`${file} is empty; it should be ${what}`);
  return rows.parsed(count);
}

/** Reads a GeoJSON or TopoJSON file and turns each feature into a record or a rejection. */
export async function parseBoundaryFile<T extends Row>(
  file: string,
  toRecord: (properties: Record<string, unknown>, geometry: ArealGeometry) => Omit<T, 'line'> | string,
): Promise<Parsed<T>> {
  const text = await readFileText(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GeographyFileError(`${file} is not GeoJSON or TopoJSON: it is not valid JSON (${(error as Error).message})`);
  }
  const features = readFeatures(json);
  if (!Array.isArray(features)) throw new GeographyFileError(`${file} is not GeoJSON or TopoJSON: ${features.error}`);
  const rows = collect<T>('feature');
  for (const feature of features) {
    const raw = JSON.stringify(feature.properties);
    if (feature.error) {
      rows.reject(feature.index, raw, feature.error);
      continue;
    }
    const geometry = checkAreal(feature.geometry);
    if (!geometry.ok) {
      rows.reject(feature.index, raw, geometry.reason);
      continue;
    }
    const record = toRecord(feature.properties, geometry.geometry);
    rows.add(feature.index, raw, typeof record === 'string' ? record : ({ ...record, line: feature.index } as T));
  }
  return rows.parsed(features.length);
}
