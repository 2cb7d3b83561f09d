/**
 * A document as Safer publishes it (the plan, the performance report), written once and made into
 * a Word file by docx.ts and a PDF by pdf.ts: its title page, contents, headings, paragraphs,
 * lists, tables and figures, in sections of pages. The two formats and the two documents look alike
 * because they are made of these parts and nothing else.
 */

/** Who the document is by and what it is called (the file's properties, and the PDF's page footer). */
interface DocumentMeta {
  title: string;
  author: string;
}

/** The title page: a caption above the title (the partnership), the title, and a line under it. */
interface Cover {
  caption: string;
  title: string;
  subtitle: string;
}

/** Text as written in a form: paragraphs, and bulleted lists. */
type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: readonly string[] };

/** A drawing: an accessible SVG with its size in pixels (its viewBox), title and description. */
export interface Figure {
  svg: string;
  width: number;
  height: number;
  title: string;
  description: string;
}

/** A cell: a line of text, or several lines. */
type Cell = string | readonly string[];

/** A table with a header row, which repeats on each page it runs onto. */
export interface DocumentTable {
  head: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** Columns of figures, by index: right-aligned. */
  numeric?: readonly boolean[];
  /** Whether the first cell of each row heads it, in bold (the default). */
  rowHeaders?: boolean;
  /** Smaller text, for wide tables of figures. */
  small?: boolean;
  /** What a cell with no lines says (default: nothing). */
  emptyCell?: string;
  /** The PDF's column widths in points, '*' (a share of what is left) or 'auto' (default: equal shares). */
  widths?: readonly (number | '*' | 'auto')[];
}

/** How a paragraph looks: body text, bold, a note (smaller and grey), or a statement (large, bold and blue). */
type ParagraphStyle = 'body' | 'bold' | 'note' | 'statement';

export type Part =
  | { kind: 'title'; cover: Cover }
  | { kind: 'contents'; chapters: readonly string[] }
  | { kind: 'heading'; text: string; level: 1 | 2 | 3; pageBreak: boolean }
  | { kind: 'paragraph'; text: string; style: ParagraphStyle }
  | { kind: 'list'; items: readonly string[]; numbered: boolean }
  | { kind: 'definition'; term: string; text: string }
  | { kind: 'table'; table: DocumentTable }
  | { kind: 'figure'; figure: Figure; name: string };

/** A run of pages, from a new page; on landscape pages if a figure in it is too wide for portrait ones and it says so. */
export interface Section {
  parts: Part[];
  landscapeIfWide?: boolean;
}

export interface DocumentFile {
  meta: DocumentMeta;
  sections: Section[];
}

/** The title page. */
export const titlePage = (cover: Cover): Part => ({ kind: 'title', cover });

/** The contents, on a page of their own: each chapter numbered. */
export const contents = (chapters: readonly string[]): Part => ({ kind: 'contents', chapters });

/** A heading of level 1 (a chapter, which may start a new page), 2 or 3. */
export const heading = (text: string, level: 1 | 2 | 3, options: { pageBreak?: boolean } = {}): Part => ({
  kind: 'heading',
  text,
  level,
  pageBreak: options.pageBreak ?? false,
});

export const paragraph = (text: string, style: ParagraphStyle = 'body'): Part => ({ kind: 'paragraph', text, style });

export const list = (items: readonly string[], options: { numbered?: boolean } = {}): Part => ({
  kind: 'list',
  items,
  numbered: options.numbered ?? false,
});

/** Text as written in a form: its paragraphs and bulleted lists. */
export const text = (blocks: readonly TextBlock[]): Part[] =>
  blocks.map((b) => (b.kind === 'paragraph' ? paragraph(b.text) : list(b.items)));

/** A term in bold and what it means, on one line (a glossary entry, a fact about an indicator). */
export const definition = (term: string, meaning: string): Part => ({ kind: 'definition', term, text: meaning });

export const table = (spec: DocumentTable): Part => ({ kind: 'table', table: spec });

/** A drawing, scaled down to fit the page; `name` is what screen readers call it (default: its title). */
export const figure = (drawing: Figure, name = drawing.title): Part => ({ kind: 'figure', figure: drawing, name });

/** A cell's lines; at least one. */
export function cellLines(table: DocumentTable, cell: Cell): readonly string[] {
  const lines = typeof cell === 'string' ? [cell] : cell;
  return lines.length ? lines : [table.emptyCell ?? ''];
}

/** Whether a column is right-aligned. */
export const isNumeric = (table: DocumentTable, column: number): boolean => table.numeric?.[column] === true;

/** Whether a cell is bold: every cell of the header row, and the first of each row unless the table says not. */
export const isBold = (table: DocumentTable, column: number): boolean => column === 0 && table.rowHeaders !== false;

/** Whether a section goes on landscape pages, given whether a drawing fits a portrait page in this format. */
export const isLandscape = (section: Section, fitsPortrait: (drawing: Figure) => boolean): boolean =>
  section.landscapeIfWide === true && section.parts.some((p) => p.kind === 'figure' && !fitsPortrait(p.figure));
