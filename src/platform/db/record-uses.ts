import { sql } from 'kysely';
import type { Trx } from './database.ts';

/** Rows of one table that refer to a record through one foreign key column. */
export interface RecordUse {
  table: string;
  column: string;
  count: number;
  /** The foreign key deletes these rows with the record (ON DELETE CASCADE). */
  deletedWithIt: boolean;
}

/**
 * Every row that refers to a record by its id, counted by table and column, found from the
 * database's own foreign keys: a table added later is counted without changing this. Row-level
 * security limits the counts to the transaction's partnership.
 */
export async function recordUses(trx: Trx, table: string, id: number): Promise<RecordUse[]> {
  const references = await sql<{ table_name: string; column_name: string; on_delete: string }>`
    select c.conrelid::regclass::text as table_name, a.attname as column_name, c.confdeltype as on_delete
    from pg_constraint c
    cross join lateral unnest(c.confkey, c.conkey) as k(referenced, referencing)
    join pg_attribute r on r.attrelid = c.confrelid and r.attnum = k.referenced and r.attname = 'id'
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.referencing
    where c.contype = 'f' and c.confrelid = to_regclass(${table})
    order by 1, 2`.execute(trx);
  const uses: RecordUse[] = [];
  for (const ref of references.rows) {
    const counted = await sql<{
      n: string | number;
    }>`select count(*) as n from ${sql.table(ref.table_name)} where ${sql.ref(ref.column_name)} = ${id}`.execute(trx);
    const count = Number(counted.rows[0]?.n ?? 0);
    if (count > 0) uses.push({ table: ref.table_name, column: ref.column_name, count, deletedWithIt: ref.on_delete === 'c' });
  }
  return uses;
}

/** Plain-English nouns (one, many) for the tables that refer to other records. */
const nouns: Record<string, readonly [string, string]> = {
  actions: ['action', 'actions'],
  action_plans: ['action plan', 'action plans'],
  agenda_items: ['agenda item', 'agenda items'],
  bodies: ['body that reports to it', 'bodies that report to it'],
  body_members: ['member', 'members'],
  body_priorities: ['link to a body that delivers it', 'links to bodies that deliver it'],
  body_themes: ['link to a body that delivers it', 'links to bodies that deliver it'],
  funding_applications: ['funding application', 'funding applications'],
  funding_spend: ['spending record', 'spending records'],
  indicators: ['performance indicator', 'performance indicators'],
  meeting_attendance: ['attendance record', 'attendance records'],
  meeting_decisions: ['decision', 'decisions'],
  meetings: ['meeting', 'meetings'],
  priority_alignments: ['alignment with a priority of another plan', 'alignments with priorities of other plans'],
  priority_commentaries: ['performance commentary', 'performance commentaries'],
};

export function usesInWords(use: Pick<RecordUse, 'table' | 'count'>): string {
  const [one, many] = nouns[use.table] ?? [`${use.table.replace(/_/g, ' ')} record`, `${use.table.replace(/_/g, ' ')} records`];
  return `${use.count.toLocaleString('en-GB')} ${use.count === 1 ? one : many}`;
}

/** Whether a record can be deleted, and what deleting it would also delete, in words. */
export interface DeleteCheck {
  /** What still uses the record: deleting is refused while any remain. */
  blockers: string[];
  /** What goes with it (rows the foreign keys delete too). */
  alsoDeleted: string[];
}

/**
 * The delete check of a record: rows that refer to it block the delete, unless their foreign key
 * deletes them with it; tables named in alwaysBlock block even then (spending under an application).
 * The record is locked first, so nothing can start using it between the check and the delete.
 */
export async function deleteCheck(trx: Trx, table: string, id: number, alwaysBlock: readonly string[] = []): Promise<DeleteCheck> {
  await sql`select 1 from ${sql.table(table)} where id = ${id} for update`.execute(trx);
  const uses = await recordUses(trx, table, id);
  const blocks = (u: RecordUse) => !u.deletedWithIt || alwaysBlock.includes(u.table);
  return { blockers: uses.filter(blocks).map(usesInWords), alsoDeleted: uses.filter((u) => !blocks(u)).map(usesInWords) };
}

/** A delete: done, or refused because other records still use the record (check.blockers says which). */
export interface DeleteResult<T> {
  ok: boolean;
  record: T;
  check: DeleteCheck;
}

/**
 * Deletes a record unless other records use it: the check (which locks the record), then remove(),
 * which deletes it and writes its audit row, in the caller's transaction.
 */
export async function deleteUnlessUsed<T>(
  trx: Trx,
  where: { table: string; id: number; alwaysBlock?: readonly string[] },
  record: T,
  remove: () => Promise<void>,
): Promise<DeleteResult<T>> {
  const check = await deleteCheck(trx, where.table, where.id, where.alwaysBlock);
  if (check.blockers.length) return { ok: false, record, check };
  await remove();
  return { ok: true, record, check };
}
