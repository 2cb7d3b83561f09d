import { createRequire } from 'node:module';
import path from 'node:path';
import type { Content, StyleDictionary, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { fitWidth, fontDirectory, fontFiles, POINTS_PER_PIXEL } from './drawings.ts';
import { cellLines, isBold, isLandscape, isNumeric } from './parts.ts';
import type { DocumentFile, DocumentTable, Figure, Part, Section } from './parts.ts';

const require = createRequire(import.meta.url);

/** The parts of pdfmake's server build used here (its own types describe the browser build). */
interface PdfMake {
  setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

let pdfmake: PdfMake | undefined;

/**
 * pdfmake with the Roboto fonts from its own package (drawings.ts), read from their files so the
 * SVG renderer can open them too: nothing from the system.
 */
function pdfPrinter(): PdfMake {
  if (pdfmake) return pdfmake;
  const instance = require('pdfmake') as PdfMake;
  instance.setFonts({ Roboto: fontFiles });
  // Documents refer to no address and to no file but those fonts: refuse everything else.
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy((file) => path.dirname(path.resolve(file)) === fontDirectory);
  pdfmake = instance;
  return instance;
}

/** A4 less 56pt margins each side, in points: portrait and landscape. */
const CONTENT_WIDTH = 595.28 - 112;
const LANDSCAPE_CONTENT_WIDTH = 841.89 - 112;

/** Whether a drawing fits a portrait page at its own size. */
const fitsPortrait = (drawing: Figure): boolean => drawing.width * POINTS_PER_PIXEL <= CONTENT_WIDTH;

const styles: StyleDictionary = {
  title: { fontSize: 28, bold: true, margin: [0, 0, 0, 12] },
  caption: { fontSize: 13, color: '#505a5f' },
  h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 12] },
  h2: { fontSize: 15, bold: true, margin: [0, 14, 0, 6] },
  h3: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
  body: { margin: [0, 0, 0, 8] },
  bold: { bold: true, margin: [0, 0, 0, 8] },
  note: { margin: [0, 0, 0, 6], color: '#505a5f', fontSize: 10 },
  statement: { fontSize: 20, bold: true, color: '#1d70b8' },
  definition: { margin: [0, 0, 0, 4] },
  table: { margin: [0, 0, 0, 14], fontSize: 10 },
};
const HEADINGS = new Set(['h1', 'h2', 'h3']);

/** A table the width of the page, its header row repeated on each page and kept with a row, no row split, figures right-aligned. */
function table(spec: DocumentTable): Content {
  const alignment = (column: number) => (isNumeric(spec, column) ? ('right' as const) : ('left' as const));
  const cell = (lines: readonly string[], column: number, bold: boolean): TableCell =>
    lines.length === 1
      ? { text: lines[0]!, bold, alignment: alignment(column) }
      : { stack: lines.map((line) => ({ text: line, bold, alignment: alignment(column) })) };
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: spec.widths ? [...spec.widths] : spec.head.map(() => '*'),
      body: [
        spec.head.map((h, i) => cell([h], i, true)),
        ...spec.rows.map((row) => row.map((c, i) => cell(cellLines(spec, c), i, isBold(spec, i)))),
      ],
    },
    layout: 'lightHorizontalLines',
    style: 'table',
    ...(spec.small ? { fontSize: 8 } : {}),
  };
}

function content(part: Part, landscape: boolean): Content[] {
  switch (part.kind) {
    case 'title':
      return [
        { text: part.cover.caption, style: 'caption', margin: [0, 160, 0, 12] },
        { text: part.cover.title, style: 'title' },
        { text: part.cover.subtitle, style: 'caption', margin: [0, 0, 0, 24] },
      ];
    case 'contents':
      return [
        { text: 'Contents', style: 'h1', pageBreak: 'before' },
        ...part.chapters.map((title, i) => ({ text: `${i + 1}. ${title}`, style: 'body' })),
      ];
    case 'heading':
      return [{ text: part.text, style: `h${part.level}`, ...(part.pageBreak ? { pageBreak: 'before' as const } : {}) }];
    case 'paragraph':
      return [{ text: part.text, style: part.style }];
    case 'list':
      return [part.numbered ? { ol: [...part.items], style: 'body' } : { ul: [...part.items], style: 'body' }];
    case 'definition':
      return [{ text: [{ text: `${part.term}: `, bold: true }, part.text], style: 'definition' }];
    case 'table':
      return [table(part.table)];
    case 'figure': {
      // Drawn from the SVG itself, as vectors with its text.
      const size = fitWidth(part.figure, landscape ? LANDSCAPE_CONTENT_WIDTH : CONTENT_WIDTH, POINTS_PER_PIXEL);
      return [{ svg: part.figure.svg, ...size, margin: [0, 8, 0, 12] }];
    }
  }
}

const orientation = (section: Section) => (isLandscape(section, fitsPortrait) ? ('landscape' as const) : ('portrait' as const));
const sectionContent = (section: Section) => section.parts.flatMap((part) => content(part, orientation(section) === 'landscape'));

/**
 * The document as a PDF: A4 with its margins, each section from a new page, the title and page
 * number in each footer, the Roboto font and the styles above. A heading never ends a page: one in
 * the last sixth of a page, or last on it, moves to the next. compress: false keeps the text
 * streams readable (used by tests).
 */
export function pdfFile(file: DocumentFile, options: { compress?: boolean } = {}): Promise<Buffer> {
  const [first, ...rest] = file.sections;
  const definition: TDocumentDefinitions = {
    info: { title: file.meta.title, author: file.meta.author },
    compress: options.compress ?? true,
    pageSize: 'A4',
    pageOrientation: first ? orientation(first) : 'portrait',
    pageMargins: [56, 56, 56, 64],
    pageBreakBefore: (node, nodes) =>
      HEADINGS.has(String(node.style)) && (node.startPosition.verticalRatio > 5 / 6 || nodes.getFollowingNodesOnPage().length === 0),
    footer: (page, pages) => ({
      text: `${file.meta.title}: page ${page} of ${pages}`,
      alignment: 'center',
      fontSize: 9,
      margin: [0, 24, 0, 0],
    }),
    content: [
      ...(first ? sectionContent(first) : []),
      ...rest.map((s): Content => ({ stack: sectionContent(s), pageBreak: 'before', pageOrientation: orientation(s) })),
    ],
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.25 },
    styles,
  };
  return pdfPrinter().createPdf(definition).getBuffer();
}
