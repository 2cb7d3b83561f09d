import { z } from 'zod';
import { notFound } from '../errors.ts';

/** A record id in the URL or a query: a positive whole number that fits the database's integer column. */
export const recordId = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/)
  .transform(Number)
  .refine((id) => id <= 2_147_483_647);

const idParams = z.object({ id: recordId });

/** The record id from a route's `:id` parameter; anything else is a page that does not exist (404). */
export function recordIdFrom(params: unknown): number {
  const result = idParams.safeParse(params);
  if (!result.success) throw notFound();
  return result.data.id;
}
