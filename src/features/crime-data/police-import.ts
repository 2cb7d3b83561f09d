import { createHash } from 'node:crypto';
import type { Database } from '../../platform/db/database.ts';
import { ByteLineReader } from '../../platform/text/lines.ts';
import { isStreetHeader, parsePoliceFileName, STREET_HEADER } from './police-uk-format.ts';
import { loadOtherPoliceFile, otherPoliceDataProblems } from './police-file-load.ts';
import {
  countsOfHiddenFiles,
  findCurrentFile,
  insertRejection,
  reserveFileId,
  streetFileTotals,
  type PoliceFileKindName,
} from './police-file-repository.ts';
import { LoadingFile, ShrinkRefused, Unchanged, type ImportStarter, type Loaded } from './police-file-switch.ts';
import { isPoliceForce } from './police-forces.ts';
import { runningImports, type ImportProgress } from './police-import-liveness.ts';
import { countUnchangedFile, setFilesTotal, setImportMessage, summarizeNewBlocks } from './police-import-repository.ts';
import { readSourceLines, type PoliceSource, type SourceLines } from './police-sources.ts';
import { COPY_CHUNK_BYTES, RAW_LIMIT, REJECTION_COLUMNS, STREET_COLUMNS, StreetCopyBuilder } from './street-copy.ts';
import { FORCE_COUNT_COLUMNS, LSOA_MONTH_COLUMNS } from './street-tallies.ts';

/**
 * Imports police.uk files, each force-month file a unit of work: its rows streamed in with COPY as
 * they are read and checked, its LSOAs' counts by crime type, outcome and location (added up while
 * reading: crime_lsoa_months), its rejected lines with their line numbers and reasons, and the
 * import's totals. Rows go in over short transactions that readers do not see, and one short
 * transaction then switches the force-month to the file (police-file-switch.ts): a process stopped
 * part-way leaves every file either fully loaded or not at all, and other users' queries never wait
 * long. The same file again (by checksum) changes nothing. Only files of known forces are loaded, and
 * a replacement with far fewer rows than the month has only when confirmed (allowShrink).
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
  status: 'loaded' | 'replaced' | 'unchanged' | 'refused';
  message?: string;
  rows: number;
  accepted: number;
  rejected: number;
  /** The first rejected lines (all of them are stored in police_rejections). */
  rejections: Rejection[];
}

export interface ImportSummary {
  importId: number;
  files: FileResult[];
  rows: number;
  accepted: number;
  rejected: number;
  seconds: number;
}

export interface ImportOptions {
  /**
   * Files loaded at once. Each is its own transaction on its own connection, so more than one helps
   * only on a PostgreSQL server; the embedded database has one connection. Default: 3 on a server
   * (a third file keeps the database busy while another waits for its next rows or its commit: on
   * the 2-core benchmark machine, 6 million rows loaded about 10% faster than with 2), else 1.
   */
  concurrency?: number;
  /** Stops the import: no new file is started, and the file being loaded is removed. */
  signal?: AbortSignal;
  /** Replaces a force-month even with a file of far fewer rows than it has (see shrinksTooMuch()). */
  allowShrink?: boolean;
}

/** An import stopped through ImportOptions.signal. */
export class ImportStoppedError extends Error {}

export class NotPoliceFileError extends Error {}

/** Rejected lines sent to the database in one COPY. */
const COPY_REJECTIONS = 4096;

const expectedHeader = STREET_HEADER.join(',');

/** The SHA-256 of a source's bytes. */
async function hashSource(source: PoliceSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of (await source.open()) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/** Says how many rows a file has given so far, every few thousand rows (not on every line). */
export function everyFewRows(onRows: (rows: number) => void): (rows: number) => void {
  let reported = 0;
  return (rows) => {
    if (rows - reported < 8192) return;
    reported = rows;
    onRows(rows);
  };
}

/** What a file's loader needs besides the file: its import, who started it, how to report and when to stop. */
export interface FileLoad {
  db: Database;
  importId: number;
  /** The id reserved for the file's police_files row. */
  fileId: number;
  force: string;
  month: string;
  starter: ImportStarter;
  allowShrink: boolean;
  onRows: (rows: number) => void;
  signal: AbortSignal | undefined;
}

/**
 * Loads one street file, reading it as a stream of bytes: rows in by binary COPY in chunks (one chunk
 * travels while the next is read), each chunk in a transaction of its own; then counts, totals and
 * the switch to the new file in one (see police-file-switch.ts).
 */
async function loadStreetFile(load: FileLoad, source: PoliceSource): Promise<Loaded> {
  const { importId, signal, onRows } = load;
  let loading: LoadingFile | undefined;
  let inflight: Promise<void> | undefined;
  const progress = everyFewRows(onRows);

  /** The header checked, the file's rows are written as it is read. */
  const start = (header: ByteLineReader) => {
    const notStreet = `${source.name} is not a police.uk street-level file`;
    if (header.problem !== null) throw new NotPoliceFileError(`${notStreet}: line 1 ${header.problem}`);
    if (!isStreetHeader(header.text())) {
      throw new NotPoliceFileError(`${notStreet}: its first line should be the header "${expectedHeader}"`);
    }
    loading = new LoadingFile(load, { kind: 'street', force: load.force, month: load.month, name: source.name });
    return { s: loading, builder: new StreetCopyBuilder(loading.fileId, load.month, load.force) };
  };

  /** Takes the complete lines read so far, and sends the rows and rejections a chunk at a time; the last ones go with the switch. */
  const take = async ({ s, builder }: ReturnType<typeof start>, lines: ByteLineReader) => {
    while (lines.next()) builder.add(lines);
    if (signal?.aborted) throw new ImportStoppedError(`Stopped while loading ${source.name}`);
    if (builder.pendingBytes >= COPY_CHUNK_BYTES) {
      // The COPY before first: takeRows() writes over the rows it gave before.
      await inflight;
      inflight = s.copyBinary('street_crimes', STREET_COLUMNS, builder.takeRows());
    }
    if (builder.pendingRejections.length >= COPY_REJECTIONS) {
      await inflight;
      inflight = s.copy('police_rejections', REJECTION_COLUMNS, builder.takeRejections(importId, source.name));
    }
    progress(builder.rows);
  };

  let read: SourceLines<ReturnType<typeof start>> | null;
  try {
    read = await readSourceLines(source, start, take);
    await inflight;
  } catch (error) {
    // Let a COPY still on the wire finish before what the file wrote is removed.
    await inflight?.catch(() => undefined);
    await loading?.abandon();
    throw error;
  }
  if (!read) {
    throw new NotPoliceFileError(`${source.name} is empty: a police.uk street-level file starts with the header "${expectedHeader}"`);
  }
  const {
    taker: { s, builder: b },
    checksum,
  } = read;
  onRows(b.rows);
  // The same file may have been loaded by someone else since we looked: then it counts as unchanged.
  // Its last rows go in with the switch, so that a small file is one transaction.
  return s.finish(checksum, b, async (session) => {
    if (b.pendingRows > 0) await session.copyBinary('street_crimes', STREET_COLUMNS, b.takeRows());
    if (b.pendingRejections.length > 0) await session.copy('police_rejections', REJECTION_COLUMNS, b.takeRejections(importId, source.name));
    const lsoaMonths = b.lsoaMonthRows();
    if (lsoaMonths) await session.copyBinary('crime_lsoa_months', LSOA_MONTH_COLUMNS, lsoaMonths);
    const totals = b.forceCountRows();
    if (totals) await session.copyBinary('crime_force_counts', FORCE_COUNT_COLUMNS, totals);
    b.release();
  });
}

/**
 * Imports one file: a new force-month is loaded; a known one is first checked by checksum, and
 * loaded (replacing the old) only if it differs, and only if it keeps at least half of its rows or
 * the import allows that (a refusal otherwise, stored as the file's line 0).
 */
async function importFile(forFile: Omit<FileLoad, 'fileId'>, source: PoliceSource, kind: PoliceFileKindName): Promise<Loaded> {
  const { db, importId } = forFile;
  const { known, fileId } = await db.bulk(async (s) => ({
    known: await findCurrentFile(s, { kind, ...forFile }),
    fileId: await reserveFileId(s),
  }));
  if (!known || (await hashSource(source)) !== known.checksum) {
    const load = { ...forFile, fileId };
    try {
      return kind === 'street' ? await loadStreetFile(load, source) : await loadOtherPoliceFile(load, source, kind);
    } catch (error) {
      if (error instanceof ShrinkRefused) {
        await recordRefusal(db, importId, source.name, 0, error.message, null);
        return { status: 'refused', message: error.message, rows: 0, accepted: 0, rejected: 0, rejections: [] };
      }
      if (!(error instanceof Unchanged)) throw error;
    }
  }
  await db.bulk((s) => countUnchangedFile(s, importId));
  return {
    status: 'unchanged',
    rows: known?.rows_total ?? 0,
    accepted: known?.rows_accepted ?? 0,
    rejected: known?.rows_rejected ?? 0,
    rejections: [],
  };
}

/** Stores a whole-file refusal as a rejected line (line 0: the file as a whole; line 1: its header). */
export function recordRefusal(
  db: Database,
  importId: number,
  fileName: string,
  line: number,
  reason: string,
  raw: string | null,
): Promise<void> {
  return db.bulk((s) => insertRejection(s, importId, fileName, line, reason, raw));
}

/** The first line of a source, or as much of it as is stored with a refusal. */
async function firstLine(source: PoliceSource): Promise<string> {
  const lines = new ByteLineReader({ maxLineBytes: RAW_LIMIT });
  const stream = await source.open();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      lines.push(chunk);
      if (lines.next()) return lines.text();
    }
  } finally {
    stream.destroy();
  }
  lines.finish();
  return lines.next() ? lines.text() : '';
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A force police.uk does not publish: refused, so that no made-up force can add to any area's figures. */
const unknownForce = (name: string, force: string) =>
  `${name} was not loaded: "${force}" is not a police force that police.uk publishes data for. ` +
  "Its file names use the force's name as police.uk spells it, such as kent or avon-and-somerset.";

/**
 * Imports every source, a few at a time (see ImportOptions): street files here, outcomes and
 * stop-and-search files by police-file-load.ts. A file that is not the police.uk file its name says,
 * or of a force police.uk does not publish, is refused, with the reason stored as a rejected line;
 * the rest go on. An error from the database stops the import: files already loaded stay loaded,
 * the one that failed is not.
 */
export async function importPoliceSources(
  db: Database,
  importId: number,
  sources: PoliceSource[],
  request: ImportOptions & { starter: ImportStarter; onProgress?: (progress: ImportProgress) => void },
): Promise<ImportSummary> {
  const started = Date.now();
  const results: FileResult[] = new Array<FileResult>(sources.length);
  const rowsByFile = new Array<number>(sources.length).fill(0);
  const state = db.local(runningImports);
  let rowsSoFar = 0;
  await db.bulk((s) => setFilesTotal(s, importId, sources.length));

  const one = async (index: number) => {
    const source = sources[index]!;
    const meta = parsePoliceFileName(source.baseName);
    const base = {
      name: source.name,
      force: meta?.force ?? '',
      month: meta?.month ?? '',
      rows: 0,
      accepted: 0,
      rejected: 0,
      rejections: [],
    };
    // Not read at all: a zip inside an archive, an entry too large (see police-sources.ts), a name
    // that does not say what the file holds, or a force police.uk does not publish.
    const badName = 'not a police.uk file name; expected YYYY-MM-<force>-street.csv, -outcomes.csv or -stop-and-search.csv';
    const refusal = source.refused !== undefined ? `${source.name}: ${source.refused}` : !meta ? `${source.name}: ${badName}` : undefined;
    if (refusal !== undefined || !meta || !isPoliceForce(meta.force)) {
      const message = refusal ?? unknownForce(source.name, meta!.force);
      await recordRefusal(db, importId, source.name, 0, message, source.baseName);
      results[index] = { ...base, status: 'refused', message };
      return;
    }
    const report = (rows: number) => {
      rowsSoFar += rows - rowsByFile[index]!;
      rowsByFile[index] = rows;
      const seconds = (Date.now() - started) / 1000;
      const progress = {
        file: source.name,
        fileIndex: index,
        files: sources.length,
        rows: rowsSoFar,
        rowsPerSecond: seconds > 0 ? rowsSoFar / seconds : 0,
      };
      if (state.progress.has(importId)) state.progress.set(importId, progress);
      request.onProgress?.(progress);
    };
    const load = {
      db,
      importId,
      force: meta.force,
      month: meta.month,
      starter: request.starter,
      allowShrink: request.allowShrink ?? false,
      onRows: report,
      signal: request.signal,
    };
    try {
      results[index] = { ...base, ...(await importFile(load, source, meta.kind)) };
    } catch (error) {
      if (!(error instanceof NotPoliceFileError)) throw error;
      await recordRefusal(db, importId, source.name, 1, error.message, await firstLine(source).catch(() => ''));
      results[index] = { ...base, status: 'refused', message: error.message };
    }
  };

  // A small pool: each worker takes the next file until none are left or one fails.
  let next = 0;
  let failed = false;
  const workers = Array.from(
    { length: Math.max(1, Math.min(request.concurrency ?? (db.kind === 'server' ? 3 : 1), sources.length)) },
    async () => {
      while (!failed && next < sources.length) {
        if (request.signal?.aborted) throw new ImportStoppedError('Stopped before every file was imported');
        const index = next++;
        try {
          await one(index);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    },
  );
  const settled = await Promise.allSettled(workers);
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  if (db.kind === 'embedded') await db.bulk(summarizeNewBlocks);

  const files = results.filter((r): r is FileResult => r !== undefined);
  const refused = files.filter((f) => f.status === 'refused').length;
  if (refused > 0) await db.bulk((s) => setImportMessage(s, importId, `${plural(refused, 'file was', 'files were')} refused.`));
  const sum = (k: 'rows' | 'accepted' | 'rejected') => files.reduce((n, r) => n + r[k], 0);
  return {
    importId,
    files,
    rows: sum('rows'),
    accepted: sum('accepted'),
    rejected: sum('rejected'),
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * Checks that the loaded data adds up: for every file, its rows are accepted plus rejected, and its
 * accepted rows are exactly its stored rows (street_crimes for street files), the sum of its counts
 * by crime type and by outcome (crime_lsoa_months), and the sum of its force's totals
 * (crime_force_counts); its crimes by location are its stored rows with a location. Only current files
 * are checked (what readers see), and no counts may belong to any other. Returns what is wrong.
 */
export async function policeDataProblems(db: Database): Promise<string[]> {
  const rows = await db.bulk(streetFileTotals);
  const problems: string[] = [];
  for (const f of rows) {
    if (f.rows_accepted + f.rows_rejected !== f.rows_total)
      problems.push(`${f.file_name}: ${f.rows_accepted} accepted + ${f.rows_rejected} rejected is not ${f.rows_total} rows`);
    if (f.crimes !== f.rows_accepted) problems.push(`${f.file_name}: ${f.crimes} rows stored, but ${f.rows_accepted} accepted`);
    if (f.counted !== f.rows_accepted) problems.push(`${f.file_name}: counts add up to ${f.counted}, but ${f.rows_accepted} accepted`);
    if (f.by_outcome !== f.rows_accepted)
      problems.push(`${f.file_name}: counts by outcome add up to ${f.by_outcome}, but ${f.rows_accepted} accepted`);
    if (f.by_location !== f.located)
      problems.push(`${f.file_name}: counts by location add up to ${f.by_location}, but ${f.located} rows have a location`);
    if (f.totalled !== f.rows_accepted)
      problems.push(`${f.file_name}: force totals add up to ${f.totalled}, but ${f.rows_accepted} accepted`);
  }
  for (const f of await db.bulk(countsOfHiddenFiles))
    problems.push(`${f.file_name} (${f.state}): has ${f.counts} count rows that readers would see`);
  return [...problems, ...(await otherPoliceDataProblems(db))];
}
