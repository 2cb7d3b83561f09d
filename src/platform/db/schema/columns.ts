import type { ColumnType, Generated } from 'kysely';

/**
 * The kinds of column the tables share, as Kysely sees them: what a select gives, what an insert
 * takes and what an update takes. A column with a default or an identity is Generated<> (an insert
 * may leave it out); schema.db.test.ts checks every column against the database.
 *
 * Values come back as src/platform/db/database.ts parses them: bigint as a number, date as
 * 'YYYY-MM-DD' text, numeric as text (exact: add and compare it in SQL), timestamptz as a Date.
 */

/** timestamptz not null default now(), set when the row is made and never changed. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** timestamptz not null default now(), changed when the row is. */
export type ChangedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** timestamptz not null, with no default. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** timestamptz, null until it happens. */
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** numeric not null: text when read, a number or text when written. */
export type Numeric = ColumnType<string, string | number, string | number>;
export type NullableNumeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;

/** text[] not null default '{}'. */
export type TextArray = Generated<string[]>;

/** jsonb not null with no default: written as JSON text (JSON.stringify), read as the parsed value T. */
export type Json<T> = ColumnType<T, string, string>;
export type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

/** A column of a view: read only. */
export type ViewColumn<T> = ColumnType<T, never, never>;
