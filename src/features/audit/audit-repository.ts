import { sql } from 'kysely';
import type { BulkSession, Trx } from '../../platform/db/database.ts';
import type { AuditEvent } from '../../platform/db/schema.ts';
import type { AuditAction, AuditActor, AuditEntry } from './events.ts';

/** Writes one audit row in the caller's transaction, so it stands or falls with the change. */
export async function recordAudit(trx: Trx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      partnership_id: actor.partnershipId,
      actor_user_id: actor.userId,
      actor_name: actor.name,
      actor_agency: actor.agencyName,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId === undefined ? null : String(entry.subjectId),
      purpose: entry.purpose ?? null,
      request_id: actor.requestId,
      ip: actor.ip,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** recordAudit() for a bulk load's transaction (police.uk imports), which changes shared data as the owner. */
export async function recordAuditInBulk(s: BulkSession, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await s.query(
    `insert into audit_events (partnership_id, actor_user_id, actor_name, actor_agency, action,
       subject_type, subject_id, purpose, request_id, ip, details)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      actor.partnershipId,
      actor.userId,
      actor.name,
      actor.agencyName,
      entry.action,
      entry.subjectType ?? null,
      entry.subjectId === undefined ? null : String(entry.subjectId),
      entry.purpose ?? null,
      actor.requestId,
      actor.ip,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

/**
 * recordAudit() in every partnership's log, for the operator's change to data every partnership
 * shares (a police.uk or geography import from the command line): one row each, in one statement.
 */
export async function recordOperatorAuditInBulk(s: BulkSession, operatorName: string, entry: AuditEntry): Promise<void> {
  await s.query(
    `insert into audit_events (partnership_id, actor_user_id, actor_name, action, subject_type, subject_id, details)
     select id, null, $1, $2, $3, $4, $5 from partnerships`,
    [
      operatorName,
      entry.action,
      entry.subjectType ?? null,
      entry.subjectId === undefined ? null : String(entry.subjectId),
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

export interface AuditFilter {
  userId?: number;
  action?: AuditAction;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function findAuditEvents(trx: Trx, filter: AuditFilter): Promise<{ rows: AuditEvent[]; total: number }> {
  let query = trx.selectFrom('audit_events');
  if (filter.userId !== undefined) query = query.where('actor_user_id', '=', filter.userId);
  if (filter.action) query = query.where('action', '=', filter.action);
  // Dates are days in London, as the page shows them.
  if (filter.from) query = query.where('occurred_at', '>=', sql<Date>`(${filter.from}::date)::timestamp at time zone 'Europe/London'`);
  if (filter.to) query = query.where('occurred_at', '<', sql<Date>`(${filter.to}::date + 1)::timestamp at time zone 'Europe/London'`);
  const rows = await query
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}
