/**
 * police.uk stop-and-search files (YYYY-MM-<force>-stop-and-search.csv): one row per search, with
 * when and where (an anonymised point, or none), the power used, what was looked for, the outcome,
 * and the person searched only as police.uk's published categories. A value about the person that
 * is not one of those categories is rejected, never stored. Pure functions, no I/O.
 */

import { splitCsvLine } from '../../platform/csv.ts';
import { checkCoordinates, headerMatches, memo } from './police-uk-format.ts';

export const STOP_SEARCH_HEADER = [
  'Type',
  'Date',
  'Part of a policing operation',
  'Policing operation',
  'Latitude',
  'Longitude',
  'Gender',
  'Age range',
  'Self-defined ethnicity',
  'Officer-defined ethnicity',
  'Legislation',
  'Object of search',
  'Outcome',
  'Outcome linked to object of search',
  'Removal of more than just outer clothing',
] as const;

export const SEARCH_TYPES = ['Person search', 'Vehicle search', 'Person and Vehicle search'] as const;
export const GENDERS = ['Male', 'Female', 'Other'] as const;
export const AGE_RANGES = ['under 10', '10-17', '18-24', '25-34', 'over 34'] as const;
export const OFFICER_DEFINED_ETHNICITIES = ['Asian', 'Black', 'Mixed', 'Other', 'White'] as const;
/** The self-defined ethnic groups police.uk publishes (the census groups). */
export const SELF_DEFINED_ETHNICITIES = [
  'Asian/Asian British - Bangladeshi',
  'Asian/Asian British - Chinese',
  'Asian/Asian British - Indian',
  'Asian/Asian British - Pakistani',
  'Asian/Asian British - Any other Asian background',
  'Black/African/Caribbean/Black British - African',
  'Black/African/Caribbean/Black British - Caribbean',
  'Black/African/Caribbean/Black British - Any other Black/African/Caribbean background',
  'Mixed/Multiple ethnic groups - White and Asian',
  'Mixed/Multiple ethnic groups - White and Black African',
  'Mixed/Multiple ethnic groups - White and Black Caribbean',
  'Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background',
  'Other ethnic group - Arab',
  'Other ethnic group - Any other ethnic group',
  'Other ethnic group - Not stated',
  'White - English/Welsh/Scottish/Northern Irish/British',
  'White - Irish',
  'White - Gypsy or Irish Traveller',
  'White - Roma',
  'White - Any other White background',
] as const;

export interface StopSearchRow {
  type: (typeof SEARCH_TYPES)[number];
  /** As given, an ISO 8601 date and time with its offset from UTC. */
  date: string;
  /** The month of the date as written (local time): 'YYYY-MM'. */
  month: string;
  partOfOperation: boolean | null;
  operation: string | null;
  latitude: number | null;
  longitude: number | null;
  gender: string | null;
  ageRange: string | null;
  selfDefinedEthnicity: string | null;
  officerDefinedEthnicity: string | null;
  legislation: string | null;
  objectOfSearch: string | null;
  outcome: string | null;
  outcomeLinkedToObject: boolean | null;
  removalOfMoreThanOuterClothing: boolean | null;
}

export type StopSearchResult = { ok: true; row: StopSearchRow } | { ok: false; reason: string };

/** Longest free-text value kept (operation names, legislation, objects of search, outcomes). */
const TEXT_LIMIT = 200;

const squeeze = (raw: string) => raw.trim().replace(/\s+/g, ' ');

/** A value from a published list, matched ignoring case and extra spaces; '' is not recorded. */
function category<T extends string>(list: readonly T[]): (raw: string) => T | null | undefined {
  const byKey = new Map<string, T>(list.map((v) => [v.toLowerCase(), v]));
  return memo((raw) => {
    const key = squeeze(raw).toLowerCase();
    return key === '' ? null : byKey.get(key);
  });
}

const searchTypeOf = category(SEARCH_TYPES);
const genderOf = category(GENDERS);
const ageRangeOf = category(AGE_RANGES);
const officerEthnicityOf = category(OFFICER_DEFINED_ETHNICITIES);
const selfEthnicityOf = category(SELF_DEFINED_ETHNICITIES);
const textOf = memo((raw: string) => {
  const value = squeeze(raw);
  return value === '' ? null : value;
});

function flag(raw: string): boolean | null | undefined {
  const value = raw.trim().toLowerCase();
  if (value === '') return null;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

// 2019-01-05T14:30:00+00:00; seconds, fractions and the offset (or Z) as ISO 8601 allows.
const DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function checkDate(raw: string): { date: string; month: string } | string {
  const value = raw.trim();
  const m = DATE.exec(value);
  if (!m) return `bad date "${value.slice(0, 40)}": expected a date and time like 2019-01-05T14:30:00+00:00`;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  const days = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > days || hour! > 23 || minute! > 59 || second! > 59) {
    return `bad date "${value.slice(0, 40)}": no such date or time`;
  }
  return { date: value, month: `${m[1]}-${m[2]}` };
}

/** Validates and normalises the fields of one stop-and-search row. */
export function parseStopSearchFields(f: string[]): StopSearchResult {
  if (f.length !== STOP_SEARCH_HEADER.length) {
    return { ok: false, reason: `wrong number of columns: ${f.length}, expected ${STOP_SEARCH_HEADER.length}` };
  }
  const type = searchTypeOf(f[0]!);
  if (!type)
    return {
      ok: false,
      reason:
        type === null
          ? 'no type of search'
          : `unknown type of search "${squeeze(f[0]!).slice(0, 40)}": expected ${SEARCH_TYPES.join(', ')}`,
    };
  const date = checkDate(f[1]!);
  if (typeof date === 'string') return { ok: false, reason: date };
  const partOfOperation = flag(f[2]!);
  if (partOfOperation === undefined) return { ok: false, reason: 'Part of a policing operation must be True, False or blank' };
  // Latitude comes before longitude in these files.
  const where = checkCoordinates(f[5]!, f[4]!);
  if (!where.ok) return where;
  // The value itself is not repeated: it is about the person searched, and not a published category.
  const published = (what: string, value: string | null | undefined, list?: readonly string[]) =>
    value === undefined ? `${what} is not one of police.uk's published categories${list ? ` (${list.join(', ')})` : ''}` : null;
  const gender = genderOf(f[6]!);
  const ageRange = ageRangeOf(f[7]!);
  const selfDefinedEthnicity = selfEthnicityOf(f[8]!);
  const officerDefinedEthnicity = officerEthnicityOf(f[9]!);
  const wrong =
    published('gender', gender, GENDERS) ??
    published('age range', ageRange, AGE_RANGES) ??
    published('self-defined ethnicity', selfDefinedEthnicity) ??
    published('officer-defined ethnicity', officerDefinedEthnicity, OFFICER_DEFINED_ETHNICITIES);
  if (wrong) return { ok: false, reason: wrong };
  const outcomeLinkedToObject = flag(f[13]!);
  if (outcomeLinkedToObject === undefined) return { ok: false, reason: 'Outcome linked to object of search must be True, False or blank' };
  const removal = flag(f[14]!);
  if (removal === undefined) return { ok: false, reason: 'Removal of more than just outer clothing must be True, False or blank' };
  const operation = textOf(f[3]!);
  const legislation = textOf(f[10]!);
  const objectOfSearch = textOf(f[11]!);
  const outcome = textOf(f[12]!);
  const tooLong = (
    [
      ['policing operation', operation],
      ['legislation', legislation],
      ['object of search', objectOfSearch],
      ['outcome', outcome],
    ] as const
  ).find(([, v]) => v !== null && v.length > TEXT_LIMIT);
  if (tooLong) return { ok: false, reason: `${tooLong[0]} longer than ${TEXT_LIMIT} characters` };
  return {
    ok: true,
    row: {
      type,
      date: date.date,
      month: date.month,
      partOfOperation,
      operation,
      latitude: where.latitude,
      longitude: where.longitude,
      gender: gender ?? null,
      ageRange: ageRange ?? null,
      selfDefinedEthnicity: selfDefinedEthnicity ?? null,
      officerDefinedEthnicity: officerDefinedEthnicity ?? null,
      legislation,
      objectOfSearch,
      outcome,
      outcomeLinkedToObject,
      removalOfMoreThanOuterClothing: removal,
    },
  };
}

/** Splits and validates one line of a stop-and-search file. */
export function parseStopSearchLine(line: string): StopSearchResult {
  if (line.includes('\u0000')) return { ok: false, reason: 'the line contains a NUL character' };
  const fields = splitCsvLine(line);
  return Array.isArray(fields) ? parseStopSearchFields(fields) : { ok: false, reason: fields.error };
}

export const isStopSearchHeader = (line: string): boolean => headerMatches(line, STOP_SEARCH_HEADER);
