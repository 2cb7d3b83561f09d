import type { Database, Trx } from '../../platform/db/database.ts';
import { mustFind } from '../../platform/errors.ts';
import { tenantIfAllowed } from '../../platform/policies.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import { auditedDelete } from '../audit/audited-delete.ts';
import type { Actor, AuditEntry } from '../audit/events.ts';
import * as repo from './plan-repository.ts';

/**
 * The evidence a plan answers to: the national and regional priorities its priorities align with,
 * and the residents' survey results. Part of the plans service (createPlanService spreads these in).
 */
export function createPlanEvidenceOperations(db: Database) {
  const tenant = <T>(actor: Actor, fn: (trx: Trx) => Promise<T>) => db.tenant(actor.partnershipId, fn);
  const edit = tenantIfAllowed(db, 'plans.edit');
  const surveyResultDelete = auditedDelete(db, 'plans.edit', {
    table: 'survey_results',
    find: (trx, id) => mustFind(repo.findSurveyResult)(trx, id),
    remove: repo.deleteSurveyResult,
    audit: (result, id): AuditEntry => ({
      action: 'survey.deleted',
      subjectType: 'survey_result',
      subjectId: id,
      details: { survey: result.survey, year: result.survey_year, question: result.question },
    }),
  });

  return {
    listExternal: (actor: Actor) => tenant(actor, (trx) => repo.listExternalPriorities(trx)),

    getExternal: (actor: Actor, id: number) => tenant(actor, (trx) => mustFind(repo.findExternalPriority)(trx, id)),

    addExternal: (actor: Actor, input: { source: repo.ExternalValues['source']; title: string; position?: number }) =>
      edit(actor, async (trx) => {
        const existing = await repo.listExternalPriorities(trx);
        const position = input.position ?? Math.max(0, ...existing.filter((e) => e.source === input.source).map((e) => e.position)) + 1;
        const id = await repo.insertExternalPriority(trx, actor.partnershipId, { ...input, position });
        await recordAudit(trx, actor, {
          action: 'alignment.updated',
          subjectType: 'priority',
          details: { externalPriorityId: id, added: input.title, source: input.source },
        });
        return id;
      }),

    updateExternal: (actor: Actor, id: number, input: { source: repo.ExternalValues['source']; title: string; position?: number }) =>
      edit(actor, async (trx) => {
        const before = await mustFind(repo.findExternalPriority)(trx, id);
        await repo.updateExternalPriority(trx, id, { ...input, position: input.position ?? before.position });
        await recordAudit(trx, actor, {
          action: 'alignment.updated',
          subjectType: 'priority',
          details: { externalPriorityId: id, title: { from: before.title, to: input.title } },
        });
      }),

    surveyResults: (actor: Actor) => tenant(actor, (trx) => repo.listSurveyResults(trx)),

    addSurveyResult: (actor: Actor, input: repo.SurveyValues) =>
      edit(actor, async (trx) => {
        const id = await repo.insertSurveyResult(trx, actor.partnershipId, input);
        await recordAudit(trx, actor, {
          action: 'survey.saved',
          subjectType: 'survey_result',
          subjectId: id,
          details: { survey: input.survey, year: input.surveyYear },
        });
        return id;
      }),

    surveyResultDeletion: surveyResultDelete.check,
    deleteSurveyResult: surveyResultDelete.remove,
  };
}
