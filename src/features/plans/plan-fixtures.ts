import type { Database } from '../../platform/db/database.ts';
import { loadDemoPlan } from '../demo/demo-plan.ts';

export interface PlanSample {
  planId: number;
  priorityId: number;
  themeId: number;
  sectionId: number;
  externalId: number;
  termId: number;
  surveyResultId: number;
}

/** The demo plan in a partnership, with one id of each kind of record, for tests. */
export async function seedPlanSample(db: Database, partnershipId: number): Promise<PlanSample> {
  return db.system(async (trx) => {
    const ids = await loadDemoPlan(trx, partnershipId);
    const first = async (table: 'plan_sections' | 'external_priorities' | 'glossary_terms' | 'survey_results') =>
      (await trx.selectFrom(table).select('id').where('partnership_id', '=', partnershipId).orderBy('id').executeTakeFirstOrThrow()).id;
    return {
      planId: ids.planId,
      priorityId: ids.priorityIds.soc,
      themeId: ids.themeIds.prevent,
      sectionId: await first('plan_sections'),
      externalId: await first('external_priorities'),
      termId: await first('glossary_terms'),
      surveyResultId: await first('survey_results'),
    };
  });
}
