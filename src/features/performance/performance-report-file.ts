import * as part from '../../platform/documents/parts.ts';
import { textBlocks } from '../plans/plan-document.ts';
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
  type ReportPriority,
} from './performance-report.ts';
import { quarterLabel } from './quarters.ts';

/**
 * The SPC data table's columns in the PDF: period, value, (for a harm index, its plain count), mean,
 * the two limits, target, special cause, why left out.
 */
const spcTableWidths = (columns: number): (number | '*')[] => [62, 38, ...(columns > 8 ? [44] : []), 44, 44, 44, 38, '*', '*'];

/** A priority's chapter: its indicators with their charts and tables, its actions and its commentary. */
function priorityParts(report: PerformanceReport, p: ReportPriority): part.Part[] {
  const parts = [part.heading(`Priority ${p.number}: ${p.title}`, 1, { pageBreak: true })];
  if (p.objective) parts.push(part.paragraph(p.objective));
  parts.push(part.heading('Indicators', 2));
  if (!p.indicators.length) {
    parts.push(part.paragraph(`No ${report.version === 'public' ? 'public ' : ''}indicators measure this priority.`));
  }
  for (const i of p.indicators) {
    const t = spcTableText(i);
    parts.push(
      part.heading(i.name, 3),
      ...indicatorFacts(i).map(([term, value]) => part.definition(term, value)),
      part.figure(spcFigure(i, `report-spc-${i.id}`)),
      ...indicatorNotes(i).map((n) => part.paragraph(n, 'note')),
      part.table({ head: t.head, rows: t.rows, numeric: t.numeric, small: true, widths: spcTableWidths(t.head.length) }),
    );
  }
  parts.push(
    part.heading('Action progress', 2),
    part.paragraph(rollupSentence(p.rollup)),
    part.table({
      head: p.rollup.map((s) => s.label),
      rows: [p.rollup.map((s) => String(s.count))],
      numeric: p.rollup.map(() => true),
      rowHeaders: false,
    }),
  );
  if (p.attention.length) {
    parts.push(
      part.heading('Actions at risk or off track', 3),
      part.table({ head: actionHeadings(report), rows: actionRowsText(p), widths: ['*', 'auto', 'auto', '*', 'auto'] }),
    );
  } else parts.push(part.paragraph('No action is at risk or off track.'));
  parts.push(part.heading(`Commentary for ${quarterLabel(report.quarter)}`, 2));
  if (p.commentary) parts.push(...part.text(textBlocks(p.commentary.text)), part.paragraph(commentaryFooter(p.commentary), 'note'));
  else parts.push(part.paragraph('No commentary was written for this quarter.'));
  return parts;
}

/** The quarterly performance report as a document, the same for its Word and PDF files. */
export function reportFile(report: PerformanceReport): part.DocumentFile {
  const title = reportTitle(report);
  const parts = [part.titlePage({ caption: report.partnershipName, title, subtitle: reportSubtitle(report) })];
  if (report.version === 'public') parts.push(part.paragraph(PUBLIC_NOTE));
  parts.push(part.paragraph(READING_NOTE), part.contents(reportChapters(report).map((c) => c.title)));
  parts.push(
    part.heading('Summary of priorities', 1, { pageBreak: true }),
    report.priorities.length
      ? part.table({ head: summaryHeadings, rows: summaryRows(report), widths: ['*', '*', '*', 'auto'] })
      : part.paragraph('The plan has no priorities.'),
  );
  for (const p of report.priorities) parts.push(...priorityParts(report, p));
  return { meta: { title, author: report.partnershipName }, sections: [{ parts }] };
}
