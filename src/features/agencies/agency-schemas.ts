import { z } from 'zod';
import { agencyTypes } from '../../platform/db/schema.ts';
import { recordId } from '../../platform/http/params.ts';

/** The agency form, as posted from the add and change pages. */
export const agencyForm = z.object({
  name: z
    .string({ error: 'Enter the agency name' })
    .trim()
    .min(1, 'Enter the agency name')
    .max(200, 'Agency name must be 200 characters or fewer'),
  agencyType: z.enum(agencyTypes, { error: 'Select the type of agency' }),
  responsibleAuthority: z
    .enum(['yes', 'no'], { error: 'Select yes if it is a responsible authority under the Crime and Disorder Act 1998' })
    .transform((answer) => answer === 'yes'),
});

/** Which success message the list shows after a change: the id of the agency added or changed. */
const listQuery = z.object({ added: recordId.optional(), changed: recordId.optional() });

export function agencyListFlashFrom(query: unknown): { added?: number; changed?: number } {
  const result = listQuery.safeParse(query);
  return result.success ? result.data : {};
}
