import type { Trx } from '../../platform/db/database.ts';
import type { AssessmentStatus, Impact, ProtectedCharacteristic } from '../../platform/db/schema.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/** The equality analysis of action plans: one assessment per plan, with an impact per protected characteristic. */

export interface AssessmentRow {
  id: number;
  status: AssessmentStatus;
  summary: string;
  signed_off_by: string | null;
  signed_off_on: string | null;
  impacts: { characteristic: ProtectedCharacteristic; impact: Impact; evidence: string; mitigation: string }[];
}

export async function findAssessment(trx: Trx, actionPlanId: number): Promise<AssessmentRow | undefined> {
  const row = await trx
    .selectFrom('equality_assessments')
    .select(['id', 'status', 'summary', 'signed_off_by', 'signed_off_on'])
    .where('action_plan_id', '=', actionPlanId)
    .executeTakeFirst();
  if (!row) return undefined;
  const impacts = await trx
    .selectFrom('equality_impacts')
    .select(['characteristic', 'impact', 'evidence', 'mitigation'])
    .where('assessment_id', '=', row.id)
    .execute();
  return { ...row, impacts };
}

/** What the equality analysis form saves: the summary and an impact per characteristic. */
export type AssessmentInput = Pick<AssessmentRow, 'summary' | 'impacts'>;

/** Saves the assessment and its impacts; any change returns it to draft, to be signed off again. */
export async function saveAssessment(trx: Trx, partnershipId: number, actionPlanId: number, values: AssessmentInput): Promise<number> {
  const existing = await trx.selectFrom('equality_assessments').select('id').where('action_plan_id', '=', actionPlanId).executeTakeFirst();
  let id: number;
  if (existing) {
    id = existing.id;
    await trx
      .updateTable('equality_assessments')
      .set({ summary: values.summary, status: 'draft', signed_off_by: null, signed_off_on: null })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('equality_impacts').where('assessment_id', '=', id).execute();
  } else {
    id = await insertReturningId(trx, 'equality_assessments', {
      partnership_id: partnershipId,
      action_plan_id: actionPlanId,
      summary: values.summary,
    });
  }
  if (values.impacts.length) {
    await trx
      .insertInto('equality_impacts')
      .values(values.impacts.map((i) => ({ partnership_id: partnershipId, assessment_id: id, ...i })))
      .execute();
  }
  return id;
}

export async function signOffAssessment(trx: Trx, assessmentId: number, by: string, on: string): Promise<void> {
  await trx
    .updateTable('equality_assessments')
    .set({ status: 'signed_off', signed_off_by: by, signed_off_on: on })
    .where('id', '=', assessmentId)
    .execute();
}
