import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../errors.ts';
import { formErrors, postedFields, validateForm, type FieldResult, type FormErrors } from '../forms.ts';
import type { Access } from './types.ts';

/** What a form page is shown with: the record (or its parent, for an add form), the values and any errors. */
export interface FormPage<Loaded> {
  loaded: Loaded;
  values: Record<string, unknown>;
  errors?: FormErrors;
}

/** Where to go after a save, or what is wrong with the form that only the service could tell. */
export type SaveOutcome = { redirect: string } | { errors: [field: string, message: string][] };

/** A service's FieldResult as a SaveOutcome: go to redirect(result) when it is done, else the form again with the field's error. */
export function savedOr<T>(result: FieldResult<T>, redirect: (saved: T) => string): SaveOutcome {
  return result.ok ? { redirect: redirect(result) } : { errors: [[result.field, result.message]] };
}

export interface FormSpec<Loaded, S extends z.ZodType> {
  access: Access;
  /** Finds the record the form is about (a 404 for one the user may not see), or its parent for an add form. */
  load: (request: FastifyRequest) => Promise<Loaded>;
  /** The form's values for the record as stored (with its `version`, where edits are checked for staleness). */
  values: (loaded: Loaded) => Record<string, unknown>;
  schema: S;
  render: (reply: FastifyReply, page: FormPage<Loaded>) => FastifyReply;
  save: (request: FastifyRequest, loaded: Loaded, data: z.output<S>) => Promise<SaveOutcome>;
}

/**
 * The add and change form pattern, the same for every feature:
 * - GET shows the form with the record's stored values;
 * - POST checks the form with its schema: errors show the form again with the GOV.UK error summary
 *   (400), and so do errors the service finds (an unknown choice, say);
 * - a save goes where save() says with 303 (post/redirect/get);
 * - a save of a record someone else changed since the form was opened (the service throws
 *   CONFLICT) shows the form again with 409, the values as posted, the record's current version and
 *   a message saying so, so the user can check the other change and save again.
 */
export function formRoutes<Loaded, S extends z.ZodType>(app: FastifyInstance, route: string, spec: FormSpec<Loaded, S>): void {
  const config = { config: { access: spec.access } };
  app.get(route, config, async (request, reply) => {
    const loaded = await spec.load(request);
    return spec.render(reply, { loaded, values: spec.values(loaded) });
  });
  app.post(route, config, async (request, reply) => {
    const loaded = await spec.load(request);
    const form = validateForm(spec.schema, request.body);
    if (!form.ok) return spec.render(reply.code(400), { loaded, values: form.values, errors: form.errors });
    try {
      const outcome = await spec.save(request, loaded, form.data);
      if ('redirect' in outcome) return reply.redirect(outcome.redirect, 303);
      return spec.render(reply.code(400), { loaded, values: postedFields(request.body), errors: formErrors(outcome.errors) });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'CONFLICT') throw error;
      const current = await spec.load(request);
      const stored = spec.values(current);
      const values = { ...postedFields(request.body), ...('version' in stored ? { version: stored['version'] } : {}) };
      return spec.render(reply.code(409), { loaded: current, values, errors: formErrors([['form', error.message]]) });
    }
  });
}
