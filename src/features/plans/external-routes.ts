import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { exportLinks, exportRoutes } from '../../platform/exports.ts';
import type { Services } from '../../platform/feature.ts';
import { validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { formRoutes } from '../../platform/http/form-routes.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { externalExport } from './plan-exports.ts';
import { externalFields, externalValues } from './plan-form-fields.ts';
import { byId, formPage, planNotices } from './plan-pages.ts';
import { planPaths } from './plan-paths.ts';
import { externalForm } from './plan-schemas.ts';
import { externalGroups } from './plan-view-models.ts';

/**
 * The priorities of other plans (the county agreement, the police and crime commissioner's plan)
 * that each priority can align with: the list with its add form, and the change form.
 */
export default async function externalRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { plans } = opts.services;
  const loadExternal = byId(plans.getExternal);

  // The add form is part of the list, which everyone may read: the list and the add are two routes, each with its access.
  const listPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.view('plans/views/external.njk', {
      pageTitle: 'Priorities of other plans',
      groups: externalGroups(await plans.listExternal(actorFrom(request))),
      exports: exportLinks(planPaths.externalExport, 'the priorities of other plans'),
      fields: externalFields(values),
      errors,
      flash: noticeFrom(request, planNotices),
    });
  app.get(planPaths.external(), { config: { access: 'plans.read' } }, async (request, reply) => listPage(request, reply, {}));
  app.post(planPaths.external(), { config: { access: 'plans.edit' } }, async (request, reply) => {
    const form = validateForm(externalForm, request.body);
    if (!form.ok) return listPage(request, reply.code(400), form.values, form.errors);
    await plans.addExternal(actorFrom(request), form.data);
    return reply.redirect(`${planPaths.external()}?done=saved`, 303);
  });
  exportRoutes(app, 'plans.read', planPaths.externalExport, async (request) =>
    externalExport(await plans.listExternal(actorFrom(request))),
  );

  formRoutes(app, planPaths.editExternal(':id'), {
    access: 'plans.edit',
    load: loadExternal,
    values: externalValues,
    schema: externalForm,
    render: formPage(
      (e) => ({
        pageTitle: 'Change a priority of another plan',
        action: planPaths.editExternal(e.id),
        backHref: planPaths.external(),
        submitText: 'Save changes',
      }),
      externalFields,
    ),
    save: async (request, e, data) => {
      await plans.updateExternal(actorFrom(request), e.id, data);
      return { redirect: `${planPaths.external()}?done=saved` };
    },
  });
}
