import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { textBlocks } from '../plans/plan-document.ts';
import { fitWidth, POINTS_PER_PIXEL } from '../../platform/documents/drawings.ts';
import { A4_CONTENT_WIDTH, pdfPrinter } from '../../platform/documents/pdf.ts';
import { spcFigure, spcTableText } from './performance-charts.ts';
import { rollupSentence } from './performance-model.ts';
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
import { quarterLabel } from './quarters.ts';


function textContent(text: string): Content[] {
  return textBlocks(text).map((b) => (b.kind === 'paragraph' ? { text: b.text, style: 'body' } : { ul: b.items, style: 'body' }));
}

/** The SPC data table's columns: period, value, mean, the two limits, target, special cause, why left out. */
const SPC_TABLE_WIDTHS = [62, 38, 44, 44, 44, 38, '*', '*'];

function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: { numeric?: readonly boolean[]; rowHeaders?: boolean; widths?: (string | number)[]; fontSize?: number } = {},
): Content {
  const align = (i: number): 'right' | 'left' => (options.numeric?.[i] ? 'right' : 'left');
  return {
    table: {
      headerRows: 1,
      widths: options.widths ?? head.map(() => '*'),
      body: [
        head.map((h, i) => ({ text: h, bold: true, alignment: align(i) })),
        ...rows.map((r) => r.map((c, i) => ({ text: c, bold: i === 0 && options.rowHeaders !== false, alignment: align(i) }))),
      ],
    },
    layout: 'lightHorizontalLines',
    style: 'table',
    ...(options.fontSize ? { fontSize: options.fontSize } : {}),
  };
}

/** The quarterly performance report as a PDF, each chart drawn from its SVG. compress: false keeps the text readable for tests. */
export async function reportPdf(report: PerformanceReport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const title = reportTitle(report);
  const content: Content[] = [
    { text: report.partnershipName, style: 'caption', margin: [0, 160, 0, 12] },
    { text: title, style: 'title' },
    { text: reportSubtitle(report), style: 'caption', margin: [0, 0, 0, 24] },
  ];
  if (report.version === 'public') content.push({ text: PUBLIC_NOTE, style: 'body' });
  content.push({ text: READING_NOTE, style: 'body' }, { text: 'Contents', style: 'h1', pageBreak: 'before' });
  reportChapters(report).forEach((c, i) => content.push({ text: `${i + 1}. ${c.title}`, style: 'body' }));
  content.push({ text: 'Summary of priorities', style: 'h1', pageBreak: 'before' });
  content.push(report.priorities.length ? table(summaryHeadings, summaryRows(report), { widths: ['*', '*', '*', 'auto'] }) : { text: 'The plan has no priorities.', style: 'body' });
  for (const p of report.priorities) {
    content.push({ text: `Priority ${p.number}: ${p.title}`, style: 'h1', pageBreak: 'before' });
    if (p.objective) content.push({ text: p.objective, style: 'body' });
    content.push({ text: 'Indicators', style: 'h2' });
    if (!p.indicators.length) content.push({ text: `No ${report.version === 'public' ? 'public ' : ''}indicators measure this priority.`, style: 'body' });
    for (const i of p.indicators) {
      const figure = spcFigure(i, `report-spc-${i.id}`);
      const t = spcTableText(i);
      content.push(
        { text: i.name, style: 'h3' },
        ...indicatorFacts(i).map((fact): Content => ({ text: [{ text: `${fact[0]}: `, bold: true }, fact[1]], style: 'fact' })),
        { svg: figure.svg, ...fitWidth(figure, A4_CONTENT_WIDTH, POINTS_PER_PIXEL), margin: [0, 8, 0, 8] },
        ...indicatorNotes(i).map((n): Content => ({ text: n, style: 'note' })),
        table(t.head, t.rows, { numeric: t.numeric, widths: SPC_TABLE_WIDTHS, fontSize: 8 }),
      );
    }
    content.push(
      { text: 'Action progress', style: 'h2' },
      { text: rollupSentence(p.rollup), style: 'body' },
      table(p.rollup.map((s) => s.label), [p.rollup.map((s) => String(s.count))], { numeric: p.rollup.map(() => true), rowHeaders: false }),
    );
    if (p.attention.length) content.push({ text: 'Actions at risk or off track', style: 'h3' }, table(actionHeadings(report), actionRowsText(p), { widths: ['*', 'auto', 'auto', '*', 'auto'] }));
    else content.push({ text: 'No action is at risk or off track.', style: 'body' });
    content.push({ text: `Commentary for ${quarterLabel(report.quarter)}`, style: 'h2' });
    if (p.commentary) content.push(...textContent(p.commentary.text), { text: commentaryFooter(p.commentary), style: 'note' });
    else content.push({ text: 'No commentary was written for this quarter.', style: 'body' });
  }
  const definition: TDocumentDefinitions = {
    info: { title, author: report.partnershipName },
    compress: options.compress ?? true,
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 64],
    footer: (page, pages) => ({ text: `${title}: page ${page} of ${pages}`, alignment: 'center', fontSize: 9, margin: [0, 24, 0, 0] }),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 28, bold: true, margin: [0, 0, 0, 12] },
      caption: { fontSize: 13, color: '#505a5f' },
      h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 12] },
      h2: { fontSize: 15, bold: true, margin: [0, 14, 0, 6] },
      h3: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      body: { margin: [0, 0, 0, 8] },
      fact: { margin: [0, 0, 0, 2] },
      note: { margin: [0, 0, 0, 6], color: '#505a5f', fontSize: 10 },
      table: { margin: [0, 0, 0, 14], fontSize: 9 },
    },
  };
  return pdfPrinter().createPdf(definition).getBuffer();
}
