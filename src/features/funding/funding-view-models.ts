import { fundingApplicationStatuses, type FundingApplicationStatus } from '../../platform/db/schema.ts';
import type { ExportTable } from '../../platform/exports.ts';
import { postedFields, type FormErrors } from '../../platform/forms.ts';
import { formatDate } from '../../platform/format.ts';
import { escapeHtml, fieldText, fieldTexts, type TableCell } from '../../platform/view-models.ts';
import { governancePaths } from '../governance/governance-paths.ts';
import { dateError, dateInputItems, optionalSelectItems } from '../governance/governance-view-models.ts';
import { applicationStatusNames } from './funding-schemas.ts';
import type { ApplicationRow, FundRow, PriorityTotals, SpendRow } from './funding-repository.ts';
import { fundingPaths } from './funding-paths.ts';
import { formatPounds, penceToField } from './money.ts';

const link = (href: string, text: string) => `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
const money = (pence: number | null): TableCell => ({ text: pence === null ? 'Not set' : formatPounds(pence), format: 'numeric' });

export const financialYearText = (year: number | null) => (year === null ? '' : `${year} to ${year + 1}`);

const statusName = (status: FundingApplicationStatus) => applicationStatusNames[status];

const statusTagClass: Record<FundingApplicationStatus, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  approved: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
};

export const statusTagHtml = (status: FundingApplicationStatus) =>
  `<strong class="govuk-tag ${statusTagClass[status]}">${escapeHtml(statusName(status))}</strong>`;

export function fundTableRows(funds: readonly FundRow[]): TableCell[][] {
  return funds.map((f) => [
    { html: link(fundingPaths.funds.show(f.id), f.name) },
    { text: f.provider },
    { text: financialYearText(f.financialYear) },
    money(f.amountAvailable),
    money(f.requested),
    money(f.awarded),
  ]);
}

/** Totals by priority, with a final row adding them up. */
export function priorityTotalRows(totals: readonly PriorityTotals[]): TableCell[][] {
  const rows: TableCell[][] = totals.map((t) => [
    { text: t.priorityTitle ?? 'No priority given' },
    money(t.requested),
    money(t.awarded),
    money(t.spent),
  ]);
  const sum = (k: 'requested' | 'awarded' | 'spent') => totals.reduce((n, t) => n + t[k], 0);
  if (totals.length) rows.push([{ html: '<strong>Total</strong>' }, money(sum('requested')), money(sum('awarded')), money(sum('spent'))]);
  return rows;
}

export function applicationTableRows(applications: readonly ApplicationRow[]): TableCell[][] {
  return applications.map((a) => [
    { html: link(fundingPaths.applications.show(a.id), a.purpose.length > 80 ? `${a.purpose.slice(0, 79)}…` : a.purpose) },
    { text: a.bodyName },
    { text: a.priorityTitle ?? '' },
    { html: statusTagHtml(a.status) },
    money(a.amountRequested),
    money(a.amountAwarded),
    money(a.spent),
  ]);
}

export function spendTableRows(spend: readonly SpendRow[]): TableCell[][] {
  return spend.map((s) => [{ text: formatDate(s.spentOn) }, { text: s.note }, money(s.amount)]);
}

export interface FundFormValues {
  name: string;
  provider: string;
  financialYear: string;
  amountAvailable: string;
}

export const blankFund: FundFormValues = { name: '', provider: '', financialYear: '', amountAvailable: '' };

export const fundFormValues = (f: {
  name: string;
  provider: string;
  financialYear: number | null;
  amountAvailable: number | null;
}): FundFormValues => ({
  name: f.name,
  provider: f.provider,
  financialYear: f.financialYear === null ? '' : String(f.financialYear),
  amountAvailable: penceToField(f.amountAvailable),
});

export function postedFundValues(body: unknown): FundFormValues {
  return fieldTexts(postedFields(body), ['name', 'provider', 'financialYear', 'amountAvailable']);
}

export interface ApplicationFormValues {
  bodyId: string;
  priorityId: string;
  purpose: string;
  amountRequested: string;
  status: string;
  decidedMeetingId: string;
  amountAwarded: string;
  outcomeNotes: string;
}

export const blankApplication: ApplicationFormValues = {
  bodyId: '',
  priorityId: '',
  purpose: '',
  amountRequested: '',
  status: 'draft',
  decidedMeetingId: '',
  amountAwarded: '',
  outcomeNotes: '',
};

export const applicationFormValues = (a: ApplicationRow): ApplicationFormValues => ({
  bodyId: String(a.bodyId),
  priorityId: a.priorityId === null ? '' : String(a.priorityId),
  purpose: a.purpose,
  amountRequested: penceToField(a.amountRequested),
  status: a.status,
  decidedMeetingId: a.decidedMeetingId === null ? '' : String(a.decidedMeetingId),
  amountAwarded: penceToField(a.amountAwarded),
  outcomeNotes: a.outcomeNotes,
});

const applicationFields = [
  'bodyId',
  'priorityId',
  'purpose',
  'amountRequested',
  'status',
  'decidedMeetingId',
  'amountAwarded',
  'outcomeNotes',
] as const;

export function postedApplicationValues(body: unknown): ApplicationFormValues {
  return fieldTexts(postedFields(body), applicationFields);
}

export function applicationFormView(
  values: ApplicationFormValues,
  choices: {
    bodies: readonly { id: number; name: string }[];
    priorities: readonly { id: number; title: string }[];
    meetings: readonly { id: number; label: string }[];
  },
) {
  const bodyItems = choices.bodies.map((b) => ({ value: String(b.id), text: b.name, selected: values.bodyId === String(b.id) }));
  return {
    values,
    bodyItems: bodyItems.some((i) => i.selected) ? bodyItems : [{ value: '', text: 'Select a body', selected: true }, ...bodyItems],
    priorityItems: optionalSelectItems(
      choices.priorities.map((p) => ({ id: p.id, text: p.title })),
      values.priorityId,
      'No priority',
    ),
    meetingItems: optionalSelectItems(
      choices.meetings.map((m) => ({ id: m.id, text: m.label })),
      values.decidedMeetingId,
      'Not decided at a meeting',
    ),
    statusItems: fundingApplicationStatuses.map((s) => ({ value: s, text: applicationStatusNames[s], checked: values.status === s })),
  };
}

export function applicationSummaryRows(a: ApplicationRow, canManage: boolean) {
  const change = canManage
    ? { items: [{ href: fundingPaths.applications.edit(a.id), text: 'Change', visuallyHiddenText: 'application' }] }
    : undefined;
  const decidedAt = a.decidedMeetingId
    ? { html: link(governancePaths.meetings.show(a.decidedMeetingId), a.decidedMeetingLabel ?? 'Meeting') }
    : { text: 'Not decided at a meeting' };
  return [
    { key: { text: 'Fund' }, value: { html: link(fundingPaths.funds.show(a.fundId), a.fundName) } },
    { key: { text: 'Body applying' }, value: { html: link(governancePaths.bodies.show(a.bodyId), a.bodyName) } },
    { key: { text: 'Priority' }, value: { text: a.priorityTitle ?? 'None' } },
    { key: { text: 'Purpose' }, value: { text: a.purpose }, ...(change ? { actions: change } : {}) },
    { key: { text: 'Amount requested' }, value: { text: formatPounds(a.amountRequested) } },
    { key: { text: 'Status' }, value: { html: statusTagHtml(a.status) } },
    { key: { text: 'Decided at' }, value: decidedAt },
    { key: { text: 'Amount awarded' }, value: { text: a.amountAwarded === null ? 'None' : formatPounds(a.amountAwarded) } },
    { key: { text: 'Spent so far' }, value: { text: formatPounds(a.spent) } },
    { key: { text: 'Outcome notes' }, value: { text: a.outcomeNotes || 'None' } },
  ];
}

/** The add-spending form on an application's page: the values posted (none at first) and its date input. */
export function spendFormView(posted: Record<string, unknown>, errors?: FormErrors) {
  const spendValues = {
    day: fieldText(posted['spentOn-day']),
    month: fieldText(posted['spentOn-month']),
    year: fieldText(posted['spentOn-year']),
    amount: fieldText(posted['amount']),
    note: fieldText(posted['note']),
  };
  return {
    spendValues,
    dateItems: dateInputItems('spentOn', spendValues, errors?.fields),
    dateError: dateError('spentOn', errors?.fields),
  };
}

// Downloads of the lists, as CSV and XLSX (src/platform/exports.ts): amounts in pounds, dates as YYYY-MM-DD.

const pounds = (pence: number | null): number | null => (pence === null ? null : pence / 100);

export const fundsExport = (funds: readonly FundRow[]): ExportTable => ({
  fileName: 'funds',
  title: 'Funds',
  headers: ['Fund', 'Provider', 'Financial year', 'Available (£)', 'Requested (£)', 'Awarded (£)', 'Applications'],
  rows: funds.map((f) => [
    f.name,
    f.provider,
    financialYearText(f.financialYear),
    pounds(f.amountAvailable),
    pounds(f.requested),
    pounds(f.awarded),
    f.applications,
  ]),
});

export const totalsExport = (totals: readonly PriorityTotals[]): ExportTable => ({
  fileName: 'funding-by-priority',
  title: 'Funding requested, awarded and spent by priority',
  headers: ['Priority', 'Requested (£)', 'Awarded (£)', 'Spent (£)'],
  rows: totals.map((t) => [t.priorityTitle ?? 'No priority given', pounds(t.requested), pounds(t.awarded), pounds(t.spent)]),
});

export const applicationsExport = (fund: { name: string }, applications: readonly ApplicationRow[]): ExportTable => ({
  fileName: `${fund.name} applications`,
  title: `Applications to ${fund.name}`,
  headers: ['Purpose', 'Body', 'Priority', 'Status', 'Requested (£)', 'Awarded (£)', 'Spent (£)', 'Decided at', 'Outcome notes'],
  rows: applications.map((a) => [
    a.purpose,
    a.bodyName,
    a.priorityTitle,
    statusName(a.status),
    pounds(a.amountRequested),
    pounds(a.amountAwarded),
    pounds(a.spent),
    a.decidedMeetingLabel,
    a.outcomeNotes,
  ]),
});

export const spendExport = (application: { bodyName: string; fundName: string }, spend: readonly SpendRow[]): ExportTable => ({
  fileName: `${application.bodyName} ${application.fundName} spending`,
  title: `Spending: ${application.bodyName}, ${application.fundName}`,
  headers: ['Date', 'Note', 'Amount (£)'],
  rows: spend.map((s) => [s.spentOn, s.note, pounds(s.amount)]),
});
