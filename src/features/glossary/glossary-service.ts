import type { Database, Trx } from '../../platform/db/database.ts';
import { deleteCheck } from '../../platform/db/record-uses.ts';
import { notFound } from '../../platform/errors.ts';
import { tenantIfAllowed } from '../../platform/policies.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import type { Actor } from '../audit/events.ts';
import * as repo from './glossary-repository.ts';

/** A term saved, or what is wrong with it that only the database could tell (the same term twice). */
export type SaveTermResult = { ok: true; id: number } | { ok: false; field: 'term'; message: string };

/** The partnership's glossary: its terms, their changes and the audit of each. */
export function createGlossaryService(deps: { db: Database }) {
  const tenant = <T>(actor: Actor, fn: (trx: Trx) => Promise<T>) => deps.db.tenant(actor.partnershipId, fn);
  /** The glossary is part of the plans: changed by those who may edit plans. */
  const edit = tenantIfAllowed(deps.db, 'plans.edit');

  async function mustFind(trx: Trx, id: number): Promise<repo.TermRow> {
    const term = await repo.findTerm(trx, id);
    if (!term) throw notFound();
    return term;
  }

  return {
    list: (actor: Actor) => tenant(actor, (trx) => repo.listGlossary(trx)),

    /** One term; a 404 if it is not this partnership's. */
    get: (actor: Actor, id: number) => tenant(actor, (trx) => mustFind(trx, id)),

    /** Adds a term (no id) or changes one, unless the glossary has the term already. */
    save: (actor: Actor, id: number | undefined, input: repo.TermValues): Promise<SaveTermResult> =>
      edit(actor, async (trx) => {
        if (id !== undefined) await mustFind(trx, id);
        if (await repo.termTaken(trx, input.term, id)) return { ok: false, field: 'term', message: 'The glossary already has this term' };
        const savedId = id ?? (await repo.insertTerm(trx, actor.partnershipId, input));
        if (id !== undefined) await repo.updateTerm(trx, id, input);
        const details = { term: input.term, added: id === undefined };
        await recordAudit(trx, actor, { action: 'glossary.saved', subjectType: 'glossary_term', subjectId: savedId, details });
        return { ok: true, id: savedId };
      }),

    /** A term and whether it can be deleted (what uses it). */
    deletion: (actor: Actor, id: number) =>
      tenant(actor, async (trx) => ({ term: await mustFind(trx, id), check: await deleteCheck(trx, 'glossary_terms', id) })),

    /** Deletes a term, unless other records still use it. */
    remove: (actor: Actor, id: number) =>
      edit(actor, async (trx) => {
        const term = await mustFind(trx, id);
        const check = await deleteCheck(trx, 'glossary_terms', id);
        if (check.blockers.length) return { ok: false as const, term, check };
        await repo.deleteTerm(trx, id);
        const details = { term: term.term };
        await recordAudit(trx, actor, { action: 'glossary.deleted', subjectType: 'glossary_term', subjectId: id, details });
        return { ok: true as const, term, check };
      }),
  };
}
