import type { Insertable } from 'kysely';
import type { Trx } from './database.ts';
import type { DB } from './schema.ts';

/** The tables whose rows have an id column. */
export type TableWithId = { [T in keyof DB]: DB[T] extends { id: unknown } ? T : never }[keyof DB];

/** Inserts one row and gives back its id (the statement every repository's insert… function makes). */
export async function insertReturningId<T extends TableWithId>(trx: Trx, table: T, values: Insertable<DB[T]>): Promise<number> {
  const row = await trx.insertInto(table).values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
