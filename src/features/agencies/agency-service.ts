import type { Database } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { tenantIfAllowed } from '../../platform/policies.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import type { Actor } from '../audit/events.ts';
import * as repo from './agency-repository.ts';

type AgencyChangeResult = { ok: true; agencyId: number } | { ok: false; field: 'name'; message: string };

/** A partnership's member agencies. */
export function createAgencyService(deps: { db: Database }) {
  const { db } = deps;
  /** Agencies are changed by the partnership's administrators. */
  const manage = tenantIfAllowed(db, 'agencies.manage');
  const duplicate = { ok: false as const, field: 'name' as const, message: 'An agency with this name already exists' };
  return {
    list: (actor: Actor) => db.tenant(actor.partnershipId, (trx) => repo.listAgencies(trx)),

    async get(actor: Actor, agencyId: number) {
      const agency = await db.tenant(actor.partnershipId, (trx) => repo.findAgency(trx, agencyId));
      if (!agency) throw notFound();
      return agency;
    },

    findByName: (actor: Actor, name: string) => db.tenant(actor.partnershipId, (trx) => repo.findAgencyByName(trx, name)),

    async create(actor: Actor, values: repo.AgencyValues): Promise<AgencyChangeResult> {
      return manage(actor, async (trx) => {
        if (await repo.agencyNameTaken(trx, values.name)) return duplicate;
        const agencyId = await repo.insertAgency(trx, actor.partnershipId, values);
        await recordAudit(trx, actor, { action: 'agency.created', subjectType: 'agency', subjectId: agencyId, details: { ...values } });
        return { ok: true as const, agencyId };
      });
    },

    async update(actor: Actor, agencyId: number, values: repo.AgencyValues): Promise<AgencyChangeResult> {
      return manage(actor, async (trx) => {
        const before = await repo.findAgency(trx, agencyId);
        if (!before) throw notFound();
        if (await repo.agencyNameTaken(trx, values.name, agencyId)) return duplicate;
        await repo.updateAgency(trx, agencyId, values);
        await recordAudit(trx, actor, {
          action: 'agency.updated',
          subjectType: 'agency',
          subjectId: agencyId,
          details: {
            before: { name: before.name, agencyType: before.agency_type, responsibleAuthority: before.responsible_authority },
            after: { ...values },
          },
        });
        return { ok: true as const, agencyId };
      });
    },
  };
}
