import * as part from '../../platform/documents/parts.ts';
import {
  alignmentHeadings,
  alignmentRows,
  bodiesByKind,
  chapters,
  documentDiagram,
  priorityHeadings,
  sortedGlossary,
  statusLine,
  structureHeadings,
  structureTableRows,
  subGroupRows,
  textBlocks,
  type PlanDocument,
} from './plan-document.ts';

const text = (value: string) => part.text(textBlocks(value));

/**
 * The published plan as a document, the same for its Word and PDF files: the front (title page,
 * contents, sections, priorities and themes), governance (on landscape pages when the structure
 * diagram is too wide for portrait ones) and the appendices.
 */
export function planDocumentFile(doc: PlanDocument): part.DocumentFile {
  const front: part.Part[] = [part.titlePage({ caption: doc.partnershipName, title: doc.plan.title, subtitle: statusLine(doc) })];
  if (doc.plan.vision) front.push(part.paragraph(doc.plan.vision, 'statement'));
  front.push(part.contents(chapters(doc).map((c) => c.title)));
  for (const s of doc.sections) front.push(part.heading(s.heading, 1, { pageBreak: true }), ...text(s.body));
  front.push(
    part.heading('Our priorities', 1, { pageBreak: true }),
    part.list(
      doc.priorities.map((p) => p.title),
      { numbered: true },
    ),
  );
  doc.priorities.forEach((p, i) => {
    front.push(part.heading(`Priority ${i + 1}: ${p.title}`, 1, { pageBreak: true }));
    for (const [field, title] of priorityHeadings) {
      if (p[field]) front.push(part.heading(title, 2), ...text(p[field]));
    }
  });
  if (doc.themes.length) {
    front.push(part.heading('Cross-cutting themes', 1, { pageBreak: true }));
    for (const theme of doc.themes) front.push(part.heading(theme.title, 2), ...text(theme.description));
  }

  const governance: part.Part[] = [part.heading('Governance', 1)];
  const diagram = documentDiagram(doc);
  if (diagram) {
    governance.push(
      part.figure(diagram, 'Governance structure diagram'),
      part.heading('Who reports to whom', 2),
      part.table({ head: structureHeadings, rows: structureTableRows(doc) }),
    );
  }
  const groups = bodiesByKind(doc);
  if (!groups.length) governance.push(part.paragraph('The partnership has not recorded its governance bodies yet.'));
  for (const group of groups) {
    governance.push(part.heading(group.heading, 2));
    for (const b of group.bodies) governance.push(part.paragraph(b.name, 'bold'), ...text(b.purpose || 'No purpose recorded.'));
  }

  const appendices: part.Part[] = [
    part.heading('Appendix 1: how our priorities align with the county agreement and the police and crime plan', 1),
    part.table({
      head: alignmentHeadings,
      rows: alignmentRows(doc).map((r) => [r.priority, r.county, r.pcc]),
      emptyCell: 'None',
    }),
    part.heading('Appendix 2: sub-groups and working groups for each priority', 1, { pageBreak: true }),
    part.table({
      head: ['Priority', 'Groups delivering its action plan'],
      rows: subGroupRows(doc).map((r) => [r.priority, r.bodies]),
      emptyCell: 'None',
    }),
    part.heading('Appendix 3: glossary of terms and acronyms', 1, { pageBreak: true }),
    ...sortedGlossary(doc).map((e) => part.definition(e.term, e.meaning)),
  ];

  return {
    meta: { title: doc.plan.title, author: doc.partnershipName },
    sections: [{ parts: front }, { parts: governance, landscapeIfWide: true }, { parts: appendices }],
  };
}
