import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { textBlocks } from '../plans/plan-document.ts';
import { diagramPng, fitWidth } from '../../platform/documents/drawings.ts';
import { spcFigure, spcTableText } from './performance-charts.ts';
import {
  actionHeadings,
  actionRowsText,
  commentaryFooter,
  indicatorFacts,
  indicatorNotes,
  PUBLIC_NOTE,
  READING_NOTE,
  reportChapters,
  reportSubtitle,
  reportTitle,
  summaryHeadings,
  summaryRows,
  type PerformanceReport,
} from './performance-report.ts';
import { rollupSentence } from './performance-model.ts';
import { quarterLabel } from './quarters.ts';

const FONT = 'Arial';
/** Word's A4 page less its 1 inch margins, in the 96-per-inch pixels ImageRun sizes are given in. */
const PAGE_WIDTH = 600;

type Block = Paragraph | Table;

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreak = false) =>
  new Paragraph({ text, heading: level, pageBreakBefore: pageBreak });

const body = (text: string, options: { bold?: boolean; color?: string; size?: number } = {}) =>
  new Paragraph({ children: [new TextRun({ text, ...options })], spacing: { after: 160 } });

function textParagraphs(text: string): Paragraph[] {
  return textBlocks(text).flatMap((b) =>
    b.kind === 'paragraph' ? [body(b.text)] : b.items.map((item) => new Paragraph({ children: [new TextRun(item)], bullet: { level: 0 } })),
  );
}

function table(head: readonly string[], rows: readonly (readonly string[])[], options: { numeric?: readonly boolean[]; rowHeaders?: boolean; size?: number } = {}): Table {
  const size = options.size ?? 20;
  const cell = (text: string, i: number, bold: boolean) =>
    new TableCell({
      children: [new Paragraph({ alignment: options.numeric?.[i] ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold, size })] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, i === 0 && options.rowHeaders !== false)) })),
    ],
  });
}

/** A chart as an image: the SVG, with a PNG for Word processors that cannot show SVG, described for screen readers. */
function chartParagraph(figure: ReturnType<typeof spcFigure>): Paragraph {
  return new Paragraph({
    spacing: { after: 160 },
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(figure.svg, 'utf8'),
        fallback: { type: 'png', data: diagramPng(figure.svg) },
        transformation: fitWidth(figure, PAGE_WIDTH),
        altText: { name: figure.title, title: figure.title, description: figure.description },
      }),
    ],
  });
}

/** The quarterly performance report as a Word document (.docx). */
export async function reportDocx(report: PerformanceReport): Promise<Buffer> {
  const children: Block[] = [
    new Paragraph({ children: [new TextRun({ text: report.partnershipName, size: 28 })], spacing: { before: 2400, after: 240 } }),
    new Paragraph({ text: reportTitle(report), heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: reportSubtitle(report), size: 24 })], spacing: { after: 480 } }),
  ];
  if (report.version === 'public') children.push(body(PUBLIC_NOTE));
  children.push(body(READING_NOTE), new Paragraph({ children: [new PageBreak()] }), heading('Contents', HeadingLevel.HEADING_1));
  reportChapters(report).forEach((c, i) => children.push(new Paragraph({ text: `${i + 1}. ${c.title}` })));
  children.push(heading('Summary of priorities', HeadingLevel.HEADING_1, true));
  children.push(report.priorities.length ? table(summaryHeadings, summaryRows(report)) : body('The plan has no priorities.'));
  for (const p of report.priorities) {
    children.push(heading(`Priority ${p.number}: ${p.title}`, HeadingLevel.HEADING_1, true));
    if (p.objective) children.push(body(p.objective));
    children.push(heading('Indicators', HeadingLevel.HEADING_2));
    if (!p.indicators.length) children.push(body(`No ${report.version === 'public' ? 'public ' : ''}indicators measure this priority.`));
    for (const i of p.indicators) {
      const t = spcTableText(i);
      children.push(
        heading(i.name, HeadingLevel.HEADING_3),
        ...indicatorFacts(i).map(([k, v]) => new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)], spacing: { after: 80 } })),
        chartParagraph(spcFigure(i, `report-spc-${i.id}`)),
        ...indicatorNotes(i).map((n) => body(n, { color: '505A5F' })),
        table(t.head, t.rows, { numeric: t.numeric, size: 18 }),
      );
    }
    children.push(
      heading('Action progress', HeadingLevel.HEADING_2),
      body(rollupSentence(p.rollup)),
      table(p.rollup.map((s) => s.label), [p.rollup.map((s) => String(s.count))], { numeric: p.rollup.map(() => true), rowHeaders: false }),
    );
    if (p.attention.length) children.push(heading('Actions at risk or off track', HeadingLevel.HEADING_3), table(actionHeadings(report), actionRowsText(p)));
    else children.push(body('No action is at risk or off track.'));
    children.push(heading(`Commentary for ${quarterLabel(report.quarter)}`, HeadingLevel.HEADING_2));
    if (p.commentary) children.push(...textParagraphs(p.commentary.text), body(commentaryFooter(p.commentary), { color: '505A5F', size: 20 }));
    else children.push(body('No commentary was written for this quarter.'));
  }
  const document = new Document({
    creator: report.partnershipName,
    title: reportTitle(report),
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
