import type { Database, Trx } from '../../platform/db/database.ts';
import type { FieldResult } from '../../platform/forms.ts';
import { mustFind } from '../../platform/errors.ts';
import { tenantIfAllowed } from '../../platform/policies.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import { auditedDelete } from '../audit/audited-delete.ts';
import type { Actor, AuditEntry } from '../audit/events.ts';
import type { ApplicationForm, FundForm, SpendInput } from './funding-schemas.ts';
import * as repo from './funding-repository.ts';

/** The audit entry for a change to a funding application or its spending. */
const applicationSaved = (id: number, details: Record<string, unknown>): AuditEntry => ({
  action: 'funding.saved',
  subjectType: 'funding_application',
  subjectId: id,
  details,
});

/** Spending is the record of money paid out: an application with spending is not deleted with it. */
const KEEP_SPENDING = ['funding_spend'];

/** Funds, applications, awards and spend. Every change is audited as funding.saved. */
export function createFundingService(deps: { db: Database }) {
  const { db } = deps;
  const tenant = <T>(actor: Actor, fn: (trx: Trx) => Promise<T>) => db.tenant(actor.partnershipId, fn);
  /** Funds, applications and their spending are changed by those who may edit funding. */
  const edit = tenantIfAllowed(db, 'funding.edit');

  const mustFindFund = mustFind(repo.findFund);
  const mustFindApplication = mustFind(repo.findApplication);
  const mustFindSpend = mustFind(repo.findSpend);

  async function checkApplication(trx: Trx, input: ApplicationForm): Promise<{ field: string; message: string } | null> {
    if (!(await repo.exists(trx, 'bodies', input.bodyId))) return { field: 'bodyId', message: 'Select the body applying' };
    if (input.priorityId !== null && !(await repo.exists(trx, 'priorities', input.priorityId)))
      return { field: 'priorityId', message: 'Select a priority' };
    if (input.decidedMeetingId !== null && !(await repo.exists(trx, 'meetings', input.decidedMeetingId))) {
      return { field: 'decidedMeetingId', message: 'Select the meeting that decided it' };
    }
    return null;
  }

  const fundDelete = auditedDelete(db, 'funding.edit', {
    table: 'funds',
    find: mustFindFund,
    remove: repo.deleteFund,
    audit: (fund, fundId): AuditEntry => ({
      action: 'funding.deleted',
      subjectType: 'fund',
      subjectId: fundId,
      details: { name: fund.name },
    }),
  });

  const applicationDelete = auditedDelete(db, 'funding.edit', {
    table: 'funding_applications',
    alwaysBlock: KEEP_SPENDING,
    find: mustFindApplication,
    remove: repo.deleteApplication,
    audit: (application, applicationId): AuditEntry => ({
      action: 'funding.deleted',
      subjectType: 'funding_application',
      subjectId: applicationId,
      details: { fundId: application.fundId, bodyId: application.bodyId, purpose: application.purpose, status: application.status },
    }),
  });

  const spendDelete = auditedDelete(db, 'funding.edit', {
    table: 'funding_spend',
    find: mustFindSpend,
    remove: repo.deleteSpend,
    audit: (spend, spendId) =>
      applicationSaved(spend.applicationId, { spendRemoved: spendId, amount: spend.amount, spentOn: spend.spentOn }),
  });

  return {
    async summary(actor: Actor) {
      return tenant(actor, async (trx) => ({ funds: await repo.listFunds(trx), totals: await repo.totalsByPriority(trx) }));
    },

    async getFund(actor: Actor, fundId: number) {
      return tenant(actor, async (trx) => ({
        fund: await mustFindFund(trx, fundId),
        applications: await repo.listApplications(trx, fundId),
      }));
    },

    async createFund(actor: Actor, input: FundForm): Promise<number> {
      return edit(actor, async (trx) => {
        const fundId = await repo.insertFund(trx, actor.partnershipId, input);
        await recordAudit(trx, actor, {
          action: 'funding.saved',
          subjectType: 'funding_application',
          details: { fundCreated: fundId, name: input.name },
        });
        return fundId;
      });
    },

    async updateFund(actor: Actor, fundId: number, input: FundForm): Promise<void> {
      await edit(actor, async (trx) => {
        await mustFindFund(trx, fundId);
        await repo.updateFund(trx, fundId, input);
        await recordAudit(trx, actor, {
          action: 'funding.saved',
          subjectType: 'funding_application',
          details: { fundUpdated: fundId, ...input },
        });
      });
    },

    /** A fund and whether it can be deleted: it cannot while it has applications. */
    fundDeletion: fundDelete.check,
    deleteFund: fundDelete.remove,

    choices: (actor: Actor) =>
      tenant(actor, async (trx) => ({
        bodies: await repo.bodyChoices(trx),
        priorities: await repo.priorityChoices(trx),
        meetings: await repo.meetingChoices(trx),
      })),

    async getApplication(actor: Actor, applicationId: number) {
      return tenant(actor, async (trx) => ({
        application: await mustFindApplication(trx, applicationId),
        spend: await repo.listSpend(trx, applicationId),
      }));
    },

    async createApplication(actor: Actor, fundId: number, input: ApplicationForm): Promise<FieldResult<{ applicationId: number }>> {
      return edit(actor, async (trx) => {
        await mustFindFund(trx, fundId);
        const problem = await checkApplication(trx, input);
        if (problem) return { ok: false as const, ...problem };
        const applicationId = await repo.insertApplication(trx, actor.partnershipId, fundId, input);
        const details = {
          created: true,
          fundId,
          bodyId: input.bodyId,
          amountRequested: input.amountRequested,
          status: input.status,
        };
        await recordAudit(trx, actor, applicationSaved(applicationId, details));
        return { ok: true as const, applicationId };
      });
    },

    async updateApplication(actor: Actor, applicationId: number, input: ApplicationForm): Promise<FieldResult<{ applicationId: number }>> {
      return edit(actor, async (trx) => {
        const before = await mustFindApplication(trx, applicationId);
        const problem = await checkApplication(trx, input);
        if (problem) return { ok: false as const, ...problem };
        await repo.updateApplication(trx, applicationId, input);
        const details = {
          status: { from: before.status, to: input.status },
          amountRequested: { from: before.amountRequested, to: input.amountRequested },
          amountAwarded: { from: before.amountAwarded, to: input.amountAwarded },
        };
        await recordAudit(trx, actor, applicationSaved(applicationId, details));
        return { ok: true as const, applicationId };
      });
    },

    /** An application and whether it can be deleted: it cannot while it has spending recorded. */
    applicationDeletion: applicationDelete.check,
    deleteApplication: applicationDelete.remove,

    async addSpend(actor: Actor, applicationId: number, input: SpendInput): Promise<void> {
      await edit(actor, async (trx) => {
        await mustFindApplication(trx, applicationId);
        const spendId = await repo.insertSpend(trx, actor.partnershipId, applicationId, input);
        const details = { spendAdded: spendId, amount: input.amount, spentOn: input.spentOn };
        await recordAudit(trx, actor, applicationSaved(applicationId, details));
      });
    },

    spendDeletion: spendDelete.check,
    removeSpend: spendDelete.remove,
  };
}
