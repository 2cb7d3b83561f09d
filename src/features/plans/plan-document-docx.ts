import { Document, HeadingLevel, ImageRun, Packer, PageBreak, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ISectionOptions } from 'docx';
import {
  alignmentRows,
  bodiesByKind,
  chapters,
  documentDiagram,
  externalSourceNames,
  priorityHeadings,
  sortedGlossary,
  statusLine,
  structureHeadings,
  structureTableRows,
  subGroupRows,
  textBlocks,
  type PlanDocument,
} from './plan-document.ts';
import { diagramPng, fitWidth } from '../../platform/documents/drawings.ts';

const FONT = 'Arial';

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreak = false) =>
  new Paragraph({ text, heading: level, pageBreakBefore: pageBreak });

function textParagraphs(text: string): Paragraph[] {
  return textBlocks(text).flatMap((b) =>
    b.kind === 'paragraph'
      ? [new Paragraph({ children: [new TextRun(b.text)], spacing: { after: 160 } })]
      : b.items.map((item) => new Paragraph({ children: [new TextRun(item)], bullet: { level: 0 } })),
  );
}

const cellOf = (lines: readonly string[], bold = false) =>
  new TableCell({
    width: { size: 33, type: WidthType.PERCENTAGE },
    children: (lines.length ? lines : ['None']).map((l) => new Paragraph({ children: [new TextRun({ text: l, bold })] })),
  });

function table(head: readonly string[], rows: readonly (readonly string[])[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cellOf([h], true)) }),
      ...rows.map((cells) => new TableRow({ children: cells.map((lines, i) => cellOf(lines, i === 0)) })),
    ],
  });
}

/** Word's A4 page less its 1 inch margins, in the 96-per-inch pixels ImageRun sizes are given in. */
const PORTRAIT_WIDTH = 600;
const LANDSCAPE_WIDTH = 930;

/**
 * The structure diagram as an image: the SVG itself, with a PNG for Word processors that cannot
 * show SVG, sized to the page and described for screen readers.
 */
function diagramParagraph(diagram: NonNullable<ReturnType<typeof documentDiagram>>, maxWidth: number): Paragraph {
  return new Paragraph({
    spacing: { after: 240 },
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(diagram.svg, 'utf8'),
        fallback: { type: 'png', data: diagramPng(diagram.svg) },
        transformation: fitWidth(diagram, maxWidth),
        altText: { name: 'Governance structure diagram', title: diagram.title, description: diagram.description },
      }),
    ],
  });
}

/** The published plan as a Word document (.docx). */
export async function documentDocx(doc: PlanDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [new TextRun({ text: doc.partnershipName, size: 28 })], spacing: { before: 2400, after: 240 } }),
    new Paragraph({ text: doc.plan.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: statusLine(doc), size: 24 })], spacing: { after: 480 } }),
  ];
  if (doc.plan.vision) children.push(new Paragraph({ children: [new TextRun({ text: doc.plan.vision, bold: true, size: 36, color: '1D70B8' })] }));
  children.push(new Paragraph({ children: [new PageBreak()] }), heading('Contents', HeadingLevel.HEADING_1));
  chapters(doc).forEach((c, i) => children.push(new Paragraph({ text: `${i + 1}. ${c.title}` })));
  for (const s of doc.sections) children.push(heading(s.heading, HeadingLevel.HEADING_1, true), ...textParagraphs(s.body));
  children.push(heading('Our priorities', HeadingLevel.HEADING_1, true));
  doc.priorities.forEach((p) => children.push(new Paragraph({ text: p.title, numbering: undefined, bullet: { level: 0 } })));
  doc.priorities.forEach((p, i) => {
    children.push(heading(`Priority ${i + 1}: ${p.title}`, HeadingLevel.HEADING_1, true));
    for (const [field, title] of priorityHeadings) {
      if (p[field]) children.push(heading(title, HeadingLevel.HEADING_2), ...textParagraphs(p[field]));
    }
  });
  if (doc.themes.length) {
    children.push(heading('Cross-cutting themes', HeadingLevel.HEADING_1, true));
    for (const theme of doc.themes) children.push(heading(theme.title, HeadingLevel.HEADING_2), ...textParagraphs(theme.description));
  }
  // Governance is a section of its own: on landscape pages when the diagram is too wide for portrait ones.
  const diagram = documentDiagram(doc);
  const landscape = diagram !== undefined && diagram.width > PORTRAIT_WIDTH;
  const governance: (Paragraph | Table)[] = [heading('Governance', HeadingLevel.HEADING_1)];
  if (diagram) {
    governance.push(
      diagramParagraph(diagram, landscape ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH),
      heading('Who reports to whom', HeadingLevel.HEADING_2),
      table(structureHeadings, structureTableRows(doc).map((cells) => cells.map((c) => [c]))),
    );
  }
  const groups = bodiesByKind(doc);
  if (!groups.length) governance.push(new Paragraph('The partnership has not recorded its governance bodies yet.'));
  for (const group of groups) {
    governance.push(heading(group.heading, HeadingLevel.HEADING_2));
    for (const b of group.bodies) {
      governance.push(new Paragraph({ children: [new TextRun({ text: b.name, bold: true })] }), ...textParagraphs(b.purpose || 'No purpose recorded.'));
    }
  }
  const appendices: (Paragraph | Table)[] = [
    heading('Appendix 1: how our priorities align with the county agreement and the police and crime plan', HeadingLevel.HEADING_1),
    table(
      ['Our priority', externalSourceNames.county_agreement, externalSourceNames.pcc_plan],
      alignmentRows(doc).map((r) => [[r.priority], r.county, r.pcc]),
    ),
    heading('Appendix 2: sub-groups and working groups for each priority', HeadingLevel.HEADING_1, true),
    table(
      ['Priority', 'Groups delivering its action plan'],
      subGroupRows(doc).map((r) => [[r.priority], r.bodies]),
    ),
    heading('Appendix 3: glossary of terms and acronyms', HeadingLevel.HEADING_1, true),
    ...sortedGlossary(doc).map((e) => new Paragraph({ children: [new TextRun({ text: `${e.term}: `, bold: true }), new TextRun(e.meaning)], spacing: { after: 120 } })),
  ];
  const sections: ISectionOptions[] = [
    { children },
    { properties: landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {}, children: governance },
    { children: appendices },
  ];
  const document = new Document({
    creator: doc.partnershipName,
    title: doc.plan.title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections,
  });
  return Packer.toBuffer(document);
}
