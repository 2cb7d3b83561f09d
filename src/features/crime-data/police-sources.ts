import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ByteLineReader } from '../../platform/text/lines.ts';

/** One file to import, from a folder, a single path or an entry of a zip archive. */
export interface PoliceSource {
  /** As shown to people: the path, or archive.zip:2019-01/2019-01-kent-street.csv */
  name: string;
  /** The file name alone, which says its month, force and kind. */
  baseName: string;
  open(): Promise<Readable>;
  /** Why the file is not read at all (a zip inside the archive, an entry too large): it is refused with this. */
  refused?: string;
}

export class SourceError extends Error {}

/** A file read by readSourceLines(): what took its lines, and its checksum (SHA-256, in hexadecimal). */
export interface SourceLines<T> {
  taker: T;
  checksum: string;
}

/**
 * Reads a file's lines as its bytes arrive: the first line, the header, goes to start(), which checks
 * it (throwing if the file is not what it should be) and gives what takes the rest; each piece of
 * complete lines after it goes to take(). Null for a file with no lines at all.
 */
export async function readSourceLines<T>(
  source: PoliceSource,
  start: (header: ByteLineReader) => T,
  take: (taker: T, lines: ByteLineReader) => Promise<void>,
): Promise<SourceLines<T> | null> {
  const hash = createHash('sha256');
  const lines = new ByteLineReader();
  let started: { taker: T } | undefined;
  const consume = async () => {
    if (!started) {
      if (!lines.next()) return;
      started = { taker: start(lines) };
    }
    await take(started.taker, lines);
  };
  for await (const chunk of (await source.open()) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    lines.push(chunk);
    await consume();
  }
  lines.finish();
  await consume();
  return started ? { taker: started.taker, checksum: hash.digest('hex') } : null;
}

const isCsv = (name: string) => name.toLowerCase().endsWith('.csv');

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (isCsv(entry.name)) out.push(full);
  }
  return out;
}

/** Files are read a megabyte at a time: in 64 KB pieces (the default) a street import spent about 15% more time in Node. */
const READ_BYTES = 1 << 20;

function fileSource(file: string): PoliceSource {
  return { name: file, baseName: path.basename(file), open: async () => createReadStream(file, { highWaterMark: READ_BYTES }) };
}

/**
 * What Safer reads from a zip archive. An entry's sizes are checked against these from the archive's
 * directory before it is read, and yauzl holds each entry to the size the directory gives while
 * inflating it (validateEntrySizes): an archive whose directory understates an entry fails as soon
 * as the entry inflates past it, so no limit rests on trusting the directory.
 */
export interface ZipLimits {
  /** The most one entry expands to: a police.uk file for one force and month is tens of megabytes. */
  entryBytes: number;
  /** The most an entry expands to for each compressed byte (police.uk files: about 5), once past ratioFrom bytes. */
  ratio: number;
  ratioFrom: number;
  /** The most all the archive's files together expand to. */
  archiveBytes: number;
}

export const ZIP_LIMITS: ZipLimits = { entryBytes: 512 * 1024 ** 2, ratio: 100, ratioFrom: 1024 ** 2, archiveBytes: 4 * 1024 ** 3 };

const sizeText = (bytes: number) => {
  const figure = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  if (bytes >= 1024 ** 3) return `${figure(bytes / 1024 ** 3)} GB`;
  return bytes >= 1024 ** 2 ? `${figure(bytes / 1024 ** 2)} MB` : `${figure(bytes)} bytes`;
};

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

export interface SourceSet {
  sources: PoliceSource[];
  close(): void;
}

/** The entries of an archive, or why the archive is refused. yauzl refuses names that point outside the archive. */
function zipEntries(file: string, zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const found: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) found.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', (error: Error) => {
      const outside = /^(?:absolute path|invalid relative path|invalid characters in fileName): (.*)$/s.exec(error.message)?.[1];
      const named = `it holds an entry named "${outside?.slice(0, 200)}", which points outside the archive; a police.uk archive has none`;
      reject(new SourceError(outside ? `${file} is refused: ${named}` : `${file} is not a readable zip archive: ${error.message}`));
    });
    zip.readEntry();
  });
}

/** Why an entry is not read, from the sizes the archive's directory gives; undefined if it is read. */
function entryRefusal(entry: yauzl.Entry, limits: ZipLimits): string | undefined {
  if (entry.fileName.toLowerCase().endsWith('.zip')) return 'a zip inside the archive is not read; unzip it and upload the files inside';
  const bytes = entry.uncompressedSize;
  if (bytes > limits.entryBytes) {
    return `it expands to ${sizeText(bytes)}, more than the ${sizeText(limits.entryBytes)} Safer reads from one file`;
  }
  if (bytes > limits.ratioFrom && bytes > entry.compressedSize * limits.ratio) {
    const times = Math.floor(bytes / Math.max(entry.compressedSize, 1)).toLocaleString('en-GB');
    return `it expands to ${times} times its compressed size, more than the ${limits.ratio} times a police.uk file could`;
  }
  return undefined;
}

/** An entry's bytes; an error reading them (damaged data, more bytes than the directory gives) names the entry. */
function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string): Promise<Readable> {
  return new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (error, raw) => {
      if (error) return reject(new SourceError(`${name} cannot be read from the archive: ${error.message}`));
      const out = new PassThrough();
      const damaged = `${name} cannot be read from the archive, which is damaged or not what it says`;
      raw.on('error', (failure: Error) => out.destroy(new SourceError(`${damaged}: ${failure.message}`)));
      out.on('close', () => raw.destroy());
      resolve(raw.pipe(out));
    }),
  );
}

/**
 * The CSV entries of a zip archive, each opened as a stream when its turn comes, and its nested zip
 * archives and entries too large to read, as refused sources. Entries of other kinds are passed over.
 * An archive that would expand past limits.archiveBytes is refused whole.
 */
async function zipSources(file: string, limits: ZipLimits): Promise<SourceSet> {
  const zip = await openZip(file).catch((error: Error) => {
    throw new SourceError(`${file} is not a readable zip archive: ${error.message}`);
  });
  try {
    const entries = (await zipEntries(file, zip)).filter((e) => isCsv(e.fileName) || e.fileName.toLowerCase().endsWith('.zip'));
    entries.sort((a, b) => a.fileName.localeCompare(b.fileName));
    const sources = entries.map((entry): PoliceSource => {
      const name = `${file}:${entry.fileName}`;
      const refused = entryRefusal(entry, limits);
      return { name, baseName: path.basename(entry.fileName), open: () => entryStream(zip, entry, name), ...(refused ? { refused } : {}) };
    });
    const expanded = entries.reduce((sum, e, i) => (sources[i]!.refused ? sum : sum + e.uncompressedSize), 0);
    if (expanded > limits.archiveBytes) {
      const limit = `more than the ${sizeText(limits.archiveBytes)} Safer reads from one archive`;
      throw new SourceError(`${file} expands to ${sizeText(expanded)}, ${limit}: unzip it and import the files in parts`);
    }
    return { sources, close: () => zip.close() };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/**
 * Everything to import from a path: a CSV file, a folder of monthly folders, or a bulk archive zip
 * (read within the limits given, ZIP_LIMITS unless a test gives its own).
 */
export async function policeSources(input: string, limits: ZipLimits = ZIP_LIMITS): Promise<SourceSet> {
  const plain = (sources: PoliceSource[]): SourceSet => ({ sources, close: () => undefined });
  const info = await stat(input).catch(() => {
    throw new SourceError(`${input}: no such file or folder`);
  });
  if (info.isDirectory()) {
    const files = (await walk(input)).sort();
    if (files.length === 0) throw new SourceError(`${input}: the folder has no .csv files`);
    return plain(files.map(fileSource));
  }
  if (input.toLowerCase().endsWith('.zip')) return zipSources(input, limits);
  if (isCsv(input)) return plain([fileSource(input)]);
  throw new SourceError(`${input}: expected a police.uk .csv file, a folder of them, or a .zip archive`);
}
