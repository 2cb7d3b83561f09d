import { formatDate, formatDateTime } from '../../platform/format.ts';
import { escapeHtml, type SelectItem, type TableCell } from '../../platform/view-models.ts';
import { actionPaths } from '../action-plans/action-plan-paths.ts';
import { statusTagHtml } from '../action-plans/action-plan-view-models.ts';
import { indicatorPaths } from '../indicators/indicator-paths.ts';
import { ASSURANCE_TAGS, VARIATION_TAGS } from '../statistics/spc-view-models.ts';
import { directionLabels } from '../indicators/indicator-words.ts';
import { periodLabel } from '../indicators/periods.ts';
import type { IndicatorResult, StatusCount } from './performance-model.ts';
import { rollupSentence } from './performance-model.ts';
import type { ActionRow, CommentaryRow } from './performance-repository.ts';
import {
  assuranceText,
  incompleteNotes,
  latestWords,
  notEnoughDataWords,
  targetWords,
  variationText,
  yearOnYearWords,
} from './performance-words.ts';
import { performancePaths } from './performance-paths.ts';
import { quarterChoiceText, quarterKey, type Quarter } from './quarters.ts';

/** What the performance pages pass to the GOV.UK macros, built here so the templates stay simple. */

const link = (href: string, text: string): TableCell => ({
  html: `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`,
});

const tagHtml = (tag: { text: string; classes: string }, qa: string): string =>
  `<strong class="govuk-tag ${escapeHtml(tag.classes)}" data-qa="${qa}">${escapeHtml(tag.text)}</strong>`;

/** The variation as its Making Data Count icon: a coloured tag with its words, or the words alone without enough data. */
function variationHtml(i: Pick<IndicatorResult, 'spc'>): string {
  return i.spc.variation ? tagHtml(VARIATION_TAGS[i.spc.variation], 'variation') : escapeHtml(variationText(i));
}

/** Whether the target will be met, as its Making Data Count icon, or the words of why it cannot be said. */
function assuranceHtml(i: Pick<IndicatorResult, 'spc' | 'target'>): string {
  return i.spc.assurance ? tagHtml(ASSURANCE_TAGS[i.spc.assurance], 'assurance') : escapeHtml(assuranceText(i));
}

/** The quarter select of the period chooser, newest first, the chosen one selected. */
export function quarterItems(quarters: readonly Quarter[], chosen: Quarter): SelectItem[] {
  const key = quarterKey(chosen);
  const items = quarters.map((q) => ({ value: quarterKey(q), text: quarterChoiceText(q), selected: quarterKey(q) === key }));
  // A quarter asked for outside the usual range is still shown as chosen.
  return items.some((i) => i.selected) ? items : [{ value: key, text: quarterChoiceText(chosen), selected: true }, ...items];
}

/** A dashboard's address for a quarter. */
export const dashboardHref = (priorityId: number, quarter: Quarter): string =>
  `${performancePaths.priority(priorityId)}?period=${quarterKey(quarter)}`;

/** The overview's table of a priority's indicators: name, latest value, variation, assurance. */
export function overviewIndicatorRows(indicators: readonly IndicatorResult[], priorityId: number, quarter: Quarter): TableCell[][] {
  return indicators.map((i) => [
    link(`${dashboardHref(priorityId, quarter)}#indicator-${i.id}`, i.name),
    { text: latestWords(i) },
    { html: variationHtml(i) },
    { html: assuranceHtml(i) },
  ]);
}

/** The status roll-up as a one-row table: a column per status with its count. */
export function rollupTable(rollup: readonly StatusCount[]): { head: TableCell[]; rows: TableCell[][]; summary: string } {
  return {
    head: rollup.map((s) => ({ text: s.label, format: 'numeric' as const })),
    rows: [rollup.map((s) => ({ text: String(s.count), format: 'numeric' as const }))],
    summary: rollupSentence(rollup),
  };
}

/** The dashboard's table of a priority's actions: title (a link), lead agency, status, due date. */
export function actionRows(actions: readonly ActionRow[]): TableCell[][] {
  return actions.map((a) => [
    link(actionPaths.show(a.id), a.title),
    { text: a.lead_agency_name ?? 'No lead agency' },
    {
      html:
        statusTagHtml(a.status) +
        (a.status_reason
          ? '<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">' +
            `${escapeHtml(a.status_reason)}</span>`
          : ''),
    },
    { text: a.due_on ? formatDate(a.due_on) : 'No due date' },
  ]);
}

/** One indicator's part of a dashboard: its facts as a summary list, and notes about its data. */
export function indicatorSummary(i: IndicatorResult) {
  const yearOnYear = yearOnYearWords(i);
  return {
    id: i.id,
    name: i.name,
    href: indicatorPaths.show(i.id),
    notEnoughData: notEnoughDataWords(i),
    incomplete: incompleteNotes(i),
    facts: [
      { key: { text: 'Latest value' }, value: { text: latestWords(i) } },
      ...(yearOnYear === null ? [] : [{ key: { text: 'Change on the same period a year earlier' }, value: { text: yearOnYear } }]),
      { key: { text: 'Variation' }, value: { html: variationHtml(i) } },
      { key: { text: 'Assurance' }, value: { html: assuranceHtml(i) } },
      { key: { text: 'Target' }, value: { text: targetWords(i) } },
      { key: { text: 'Which way is better' }, value: { text: directionLabels[i.direction] } },
      { key: { text: 'Definition' }, value: { text: i.definition || 'No definition recorded' } },
      ...(i.owner ? [{ key: { text: 'Owner' }, value: { text: i.owner } }] : []),
    ],
  };
}

/** "Last updated by Sam Okafor on 3 April 2019, 10:15am", or who and when as far as known. */
export function commentaryUpdated(commentary: Pick<CommentaryRow, 'updated_at' | 'updated_by_name'>): string {
  return `Last updated${commentary.updated_by_name ? ` by ${commentary.updated_by_name}` : ''} on ${formatDateTime(commentary.updated_at)}`;
}

/** The heading of a quarter's commentary: "Commentary for January to March 2019". */
export const commentaryHeading = (quarter: Quarter): string => `Commentary for ${periodLabel(quarterKey(quarter))}`;
