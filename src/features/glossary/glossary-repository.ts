import type { Trx } from '../../platform/db/database.ts';
import { insertReturningId, textTaken } from '../../platform/db/rows.ts';

/** The SQL of the glossary (row-level security confines every query to the partnership). */

export type TermRow = NonNullable<Awaited<ReturnType<typeof findTerm>>>;

/** Every term, A to Z whatever its case: the glossary page, and what marks acronyms in the plan. */
export const listGlossary = (trx: Trx) =>
  trx
    .selectFrom('glossary_terms')
    .select(['id', 'term', 'meaning', 'is_acronym'])
    .orderBy((eb) => eb.fn('lower', ['term']))
    .execute();

export const findTerm = (trx: Trx, id: number) =>
  trx.selectFrom('glossary_terms').select(['id', 'term', 'meaning', 'is_acronym']).where('id', '=', id).executeTakeFirst();

/** Whether another term is spelt the same, whatever its case. */
export const termTaken = (trx: Trx, term: string, exceptId?: number): Promise<boolean> =>
  textTaken(trx, 'glossary_terms', 'term', term, exceptId);

export interface TermValues {
  term: string;
  meaning: string;
  isAcronym: boolean;
}

export async function insertTerm(trx: Trx, partnershipId: number, v: TermValues): Promise<number> {
  return insertReturningId(trx, 'glossary_terms', {
    partnership_id: partnershipId,
    term: v.term,
    meaning: v.meaning,
    is_acronym: v.isAcronym,
  });
}

export async function updateTerm(trx: Trx, id: number, v: TermValues): Promise<void> {
  await trx.updateTable('glossary_terms').set({ term: v.term, meaning: v.meaning, is_acronym: v.isAcronym }).where('id', '=', id).execute();
}

export async function deleteTerm(trx: Trx, id: number): Promise<void> {
  await trx.deleteFrom('glossary_terms').where('id', '=', id).execute();
}
