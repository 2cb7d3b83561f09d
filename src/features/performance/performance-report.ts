import { htmlPage } from '../../platform/documents/html.ts';
import { formatDate, formatDateTime } from '../../platform/format.ts';
import { escapeHtml } from '../../platform/view-models.ts';
import { statusLabels, type ActionStatus } from '../action-plans/action-rules.ts';
import { directionLabels } from '../indicators/indicator-words.ts';
import { NARROW_SCREEN_STYLE, periodLabel as planPeriodLabel, textBlocks, type DocumentFormat } from '../plans/plan-document.ts';
import { spcFigure, spcTableText } from './performance-charts.ts';
import { rollupSentence, type IndicatorResult, type StatusCount } from './performance-model.ts';
import type { ReportVersion } from './performance-schemas.ts';
import {
  assuranceText,
  incompleteNotes,
  latestWords,
  notEnoughDataWords,
  targetWords,
  variationText,
  yearOnYearWords,
} from './performance-words.ts';
import { quarterKey, quarterLabel, type Quarter } from './quarters.ts';

/**
 * The quarterly performance report: what it is made of, and the parts shared by its HTML, Word and
 * PDF builders (chapters, summary rows, the words for each indicator). The public version is made
 * from data that holds no person's name (see performance-service.ts): no owner, no action lead, no
 * commentary author; the builders write a name only where the data has one.
 */

/** An action at risk or off track, as the report lists it. */
interface ReportAction {
  title: string;
  group: string;
  agency: string | null;
  /** Who leads it: in the full report only. */
  lead?: string;
  status: ActionStatus;
  reason: string;
  dueOn: string | null;
}

export interface ReportPriority {
  id: number;
  number: number;
  title: string;
  objective: string;
  indicators: IndicatorResult[];
  rollup: StatusCount[];
  /** Actions at risk or off track. */
  attention: ReportAction[];
  commentary: { text: string; updatedAt: Date; /** Who last changed it: in the full report only. */ author?: string | null } | null;
}

export interface PerformanceReport {
  version: ReportVersion;
  partnershipName: string;
  plan: { title: string; startsYear: number; endsYear: number } | null;
  quarter: Quarter;
  generatedAt: Date;
  priorities: ReportPriority[];
}

const versionNames: Record<ReportVersion, string> = {
  full: 'Full version, for the executive group and the scrutiny committee',
  public: 'Public version',
};

/** "Quarterly performance report: January to March 2019". */
export const reportTitle = (report: PerformanceReport): string => `Quarterly performance report: ${quarterLabel(report.quarter)}`;

/** The line under the title: the plan, the quarter's key, the version and when it was made. */
export function reportSubtitle(report: PerformanceReport): string {
  const plan = report.plan ? `${report.plan.title} ${planPeriodLabel(report.plan.startsYear, report.plan.endsYear)}. ` : '';
  return `${plan}${quarterKey(report.quarter)}. ${versionNames[report.version]}. Made from the data on ${formatDate(report.generatedAt)}.`;
}

/** What the public version leaves out, said on its title page. */
export const PUBLIC_NOTE =
  'This public version leaves out indicators the partnership keeps restricted and the names of the people who own indicators, lead ' +
  'actions or write commentary; agencies are named.';

/** What the report says about how to read it. */
export const READING_NOTE =
  'Each indicator is shown as a statistical process control (SPC) chart, as in NHS England’s “Making Data Count”: the mean and process ' +
  'limits show the range of ordinary variation, and special cause variation marks a real change. Action statuses are as they stand when ' +
  'the report is made.';

export interface Chapter {
  id: string;
  title: string;
}

export function reportChapters(report: PerformanceReport): Chapter[] {
  return [
    { id: 'summary', title: 'Summary of priorities' },
    ...report.priorities.map((p) => ({ id: `priority-${p.number}`, title: `Priority ${p.number}: ${p.title}` })),
  ];
}

export const summaryHeadings = ['Priority', 'Indicators', 'Actions', 'Commentary'] as const;

/** The summary table: one row per priority. */
export function summaryRows(report: PerformanceReport): [string, string, string, string][] {
  return report.priorities.map((p) => {
    const special = p.indicators.filter(
      (i) => i.spc.variation === 'special-cause-improvement' || i.spc.variation === 'special-cause-concern',
    );
    const improving = special.filter((i) => i.spc.variation === 'special-cause-improvement').length;
    const concern = special.length - improving;
    const indicators =
      p.indicators.length === 0
        ? 'None'
        : `${p.indicators.length} ${p.indicators.length === 1 ? 'indicator' : 'indicators'}` +
          (improving || concern
            ? `: ${[improving ? `${improving} improving` : '', concern ? `${concern} of concern` : ''].filter(Boolean).join(', ')}`
            : ': no special cause variation');
    return [`${p.number}. ${p.title}`, indicators, rollupSentence(p.rollup), p.commentary ? 'Written' : 'None for this quarter'];
  });
}

/** One indicator's facts as label and text, in the order every format gives them. */
export function indicatorFacts(i: IndicatorResult): [string, string][] {
  const yearOnYear = yearOnYearWords(i);
  return [
    ['Latest value', latestWords(i)],
    ...(yearOnYear === null ? [] : [['Change on the same period a year earlier', yearOnYear] as [string, string]]),
    ['Variation', variationText(i)],
    ['Assurance', assuranceText(i)],
    ['Target', targetWords(i)],
    ['Which way is better', directionLabels[i.direction]],
    ['Definition', i.definition || 'No definition recorded'],
    ...(i.owner ? [['Owner', i.owner] as [string, string]] : []),
  ];
}

/** Notes under an indicator's chart: too few points for limits, and periods left out of them. */
export function indicatorNotes(i: IndicatorResult): string[] {
  const notes: string[] = [];
  const few = notEnoughDataWords(i);
  if (few) notes.push(`${few}.`);
  for (const n of incompleteNotes(i)) notes.push(`${n.period} is marked and left out of the limits: ${n.reason}`);
  return notes;
}

export const actionHeadings = (report: PerformanceReport): string[] =>
  report.version === 'full' ? ['Action', 'Lead', 'Status', 'Why', 'Due'] : ['Action', 'Lead agency', 'Status', 'Why', 'Due'];

/** The rows of the table of actions at risk or off track. */
export function actionRowsText(p: ReportPriority): string[][] {
  return p.attention.map((a) => [
    `${a.title} (${a.group})`,
    a.lead !== undefined ? [a.lead, a.agency].filter(Boolean).join(', ') || 'No lead recorded' : (a.agency ?? 'No lead agency recorded'),
    statusLabels[a.status],
    a.reason || 'No reason given',
    a.dueOn ? formatDate(a.dueOn) : 'No due date',
  ]);
}

/** "Last updated on 3 April 2019, 10:15am", with who in the full report. */
export function commentaryFooter(c: NonNullable<ReportPriority['commentary']>): string {
  return `Last updated${c.author ? ` by ${c.author}` : ''} on ${formatDateTime(c.updatedAt)}`;
}

/** The stylesheet, one rule a line. */
const STYLE = `\n${[
  'body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; line-height: 1.45; ' +
    'margin: 0 auto; max-width: 52em; padding: 2em 1.5em; font-size: 1.1875rem; }',
  'h1 { font-size: 2.5rem; line-height: 1.1; margin: 0 0 0.5em; }',
  'h2 { font-size: 1.75rem; margin: 2em 0 0.6em; }',
  'h3 { font-size: 1.3rem; margin: 1.6em 0 0.4em; }',
  'h4 { font-size: 1.1rem; margin: 1.2em 0 0.4em; }',
  'p, li { margin: 0 0 0.8em; }',
  'a { color: #1d70b8; }',
  'a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }',
  '.cover { min-height: 60vh; border-bottom: 10px solid #1d70b8; margin-bottom: 2em; ' +
    'display: flex; flex-direction: column; justify-content: center; }',
  '.caption { color: #505a5f; font-size: 1.2rem; }',
  'table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; font-size: 1rem; }',
  'caption { text-align: left; font-weight: bold; margin-bottom: 0.5em; }',
  'th, td { border-bottom: 1px solid #b1b4b6; text-align: left; vertical-align: top; padding: 0.5em 1em 0.5em 0; }',
  'td.numeric, th.numeric { text-align: right; }',
  'dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3em 1.5em; }',
  'dt { font-weight: bold; }',
  'dd { margin: 0; }',
  '.chart svg { max-width: 100%; height: auto; }',
  '.note { border-left: 5px solid #b1b4b6; padding-left: 1em; }',
  '@media print { body { max-width: none; padding: 0; font-size: 11pt; } h2 { break-before: page; } ' +
    '.cover { break-after: page; min-height: 90vh; } a { color: #0b0c0c; text-decoration: none; } }',
  NARROW_SCREEN_STYLE,
].join('\n')}\n`;

/** A table; the first cell of each row is its header unless `rowHeaders` is false. */
function tableHtml(
  caption: string,
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: { numeric?: readonly boolean[]; rowHeaders?: boolean } = {},
): string {
  const cls = (i: number) => (options.numeric?.[i] ? ' class="numeric"' : '');
  const cell = (c: string, i: number) =>
    i === 0 && options.rowHeaders !== false ? `<th scope="row"${cls(i)}>${escapeHtml(c)}</th>` : `<td${cls(i)}>${escapeHtml(c)}</td>`;
  return `<table><caption>${escapeHtml(caption)}</caption>
<thead><tr>${head.map((h, i) => `<th scope="col"${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n')}
</tbody></table>`;
}

const paragraphsHtml = (text: string): string =>
  textBlocks(text)
    .map((b) =>
      b.kind === 'paragraph' ? `<p>${escapeHtml(b.text)}</p>` : `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`,
    )
    .join('\n');

/** The report as one standalone, printable HTML page, each chart an accessible SVG with its table. */
export function reportHtml(report: PerformanceReport, options: { styleNonce?: string } = {}): string {
  const title = reportTitle(report);
  const parts: string[] = [];
  parts.push(`<section class="cover" aria-label="Title page">
<p class="caption">${escapeHtml(report.partnershipName)}</p>
<h1>${escapeHtml(title)}</h1>
<p class="caption">${escapeHtml(reportSubtitle(report))}</p>
${report.version === 'public' ? `<p>${escapeHtml(PUBLIC_NOTE)}</p>` : ''}
<p>${escapeHtml(READING_NOTE)}</p>
</section>
<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>
${reportChapters(report)
  .map((c) => `<li><a href="#${c.id}">${escapeHtml(c.title)}</a></li>`)
  .join('\n')}
</ol></nav>
<h2 id="summary">Summary of priorities</h2>`);
  parts.push(
    report.priorities.length
      ? tableHtml(`Priorities at the end of ${quarterLabel(report.quarter)}`, summaryHeadings, summaryRows(report))
      : '<p>The plan has no priorities.</p>',
  );
  for (const p of report.priorities) {
    parts.push(`<h2 id="priority-${p.number}">Priority ${p.number}: ${escapeHtml(p.title)}</h2>`);
    if (p.objective) parts.push(`<p>${escapeHtml(p.objective)}</p>`);
    parts.push('<h3>Indicators</h3>');
    if (!p.indicators.length) parts.push(`<p>No ${report.version === 'public' ? 'public ' : ''}indicators measure this priority.</p>`);
    for (const i of p.indicators) {
      const figure = spcFigure(i, `report-spc-${i.id}`);
      const table = spcTableText(i);
      parts.push(`<h4>${escapeHtml(i.name)}</h4>`);
      parts.push(
        `<dl>${indicatorFacts(i)
          .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
          .join('')}</dl>`,
      );
      parts.push(`<figure class="chart">${figure.svg}</figure>`);
      for (const note of indicatorNotes(i)) parts.push(`<p class="note">${escapeHtml(note)}</p>`);
      parts.push(tableHtml(`${i.name}: values and process limits`, table.head, table.rows, { numeric: table.numeric }));
    }
    parts.push('<h3>Action progress</h3>');
    parts.push(
      tableHtml(
        `Actions by status: ${rollupSentence(p.rollup)}`,
        p.rollup.map((s) => s.label),
        [p.rollup.map((s) => String(s.count))],
        { numeric: p.rollup.map(() => true), rowHeaders: false },
      ),
    );
    if (p.attention.length) parts.push(tableHtml('Actions at risk or off track', actionHeadings(report), actionRowsText(p)));
    else parts.push('<p>No action is at risk or off track.</p>');
    parts.push(`<h3>Commentary for ${escapeHtml(quarterLabel(report.quarter))}</h3>`);
    if (p.commentary) parts.push(paragraphsHtml(p.commentary.text), `<p class="caption">${escapeHtml(commentaryFooter(p.commentary))}</p>`);
    else parts.push('<p>No commentary was written for this quarter.</p>');
  }
  return htmlPage({ title: `${title} - ${report.partnershipName}`, style: STYLE, styleNonce: options.styleNonce, main: parts });
}

/** A file name: the partnership, "performance report", the quarter and, for the public one, "public". */
export function reportFileName(report: PerformanceReport, format: DocumentFormat): string {
  const base = `${report.partnershipName} performance report ${quarterKey(report.quarter)}${report.version === 'public' ? ' public' : ''}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);
  return `${base}.${format}`;
}
