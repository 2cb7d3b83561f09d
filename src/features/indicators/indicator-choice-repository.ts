import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.ts';

/** What the indicator form offers: the partnership's priorities, themes, people, datasets and survey questions. */

export interface Choice {
  id: number;
  name: string;
}

/** The priorities or themes of every plan, the newest plan's first, each plan's in its order. */
const planItems =
  (table: 'priorities' | 'themes') =>
  (trx: Trx, partnershipId: number): Promise<Choice[]> =>
    trx
      .selectFrom(table)
      .select(['id', 'title as name'])
      .where('partnership_id', '=', partnershipId)
      .orderBy('plan_id', 'desc')
      .orderBy('position')
      .orderBy('id')
      .execute();

export const listPriorities = planItems('priorities');
export const listThemes = planItems('themes');

export const listActiveUsers = (trx: Trx, partnershipId: number): Promise<Choice[]> =>
  trx
    .selectFrom('users')
    .select(['id', 'name'])
    .where('partnership_id', '=', partnershipId)
    .where('disabled_at', 'is', null)
    .orderBy(sql`lower(name)`)
    .execute();

export const listDatasets = (trx: Trx, partnershipId: number): Promise<Choice[]> =>
  trx
    .selectFrom('service_usage_datasets')
    .select(['id', 'name'])
    .where('partnership_id', '=', partnershipId)
    .orderBy(sql`lower(name)`)
    .execute();

export interface SurveyQuestionRow {
  question: string;
  years: number[];
}

/** Each question of the partnership's survey results, with the years it was asked. */
export async function listSurveyQuestions(trx: Trx, partnershipId: number): Promise<SurveyQuestionRow[]> {
  const rows = await trx
    .selectFrom('survey_results')
    .select(['question', sql<number[]>`array_agg(distinct survey_year order by survey_year)`.as('years')])
    .where('partnership_id', '=', partnershipId)
    .groupBy('question')
    .orderBy('question')
    .execute();
  return rows.map((r) => ({ question: r.question, years: r.years.map(Number) }));
}
