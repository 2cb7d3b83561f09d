/**
 * Synthetic police.uk street-level files, for tests and benchmarks: the exact bulk-download layout
 * (YYYY-MM/YYYY-MM-<force>-street.csv) and format, at any size, the same for the same seed. About a
 * quarter of rows are anti-social behaviour (blank Crime ID and outcome); some have no location; some
 * have quoted fields; and a few malformed lines are planted, each recorded with its line number.
 * Not used by the application itself.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import path from 'node:path';
import { TERRITORIAL_FORCES } from './police-forces.ts';
import { STREET_HEADER, type CrimeType } from './police-uk-format.ts';
import { seededRandom } from '../../platform/random.ts';

export { seededRandom };

const WELSH = new Set(['dyfed-powys', 'gwent', 'north-wales', 'south-wales']);

const OUTCOMES = [
  'Unable to prosecute suspect',
  'Investigation complete; no suspect identified',
  'Status update unavailable',
  'Court result unavailable',
  'Action to be taken by another organisation',
  'Further investigation is not in the public interest',
  'Offender given a caution',
  'Local resolution',
  'Under investigation',
  'Awaiting court outcome',
  'Offender given penalty notice',
];

/** Crime types other than anti-social behaviour, in parts per thousand of Kent's crimes (2018-19). */
const CRIME_WEIGHTS: [CrimeType, number][] = [
  ['Violence and sexual offences', 435],
  ['Criminal damage and arson', 115],
  ['Public order', 83],
  ['Other theft', 83],
  ['Vehicle crime', 72],
  ['Shoplifting', 66],
  ['Burglary', 66],
  ['Other crime', 28],
  ['Drugs', 17],
  ['Robbery', 12],
  ['Bicycle theft', 8],
  ['Theft from the person', 7],
  ['Possession of weapons', 7],
];

const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Mill Road', 'The Parade', 'Park Avenue', 'London Road', 'Victoria Street'];

/** Kinds of planted bad line, and the reason the importer gives for each (a fragment of it). */
export const MALFORMED_KINDS = {
  columns: 'wrong number of columns',
  month: 'bad month',
  quoting: 'malformed quoting',
  outside: 'coordinates outside the UK',
} as const;
export type MalformedKind = keyof typeof MALFORMED_KINDS;

export interface ForceArea {
  force: string;
  name: string;
  /** The force's LSOA codes are lsoaPrefix + a 7-digit number in [firstLsoa, firstLsoa + lsoas). */
  lsoaPrefix: 'E01' | 'W01';
  firstLsoa: number;
  lsoas: number;
  weight: number;
  lon: number;
  lat: number;
}

const titleCase = (slug: string) =>
  slug
    .split('-')
    .map((w) => (w === 'and' || w === 'of' ? w : w[0]!.toUpperCase() + w.slice(1)))
    .join(' ');

/** Each force's share of rows and its block of LSOAs: about 35,000 in all, as in England and Wales. */
export function forceAreas(count: number = TERRITORIAL_FORCES.length): ForceArea[] {
  const random = seededRandom(43);
  const forces = TERRITORIAL_FORCES.slice(0, count);
  const weights = forces.map((f) => (f === 'metropolitan' ? 10 : f === 'city-of-london' ? 0.1 : 1 + random() * 2));
  const total = weights.reduce((a, b) => a + b, 0);
  let nextE = 1;
  let nextW = 1;
  return forces.map((force, i) => {
    const lsoas = Math.max(20, Math.round((weights[i]! / total) * 35000));
    const welsh = WELSH.has(force);
    const firstLsoa = welsh ? nextW : nextE;
    if (welsh) nextW += lsoas;
    else nextE += lsoas;
    return {
      force,
      name: force === 'metropolitan' ? 'Metropolitan Police Service' : `${titleCase(force)} Police`,
      lsoaPrefix: welsh ? 'W01' : 'E01',
      firstLsoa,
      lsoas,
      weight: weights[i]! / total,
      lon: -4.5 + random() * 5.5,
      lat: 50.6 + random() * 4.6,
    };
  });
}

export const lsoaCode = (area: ForceArea, n: number): string => `${area.lsoaPrefix}${String(area.firstLsoa + n).padStart(6, '0')}`;
export const lsoaName = (area: ForceArea, n: number): string =>
  `${titleCase(area.force.split('-')[0]!)} ${String(Math.floor(n / 4) + 1).padStart(3, '0')}${'ABCD'[n % 4]}`;

export interface SyntheticFile {
  /** Path relative to the archive's folder: YYYY-MM/YYYY-MM-<force>-street.csv */
  relative: string;
  month: string;
  force: string;
  /** Data rows (lines after the header, none blank). */
  rows: number;
  /** Planted bad lines: line numbers counting the header as line 1. */
  malformed: { line: number; kind: MalformedKind }[];
  bytes: number;
}

export interface SyntheticArchive {
  dir: string;
  files: SyntheticFile[];
  rows: number;
  bytes: number;
}

export interface SyntheticOptions {
  /** Data rows in all. */
  rows: number;
  months?: number;
  /** How many of the 43 forces. */
  forces?: number;
  /** The first month, YYYY-MM. */
  startMonth?: string;
  seed?: number;
  /** About one planted bad line in this many rows (0 for none). */
  malformedEvery?: number;
  /** Line endings: police.uk's files use LF; CRLF tests the variant. */
  crlf?: boolean;
}

function addMonths(start: string, n: number): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

const HEX = '0123456789abcdef';

/** The data lines of one force-month file (no header), and where bad lines were planted. */
export function streetLines(
  area: ForceArea,
  month: string,
  rows: number,
  random: () => number,
  malformedEvery = 0,
): { lines: string[]; malformed: SyntheticFile['malformed'] } {
  const lines: string[] = new Array<string>(rows);
  const malformed: SyntheticFile['malformed'] = [];
  const kinds = Object.keys(MALFORMED_KINDS) as MalformedKind[];
  // Crime types in the proportions of Kent's real files; places skewed, as crime concentrates in town centres.
  const crimeTypes = CRIME_WEIGHTS.flatMap(([type, weight]) => new Array<CrimeType>(weight).fill(type));
  const id = new Array<string>(64);
  for (let i = 0; i < rows; i++) {
    const asb = random() < 0.25;
    let crimeId = '';
    if (!asb) {
      for (let k = 0; k < 64; k += 8) {
        let v = (random() * 4294967296) >>> 0;
        for (let j = 7; j >= 0; j--) {
          id[k + j] = HEX[v & 15]!;
          v >>>= 4;
        }
      }
      crimeId = id.join('');
    }
    const noLocation = random() < 0.015;
    const n = Math.floor(random() ** 1.6 * area.lsoas);
    const lon = noLocation ? '' : (area.lon + (random() - 0.5) * 0.6).toFixed(6);
    const lat = noLocation ? '' : (area.lat + (random() - 0.5) * 0.4).toFixed(6);
    let location = noLocation ? 'No Location' : `On or near ${STREETS[Math.floor(random() * STREETS.length)]!}`;
    const q = random();
    if (!noLocation && q < 0.004) location = `"${location}, ${titleCase(area.force.split('-')[0]!)}"`;
    else if (!noLocation && q < 0.006) location = `"On or near ""${STREETS[n % STREETS.length]!}"""`;
    const crimeType = asb ? 'Anti-social behaviour' : crimeTypes[Math.floor(random() * crimeTypes.length)]!;
    const outcome = asb ? '' : OUTCOMES[Math.floor(random() * OUTCOMES.length)]!;
    const code = noLocation ? '' : lsoaCode(area, n);
    const name = noLocation ? '' : lsoaName(area, n);
    let line = `${crimeId},${month},${area.name},${area.name},${lon},${lat},${location},${code},${name},${crimeType},${outcome},`;
    if (malformedEvery > 0 && random() * malformedEvery < 1) {
      const kind = kinds[malformed.length % kinds.length]!;
      if (kind === 'columns') line = line.slice(0, line.lastIndexOf(',', line.length - 2));
      else if (kind === 'month') line = line.replace(`,${month},`, `,${month.slice(0, 4)}-13,`);
      else if (kind === 'quoting') line = line.replace(',On or near', ',"On or near');
      else if (kind === 'outside')
        line = `${crimeId},${month},${area.name},${area.name},-30.000000,10.000000,On or near Sea,${code},${name},${crimeType},${outcome},`;
      if (kind !== 'quoting' || line.includes(',"On or near ')) malformed.push({ line: i + 2, kind });
      else line = lines[i - 1] ?? line;
    }
    lines[i] = line;
  }
  return { lines, malformed };
}

/**
 * Writes an archive of options.rows rows spread over months x forces files (by each force's share),
 * as monthly folders under dir.
 */
export function writeSyntheticArchive(dir: string, options: SyntheticOptions): SyntheticArchive {
  const months = options.months ?? 12;
  const areas = forceAreas(options.forces ?? TERRITORIAL_FORCES.length);
  const start = options.startMonth ?? '2024-01';
  const random = seededRandom(options.seed ?? 1);
  const eol = options.crlf ? '\r\n' : '\n';
  const header = STREET_HEADER.join(',');
  const files: SyntheticFile[] = [];
  let written = 0;
  const cells = months * areas.length;
  let cell = 0;
  let bytes = 0;
  for (let m = 0; m < months; m++) {
    const month = addMonths(start, m);
    mkdirSync(path.join(dir, month), { recursive: true });
    for (const area of areas) {
      cell++;
      // Rows for this file: its share, with the rounding carried so the total is exact.
      const target = Math.round((options.rows * (m + 1)) / months) - Math.round((options.rows * m) / months);
      const share =
        cell === cells ? options.rows - written : Math.min(options.rows - written, Math.max(1, Math.round(target * area.weight)));
      const { lines, malformed } = streetLines(area, month, share, random, options.malformedEvery ?? 0);
      const relative = `${month}/${month}-${area.force}-street.csv`;
      const text = `${header}${eol}${lines.join(eol)}${lines.length ? eol : ''}`;
      writeFileSync(path.join(dir, relative), text);
      const size = Buffer.byteLength(text);
      bytes += size;
      files.push({ relative, month, force: area.force, rows: share, malformed, bytes: size });
      written += share;
    }
  }
  return { dir, files, rows: written, bytes };
}

/**
 * Writes a zip archive (deflated entries, no zip64) of the given files, by their names inside the
 * archive: enough to make bulk-download-shaped archives for tests. `size`, when given, is the size
 * the archive says an entry expands to, in place of its real size (for archives that lie).
 */
export function writeZip(file: string, entries: { name: string; data: Buffer; size?: number }[]): void {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.size ?? entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, packed);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // version made by
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(0, 12);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(packed.length, 20);
    header.writeUInt32LE(entry.size ?? entry.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + packed.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...parts, ...central, end]));
}
