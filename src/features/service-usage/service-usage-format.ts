/**
 * What a service-usage file's columns mean, and each row checked against that: the date (and
 * time) it happened, the service, and where the person came from as an LSOA code or a postcode
 * district. A full postcode is cut to its district here: it is never stored. Pure functions.
 */

import { z } from 'zod';

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'DD/MM/YYYY HH:mm', 'ISO 8601'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const dateFormatLabels: Record<DateFormat, string> = {
  'YYYY-MM-DD': 'YYYY-MM-DD, a date only, like 2019-03-28',
  'DD/MM/YYYY': 'DD/MM/YYYY, a date only, like 28/03/2019',
  'DD/MM/YYYY HH:mm': 'DD/MM/YYYY HH:mm, a date and time, like 28/03/2019 14:05',
  'ISO 8601': 'ISO 8601 date and time, like 2019-03-28T14:05:00',
};

/** Whether the format carries the time of day (then there is no separate time column). */
export const hasTime = (format: DateFormat): boolean => format === 'DD/MM/YYYY HH:mm' || format === 'ISO 8601';

export const LOCATION_KINDS = ['lsoa', 'postcode-district', 'postcode'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export const locationKindLabels: Record<LocationKind, string> = {
  lsoa: 'LSOA codes, like E01024320',
  'postcode-district': 'Postcode districts, like ME14',
  postcode: 'Full postcodes, like ME14 1XX (only the district is kept)',
};

/** Which column (by its position in the header, from 0) holds what. */
export interface ColumnMapping {
  dateColumn: number;
  timeColumn: number | null;
  dateFormat: DateFormat;
  serviceColumn: number | null;
  locationColumn: number | null;
  locationKind: LocationKind | null;
}

/** The mapping as stored with a dataset (service_usage_datasets.mapping, JSON): columns by name, so it reads on its own. */
export const storedMappingSchema = z.object({
  dateColumn: z.string(),
  timeColumn: z.string().nullable(),
  dateFormat: z.enum(DATE_FORMATS),
  serviceColumn: z.string().nullable(),
  locationColumn: z.string().nullable(),
  locationKind: z.enum(LOCATION_KINDS).nullable(),
});
export type StoredMapping = z.output<typeof storedMappingSchema>;

/** One accepted row: a local (UK) date-time, the service and the place. */
export interface ServiceUsageEvent {
  /** 'YYYY-MM-DD HH:MM:SS', UK local time. */
  occurredAt: string;
  service: string;
  lsoaCode: string | null;
  postcodeDistrict: string | null;
}

export type RowResult = { ok: true; event: ServiceUsageEvent } | { ok: false; reason: string };

/** The longest service name kept. */
export const MAX_SERVICE_LENGTH = 200;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A value as a rejection reason quotes it: at most 40 characters. */
export const quoted = (value: string): string => `"${value.length > 40 ? `${value.slice(0, 39)}…` : value}"`;

/** A column by name for messages: "Visit date", or "column 3" when the header cell is blank. */
export function columnName(header: readonly string[], index: number): string {
  const name = header[index]?.trim() ?? '';
  return name === '' ? `column ${index + 1}` : name;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysIn(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1]!;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function checked(p: Parts): string | null {
  if (p.year < 1900 || p.year > 2100 || p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysIn(p.year, p.month)) return null;
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return null;
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as UK local time, 'YYYY-MM-DD HH:MM:SS'. */
function ukLocal(instant: Date): string {
  const get = (type: string) => londonParts.formatToParts(instant).find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DMY_HM = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const TIME = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/;

// Plain functions, not closures, in what runs for every row: they are made once.
function n(digits: string | undefined): number {
  return digits === undefined ? 0 : Number(digits);
}

/**
 * A date (or date and time) in the given format as UK local time 'YYYY-MM-DD HH:MM:SS', or null
 * when it is not in that format or is not a real date. An ISO 8601 time with Z or an offset is
 * turned into UK local time; without one it is taken as UK local time already.
 */
export function parseDate(raw: string, format: DateFormat): string | null {
  const value = raw.trim();
  let m: RegExpExecArray | null;
  switch (format) {
    case 'YYYY-MM-DD':
      m = YMD.exec(value);
      return m ? checked({ year: n(m[1]), month: n(m[2]), day: n(m[3]), hour: 0, minute: 0, second: 0 }) : null;
    case 'DD/MM/YYYY':
      m = DMY.exec(value);
      return m ? checked({ year: n(m[3]), month: n(m[2]), day: n(m[1]), hour: 0, minute: 0, second: 0 }) : null;
    case 'DD/MM/YYYY HH:mm':
      m = DMY_HM.exec(value);
      return m ? checked({ year: n(m[3]), month: n(m[2]), day: n(m[1]), hour: n(m[4]), minute: n(m[5]), second: n(m[6]) }) : null;
    case 'ISO 8601': {
      m = ISO.exec(value);
      if (!m) return null;
      const local = checked({ year: n(m[1]), month: n(m[2]), day: n(m[3]), hour: n(m[4]), minute: n(m[5]), second: n(m[6]) });
      const zone = m[7];
      if (!local || !zone) return local;
      const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3).replace(':', '') || '00'}`;
      const instant = new Date(`${local.replace(' ', 'T')}${offset}`);
      return Number.isNaN(instant.getTime()) ? null : ukLocal(instant);
    }
  }
}

/** A time of day, 'HH:mm' or 'HH:mm:ss' (9:05 and 09.05 too), as 'HH:MM:SS'; or null. */
export function parseTime(raw: string): string | null {
  const m = TIME.exec(raw.trim());
  if (!m) return null;
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  return `${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

const LSOA = /^[EW]01\d{6}$/;
const DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const FULL_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/;

/** An LSOA code (2011 or 2021, England or Wales), upper-cased; or null. */
export function parseLsoa(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return LSOA.test(code) ? code : null;
}

/**
 * The postcode district (outward code) of a full postcode ("ME14 1XX" and "me141xx" give "ME14")
 * or of a district on its own ("ME14"); null when it is neither.
 */
export function postcodeDistrict(raw: string): string | null {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  if (DISTRICT.test(compact)) return compact;
  const full = FULL_POSTCODE.exec(compact);
  return full ? full[1]! : null;
}

/** Whether a value is a full postcode (more than a district). */
export const isFullPostcode = (raw: string): boolean => FULL_POSTCODE.test(raw.replace(/\s+/g, '').toUpperCase());

/** Whether a value is a date in any of the formats (for guessing which column is the date, and whether a header is data). */
export const looksLikeDate = (raw: string): boolean => DATE_FORMATS.some((f) => parseDate(raw, f) !== null);

/**
 * One data record checked against the mapping: the event to store, or the reason it is rejected,
 * naming the column and quoting the value (never a postcode: those are not repeated anywhere).
 */
export function checkRow(fields: readonly string[], header: readonly string[], mapping: ColumnMapping): RowResult {
  if (fields.length !== header.length) {
    return {
      ok: false,
      reason: `the line has ${fields.length} ${fields.length === 1 ? 'field' : 'fields'}; the header has ${header.length}`,
    };
  }
  const dateText = fields[mapping.dateColumn]!.trim();
  if (dateText === '') return { ok: false, reason: `no date in column ${named(header, mapping.dateColumn)}` };
  let occurredAt = parseDate(dateText, mapping.dateFormat);
  if (!occurredAt) {
    const real = hasTime(mapping.dateFormat) ? 'is not a real date and time' : 'is not a real date';
    const what = shapeOnly(dateText, mapping.dateFormat) ? real : `is not in the format ${mapping.dateFormat}`;
    return { ok: false, reason: `date ${quoted(dateText)} in column ${named(header, mapping.dateColumn)} ${what}` };
  }
  if (mapping.timeColumn !== null) {
    const timeText = fields[mapping.timeColumn]!.trim();
    if (timeText === '') return { ok: false, reason: `no time in column ${named(header, mapping.timeColumn)}` };
    const time = parseTime(timeText);
    if (!time)
      return {
        ok: false,
        reason: `time ${quoted(timeText)} in column ${named(header, mapping.timeColumn)} is not a time of day like 14:05`,
      };
    occurredAt = `${occurredAt.slice(0, 10)} ${time}`;
  }
  let service = '';
  if (mapping.serviceColumn !== null) {
    service = fields[mapping.serviceColumn]!.trim().replace(/\s+/g, ' ');
    if (service.length > MAX_SERVICE_LENGTH) {
      return {
        ok: false,
        reason: `the service in column ${named(header, mapping.serviceColumn)} is longer than ${MAX_SERVICE_LENGTH} characters`,
      };
    }
  }
  let lsoaCode: string | null = null;
  let district: string | null = null;
  if (mapping.locationColumn !== null && mapping.locationKind !== null) {
    const place = fields[mapping.locationColumn]!.trim();
    if (place !== '') {
      if (mapping.locationKind === 'lsoa') {
        lsoaCode = parseLsoa(place);
        if (!lsoaCode)
          return {
            ok: false,
            reason: `${quoted(place)} in column ${named(header, mapping.locationColumn)} is not an LSOA code like E01024320`,
          };
      } else {
        district = postcodeDistrict(place);
        if (!district) {
          return {
            ok: false,
            reason:
              `the value in column ${named(header, mapping.locationColumn)} ` +
              `is not a ${mapping.locationKind === 'postcode' ? 'UK postcode' : 'UK postcode district'}`,
          };
        }
      }
    }
  }
  return { ok: true, event: { occurredAt, service, lsoaCode, postcodeDistrict: district } };
}

function named(header: readonly string[], index: number): string {
  return quoted(columnName(header, index));
}

/** Whether the text has the shape of the format (digits in the right places), real date or not. */
function shapeOnly(text: string, format: DateFormat): boolean {
  const value = text.trim();
  switch (format) {
    case 'YYYY-MM-DD':
      return YMD.test(value);
    case 'DD/MM/YYYY':
      return DMY.test(value);
    case 'DD/MM/YYYY HH:mm':
      return DMY_HM.test(value);
    case 'ISO 8601':
      return ISO.test(value);
  }
}
