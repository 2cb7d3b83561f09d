/**
 * The police.uk open data formats (data.police.uk bulk downloads): what a row must look like,
 * and the known variants Safer accepts and normalises. Pure functions, no I/O.
 */

import { splitCsvLine } from '../../platform/csv.ts';

export { splitCsvLine };

export const STREET_HEADER = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
] as const;

export const CRIME_TYPES = [
  'Anti-social behaviour',
  'Bicycle theft',
  'Burglary',
  'Criminal damage and arson',
  'Drugs',
  'Other crime',
  'Other theft',
  'Possession of weapons',
  'Public order',
  'Robbery',
  'Shoplifting',
  'Theft from the person',
  'Vehicle crime',
  'Violence and sexual offences',
  // Before May 2013 public order and possession of weapons were one category.
  'Public disorder and weapons',
] as const;
export type CrimeType = (typeof CRIME_TYPES)[number];

const crimeTypeByKey = new Map<string, CrimeType>(CRIME_TYPES.map((t) => [t.toLowerCase(), t]));

/** Outcome spellings that differ across years, mapped to one form. Unknown outcomes are kept as given. */
const OUTCOME_VARIANTS: Record<string, string> = {
  'offender given penalty notice': 'Offender given a penalty notice',
  'further action is not in the public interest': 'Formal action is not in the public interest',
  'further investigation is not in the public interest': 'Further investigation is not in the public interest',
  'offender given a drugs possession warning': 'Offender given a drugs possession warning',
  'offender given conditional discharge': 'Offender given conditional discharge',
  'suspect charged as part of another case': 'Suspect charged as part of another case',
  'local resolution': 'Local resolution',
  'under investigation': 'Under investigation',
};

export function normaliseOutcome(raw: string): string | null {
  const trimmed = raw.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return null;
  return OUTCOME_VARIANTS[trimmed.toLowerCase()] ?? trimmed;
}

export function normaliseCrimeType(raw: string): CrimeType | null {
  return crimeTypeByKey.get(raw.trim().replace(/\s+/g, ' ').toLowerCase()) ?? null;
}

/**
 * A bounded memo for the few distinct values a column takes (crime types, outcomes, force names):
 * millions of rows then cost one map lookup each instead of trimming and normalising each time.
 */
function memo<T>(fn: (raw: string) => T, limit = 4096): (raw: string) => T {
  const cache = new Map<string, T>();
  return (raw) => {
    const hit = cache.get(raw);
    if (hit !== undefined) return hit;
    const value = fn(raw);
    if (cache.size >= limit) cache.clear();
    cache.set(raw, value);
    return value;
  };
}

const outcomeOf = memo(normaliseOutcome);
const crimeTypeOf = memo(normaliseCrimeType);
const trimmedOf = memo((raw: string) => raw.trim());

export interface StreetRow {
  crimeId: string | null;
  month: string;
  reportedBy: string;
  fallsWithin: string;
  longitude: number | null;
  latitude: number | null;
  location: string | null;
  lsoaCode: string | null;
  lsoaName: string | null;
  crimeType: CrimeType;
  outcome: string | null;
  context: string | null;
}

export type RowResult = { ok: true; row: StreetRow } | { ok: false; reason: string };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const CRIME_ID = /^[0-9a-f]{64}$/i;
const LSOA = /^[EW]0\d{7}$/;
// Great Britain and Northern Ireland with a margin; police.uk snaps points to streets, never offshore.
const UK = { minLon: -8.7, maxLon: 1.9, minLat: 49.8, maxLat: 60.9 };

function coordinate(raw: string): number | null | undefined {
  if (raw === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** Validates and normalises the fields of one street-level row. */
export function parseStreetFields(f: string[]): RowResult {
  if (f.length !== 12) return { ok: false, reason: `wrong number of columns: ${f.length}, expected 12` };
  const month = f[1]!.trim();
  if (!MONTH.test(month)) return { ok: false, reason: `bad month "${month.slice(0, 20)}": expected YYYY-MM` };
  const crimeId = f[0]!.trim();
  if (crimeId !== '' && !CRIME_ID.test(crimeId)) return { ok: false, reason: 'bad Crime ID: expected 64 hexadecimal characters or blank' };
  const crimeType = crimeTypeOf(f[9]!);
  if (!crimeType) return { ok: false, reason: `unknown crime type "${f[9]!.trim().slice(0, 60)}"` };
  const longitude = coordinate(f[4]!.trim());
  const latitude = coordinate(f[5]!.trim());
  if (longitude === undefined || latitude === undefined) return { ok: false, reason: 'bad coordinates: not numbers' };
  if ((longitude === null) !== (latitude === null)) return { ok: false, reason: 'bad coordinates: only one of longitude and latitude given' };
  if (longitude !== null && latitude !== null) {
    if (longitude < UK.minLon || longitude > UK.maxLon || latitude < UK.minLat || latitude > UK.maxLat) {
      return { ok: false, reason: `coordinates outside the UK: ${longitude}, ${latitude}` };
    }
  }
  const lsoaCode = f[7]!.trim();
  if (lsoaCode !== '' && !LSOA.test(lsoaCode)) return { ok: false, reason: `bad LSOA code "${lsoaCode.slice(0, 20)}"` };
  const location = f[6]!.trim();
  const lsoaName = f[8]!.trim();
  const context = f[11]!.trim();
  return {
    ok: true,
    row: {
      crimeId: crimeId === '' ? null : crimeId.toLowerCase(),
      month,
      reportedBy: trimmedOf(f[2]!),
      fallsWithin: trimmedOf(f[3]!),
      longitude,
      latitude,
      location: location === '' || location === 'No Location' ? null : location,
      lsoaCode: lsoaCode === '' ? null : lsoaCode,
      lsoaName: lsoaName === '' ? null : lsoaName,
      crimeType,
      outcome: outcomeOf(f[10]!),
      context: context === '' ? null : context,
    },
  };
}

/** Splits and validates one line of a street-level file. */
export function parseStreetLine(line: string): RowResult {
  if (line.includes('\u0000')) return { ok: false, reason: 'the line contains a NUL character' };
  const fields = splitCsvLine(line);
  return Array.isArray(fields) ? parseStreetFields(fields) : { ok: false, reason: fields.error };
}

/** Whether a first line is the street-level header (any case, spaces around names allowed). */
export function isStreetHeader(line: string): boolean {
  const fields = splitCsvLine(line);
  return (
    Array.isArray(fields) &&
    fields.length === STREET_HEADER.length &&
    fields.every((f, i) => f.trim().toLowerCase() === STREET_HEADER[i]!.toLowerCase())
  );
}

/**
 * Splits text that arrives in pieces into lines: a leading byte-order mark is dropped, and lines may
 * end with LF or CRLF. A final line without a line ending is given by end().
 */
export class LineSplitter {
  private rest = '';
  private started = false;

  /** The complete lines in rest + text, in order; what is left waits for the next piece. */
  push(text: string): string[] {
    let all = this.rest.length > 0 ? this.rest + text : text;
    if (!this.started && all.length > 0) {
      if (all.charCodeAt(0) === 0xfeff) all = all.slice(1);
      this.started = true;
    }
    const out: string[] = [];
    let start = 0;
    for (;;) {
      const nl = all.indexOf('\n', start);
      if (nl < 0) break;
      out.push(all.charCodeAt(nl - 1) === 13 && nl > start ? all.slice(start, nl - 1) : all.slice(start, nl));
      start = nl + 1;
    }
    this.rest = start === 0 ? all : all.slice(start);
    return out;
  }

  /** Characters waiting for a line ending. */
  get pending(): number {
    return this.rest.length;
  }

  /** The last line, if the text did not end with a line ending. */
  end(): string[] {
    const last = this.rest;
    this.rest = '';
    if (last.length === 0) return [];
    return [last.endsWith('\r') ? last.slice(0, -1) : last];
  }
}

/** What a police.uk file's name says it holds: YYYY-MM-<force>-street.csv and its siblings. */
export interface PoliceFileName {
  month: string;
  force: string;
  kind: 'street' | 'outcomes' | 'stop-and-search';
}

export function parsePoliceFileName(name: string): PoliceFileName | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const m = /^(\d{4}-(?:0[1-9]|1[0-2]))-([a-z0-9-]+?)-(street|outcomes|stop-and-search)\.csv$/i.exec(base);
  if (!m) return null;
  return { month: m[1]!, force: m[2]!.toLowerCase(), kind: m[3]!.toLowerCase() as PoliceFileName['kind'] };
}
