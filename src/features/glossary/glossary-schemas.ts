import { z } from 'zod';

/** The form that adds or changes a glossary term. */
export const glossaryForm = z.object({
  term: z.string({ error: 'Enter the term' }).trim().min(1, 'Enter the term').max(100, 'The term must be 100 characters or fewer'),
  meaning: z
    .string({ error: 'Enter what it means' })
    .trim()
    .min(1, 'Enter what it means')
    .max(2000, 'What it means must be 2000 characters or fewer'),
  isAcronym: z.enum(['yes', 'no'], { error: 'Select yes if it is an acronym or abbreviation' }).transform((v) => v === 'yes'),
});
