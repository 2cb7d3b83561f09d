import { z } from 'zod';
import { roles } from '../../platform/db/schema.ts';

const EMAIL_FORMAT = 'Enter an email address in the correct format, like name@example.org';

/** The user form, as posted from the add and change pages. */
export const userForm = z.object({
  name: z
    .string({ error: 'Enter their full name' })
    .trim()
    .min(1, 'Enter their full name')
    .max(200, 'Full name must be 200 characters or fewer'),
  email: z
    .string({ error: 'Enter an email address' })
    .trim()
    .min(1, 'Enter an email address')
    .max(320, 'Email address must be 320 characters or fewer')
    .pipe(z.email(EMAIL_FORMAT)),
  agencyId: z
    .string({ error: 'Select an agency' })
    .regex(/^[1-9][0-9]{0,9}$/, 'Select an agency')
    .transform(Number),
  role: z.enum(roles, { error: 'Select a role' }),
});
