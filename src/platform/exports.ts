import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../features/audit/events.ts';
import { actorFrom } from './http/actor.ts';
import { recordIdFrom } from './http/params.ts';
import type { Access } from './http/types.ts';
import type { Id } from './paths.ts';

/**
 * Downloads of a list as CSV or XLSX: one table of headers and rows, two formats, one way to send
 * them. Every list page with downloads builds an ExportTable and registers it with exportRoutes().
 */

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export type ExportCell = string | number | null;

export interface ExportTable {
  /** The file name without its extension, such as "actions" or "glossary". */
  fileName: string;
  /** The spreadsheet's first row and, cut to fit, its sheet name. */
  title: string;
  headers: readonly string[];
  rows: readonly (readonly ExportCell[])[];
}

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. Text a spreadsheet
 * would run as a formula (starting =, +, -, @, tab or carriage return) is kept as text with a '.
 */
export function csvCell(value: ExportCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The table as CSV text: a header row, then one line per row, with CRLF line ends. */
export function tableCsv(table: Pick<ExportTable, 'headers' | 'rows'>): string {
  return [table.headers, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A sheet name Excel accepts: no []:*?/\ and at most 31 characters. */
export function sheetName(title: string): string {
  const name = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 31)
    .trim();
  return name || 'Sheet 1';
}

/**
 * The table as an Excel workbook: the title in bold, the headers in bold and frozen, then the rows.
 * Cells are values, never formulas, so nothing in the data can run as one.
 */
export async function tableXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Safer';
  const sheet = workbook.addWorksheet(sheetName(table.title));
  sheet.addRow([table.title]).font = { bold: true, size: 14 };
  sheet.addRow([...table.headers]).font = { bold: true };
  for (const row of table.rows) sheet.addRow([...row]);
  table.headers.forEach((header, i) => {
    const longest = Math.max(header.length, ...table.rows.map((r) => String(r[i] ?? '').length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The file for a table in a format. The CSV starts with a byte order mark, so Excel reads it as UTF-8. */
export async function exportFile(
  table: ExportTable,
  format: ExportFormat,
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const body = format === 'csv' ? Buffer.from(`\uFEFF${tableCsv(table)}`, 'utf8') : await tableXlsx(table);
  const base =
    table.fileName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'download';
  return { body, contentType: exportContentTypes[format], fileName: `${base}.${format}` };
}

export async function sendExport(reply: FastifyReply, table: ExportTable, format: ExportFormat): Promise<FastifyReply> {
  const file = await exportFile(table, format);
  return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
}

/**
 * Registers a list's downloads: GET url('csv') and GET url('xlsx'), each sending the table that
 * build() makes for the request (build finds the records, so another partnership's ids are a 404).
 */
export function exportRoutes(
  app: FastifyInstance,
  access: Access,
  url: (format: ExportFormat) => string,
  build: (request: FastifyRequest) => Promise<ExportTable>,
): void {
  for (const format of exportFormats) {
    app.get(url(format), { config: { access } }, async (request, reply) => sendExport(reply, await build(request), format));
  }
}

/** The downloads of a list on a record's page, at url(':id', format): the table build() makes for the record with that id. */
export function recordExportRoutes(
  app: FastifyInstance,
  access: Access,
  url: (id: Id, format: ExportFormat) => string,
  build: (actor: Actor, id: number) => Promise<ExportTable>,
): void {
  exportRoutes(
    app,
    access,
    (format) => url(':id', format),
    (request) => build(actorFrom(request), recordIdFrom(request.params)),
  );
}

/** The "Download CSV" and "Download XLSX" links of a list (exportLinks in components/exports.njk). */
export interface ExportLinks {
  csv: string;
  xlsx: string;
  /** What the list is, for screen readers: "Download CSV of the priorities". */
  what: string;
}

export function exportLinks(url: (format: ExportFormat) => string, what: string, query = ''): ExportLinks {
  return { csv: `${url('csv')}${query}`, xlsx: `${url('xlsx')}${query}`, what };
}
