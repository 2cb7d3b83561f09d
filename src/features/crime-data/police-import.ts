import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { copyText, type Database } from '../../platform/db/database.ts';
import { parsePoliceFileName, parseStreetFields, splitCsvLine, STREET_HEADER } from './police-uk-format.ts';
import type { PoliceSource } from './police-sources.ts';

/**
 * Imports police.uk files. Each force-month file is one unit of work: parsed and checked line by
 * line, then loaded in one transaction with its pre-aggregated counts and its rejected lines, replacing
 * any earlier file for the same force and month. The same file again (by checksum) changes nothing.
 */

export interface Rejection {
  line: number;
  reason: string;
  raw: string;
}

export interface FileResult {
  name: string;
  force: string;
  month: string;
  status: 'loaded' | 'replaced' | 'unchanged' | 'refused' | 'skipped';
  message?: string;
  rows: number;
  accepted: number;
  rejected: number;
  rejections: Rejection[];
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  files: number;
  rows: number;
  rowsPerSecond: number;
}

export interface ImportSummary {
  importId: number;
  files: FileResult[];
  rows: number;
  accepted: number;
  rejected: number;
  seconds: number;
}

export class NotPoliceFileError extends Error {}

const STREET_COLUMNS = [
  'file_id', 'line', 'month', 'force', 'crime_id', 'reported_by', 'falls_within', 'longitude', 'latitude',
  'location', 'lsoa_code', 'lsoa_name', 'crime_type', 'outcome', 'context',
] as const;

/** Lines of a stream, with CRLF and a leading byte-order mark removed; each raw chunk goes to onChunk. */
async function* lines(stream: Readable, onChunk: (chunk: Buffer) => void): AsyncGenerator<string> {
  let rest = '';
  let first = true;
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onChunk(chunk);
    let text = rest + decoder.write(chunk);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield text.slice(start, end);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest.length > 0) yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

interface ParsedFile {
  checksum: string;
  rows: number;
  accepted: number;
  copyRows: string[];
  rejections: Rejection[];
}

const sameHeader = (fields: string[]) =>
  fields.length === STREET_HEADER.length && fields.every((f, i) => f.trim().toLowerCase() === STREET_HEADER[i]!.toLowerCase());

/** Reads and checks every line of a street file; the COPY rows carry a placeholder for the file id. */
async function parseStreetFile(
  source: PoliceSource,
  month: string,
  force: string,
  onRows: (rows: number) => void,
): Promise<ParsedFile> {
  const stream = await source.open();
  const hash = createHash('sha256');
  const copyRows: string[] = [];
  const rejections: Rejection[] = [];
  let lineNo = 0;
  let rows = 0;
  const monthDate = `${month}-01`;
  for await (const line of lines(stream, (chunk) => hash.update(chunk))) {
    lineNo++;
    if (lineNo === 1) {
      const header = splitCsvLine(line);
      if (Array.isArray(header) && sameHeader(header)) continue;
      stream.destroy();
      throw new NotPoliceFileError(
        `${source.name} is not a police.uk street-level file: its first line should be the header "${STREET_HEADER.join(',')}"`,
      );
    }
    if (line.length === 0) continue;
    rows++;
    if ((rows & 8191) === 0) onRows(rows);
    const fields = splitCsvLine(line);
    const parsed = Array.isArray(fields) ? parseStreetFields(fields) : { ok: false as const, reason: fields.error };
    if (!parsed.ok) {
      rejections.push({ line: lineNo, reason: parsed.reason, raw: line.slice(0, 500) });
      continue;
    }
    const r = parsed.row;
    if (r.month !== month) {
      rejections.push({ line: lineNo, reason: `month ${r.month} does not match the file's month ${month}`, raw: line.slice(0, 500) });
      continue;
    }
    copyRows.push(
      `\u0000\t${lineNo}\t${monthDate}\t${copyText(force)}\t${copyText(r.crimeId)}\t${copyText(r.reportedBy)}\t${copyText(r.fallsWithin)}\t${copyText(r.longitude)}\t${copyText(r.latitude)}\t${copyText(r.location)}\t${copyText(r.lsoaCode)}\t${copyText(r.lsoaName)}\t${copyText(r.crimeType)}\t${copyText(r.outcome)}\t${copyText(r.context)}\n`,
    );
  }
  onRows(rows);
  return { checksum: hash.digest('hex'), rows, accepted: copyRows.length, copyRows, rejections };
}

export async function startImport(db: Database, who: { startedBy: string; partnershipId: number | null; source: string }): Promise<number> {
  const rows = await db.bulk((s) =>
    s.query<{ id: number }>(
      'insert into police_imports (started_by, started_by_partnership_id, source) values ($1, $2, $3) returning id',
      [who.startedBy, who.partnershipId, who.source],
    ),
  );
  return rows[0]!.id;
}

/** Loads one parsed file in one transaction: replace, rows, counts, rejections, import totals. */
async function loadFile(db: Database, importId: number, source: PoliceSource, meta: { kind: string; force: string; month: string }, parsed: ParsedFile) {
  return db.bulk(async (s) => {
    const existing = await s.query<{ id: number; checksum: string }>(
      'select id, checksum from police_files where kind = $1 and force = $2 and month = $3 for update',
      [meta.kind, meta.force, `${meta.month}-01`],
    );
    if (existing[0]?.checksum === parsed.checksum) {
      await s.query('update police_imports set files_unchanged = files_unchanged + 1 where id = $1', [importId]);
      return 'unchanged' as const;
    }
    if (existing[0]) await s.query('delete from police_files where id = $1', [existing[0].id]);
    const [file] = await s.query<{ id: number }>(
      `insert into police_files (import_id, kind, force, month, file_name, checksum, rows_total, rows_accepted, rows_rejected)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [importId, meta.kind, meta.force, `${meta.month}-01`, source.name, parsed.checksum, parsed.rows, parsed.accepted, parsed.rejections.length],
    );
    const fileId = String(file!.id);
    if (parsed.copyRows.length > 0) {
      await s.copy('street_crimes', STREET_COLUMNS, parsed.copyRows.join('').replaceAll('\u0000', fileId));
      await s.query(
        `insert into crime_counts (file_id, month, force, lsoa_code, crime_type, crimes)
         select file_id, month, force, coalesce(lsoa_code, ''), crime_type, count(*)::int
         from street_crimes where file_id = $1 group by file_id, month, force, coalesce(lsoa_code, ''), crime_type`,
        [file!.id],
      );
    }
    if (parsed.rejections.length > 0) {
      await s.copy(
        'police_rejections',
        ['import_id', 'file_name', 'line', 'reason', 'raw'],
        parsed.rejections.map((r) => `${importId}\t${copyText(source.name)}\t${r.line}\t${copyText(r.reason)}\t${copyText(r.raw)}\n`).join(''),
      );
    }
    await s.query(
      `update police_imports set files_loaded = files_loaded + 1, rows_total = rows_total + $2,
         rows_accepted = rows_accepted + $3, rows_rejected = rows_rejected + $4 where id = $1`,
      [importId, parsed.rows, parsed.accepted, parsed.rejections.length],
    );
    return existing[0] ? ('replaced' as const) : ('loaded' as const);
  });
}

export async function finishImport(db: Database, importId: number, status: 'completed' | 'failed', message?: string): Promise<void> {
  await db.bulk((s) =>
    s.query('update police_imports set status = $2, message = $3, finished_at = now() where id = $1', [importId, status, message ?? null]),
  );
}

/** Imports every source in turn. A file that is not a police.uk file is refused; the rest go on. */
export async function importPoliceSources(
  db: Database,
  importId: number,
  sources: PoliceSource[],
  onProgress: (p: ImportProgress) => void = () => undefined,
): Promise<ImportSummary> {
  const started = Date.now();
  const results: FileResult[] = [];
  let rowsSoFar = 0;
  await db.bulk((s) => s.query('update police_imports set files_total = $2 where id = $1', [importId, sources.length]));
  for (const [index, source] of sources.entries()) {
    const meta = parsePoliceFileName(source.baseName);
    const base = { name: source.name, force: meta?.force ?? '', month: meta?.month ?? '', rows: 0, accepted: 0, rejected: 0, rejections: [] };
    if (!meta) {
      results.push({ ...base, status: 'refused', message: `${source.name}: not a police.uk file name; expected YYYY-MM-<force>-street.csv` });
      continue;
    }
    if (meta.kind !== 'street') {
      results.push({ ...base, status: 'skipped', message: `${source.name}: ${meta.kind} files are not imported yet` });
      continue;
    }
    const report = (rows: number) => {
      const seconds = (Date.now() - started) / 1000;
      onProgress({ file: source.name, fileIndex: index, files: sources.length, rows: rowsSoFar + rows, rowsPerSecond: seconds > 0 ? (rowsSoFar + rows) / seconds : 0 });
    };
    let parsed: ParsedFile;
    try {
      parsed = await parseStreetFile(source, meta.month, meta.force, report);
    } catch (error) {
      if (error instanceof NotPoliceFileError) {
        results.push({ ...base, status: 'refused', message: error.message });
        continue;
      }
      throw error;
    }
    rowsSoFar += parsed.rows;
    const status = await loadFile(db, importId, source, { kind: meta.kind, force: meta.force, month: meta.month }, parsed);
    results.push({ ...base, status, rows: parsed.rows, accepted: parsed.accepted, rejected: parsed.rejections.length, rejections: parsed.rejections });
  }
  const sum = (k: 'rows' | 'accepted' | 'rejected') => results.reduce((n, r) => n + r[k], 0);
  return { importId, files: results, rows: sum('rows'), accepted: sum('accepted'), rejected: sum('rejected'), seconds: (Date.now() - started) / 1000 };
}
