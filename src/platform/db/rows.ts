import { sql, type Insertable } from 'kysely';
import type { Trx } from './database.ts';
import type { DB } from './schema.ts';

/** The tables whose rows have an id column. */
export type TableWithId = { [T in keyof DB]: DB[T] extends { id: unknown } ? T : never }[keyof DB];

/** Inserts one row and gives back its id (the statement every repository's insert… function makes). */
export async function insertReturningId<T extends TableWithId>(trx: Trx, table: T, values: Insertable<DB[T]>): Promise<number> {
  const row = await trx.insertInto(table).values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Whether a row of the table other than exceptId has this text in the column, whatever its case (names that must not repeat). */
export async function textTaken<T extends TableWithId>(
  trx: Trx,
  table: T,
  column: keyof DB[T] & string,
  text: string,
  exceptId?: number,
): Promise<boolean> {
  const found = await sql<{ id: number }>`select id from ${sql.table(table)}
    where lower(${sql.ref(column)}) = lower(${text}) and id is distinct from ${exceptId ?? null} limit 1`.execute(trx);
  return found.rows.length > 0;
}
