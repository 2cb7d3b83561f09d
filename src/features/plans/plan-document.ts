import { externalPrioritySources, type ExternalPrioritySource } from '../../platform/db/schema.ts';
import { escapeHtml } from '../../platform/view-models.ts';
import { formatDate } from '../../platform/format.ts';
import { htmlPage } from '../../platform/documents/html.ts';
import { markAcronyms, type GlossaryEntry } from '../glossary/acronyms.ts';
import type { PlanRow } from './plan-repository.ts';
import { diagramBodies, structureDescription, structureDiagram, structureLinks } from '../governance/structure-diagram.ts';

/** Everything the published plan is built from, read in one transaction. */
export interface PlanDocument {
  partnershipName: string;
  plan: Omit<PlanRow, 'updated_at'>;
  sections: { heading: string; body: string }[];
  priorities: { id: number; title: string; why_it_matters: string; objective: string; focus: string; first_year: string }[];
  themes: { title: string; description: string }[];
  bodies: { id: number; name: string; short_name: string | null; kind: string; purpose: string; reports_to_body_id: number | null }[];
  bodyPriorities: { body_id: number; priority_id: number }[];
  externalPriorities: { id: number; source: string; title: string }[];
  alignments: { priority_id: number; external_priority_id: number }[];
  glossary: (GlossaryEntry & { is_acronym: boolean })[];
}

export const documentFormats = ['html', 'docx', 'pdf'] as const;
export type DocumentFormat = (typeof documentFormats)[number];

export const documentContentTypes: Record<DocumentFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export const externalSourceNames: Record<ExternalPrioritySource, string> = {
  county_agreement: 'County community safety agreement',
  pcc_plan: "Police and crime commissioner's plan",
};
export const sourceName = (source: string): string =>
  (externalPrioritySources as readonly string[]).includes(source) ? externalSourceNames[source as ExternalPrioritySource] : source;

const bodyKindOrder = ['executive_group', 'scrutiny_committee', 'partnership', 'sub_group', 'working_group', 'linked_board'] as const;
const bodyKindHeadings: Record<(typeof bodyKindOrder)[number], string> = {
  executive_group: 'Executive group',
  scrutiny_committee: 'Scrutiny committee',
  partnership: 'The partnership',
  sub_group: 'Sub-groups',
  working_group: 'Working groups',
  linked_board: 'Linked boards',
};

/** The plan's period as written on its cover: 2019-22, or 2021 for a single year. */
export function periodLabel(startsYear: number, endsYear: number): string {
  if (startsYear === endsYear) return String(startsYear);
  const end = Math.floor(startsYear / 100) === Math.floor(endsYear / 100) ? String(endsYear % 100).padStart(2, '0') : String(endsYear);
  return `${startsYear}-${end}`;
}

/** A block of text: paragraphs split by blank lines; lines starting "- " or "• " become a list. */
export type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    let paragraph: string[] = [];
    let list: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
      if (list.length) blocks.push({ kind: 'list', items: list });
      paragraph = [];
      list = [];
    };
    for (const line of lines) {
      const bullet = /^[-•*]\s+(.*)$/.exec(line);
      if (bullet) {
        if (paragraph.length) flush();
        list.push(bullet[1]!);
      } else {
        if (list.length) flush();
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}

/** Text as GOV.UK-styled HTML paragraphs and lists, acronyms marked, everything escaped. */
export function textHtml(text: string, glossary: readonly GlossaryEntry[], bodyClass = 'govuk-body'): string {
  return textBlocks(text)
    .map((b) =>
      b.kind === 'paragraph'
        ? `<p class="${bodyClass}">${markAcronyms(b.text, glossary)}</p>`
        : `<ul class="govuk-list govuk-list--bullet">${b.items.map((i) => `<li>${markAcronyms(i, glossary)}</li>`).join('')}</ul>`,
    )
    .join('\n');
}

export const priorityHeadings = [
  ['why_it_matters', 'Why it matters'],
  ['objective', 'Our objective'],
  ['focus', 'What we will focus on'],
  ['first_year', 'In the first 12 months'],
] as const;

/** The published plan's chapters in order, shared by the HTML, Word and PDF builders. */
export interface Chapter {
  id: string;
  title: string;
}

export function chapters(doc: PlanDocument): Chapter[] {
  return [
    ...doc.sections.map((s, i) => ({ id: `section-${i + 1}`, title: s.heading })),
    { id: 'priorities', title: 'Our priorities' },
    ...doc.priorities.map((p, i) => ({ id: `priority-${i + 1}`, title: `Priority ${i + 1}: ${p.title}` })),
    ...(doc.themes.length ? [{ id: 'themes', title: 'Cross-cutting themes' }] : []),
    { id: 'governance', title: 'Governance' },
    { id: 'appendix-1', title: 'Appendix 1: how our priorities align with the county agreement and the police and crime plan' },
    { id: 'appendix-2', title: 'Appendix 2: sub-groups and working groups for each priority' },
    { id: 'appendix-3', title: 'Appendix 3: glossary of terms and acronyms' },
  ];
}

/** Governance bodies grouped by kind, in the order of the structure. */
export function bodiesByKind(doc: PlanDocument): { heading: string; bodies: PlanDocument['bodies'] }[] {
  return bodyKindOrder
    .map((kind) => ({ heading: bodyKindHeadings[kind], bodies: doc.bodies.filter((b) => b.kind === kind) }))
    .filter((g) => g.bodies.length > 0);
}

/** Appendix 1: one row per priority, the county agreement and PCC priorities it aligns with. */
export function alignmentRows(doc: PlanDocument): { priority: string; county: string[]; pcc: string[] }[] {
  const external = new Map(doc.externalPriorities.map((e) => [e.id, e]));
  return doc.priorities.map((p) => {
    const aligned = doc.alignments.filter((a) => a.priority_id === p.id).flatMap((a) => external.get(a.external_priority_id) ?? []);
    return {
      priority: p.title,
      county: aligned.filter((e) => e.source === 'county_agreement').map((e) => e.title),
      pcc: aligned.filter((e) => e.source === 'pcc_plan').map((e) => e.title),
    };
  });
}

/** Appendix 2: the sub-groups, working groups and other bodies that deliver each priority. */
export function subGroupRows(doc: PlanDocument): { priority: string; bodies: string[] }[] {
  const names = new Map(doc.bodies.map((b) => [b.id, b.name]));
  return doc.priorities.map((p) => ({
    priority: p.title,
    bodies: doc.bodyPriorities.filter((bp) => bp.priority_id === p.id).flatMap((bp) => names.get(bp.body_id) ?? []),
  }));
}

/** The governance structure diagram of the plan (the same SVG as the structure page), if it has bodies. */
export function documentDiagram(
  doc: PlanDocument,
): { svg: string; width: number; height: number; title: string; description: string } | undefined {
  if (!doc.bodies.length) return undefined;
  const title = 'How the partnership is organised';
  const bodies = diagramBodies(doc.bodies);
  return { ...structureDiagram(bodies, { idPrefix: 'structure', title }), title, description: structureDescription(bodies) };
}

/** The diagram's text alternative, in every format: each body, its kind and the body it reports to. */
export const structureHeadings = ['Body', 'Kind', 'Reports to'] as const;

/** The headings of the appendix that aligns our priorities with other plans, in every format. */
export const alignmentHeadings = ['Our priority', externalSourceNames.county_agreement, externalSourceNames.pcc_plan] as const;

export function structureTableRows(doc: PlanDocument): [string, string, string][] {
  return structureLinks(diagramBodies(doc.bodies)).map(({ body, kind, parent }) => [body.name, kind, parent?.name ?? 'None']);
}

export function sortedGlossary(doc: PlanDocument): PlanDocument['glossary'] {
  return [...doc.glossary].sort((a, b) => a.term.localeCompare(b.term, 'en-GB', { sensitivity: 'base' }));
}

export function statusLine(doc: PlanDocument): string {
  const period = periodLabel(doc.plan.starts_year, doc.plan.ends_year);
  if (doc.plan.status === 'adopted' && doc.plan.adopted_on)
    return `${period}. Adopted ${formatDate(doc.plan.adopted_on)}. Version ${doc.plan.current_version}.`;
  return `${period}. Draft, version ${doc.plan.current_version}.`;
}

/**
 * Rules for a phone's screen, shared with the performance report: the page does not scroll sideways
 * (a wide table scrolls inside itself, definitions stack, long words wrap).
 */
export const NARROW_SCREEN_STYLE =
  'body { overflow-wrap: break-word; }\n' +
  '@media screen and (max-width: 40em) { body { padding: 1em 0.75em; } table { display: block; overflow-x: auto; } ' +
  'dl { grid-template-columns: 1fr; } }';

/** The stylesheet, one rule a line. */
const STYLE = `\n${[
  'body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; line-height: 1.45; ' +
    'margin: 0 auto; max-width: 46em; padding: 2em 1.5em; font-size: 1.1875rem; }',
  'h1 { font-size: 2.5rem; line-height: 1.1; margin: 0 0 0.5em; }',
  'h2 { font-size: 1.75rem; margin: 2em 0 0.6em; }',
  'h3 { font-size: 1.3rem; margin: 1.4em 0 0.4em; }',
  'p, li { margin: 0 0 0.8em; }',
  'a { color: #1d70b8; }',
  'a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }',
  '.cover { min-height: 70vh; border-bottom: 10px solid #1d70b8; margin-bottom: 2em; ' +
    'display: flex; flex-direction: column; justify-content: center; }',
  '.cover .vision { font-size: 1.6rem; font-weight: bold; color: #1d70b8; }',
  '.caption { color: #505a5f; font-size: 1.2rem; }',
  'table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; font-size: 1rem; }',
  'th, td { border-bottom: 1px solid #b1b4b6; text-align: left; vertical-align: top; padding: 0.5em 1em 0.5em 0; }',
  'abbr[title] { text-decoration: underline dotted; }',
  'dt { font-weight: bold; }',
  'dd { margin: 0 0 0.8em; }',
  '.diagram svg { max-width: 100%; height: auto; }',
  '.govuk-list { padding-left: 1.2em; }',
  '@media print { body { max-width: none; padding: 0; font-size: 11pt; } h2 { break-before: page; } ' +
    '.cover { break-after: page; min-height: 90vh; } a { color: #0b0c0c; text-decoration: none; } }',
  NARROW_SCREEN_STYLE,
].join('\n')}\n`;

const list = (items: readonly string[], glossary: readonly GlossaryEntry[]) =>
  items.length ? `<ul class="govuk-list">${items.map((i) => `<li>${markAcronyms(i, glossary)}</li>`).join('')}</ul>` : '<p>None</p>';

/**
 * The published plan as one standalone, printable HTML page. The structure diagram is the SVG the
 * governance feature draws from the same data (trusted markup, escaped there), with its table.
 */
export function documentHtml(doc: PlanDocument, options: { styleNonce?: string } = {}): string {
  const g = doc.glossary;
  const t = (text: string) => textHtml(text, g, 'body');
  const title = escapeHtml(doc.plan.title);
  const parts: string[] = [];
  parts.push(`<section class="cover" aria-label="Title page">
<p class="caption">${escapeHtml(doc.partnershipName)}</p>
<h1>${title}</h1>
<p class="caption">${escapeHtml(statusLine(doc))}</p>
${doc.plan.vision ? `<p class="vision">${markAcronyms(doc.plan.vision, g)}</p>` : ''}
</section>
<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>
${chapters(doc)
  .map((c) => `<li><a href="#${c.id}">${escapeHtml(c.title)}</a></li>`)
  .join('\n')}
</ol></nav>`);
  doc.sections.forEach((s, i) => parts.push(`<h2 id="section-${i + 1}">${escapeHtml(s.heading)}</h2>\n${t(s.body)}`));
  parts.push(
    `<h2 id="priorities">Our priorities</h2>\n<ol>` +
      `${doc.priorities.map((p, i) => `<li><a href="#priority-${i + 1}">${escapeHtml(p.title)}</a></li>`).join('')}</ol>`,
  );
  doc.priorities.forEach((p, i) => {
    parts.push(`<h2 id="priority-${i + 1}">Priority ${i + 1}: ${escapeHtml(p.title)}</h2>`);
    for (const [field, heading] of priorityHeadings) {
      if (p[field]) parts.push(`<h3>${heading}</h3>\n${t(p[field])}`);
    }
  });
  if (doc.themes.length) {
    parts.push(`<h2 id="themes">Cross-cutting themes</h2>`);
    for (const theme of doc.themes) parts.push(`<h3>${escapeHtml(theme.title)}</h3>\n${t(theme.description)}`);
  }
  parts.push(`<h2 id="governance">Governance</h2>`);
  const diagram = documentDiagram(doc);
  if (diagram) {
    parts.push(`<figure class="diagram">${diagram.svg}</figure>`);
    parts.push(`<table><caption class="caption">Who reports to whom</caption>
<thead><tr>${structureHeadings.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>
${structureTableRows(doc)
  .map(
    ([body, kind, parent]) =>
      `<tr><th scope="row">${markAcronyms(body, g)}</th><td>${escapeHtml(kind)}</td><td>${markAcronyms(parent, g)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`);
  }
  const groups = bodiesByKind(doc);
  if (!groups.length) parts.push('<p>The partnership has not recorded its governance bodies yet.</p>');
  for (const group of groups) {
    parts.push(`<h3>${escapeHtml(group.heading)}</h3>\n<dl>`);
    for (const b of group.bodies)
      parts.push(`<dt>${markAcronyms(b.name, g)}</dt><dd>${b.purpose ? markAcronyms(b.purpose, g) : 'No purpose recorded.'}</dd>`);
    parts.push('</dl>');
  }
  parts.push(`<h2 id="appendix-1">Appendix 1: how our priorities align with the county agreement and the police and crime plan</h2>
<table><caption class="caption">Priorities of this plan and the priorities of other plans they support</caption>
<thead><tr>${alignmentHeadings.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>
${alignmentRows(doc)
  .map((r) => `<tr><th scope="row">${escapeHtml(r.priority)}</th><td>${list(r.county, g)}</td><td>${list(r.pcc, g)}</td></tr>`)
  .join('\n')}
</tbody></table>`);
  parts.push(`<h2 id="appendix-2">Appendix 2: sub-groups and working groups for each priority</h2>
<table><thead><tr><th scope="col">Priority</th><th scope="col">Groups delivering its action plan</th></tr></thead><tbody>
${subGroupRows(doc)
  .map((r) => `<tr><th scope="row">${escapeHtml(r.priority)}</th><td>${list(r.bodies, g)}</td></tr>`)
  .join('\n')}
</tbody></table>`);
  parts.push(`<h2 id="appendix-3">Appendix 3: glossary of terms and acronyms</h2>\n<dl>
${sortedGlossary(doc)
  .map((e) => `<dt>${escapeHtml(e.term)}</dt><dd>${escapeHtml(e.meaning)}</dd>`)
  .join('\n')}
</dl>`);
  return htmlPage({
    title: `${doc.plan.title} ${periodLabel(doc.plan.starts_year, doc.plan.ends_year)}`,
    style: STYLE,
    styleNonce: options.styleNonce,
    main: parts,
  });
}

/** A file name for the document: the title and period in lower case with hyphens. */
export function documentFileName(doc: PlanDocument, format: DocumentFormat): string {
  const base = `${doc.plan.title} ${periodLabel(doc.plan.starts_year, doc.plan.ends_year)}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  return `${base || 'plan'}.${format}`;
}
