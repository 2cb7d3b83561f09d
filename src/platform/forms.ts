import type { z } from 'zod';

/** Field errors in the shape the GOV.UK error summary and form components take. */
export interface FormErrors {
  summary: { text: string; href: string }[];
  fields: Record<string, { text: string }>;
}

/** What a service answers to a save it may refuse: done (with what it made), or the field it refuses and why. */
export type FieldResult<T> = ({ ok: true } & T) | { ok: false; field: string; message: string };

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors; values: Record<string, unknown> };

export function formErrors(messages: [field: string, message: string][]): FormErrors {
  const errors: FormErrors = { summary: [], fields: {} };
  for (const [field, text] of messages) {
    if (errors.fields[field]) continue;
    errors.fields[field] = { text };
    errors.summary.push({ text, href: `#${field}` });
  }
  return errors;
}

/** The fields of a posted form body, or none when there is no body. */
export function postedFields(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

/**
 * Validates a posted form against its schema. On failure, returns the errors in the order of the
 * form's fields and the values as typed, so the page can be shown again with both.
 */
export function validateForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const values = { ...postedFields(body) };
  delete values['_csrf'];
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    values,
    errors: formErrors(result.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])),
  };
}
