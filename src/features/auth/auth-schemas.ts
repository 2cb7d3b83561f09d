import { z } from 'zod';

export const signInForm = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .max(320, 'Email address must be 320 characters or fewer'),
  password: z
    .string({ error: 'Enter your password' })
    .min(1, 'Enter your password')
    .max(1024, 'Enter a correct email address and password'),
});

export const codeForm = z.object({
  code: z
    .string({ error: 'Enter the code from your authenticator app' })
    .trim()
    .min(1, 'Enter the code from your authenticator app')
    .max(20, 'Enter a 6-digit code or a recovery code'),
});

export const newPasswordForm = z
  .object({
    password: z.string({ error: 'Enter a new password' }).min(1, 'Enter a new password'),
    confirmPassword: z.string({ error: 'Enter the new password again' }).min(1, 'Enter the new password again'),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match' });
