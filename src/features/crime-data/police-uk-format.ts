/**
 * The police.uk open data formats (data.police.uk bulk downloads): what a row must look like,
 * and the known variants Safer accepts and normalises. Pure functions, no I/O.
 */

import { splitCsvLine } from '../../platform/csv.ts';

export { splitCsvLine };

/** The columns street-level and outcomes files both start with: the crime, its month and where it happened. */
export const CRIME_PLACE_HEADER = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
] as const;

export const STREET_HEADER = [...CRIME_PLACE_HEADER, 'Crime type', 'Last outcome category', 'Context'] as const;

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

/**
 * A crime type's number in the database (crime_types.id, in crime_lsoa_months' arrays), by its index
 * in CRIME_TYPES: its place from 1. Migration 0007 numbers them so, and a test checks they agree.
 */
export const crimeTypeNumber = (index: number) => index + 1;

/** crimeTypeNumber() of a crime type's name; -1 for a name that is not a crime type. */
export function crimeTypeId(name: string): number {
  const index = (CRIME_TYPES as readonly string[]).indexOf(name);
  return index < 0 ? -1 : crimeTypeNumber(index);
}

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
  'investigation complete: no suspect identified': 'Investigation complete; no suspect identified',
  'investigation complete - no suspect identified': 'Investigation complete; no suspect identified',
};

/** police.uk's outcome categories (street files' last outcome, outcomes files' outcome type), as it spells them. */
export const OUTCOME_CATEGORIES = [
  'Action to be taken by another organisation',
  'Awaiting court outcome',
  'Court case unable to proceed',
  'Court result unavailable',
  'Defendant found not guilty',
  'Defendant sent to Crown Court',
  'Formal action is not in the public interest',
  'Further investigation is not in the public interest',
  'Investigation complete; no suspect identified',
  'Local resolution',
  'Offender deprived of property',
  'Offender fined',
  'Offender given a caution',
  'Offender given a drugs possession warning',
  'Offender given a penalty notice',
  'Offender given absolute discharge',
  'Offender given community sentence',
  'Offender given conditional discharge',
  'Offender given suspended prison sentence',
  'Offender ordered to pay compensation',
  'Offender otherwise dealt with',
  'Offender sent to prison',
  'Status update unavailable',
  'Suspect charged',
  'Suspect charged as part of another case',
  'Unable to prosecute suspect',
  'Under investigation',
] as const;

const outcomeByKey = new Map<string, string>(OUTCOME_CATEGORIES.map((o) => [o.toLowerCase(), o]));

/** One spelling for each outcome: known variants and any case of a known category as police.uk spells it; unknown outcomes as given. */
export function normaliseOutcome(raw: string): string | null {
  const trimmed = raw.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return null;
  const key = trimmed.toLowerCase();
  return OUTCOME_VARIANTS[key] ?? outcomeByKey.get(key) ?? trimmed;
}

export function normaliseCrimeType(raw: string): CrimeType | null {
  return crimeTypeByKey.get(raw.trim().replace(/\s+/g, ' ').toLowerCase()) ?? null;
}

/**
 * A bounded memo for the few distinct values a column takes (crime types, outcomes, force names):
 * millions of rows then cost one map lookup each instead of trimming and normalising each time.
 */
export function memo<T>(fn: (raw: string) => T, limit = 4096): (raw: string) => T {
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

/** Columns 3 to 9 of CRIME_PLACE_HEADER, checked and normalised: who recorded the crime and where. */
export interface CrimePlace {
  reportedBy: string;
  fallsWithin: string;
  longitude: number | null;
  latitude: number | null;
  location: string | null;
  lsoaCode: string | null;
  lsoaName: string | null;
}

/** Checks and normalises the place columns (CrimePlace) of a street-level or outcomes row. */
export function parseCrimePlace(f: string[]): { ok: true; place: CrimePlace } | { ok: false; reason: string } {
  const where = checkCoordinates(f[4]!, f[5]!);
  if (!where.ok) return where;
  const lsoaCode = f[7]!.trim();
  if (lsoaCode !== '' && !LSOA.test(lsoaCode)) return { ok: false, reason: `bad LSOA code "${lsoaCode.slice(0, 20)}"` };
  const lsoaName = f[8]!.trim();
  return {
    ok: true,
    place: {
      reportedBy: trimmedOf(f[2]!),
      fallsWithin: trimmedOf(f[3]!),
      longitude: where.longitude,
      latitude: where.latitude,
      location: locationOf(f[6]!),
      lsoaCode: lsoaCode === '' ? null : lsoaCode,
      lsoaName: lsoaName === '' ? null : lsoaName,
    },
  };
}

export interface StreetRow extends CrimePlace {
  crimeId: string | null;
  month: string;
  crimeType: CrimeType;
  outcome: string | null;
  context: string | null;
}

export type RowResult = { ok: true; row: StreetRow } | { ok: false; reason: string };

export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const CRIME_ID = /^[0-9a-f]{64}$/i;
export const LSOA = /^[EW]0\d{7}$/;
// Great Britain and Northern Ireland with a margin; police.uk snaps points to streets, never offshore.
export const UK = { minLon: -8.7, maxLon: 1.9, minLat: 49.8, maxLat: 60.9 };

function coordinate(raw: string): number | null | undefined {
  if (raw === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** Validates and normalises the fields of one street-level row. */
export function parseStreetFields(f: string[]): RowResult {
  if (f.length !== STREET_HEADER.length)
    return { ok: false, reason: `wrong number of columns: ${f.length}, expected ${STREET_HEADER.length}` };
  const month = f[1]!.trim();
  if (!MONTH.test(month)) return { ok: false, reason: `bad month "${month.slice(0, 20)}": expected YYYY-MM` };
  const crimeId = f[0]!.trim();
  if (crimeId !== '' && !CRIME_ID.test(crimeId)) return { ok: false, reason: 'bad Crime ID: expected 64 hexadecimal characters or blank' };
  const crimeType = crimeTypeOf(f[9]!);
  if (!crimeType) return { ok: false, reason: `unknown crime type "${f[9]!.trim().slice(0, 60)}"` };
  const where = parseCrimePlace(f);
  if (!where.ok) return where;
  const context = f[11]!.trim();
  return {
    ok: true,
    row: {
      crimeId: crimeId === '' ? null : crimeId.toLowerCase(),
      month,
      ...where.place,
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
export const isStreetHeader = (line: string): boolean => headerMatches(line, STREET_HEADER);

/** Whether bytes[start, start + key.length) are key's bytes. */
export function bytesAre(key: Uint8Array, bytes: Uint8Array, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (bytes[start + i] !== key[i]) return false;
  return true;
}

/**
 * A memo keyed by a field's bytes, for the few values a column takes: a value seen before costs a
 * hash and a comparison of its bytes, and no string.
 */
export class ByteMemo<T> {
  private readonly slots = new Int32Array(2048);
  private keys: Buffer[] = [];
  private values: T[] = [];

  constructor(private readonly fn: (raw: string) => T) {}

  /** fn() of the UTF-8 text in bytes[start, end). */
  get(bytes: Uint8Array, start: number, end: number): T {
    let hash = ByteMemo.EMPTY;
    for (let i = start; i < end; i++) hash = ByteMemo.hash(hash, bytes[i]!);
    return this.hashed(hash, bytes, start, end);
  }

  /** The hash of no bytes, and of some bytes and then one more (FNV-1a): to hash a field while reading it. */
  static readonly EMPTY = 0x811c9dc5;
  static hash(hash: number, byte: number): number {
    return Math.imul(hash ^ byte, 0x01000193);
  }

  /** get(), when the hash of bytes[start, end) is known. */
  hashed(hash: number, bytes: Uint8Array, start: number, end: number): T {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let k = this.slots[slot]!; k !== 0; k = this.slots[slot]!) {
      const key = this.keys[k - 1]!;
      if (key.length === end - start && bytesAre(key, bytes, start)) return this.values[k - 1]!;
      slot = (slot + 1) & mask;
    }
    if (this.keys.length >= this.slots.length / 2) {
      this.slots.fill(0);
      this.keys = [];
      this.values = [];
      slot = hash & mask;
    }
    const key = Buffer.from(bytes.subarray(start, end));
    const value = this.fn(key.toString('utf8'));
    this.keys.push(key);
    this.values.push(value);
    this.slots[slot] = this.keys.length;
    return value;
  }
}

/** normaliseCrimeType() of a Crime type field's bytes, as its index in CRIME_TYPES, or -1. */
export const crimeTypeIndexOf = new ByteMemo((raw) => {
  const type = normaliseCrimeType(raw);
  return type === null ? -1 : CRIME_TYPES.indexOf(type);
});

/** normaliseOutcome() of a Last outcome category field's bytes. */
export const outcomeOfBytes = new ByteMemo(normaliseOutcome);

/** What lsoaKey() adds for a Welsh LSOA (W0...), above every English one (E0 and seven digits). */
export const WELSH_LSOA_KEY = 10_000_000;

/** An LSOA code (as LSOA matches it) as a number: E01000001 is 1000001, W01000001 is 11000001. */
export function lsoaKey(code: string): number {
  return (code.startsWith('W') ? WELSH_LSOA_KEY : 0) + Number(code.slice(2));
}

/** The LSOA code of an lsoaKey(). */
export function lsoaCodeOf(key: number): string {
  return `${key >= WELSH_LSOA_KEY ? 'W0' : 'E0'}${String(key % WELSH_LSOA_KEY).padStart(7, '0')}`;
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

export type Coordinates = { ok: true; longitude: number | null; latitude: number | null } | { ok: false; reason: string };

/** A longitude and latitude as police.uk gives them: both blank (no location), or both numbers within the UK. */
export function checkCoordinates(longitudeRaw: string, latitudeRaw: string): Coordinates {
  const longitude = coordinate(longitudeRaw.trim());
  const latitude = coordinate(latitudeRaw.trim());
  if (longitude === undefined || latitude === undefined) return { ok: false, reason: 'bad coordinates: not numbers' };
  if ((longitude === null) !== (latitude === null))
    return { ok: false, reason: 'bad coordinates: only one of longitude and latitude given' };
  if (
    longitude !== null &&
    latitude !== null &&
    (longitude < UK.minLon || longitude > UK.maxLon || latitude < UK.minLat || latitude > UK.maxLat)
  ) {
    return { ok: false, reason: `coordinates outside the UK: ${longitude}, ${latitude}` };
  }
  return { ok: true, longitude, latitude };
}

/** Whether a first line is the given header (any case, spaces around names allowed). */
export function headerMatches(line: string, header: readonly string[]): boolean {
  const fields = splitCsvLine(line);
  return (
    Array.isArray(fields) && fields.length === header.length && fields.every((f, i) => f.trim().toLowerCase() === header[i]!.toLowerCase())
  );
}

/** What police.uk writes for a crime with no location, in lower case: it is matched in any case. */
const NO_LOCATION = 'no location';
const NO_LOCATION_BYTES = Buffer.from(NO_LOCATION, 'latin1');
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
/** The bit that makes an ASCII capital letter small. */
const ASCII_LOWER_CASE_BIT = 0x20;

/** A location as police.uk gives it: blank and "No Location" (in any case) are no location. */
export function locationOf(raw: string): string | null {
  const location = raw.trim();
  return location === '' || location.toLowerCase() === NO_LOCATION ? null : location;
}

/** locationOf()'s "No Location" for a field's bytes, bytes[from, to), without spaces around it (the byte-level path). */
export function isNoLocation(bytes: Uint8Array, from: number, to: number): boolean {
  if (to - from !== NO_LOCATION_BYTES.length) return false;
  for (let i = 0; i < NO_LOCATION_BYTES.length; i++) {
    const c = bytes[from + i]!;
    if ((c >= UPPER_A && c <= UPPER_Z ? c | ASCII_LOWER_CASE_BIT : c) !== NO_LOCATION_BYTES[i]) return false;
  }
  return true;
}
