import type { Database } from '../../platform/db/database.ts';
import { findAuditEvents, type AuditFilter } from './audit-repository.ts';
import type { Actor } from './events.ts';

/** Reading the audit log (writing is recordAudit, inside each change's own transaction). */
export function createAuditService(deps: { db: Database; auditEvents: Readonly<Record<string, string>> }) {
  return {
    /** Every event the log can hold, with what the log page shows for it. */
    events: deps.auditEvents,
    search: (actor: Actor, filter: AuditFilter) => deps.db.tenant(actor.partnershipId, (trx) => findAuditEvents(trx, filter)),
  };
}
