import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
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
import { fitWidth, POINTS_PER_PIXEL } from '../../platform/documents/drawings.ts';
import { A4_CONTENT_WIDTH, pdfPrinter } from '../../platform/documents/pdf.ts';

function textContent(text: string): Content[] {
  return textBlocks(text).map((b) => (b.kind === 'paragraph' ? { text: b.text, style: 'body' } : { ul: b.items, style: 'body' }));
}

const cell = (lines: readonly string[], bold = false): Content => ({ stack: (lines.length ? lines : ['None']).map((l) => ({ text: l, bold })) });

function table(head: readonly string[], rows: readonly (readonly string[])[][]): Content {
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: head.map(() => '*'),
      body: [head.map((h) => cell([h], true)), ...rows.map((cells) => cells.map((lines, i) => cell(lines, i === 0)))],
    },
    layout: 'lightHorizontalLines',
    style: 'table',
  };
}

const LANDSCAPE_WIDTH = 841.89 - 112;

/** The published plan as a PDF. compress: false keeps the text streams readable (used by tests). */
export async function documentPdf(doc: PlanDocument, options: { compress?: boolean } = {}): Promise<Buffer> {
  const content: Content[] = [
    { text: doc.partnershipName, style: 'caption', margin: [0, 160, 0, 12] },
    { text: doc.plan.title, style: 'title' },
    { text: statusLine(doc), style: 'caption', margin: [0, 0, 0, 24] },
  ];
  if (doc.plan.vision) content.push({ text: doc.plan.vision, style: 'vision' });
  content.push({ text: 'Contents', style: 'h1', pageBreak: 'before' });
  chapters(doc).forEach((c, i) => content.push({ text: `${i + 1}. ${c.title}`, style: 'body' }));
  for (const s of doc.sections) content.push({ text: s.heading, style: 'h1', pageBreak: 'before' }, ...textContent(s.body));
  content.push({ text: 'Our priorities', style: 'h1', pageBreak: 'before' }, { ol: doc.priorities.map((p) => p.title), style: 'body' });
  doc.priorities.forEach((p, i) => {
    content.push({ text: `Priority ${i + 1}: ${p.title}`, style: 'h1', pageBreak: 'before' });
    for (const [field, title] of priorityHeadings) {
      if (p[field]) content.push({ text: title, style: 'h2' }, ...textContent(p[field]));
    }
  });
  if (doc.themes.length) {
    content.push({ text: 'Cross-cutting themes', style: 'h1', pageBreak: 'before' });
    for (const theme of doc.themes) content.push({ text: theme.title, style: 'h2' }, ...textContent(theme.description));
  }
  // Governance on landscape pages when the structure diagram is too wide for portrait ones.
  const diagram = documentDiagram(doc);
  const landscape = diagram !== undefined && diagram.width * POINTS_PER_PIXEL > A4_CONTENT_WIDTH;
  content.push({ text: 'Governance', style: 'h1', pageBreak: 'before', pageOrientation: landscape ? 'landscape' : 'portrait' });
  if (diagram) {
    content.push(
      { svg: diagram.svg, ...fitWidth(diagram, landscape ? LANDSCAPE_WIDTH : A4_CONTENT_WIDTH, POINTS_PER_PIXEL), margin: [0, 0, 0, 12] },
      { text: 'Who reports to whom', style: 'h2' },
      table(structureHeadings, structureTableRows(doc).map((cells) => cells.map((c) => [c]))),
    );
  }
  const groups = bodiesByKind(doc);
  if (!groups.length) content.push({ text: 'The partnership has not recorded its governance bodies yet.', style: 'body' });
  for (const group of groups) {
    content.push({ text: group.heading, style: 'h2' });
    for (const b of group.bodies) content.push({ text: b.name, bold: true, style: 'body' }, ...textContent(b.purpose || 'No purpose recorded.'));
  }
  content.push(
    { text: 'Appendix 1: how our priorities align with the county agreement and the police and crime plan', style: 'h1', pageBreak: 'before', pageOrientation: 'portrait' },
    table(['Our priority', externalSourceNames.county_agreement, externalSourceNames.pcc_plan], alignmentRows(doc).map((r) => [[r.priority], r.county, r.pcc])),
    { text: 'Appendix 2: sub-groups and working groups for each priority', style: 'h1', pageBreak: 'before' },
    table(['Priority', 'Groups delivering its action plan'], subGroupRows(doc).map((r) => [[r.priority], r.bodies])),
    { text: 'Appendix 3: glossary of terms and acronyms', style: 'h1', pageBreak: 'before' },
    ...sortedGlossary(doc).map((e): Content => ({ text: [{ text: `${e.term}: `, bold: true }, e.meaning], style: 'body' })),
  );
  const definition: TDocumentDefinitions = {
    info: { title: doc.plan.title, author: doc.partnershipName },
    compress: options.compress ?? true,
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 64],
    // A heading never ends a page: one in the last sixth of a page, or last on it, moves to the next.
    pageBreakBefore: (node, nodes) =>
      (node.style === 'h1' || node.style === 'h2') && (node.startPosition.verticalRatio > 5 / 6 || nodes.getFollowingNodesOnPage().length === 0),
    footer: (page, pages) => ({ text: `${doc.plan.title}: page ${page} of ${pages}`, alignment: 'center', fontSize: 9, margin: [0, 24, 0, 0] }),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 30, bold: true, margin: [0, 0, 0, 12] },
      caption: { fontSize: 13, color: '#505a5f' },
      vision: { fontSize: 20, bold: true, color: '#1d70b8' },
      h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 12] },
      h2: { fontSize: 14, bold: true, margin: [0, 12, 0, 6] },
      body: { margin: [0, 0, 0, 8] },
      table: { margin: [0, 0, 0, 16], fontSize: 10 },
    },
  };
  return pdfPrinter().createPdf(definition).getBuffer();
}
