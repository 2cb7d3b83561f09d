/**
 * The column-mapping screen's rules: a first guess from the header names and the first rows, and
 * the check of a chosen mapping against the same rows before anything is imported. Shared by the
 * web pages and the command line. Pure functions.
 */
import {
  columnName,
  DATE_FORMATS,
  dateFormatLabels,
  hasTime,
  isFullPostcode,
  parseDate,
  parseLsoa,
  parseTime,
  postcodeDistrict,
  quoted,
  type ColumnMapping,
  type DateFormat,
  type LocationKind,
  type StoredMapping,
} from './service-usage-format.ts';

/** A preview of a file: its header and first data records, each with its line number. */
export interface FilePreview {
  header: string[];
  rows: { line: number; fields: string[] }[];
}

/** What someone chose, before it is checked: column positions or null for "none". */
export interface MappingChoice {
  dateColumn: number | null;
  timeColumn: number | null;
  dateFormat: DateFormat | null;
  serviceColumn: number | null;
  locationColumn: number | null;
  locationKind: LocationKind | null;
}

export type MappingField = keyof MappingChoice;

export type MappingCheck = { ok: true; mapping: ColumnMapping } | { ok: false; errors: [field: MappingField, message: string][] };

const roles = [
  ['dateColumn', 'date column'],
  ['timeColumn', 'time column'],
  ['serviceColumn', 'service column'],
  ['locationColumn', 'location column'],
] as const;

const sample = (preview: FilePreview, column: number): { line: number; value: string }[] =>
  preview.rows
    .filter((r) => r.fields.length === preview.header.length)
    .map((r) => ({ line: r.line, value: r.fields[column]!.trim() }))
    .filter((v) => v.value !== '');

/** Fewer than half of the first rows' values pass: the first that fails, or undefined when enough pass. */
function mostlyFailing(
  values: { line: number; value: string }[],
  passes: (value: string) => boolean,
): { line: number; value: string } | undefined {
  const failing = values.filter((v) => !passes(v.value));
  return failing.length * 2 > values.length ? failing[0] : undefined;
}

const lsoaOk = (v: string) => parseLsoa(v) !== null;
const postcodeOk = (v: string) => postcodeDistrict(v) !== null;

/** Checks a chosen mapping against the file's header and first rows. Messages name the column and line. */
export function checkMapping(choice: MappingChoice, preview: FilePreview): MappingCheck {
  const errors: [MappingField, string][] = [];
  const { header } = preview;
  const name = (i: number) => quoted(columnName(header, i));
  for (const [field] of roles) {
    const index = choice[field];
    if (index !== null && (index < 0 || index >= header.length))
      errors.push([field, `Select a column of the file for the ${roles.find((r) => r[0] === field)![1]}`]);
  }
  if (choice.dateColumn === null) errors.push(['dateColumn', 'Select the column that holds the date']);
  if (choice.dateFormat === null) errors.push(['dateFormat', 'Select the format of the dates']);
  if (errors.length > 0) return { ok: false, errors };

  const used = new Map<number, string>();
  for (const [field, label] of roles) {
    const index = choice[field];
    if (index === null) continue;
    const earlier = used.get(index);
    if (earlier)
      errors.push([field, `The ${label} cannot be ${name(index)}: that is already the ${earlier}. Choose a different column for each`]);
    else used.set(index, label);
  }
  const format = choice.dateFormat!;
  if (choice.timeColumn !== null && hasTime(format)) {
    errors.push(['timeColumn', `The date format ${format} already includes the time: choose no time column, or a date-only format`]);
  }
  if (choice.locationColumn !== null && choice.locationKind === null)
    errors.push(['locationKind', 'Select what the location column holds']);
  if (errors.length > 0) return { ok: false, errors };

  const dateColumn = choice.dateColumn!;
  const dates = sample(preview, dateColumn);
  if (dates.length === 0) {
    const first = preview.rows.length === 1 ? 'first row' : `first ${preview.rows.length} rows`;
    errors.push(['dateColumn', `Column ${name(dateColumn)} has no dates in the ${first}: select the column that holds the date`]);
  } else {
    const bad = mostlyFailing(dates, (v) => parseDate(v, format) !== null);
    if (bad)
      errors.push([
        'dateFormat',
        `The dates in column ${name(dateColumn)} are not in the format ${format}: line ${bad.line} has ${quoted(bad.value)}`,
      ]);
  }
  if (choice.timeColumn !== null) {
    const bad = mostlyFailing(sample(preview, choice.timeColumn), (v) => parseTime(v) !== null);
    if (bad)
      errors.push([
        'timeColumn',
        `Column ${name(choice.timeColumn)} does not hold times of day like 14:05: line ${bad.line} has ${quoted(bad.value)}`,
      ]);
  }
  if (choice.locationColumn !== null && choice.locationKind !== null) {
    const kind = choice.locationKind;
    const bad = mostlyFailing(sample(preview, choice.locationColumn), kind === 'lsoa' ? lsoaOk : postcodeOk);
    if (bad) {
      const what = kind === 'lsoa' ? 'LSOA codes like E01024320' : kind === 'postcode' ? 'postcodes' : 'postcode districts like ME14';
      errors.push([
        'locationKind',
        `Column ${name(choice.locationColumn)} does not hold ${what}: line ${bad.line} has ${quoted(bad.value)}`,
      ]);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    mapping: {
      dateColumn,
      timeColumn: choice.timeColumn,
      dateFormat: format,
      serviceColumn: choice.serviceColumn,
      locationColumn: choice.locationColumn,
      locationKind: choice.locationColumn === null ? null : choice.locationKind,
    },
  };
}

const nameScore = (cell: string, patterns: [RegExp, number][]): number => {
  const text = cell.trim().toLowerCase();
  return patterns.reduce((best, [re, score]) => (re.test(text) ? Math.max(best, score) : best), 0);
};

const DATE_NAMES: [RegExp, number][] = [
  [/date.?time|timestamp/, 3],
  [/date|\bdt\b|\bday\b/, 2],
  [/when|visit|occur|arriv|start|created|time/, 1],
];
const TIME_NAMES: [RegExp, number][] = [[/time|hour/, 1]];
const SERVICE_NAMES: [RegExp, number][] = [
  [/service/, 3],
  [/category|reason|support|purpose|enquiry|inquiry|activity|team|type/, 2],
];
const LOCATION_NAMES: [RegExp, number][] = [
  [/lsoa|postcode|post code|postal/, 3],
  [/district|outcode|area|home|location|address|ward/, 1],
];

/** What the values of a column look like as a place, if they all are one. */
function placeKind(values: string[]): LocationKind | null {
  if (values.length === 0) return null;
  if (values.every(lsoaOk)) return 'lsoa';
  if (!values.every(postcodeOk)) return null;
  return values.some(isFullPostcode) ? 'postcode' : 'postcode-district';
}

function best(candidates: number[], score: (i: number) => number, minimum = 0): number | null {
  let chosen: number | null = null;
  let top = minimum - 1;
  for (const i of candidates) {
    const s = score(i);
    if (s > top) {
      top = s;
      chosen = i;
    }
  }
  return chosen;
}

/** The one format every date in a column's first rows is in, or null when there is none. */
export function dateFormatOf(preview: FilePreview, column: number): DateFormat | null {
  const values = sample(preview, column).map((v) => v.value);
  return values.length === 0 ? null : (DATE_FORMATS.find((f) => values.every((v) => parseDate(v, f) !== null)) ?? null);
}

/**
 * A first guess at the mapping from the header names and the first rows: the date column is one
 * whose values are dates (preferring a name like "date"), its format the one they are all in, and
 * so on. Anything it cannot tell is null, for the person to choose.
 */
export function guessMapping(preview: FilePreview): MappingChoice {
  const { header } = preview;
  const columns = header.map((_, i) => i);
  const values = (i: number) => sample(preview, i).map((v) => v.value);
  const formatOf = (i: number) => dateFormatOf(preview, i);
  const dated = columns.filter((i) => formatOf(i) !== null);
  const dateColumn = best(dated, (i) => nameScore(header[i]!, DATE_NAMES)) ?? best(columns, (i) => nameScore(header[i]!, DATE_NAMES), 2);
  const dateFormat = dateColumn === null ? null : formatOf(dateColumn);
  const used = new Set<number>(dateColumn === null ? [] : [dateColumn]);
  const free = () => columns.filter((i) => !used.has(i));

  let timeColumn: number | null = null;
  if (dateFormat === null || !hasTime(dateFormat)) {
    const timed = free().filter((i) => values(i).length > 0 && values(i).every((v) => parseTime(v) !== null));
    timeColumn = best(timed, (i) => nameScore(header[i]!, TIME_NAMES));
    if (timeColumn !== null) used.add(timeColumn);
  }

  let locationKind: LocationKind | null = null;
  const placed = free().filter((i) => placeKind(values(i)) !== null);
  let locationColumn = best(placed, (i) => nameScore(header[i]!, LOCATION_NAMES));
  if (locationColumn !== null) {
    locationKind = placeKind(values(locationColumn));
  } else {
    locationColumn = best(free(), (i) => nameScore(header[i]!, LOCATION_NAMES), 3);
    if (locationColumn !== null) {
      const cell = header[locationColumn]!.toLowerCase();
      locationKind = cell.includes('lsoa') ? 'lsoa' : /district|outcode/.test(cell) ? 'postcode-district' : 'postcode';
    }
  }
  if (locationColumn !== null) used.add(locationColumn);

  const serviceColumn = best(free(), (i) => nameScore(header[i]!, SERVICE_NAMES), 2);
  return { dateColumn, timeColumn, dateFormat, serviceColumn, locationColumn, locationKind };
}

/** The mapping as stored with the dataset, with column names in place of positions. */
export function storedMapping(mapping: ColumnMapping, header: readonly string[]): StoredMapping {
  const named = (i: number | null) => (i === null ? null : columnName(header, i));
  return {
    dateColumn: columnName(header, mapping.dateColumn),
    timeColumn: named(mapping.timeColumn),
    dateFormat: mapping.dateFormat,
    serviceColumn: named(mapping.serviceColumn),
    locationColumn: named(mapping.locationColumn),
    locationKind: mapping.locationKind,
  };
}

/** A stored mapping in words, for the dataset's page. */
export function describeMapping(m: StoredMapping): { key: string; value: string }[] {
  const rows = [
    { key: 'Date', value: `column "${m.dateColumn}", ${dateFormatLabels[m.dateFormat].split(',')[0]}` },
    { key: 'Time', value: m.timeColumn ? `column "${m.timeColumn}"` : hasTime(m.dateFormat) ? 'with the date' : 'none' },
    { key: 'Service', value: m.serviceColumn ? `column "${m.serviceColumn}"` : 'none' },
  ];
  const place =
    m.locationColumn && m.locationKind
      ? `column "${m.locationColumn}", ` +
        (m.locationKind === 'lsoa'
          ? 'LSOA codes'
          : m.locationKind === 'postcode'
            ? 'full postcodes (only the district was kept)'
            : 'postcode districts')
      : 'none';
  rows.push({ key: 'Location', value: place });
  return rows;
}
