import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';
import type { FundingApplicationStatus } from '../../platform/db/schema.ts';
import { decimalToPence, penceToDecimal } from './money.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/** Funds, applications by bodies and spend lines, for the partnership set on the transaction. Amounts in pence. */

export interface FundRow {
  id: number;
  name: string;
  provider: string;
  financialYear: number | null;
  amountAvailable: number | null;
  requested: number;
  awarded: number;
  applications: number;
}

export async function listFunds(trx: Trx): Promise<FundRow[]> {
  const rows = await trx
    .selectFrom('funds as f')
    .leftJoin('funding_applications as a', 'a.fund_id', 'f.id')
    .select([
      'f.id',
      'f.name',
      'f.provider',
      'f.financial_year',
      'f.amount_available',
      sql<string | null>`sum(a.amount_requested)::text`.as('requested'),
      sql<string | null>`sum(a.amount_awarded)::text`.as('awarded'),
      sql<number>`count(a.id)::int`.as('applications'),
    ])
    .groupBy(['f.id', 'f.name', 'f.provider', 'f.financial_year', 'f.amount_available'])
    .orderBy('f.financial_year', 'desc')
    .orderBy(sql`lower(f.name)`)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    provider: r.provider,
    financialYear: r.financial_year,
    amountAvailable: decimalToPence(r.amount_available),
    requested: decimalToPence(r.requested) ?? 0,
    awarded: decimalToPence(r.awarded) ?? 0,
    applications: Number(r.applications),
  }));
}

export async function findFund(trx: Trx, fundId: number) {
  const row = await trx
    .selectFrom('funds')
    .select(['id', 'name', 'provider', 'financial_year', 'amount_available'])
    .where('id', '=', fundId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      name: row.name,
      provider: row.provider,
      financialYear: row.financial_year,
      amountAvailable: decimalToPence(row.amount_available),
    }
  );
}

export interface FundValues {
  name: string;
  provider: string;
  financialYear: number | null;
  amountAvailable: number | null;
}

export async function insertFund(trx: Trx, partnershipId: number, v: FundValues): Promise<number> {
  return insertReturningId(trx, 'funds', {
    partnership_id: partnershipId,
    name: v.name,
    provider: v.provider,
    financial_year: v.financialYear,
    amount_available: v.amountAvailable === null ? null : penceToDecimal(v.amountAvailable),
  });
}

export async function updateFund(trx: Trx, fundId: number, v: FundValues): Promise<void> {
  await trx
    .updateTable('funds')
    .set({
      name: v.name,
      provider: v.provider,
      financial_year: v.financialYear,
      amount_available: v.amountAvailable === null ? null : penceToDecimal(v.amountAvailable),
    })
    .where('id', '=', fundId)
    .execute();
}

export interface ApplicationRow {
  id: number;
  fundId: number;
  fundName: string;
  bodyId: number;
  bodyName: string;
  priorityId: number | null;
  priorityTitle: string | null;
  purpose: string;
  amountRequested: number;
  status: FundingApplicationStatus;
  decidedMeetingId: number | null;
  decidedMeetingLabel: string | null;
  amountAwarded: number | null;
  outcomeNotes: string;
  spent: number;
}

const applicationSelect = (trx: Trx) =>
  trx
    .selectFrom('funding_applications as a')
    .innerJoin('funds as f', 'f.id', 'a.fund_id')
    .innerJoin('bodies as b', 'b.id', 'a.body_id')
    .leftJoin('priorities as p', 'p.id', 'a.priority_id')
    .leftJoin('meetings as m', 'm.id', 'a.decided_meeting_id')
    .leftJoin('bodies as mb', 'mb.id', 'm.body_id')
    .select([
      'a.id',
      'a.fund_id',
      'f.name as fund_name',
      'a.body_id',
      'b.name as body_name',
      'a.priority_id',
      'p.title as priority_title',
      'a.purpose',
      'a.amount_requested',
      'a.status',
      'a.decided_meeting_id',
      sql<string | null>`case when m.id is null then null else mb.name || ', ' || to_char(m.held_on, 'FMDD FMMonth YYYY') end`.as(
        'meeting_label',
      ),
      'a.amount_awarded',
      'a.outcome_notes',
      sql<string | null>`(select sum(s.amount)::text from funding_spend s where s.application_id = a.id)`.as('spent'),
    ]);

type RawApplication = Awaited<ReturnType<ReturnType<typeof applicationSelect>['execute']>>[number];

const toApplication = (r: RawApplication): ApplicationRow => ({
  id: r.id,
  fundId: r.fund_id,
  fundName: r.fund_name,
  bodyId: r.body_id,
  bodyName: r.body_name,
  priorityId: r.priority_id,
  priorityTitle: r.priority_title,
  purpose: r.purpose,
  amountRequested: decimalToPence(r.amount_requested) ?? 0,
  status: r.status,
  decidedMeetingId: r.decided_meeting_id,
  decidedMeetingLabel: r.meeting_label,
  amountAwarded: decimalToPence(r.amount_awarded),
  outcomeNotes: r.outcome_notes,
  spent: decimalToPence(r.spent) ?? 0,
});

export async function listApplications(trx: Trx, fundId: number): Promise<ApplicationRow[]> {
  return (await applicationSelect(trx).where('a.fund_id', '=', fundId).orderBy('a.created_at').orderBy('a.id').execute()).map(
    toApplication,
  );
}

export async function findApplication(trx: Trx, applicationId: number): Promise<ApplicationRow | undefined> {
  const row = await applicationSelect(trx).where('a.id', '=', applicationId).executeTakeFirst();
  return row && toApplication(row);
}

export interface ApplicationValues {
  bodyId: number;
  priorityId: number | null;
  purpose: string;
  amountRequested: number;
  status: FundingApplicationStatus;
  decidedMeetingId: number | null;
  amountAwarded: number | null;
  outcomeNotes: string;
}

const applicationColumns = (v: ApplicationValues) => ({
  body_id: v.bodyId,
  priority_id: v.priorityId,
  purpose: v.purpose,
  amount_requested: penceToDecimal(v.amountRequested),
  status: v.status,
  decided_meeting_id: v.decidedMeetingId,
  amount_awarded: v.amountAwarded === null ? null : penceToDecimal(v.amountAwarded),
  outcome_notes: v.outcomeNotes,
});

export async function insertApplication(trx: Trx, partnershipId: number, fundId: number, v: ApplicationValues): Promise<number> {
  return insertReturningId(trx, 'funding_applications', { partnership_id: partnershipId, fund_id: fundId, ...applicationColumns(v) });
}

export async function updateApplication(trx: Trx, applicationId: number, v: ApplicationValues): Promise<void> {
  await trx.updateTable('funding_applications').set(applicationColumns(v)).where('id', '=', applicationId).execute();
}

export interface SpendRow {
  id: number;
  applicationId: number;
  spentOn: string;
  amount: number;
  note: string;
}

export async function listSpend(trx: Trx, applicationId: number): Promise<SpendRow[]> {
  const rows = await trx
    .selectFrom('funding_spend')
    .select(['id', 'application_id', 'spent_on', 'amount', 'note'])
    .where('application_id', '=', applicationId)
    .orderBy('spent_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    spentOn: r.spent_on,
    amount: decimalToPence(r.amount) ?? 0,
    note: r.note,
  }));
}

export async function findSpend(trx: Trx, spendId: number): Promise<SpendRow | undefined> {
  const row = await trx
    .selectFrom('funding_spend')
    .select(['id', 'application_id', 'spent_on', 'amount', 'note'])
    .where('id', '=', spendId)
    .executeTakeFirst();
  return (
    row && { id: row.id, applicationId: row.application_id, spentOn: row.spent_on, amount: decimalToPence(row.amount) ?? 0, note: row.note }
  );
}

export async function insertSpend(
  trx: Trx,
  partnershipId: number,
  applicationId: number,
  v: { spentOn: string; amount: number; note: string },
): Promise<number> {
  return insertReturningId(trx, 'funding_spend', {
    partnership_id: partnershipId,
    application_id: applicationId,
    spent_on: v.spentOn,
    amount: penceToDecimal(v.amount),
    note: v.note,
  });
}

export async function deleteFund(trx: Trx, fundId: number): Promise<void> {
  await trx.deleteFrom('funds').where('id', '=', fundId).execute();
}

export async function deleteApplication(trx: Trx, applicationId: number): Promise<void> {
  await trx.deleteFrom('funding_applications').where('id', '=', applicationId).execute();
}

export async function deleteSpend(trx: Trx, spendId: number): Promise<void> {
  await trx.deleteFrom('funding_spend').where('id', '=', spendId).execute();
}

export interface PriorityTotals {
  priorityId: number | null;
  priorityTitle: string | null;
  requested: number;
  awarded: number;
  spent: number;
}

/** Requested, awarded and spent per priority (applications without a priority together, last). */
export async function totalsByPriority(trx: Trx): Promise<PriorityTotals[]> {
  const rows = await sql<{
    priority_id: number | null;
    title: string | null;
    requested: string | null;
    awarded: string | null;
    spent: string | null;
  }>`
    select a.priority_id, p.title,
           sum(a.amount_requested)::text as requested,
           sum(a.amount_awarded)::text as awarded,
           sum((select coalesce(sum(s.amount), 0) from funding_spend s where s.application_id = a.id))::text as spent
    from funding_applications a
    left join priorities p on p.id = a.priority_id
    group by a.priority_id, p.title, p.position
    order by a.priority_id is null, p.position, p.title`.execute(trx);
  return rows.rows.map((r) => ({
    priorityId: r.priority_id,
    priorityTitle: r.title,
    requested: decimalToPence(r.requested) ?? 0,
    awarded: decimalToPence(r.awarded) ?? 0,
    spent: decimalToPence(r.spent) ?? 0,
  }));
}

export async function bodyChoices(trx: Trx) {
  return trx
    .selectFrom('bodies')
    .select(['id', 'name'])
    .orderBy(sql`lower(name)`)
    .execute();
}

export async function priorityChoices(trx: Trx) {
  return trx.selectFrom('priorities').select(['id', 'title']).orderBy('plan_id', 'desc').orderBy('position').orderBy('id').execute();
}

export async function meetingChoices(trx: Trx) {
  return trx
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select(['m.id', sql<string>`b.name || ', ' || to_char(m.held_on, 'FMDD FMMonth YYYY')`.as('label')])
    .orderBy('m.held_on', 'desc')
    .execute();
}

export async function exists(trx: Trx, table: 'bodies' | 'priorities' | 'meetings', recordId: number): Promise<boolean> {
  return (await trx.selectFrom(table).select('id').where('id', '=', recordId).executeTakeFirst()) !== undefined;
}
