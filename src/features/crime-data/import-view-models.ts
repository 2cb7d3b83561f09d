import { formatDateTime } from '../../platform/format.ts';
import { importPaths } from './import-paths.ts';
import { escapeHtml, type TableCell } from '../../platform/view-models.ts';
import type { GeographyImportRow, GeographyRejectionRow, ImportFileRow, ImportRow, RejectionRow } from './import-repository.ts';
import type { ImportState } from './import-service.ts';

/** What the import pages pass to the GOV.UK macros, built here so the templates stay simple. */

export const IMPORTS_PAGE_SIZE = 25;
export const REJECTIONS_PAGE_SIZE = 50;
/** Rejected rows shown for each geography import (all are stored). */
export const GEOGRAPHY_REJECTIONS_SHOWN = 100;

const number = new Intl.NumberFormat('en-GB');
export const formatCount = (n: number): string => number.format(n);

const states: Record<ImportState, { text: string; classes: string }> = {
  running: { text: 'Running', classes: 'govuk-tag--blue' },
  completed: { text: 'Completed', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
};

export function stateTag(state: ImportState): { text: string; classes: string } {
  return states[state];
}

export function stateTagHtml(state: ImportState): string {
  const tag = states[state];
  return `<strong class="govuk-tag ${tag.classes}">${escapeHtml(tag.text)}</strong>`;
}

/** One row per import: a link to it, when, who, what, status, files and rows. */
export function importListRows(rows: readonly ImportRow[]): TableCell[][] {
  return rows.map((r) => [
    { html: `<a class="govuk-link" href="${escapeHtml(importPaths.show(r.id))}">Import ${r.id}</a>` },
    { text: formatDateTime(r.started_at) },
    { text: r.started_by },
    { text: r.source },
    { html: stateTagHtml(r.status) },
    { text: formatCount(r.files_loaded + r.files_unchanged), format: 'numeric' },
    { text: formatCount(r.rows_accepted), format: 'numeric' },
    { text: formatCount(r.rows_rejected), format: 'numeric' },
  ]);
}

export function importSummaryRows(r: ImportRow): { key: { text: string }; value: { text?: string; html?: string } }[] {
  const rows = [
    { key: { text: 'Status' }, value: { html: stateTagHtml(r.status) } },
    { key: { text: 'Source' }, value: { text: r.source } },
    { key: { text: 'Started by' }, value: { text: r.started_by } },
    { key: { text: 'Started' }, value: { text: formatDateTime(r.started_at) } },
  ];
  if (r.finished_at) rows.push({ key: { text: 'Finished' }, value: { text: formatDateTime(r.finished_at) } });
  rows.push(
    { key: { text: 'Files' }, value: { text: filesText(r) } },
    { key: { text: 'Rows loaded' }, value: { text: formatCount(r.rows_accepted) } },
    { key: { text: 'Rows rejected' }, value: { text: formatCount(r.rows_rejected) } },
  );
  if (r.message) rows.push({ key: { text: 'Message' }, value: { text: r.message } });
  return rows;
}

export function filesText(r: Pick<ImportRow, 'files_total' | 'files_loaded' | 'files_unchanged'>): string {
  const parts = [`${formatCount(r.files_loaded)} loaded`];
  if (r.files_unchanged > 0) parts.push(`${formatCount(r.files_unchanged)} unchanged (already loaded)`);
  return `${parts.join(', ')}, of ${formatCount(r.files_total)}`;
}

/** A file by its own name: archive.zip:2019-01/2019-01-kent-street.csv is 2019-01-kent-street.csv. */
export function shortFileName(name: string): string {
  return (
    name
      .slice(name.lastIndexOf(':') + 1)
      .split(/[\\/]/)
      .pop() ?? name
  );
}

export function fileRows(files: readonly ImportFileRow[]): TableCell[][] {
  return files.map((f) => [
    { text: shortFileName(f.file_name) },
    { text: f.force },
    { text: f.month },
    { text: formatCount(f.rows_total), format: 'numeric' },
    { text: formatCount(f.rows_accepted), format: 'numeric' },
    { text: formatCount(f.rows_rejected), format: 'numeric' },
  ]);
}

/** Line 0 stands for the whole file (refused by its name). */
export function rejectionRows(rows: readonly RejectionRow[]): TableCell[][] {
  return rows.map((r) => [
    { text: shortFileName(r.file_name) },
    { text: r.line === 0 ? 'Whole file' : formatCount(r.line), format: 'numeric' },
    { text: r.reason },
  ]);
}

export type PaginationItem = { number: number; href: string; current: boolean } | { ellipsis: true };

export interface Pagination {
  previous?: { href: string };
  next?: { href: string };
  items: PaginationItem[];
}

/** GOV.UK pagination for page of pages, or undefined when one page holds everything. */
export function pagination(page: number, total: number, pageSize: number, href: (page: number) => string): Pagination | undefined {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return undefined;
  const items: PaginationItem[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 1) items.push({ number: p, href: href(p), current: p === page });
    else if (!('ellipsis' in (items.at(-1) ?? { number: 0 }))) items.push({ ellipsis: true });
  }
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items,
  };
}

/** "Showing 51 to 100 of 230 rejected lines" */
export function rangeText(page: number, pageSize: number, shown: number, total: number, noun: string): string {
  if (total === 0) return `No ${noun}`;
  const first = (page - 1) * pageSize + 1;
  return `Showing ${formatCount(first)} to ${formatCount(first + shown - 1)} of ${formatCount(total)} ${noun}`;
}

const geographyKinds: Record<string, string> = {
  'lsoas-imd': 'LSOAs and deprivation (IMD 2019 file 1)',
  'lsoas-crime-domain': 'Crime domain (IMD 2019 file 2)',
  population: 'Population',
  'rural-urban': 'Rural-urban class',
  'lsoa-boundaries': 'LSOA boundaries',
  wards: 'Wards',
};

/** One row per geography file imported: number, when, what, file, rows, accepted, rejected. */
export function geographyImportRows(rows: readonly GeographyImportRow[]): TableCell[][] {
  return rows.map((r) => [
    { text: `Geography import ${r.id}` },
    { text: formatDateTime(r.imported_at) },
    { text: geographyKinds[r.kind] ?? r.kind },
    { text: shortFileName(r.file_name) },
    { text: formatCount(r.rows_total), format: 'numeric' },
    { text: formatCount(r.rows_accepted), format: 'numeric' },
    { text: formatCount(r.rows_rejected), format: 'numeric' },
  ]);
}

export interface GeographyRejectionGroup {
  id: number;
  title: string;
  summary: string;
  /** "Line" for CSV files, "Feature" for GeoJSON and TopoJSON. */
  where: string;
  rows: TableCell[][];
}

/** The rejected rows of each geography import that has any, under its file's name. */
export function geographyRejectionGroups(
  imports: readonly GeographyImportRow[],
  rejections: readonly GeographyRejectionRow[],
): GeographyRejectionGroup[] {
  return imports
    .filter((i) => i.rows_rejected > 0)
    .map((i) => {
      const rows = rejections.filter((r) => r.import_id === i.id);
      const noun = i.rows_rejected === 1 ? 'rejected row' : 'rejected rows';
      return {
        id: i.id,
        title: `${shortFileName(i.file_name)}, geography import ${i.id}`,
        summary:
          rows.length < i.rows_rejected
            ? `Showing the first ${formatCount(rows.length)} of ${formatCount(i.rows_rejected)} ${noun}`
            : `${formatCount(i.rows_rejected)} ${noun}`,
        where: i.unit === 'feature' ? 'Feature' : 'Line',
        rows: rows.map((r) => [{ text: formatCount(r.line), format: 'numeric' as const }, { text: r.reason }]),
      };
    });
}
