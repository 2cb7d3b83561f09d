import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import { diagramPng, fitWidth } from './drawings.ts';
import { cellLines, isBold, isLandscape, isNumeric } from './parts.ts';
import type { DocumentFile, DocumentTable, Figure, Part } from './parts.ts';

/**
 * A document (parts.ts) as a Word file (.docx): Arial, 12pt text, A4 pages. Sizes are in
 * half-points (24 is 12pt), as Word counts them.
 */

type Block = Paragraph | Table;

const FONT = 'Arial';
const BODY_SIZE = 24;
const TABLE_SIZE = 20;
const SMALL_SIZE = 18;
const NUMBERED = 'numbered';

/** An A4 page less its 1 inch margins, in the 96-per-inch pixels images are sized in. */
const PAGE_WIDTH = 600;
const LANDSCAPE_PAGE_WIDTH = 930;

/** Whether a drawing fits a portrait page at its own size. */
const fitsPortrait = (drawing: Figure): boolean => drawing.width <= PAGE_WIDTH;

const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

const paragraphRuns: Record<Extract<Part, { kind: 'paragraph' }>['style'], IRunOptions> = {
  body: {},
  bold: { bold: true },
  note: { color: '505A5F', size: TABLE_SIZE },
  statement: { bold: true, size: 36, color: '1D70B8' },
};

/** A table the width of the page, its header row repeated on each page, figures right-aligned. */
function table(spec: DocumentTable): Table {
  const size = spec.small ? SMALL_SIZE : TABLE_SIZE;
  const cell = (lines: readonly string[], column: number, bold: boolean) =>
    new TableCell({
      children: lines.map(
        (line) =>
          new Paragraph({
            alignment: isNumeric(spec, column) ? AlignmentType.RIGHT : AlignmentType.LEFT,
            children: [new TextRun({ text: line, bold, size })],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: spec.head.map((h, i) => cell([h], i, true)) }),
      ...spec.rows.map((row) => new TableRow({ children: row.map((c, i) => cell(cellLines(spec, c), i, isBold(spec, i))) })),
    ],
  });
}

/**
 * A drawing as an image: the SVG itself, with a PNG for Word processors that cannot show SVG,
 * scaled down to fit the page and described for screen readers.
 */
function figure(drawing: Figure, name: string, landscape: boolean): Paragraph {
  return new Paragraph({
    spacing: { after: 240 },
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(drawing.svg, 'utf8'),
        fallback: { type: 'png', data: diagramPng(drawing.svg) },
        transformation: fitWidth(drawing, landscape ? LANDSCAPE_PAGE_WIDTH : PAGE_WIDTH),
        altText: { name, title: drawing.title, description: drawing.description },
      }),
    ],
  });
}

function blocks(part: Part, landscape: boolean): Block[] {
  switch (part.kind) {
    case 'title':
      return [
        new Paragraph({ children: [new TextRun({ text: part.cover.caption, size: 28 })], spacing: { before: 2400, after: 240 } }),
        new Paragraph({ text: part.cover.title, heading: HeadingLevel.TITLE }),
        new Paragraph({ children: [new TextRun({ text: part.cover.subtitle, size: 24 })], spacing: { after: 480 } }),
      ];
    case 'contents':
      return [
        new Paragraph({ children: [new PageBreak()] }),
        new Paragraph({ text: 'Contents', heading: HeadingLevel.HEADING_1 }),
        ...part.chapters.map((title, i) => new Paragraph({ text: `${i + 1}. ${title}` })),
      ];
    case 'heading':
      return [new Paragraph({ text: part.text, heading: headingLevels[part.level], pageBreakBefore: part.pageBreak })];
    case 'paragraph':
      return [new Paragraph({ children: [new TextRun({ text: part.text, ...paragraphRuns[part.style] })], spacing: { after: 160 } })];
    case 'list': {
      const marker = part.numbered ? { numbering: { reference: NUMBERED, level: 0 } } : { bullet: { level: 0 } };
      return part.items.map((item) => new Paragraph({ children: [new TextRun(item)], ...marker }));
    }
    case 'definition': {
      const runs = [new TextRun({ text: `${part.term}: `, bold: true }), new TextRun(part.text)];
      return [new Paragraph({ children: runs, spacing: { after: 120 } })];
    }
    case 'table':
      return [table(part.table)];
    case 'figure':
      return [figure(part.figure, part.name, landscape)];
  }
}

/** The document as a .docx file: its properties, its font and text size, and each section from a new page. */
export function docxFile(file: DocumentFile): Promise<Buffer> {
  const document = new Document({
    creator: file.meta.author,
    title: file.meta.title,
    styles: { default: { document: { run: { font: FONT, size: BODY_SIZE } } } },
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: file.sections.map((section) => {
      const landscape = isLandscape(section, fitsPortrait);
      return {
        properties: landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
        children: section.parts.flatMap((part) => blocks(part, landscape)),
      };
    }),
  });
  return Packer.toBuffer(document);
}
