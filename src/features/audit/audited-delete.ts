import type { Database, Trx } from '../../platform/db/database.ts';
import { deleteCheck, deleteUnlessUsed } from '../../platform/db/record-uses.ts';
import { tenantIfAllowed } from '../../platform/policies.ts';
import type { Permission } from '../../platform/policies.ts';
import { recordAudit } from './audit-repository.ts';
import type { Actor, AuditEntry } from './events.ts';

/** One kind of record that can be deleted: its table, how to find it, delete it, and the audit row that says so. */
export interface DeleteSpec<T> {
  table: string;
  /** Tables that block the delete even though their foreign key would delete them too. */
  alwaysBlock?: readonly string[];
  find: (trx: Trx, id: number) => Promise<T>;
  remove: (trx: Trx, id: number) => Promise<void>;
  audit: (record: T, id: number) => AuditEntry;
}

/**
 * The two halves of a delete, for deleteRoutes(): check() finds the record and whether it can be deleted
 * (for the confirmation page); remove() deletes it and writes its audit row in one transaction, for those
 * with the permission, unless other records still use it.
 */
export function auditedDelete<T>(db: Database, permission: Permission, spec: DeleteSpec<T>) {
  const edit = tenantIfAllowed(db, permission);
  return {
    check: (actor: Actor, id: number) =>
      db.tenant(actor.partnershipId, async (trx) => ({
        record: await spec.find(trx, id),
        check: await deleteCheck(trx, spec.table, id, spec.alwaysBlock),
      })),
    remove: (actor: Actor, id: number) =>
      edit(actor, async (trx) => {
        const record = await spec.find(trx, id);
        return deleteUnlessUsed(trx, { table: spec.table, id, alwaysBlock: spec.alwaysBlock }, record, async () => {
          await spec.remove(trx, id);
          await recordAudit(trx, actor, spec.audit(record, id));
        });
      }),
  };
}
