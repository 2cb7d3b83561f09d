import { formatDateTime } from '../../platform/format.ts';
import { serviceUsagePaths } from './service-usage-paths.ts';
import { escapeHtml, type SelectItem, type TableCell } from '../../platform/view-models.ts';
import {
  columnName,
  DATE_FORMATS,
  dateFormatLabels,
  LOCATION_KINDS,
  locationKindLabels,
  type StoredMapping,
} from './service-usage-format.ts';
import { describeMapping, type FilePreview, type MappingChoice } from './service-usage-mapping.ts';

/** What the service-usage pages pass to the GOV.UK macros, built here so the templates stay simple. */

const number = new Intl.NumberFormat('en-GB');
export const formatCount = (n: number): string => number.format(n);

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** '2019-03' as 'March 2019'. */
export const monthLabel = (month: string): string => monthName.format(new Date(`${month}-01T00:00:00Z`));

interface ListedDataset {
  id: number;
  name: string;
  file_name: string;
  rows_accepted: number;
  rows_rejected: number;
  imported_by_name: string | null;
  imported_at: Date;
}

/** Who imported a dataset: a user by name, or the command line (which has no user). */
export const importedBy = (name: string | null): string => name ?? 'Command line';

export function datasetListRows(rows: readonly ListedDataset[]): TableCell[][] {
  return rows.map((d) => [
    { html: `<a class="govuk-link" href="${escapeHtml(serviceUsagePaths.show(d.id))}">${escapeHtml(d.name)}</a>` },
    { text: d.file_name },
    { text: formatCount(d.rows_accepted), format: 'numeric' },
    { text: formatCount(d.rows_rejected), format: 'numeric' },
    { text: importedBy(d.imported_by_name) },
    { text: formatDateTime(d.imported_at) },
  ]);
}

/** A select's items for a column: the file's columns by name, with a first item for none (or "choose"). */
export function columnItems(header: readonly string[], selected: number | null, first: string): SelectItem[] {
  return [
    { value: '', text: first, selected: selected === null },
    ...header.map((_, i) => ({ value: String(i), text: columnName(header, i), selected: selected === i })),
  ];
}

export function dateFormatItems(selected: string | null): SelectItem[] {
  return [
    { value: '', text: 'Select a format', selected: selected === null },
    ...DATE_FORMATS.map((f) => ({ value: f, text: dateFormatLabels[f], selected: selected === f })),
  ];
}

export function locationKindItems(selected: string | null): SelectItem[] {
  return [
    { value: '', text: 'Select what it holds', selected: selected === null },
    ...LOCATION_KINDS.map((k) => ({ value: k, text: locationKindLabels[k], selected: selected === k })),
  ];
}

/** The mapping form's selects, with the choice (guessed, or as posted) selected. */
/** A mapping as the form posts it: each select's value, '' for none (what mappingForm reads back). */
export function mappingValues(choice: MappingChoice): Record<keyof MappingChoice, string> {
  const value = (v: number | string | null) => (v === null ? '' : String(v));
  return {
    dateColumn: value(choice.dateColumn),
    timeColumn: value(choice.timeColumn),
    dateFormat: value(choice.dateFormat),
    serviceColumn: value(choice.serviceColumn),
    locationColumn: value(choice.locationColumn),
    locationKind: value(choice.locationKind),
  };
}

export function mappingSelects(header: readonly string[], choice: MappingChoice) {
  return {
    dateColumn: columnItems(header, choice.dateColumn, 'Select a column'),
    timeColumn: columnItems(header, choice.timeColumn, 'No time column'),
    dateFormat: dateFormatItems(choice.dateFormat),
    serviceColumn: columnItems(header, choice.serviceColumn, 'No service column'),
    locationColumn: columnItems(header, choice.locationColumn, 'No location column'),
    locationKind: locationKindItems(choice.locationKind),
  };
}

/** The preview table: the line number, then each column as the file has it. */
export function previewTable(preview: FilePreview): { head: TableCell[]; rows: TableCell[][] } {
  return {
    head: [{ text: 'Line', format: 'numeric' }, ...preview.header.map((_, i) => ({ text: columnName(preview.header, i) }))],
    rows: preview.rows.map((r) => [
      { text: String(r.line), format: 'numeric' as const },
      ...preview.header.map((_, i) => ({ text: r.fields[i] ?? '' })),
    ]),
  };
}

type SummaryRow = { key: { text: string }; value: { text: string } };

export function datasetSummaryRows(
  d: {
    description: string;
    file_name: string;
    rows_total: number;
    rows_accepted: number;
    rows_rejected: number;
    imported_by_name: string | null;
    imported_at: Date;
    mapping: StoredMapping;
  },
  places: { withPlace: number; lsoas: number; districts: number },
): SummaryRow[] {
  const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
  const rows: SummaryRow[] = [];
  if (d.description) rows.push(row('Description', d.description));
  rows.push(
    row('File', d.file_name),
    row('Imported by', importedBy(d.imported_by_name)),
    row('Imported', formatDateTime(d.imported_at)),
    row('Rows in the file', formatCount(d.rows_total)),
    row('Rows loaded', formatCount(d.rows_accepted)),
    row('Rows rejected', formatCount(d.rows_rejected)),
  );
  for (const m of describeMapping(d.mapping)) rows.push(row(`${m.key} from`, m.value));
  if (d.mapping.locationColumn) {
    const areas =
      d.mapping.locationKind === 'lsoa' ? `${formatCount(places.lsoas)} LSOAs` : `${formatCount(places.districts)} postcode districts`;
    rows.push(row('Rows with a location', `${formatCount(places.withPlace)}, in ${areas}`));
  }
  return rows;
}

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** One row per month from the first to the last, months without events showing 0. */
export function monthRows(months: readonly { month: string; count: number }[]): TableCell[][] {
  if (months.length === 0) return [];
  const counts = new Map(months.map((m) => [m.month, m.count]));
  const last = months[months.length - 1]!.month;
  const rows: TableCell[][] = [];
  for (let month = months[0]!.month; month <= last; month = nextMonth(month)) {
    rows.push([{ text: monthLabel(month) }, { text: formatCount(counts.get(month) ?? 0), format: 'numeric' }]);
  }
  return rows;
}

/** Services with their counts and share of all loaded rows. */
export function serviceRows(services: readonly { service: string; count: number }[]): TableCell[][] {
  const total = services.reduce((sum, s) => sum + s.count, 0);
  return services.map((s) => [
    { text: s.service === '' ? 'No service given' : s.service },
    { text: formatCount(s.count), format: 'numeric' },
    { text: total === 0 ? '0%' : `${((100 * s.count) / total).toFixed(1)}%`, format: 'numeric' },
  ]);
}

export function rejectionRows(rejections: readonly { line: number; reason: string }[]): TableCell[][] {
  return rejections.map((r) => [{ text: String(r.line), format: 'numeric' }, { text: r.reason }]);
}

/** "Showing the first 100 of 1,234 rejected lines", or all of them. */
export function rejectionsSummary(shown: number, total: number): string {
  if (total === 0) return 'No lines were rejected.';
  const noun = total === 1 ? 'rejected line' : 'rejected lines';
  return shown < total
    ? `The first ${formatCount(shown)} of ${formatCount(total)} ${noun}, by line number.`
    : `${formatCount(total)} ${noun}, by line number.`;
}
