import { z } from 'zod';

/** Long enough for any password someone could have set; anything longer cannot be theirs. */
const currentPassword = z
  .string({ error: 'Enter your current password' })
  .min(1, 'Enter your current password')
  .max(1024, 'Your current password is not correct');

export const changePasswordForm = z
  .object({
    currentPassword,
    password: z
      .string({ error: 'Enter a new password' })
      .min(1, 'Enter a new password')
      .max(1024, 'Password must be 128 characters or fewer'),
    confirmPassword: z
      .string({ error: 'Enter your new password again' })
      .min(1, 'Enter your new password again')
      .max(1024, 'The passwords do not match'),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match' });

export const recoveryCodesForm = z.object({ currentPassword });
