import type { FastifyInstance, FastifyReply } from 'fastify';
import { formErrors, validateForm, type FormErrors } from '../../platform/forms.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { paths, routes } from '../../platform/paths.ts';
import type { Services } from '../../platform/feature.ts';
import { agencyForm, agencyListFlashFrom } from './agency-schemas.ts';
import { agencyFormValues, agencyFormView, agencyTableRows, postedAgencyValues, type AgencyFormValues } from './agency-view-models.ts';

const adminOnly = { config: { access: 'agencies.manage' } } as const;

const BLANK: AgencyFormValues = { name: '', agencyType: '', responsibleAuthority: '' };

/** The partnership's member agencies: list, add and change. Partnership administrators only. */
export default async function agencyRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { agencies } = opts.services;

  const addPage = (reply: FastifyReply, values: AgencyFormValues, errors?: FormErrors) =>
    reply.view('agencies/views/form.njk', {
      pageTitle: 'Add an agency',
      heading: 'Add an agency',
      action: paths.admin.agencies.create(),
      submitText: 'Add agency',
      errors,
      ...agencyFormView(values),
    });

  const changePage = (reply: FastifyReply, agency: { id: number; name: string }, values: AgencyFormValues, errors?: FormErrors) =>
    reply.view('agencies/views/form.njk', {
      pageTitle: 'Change agency details',
      heading: 'Change agency details',
      caption: agency.name,
      action: paths.admin.agencies.edit(agency.id),
      submitText: 'Save changes',
      errors,
      ...agencyFormView(values),
    });

  app.get(paths.admin.agencies.list(), adminOnly, async (request, reply) => {
    const list = await agencies.list(actorFrom(request));
    const { added, changed } = agencyListFlashFrom(request.query);
    const named = (id: number | undefined) => (id === undefined ? undefined : list.find((a) => a.id === id)?.name);
    const addedName = named(added);
    const changedName = named(changed);
    const flash = addedName ? `${addedName} has been added` : changedName ? `${changedName} has been changed` : undefined;
    return reply.view('agencies/views/list.njk', { pageTitle: 'Agencies', rows: agencyTableRows(list), flash });
  });

  app.get(paths.admin.agencies.create(), adminOnly, async (_request, reply) => addPage(reply, BLANK));

  app.post(paths.admin.agencies.create(), adminOnly, async (request, reply) => {
    const form = validateForm(agencyForm, request.body);
    if (!form.ok) return addPage(reply.code(400), postedAgencyValues(form.values), form.errors);
    const result = await agencies.create(actorFrom(request), form.data);
    if (!result.ok) {
      return addPage(reply.code(400), postedAgencyValues(request.body), formErrors([[result.field, result.message]]));
    }
    return reply.redirect(`${paths.admin.agencies.list()}?added=${result.agencyId}`, 303);
  });

  app.get(routes.agencyEdit, adminOnly, async (request, reply) => {
    const agency = await agencies.get(actorFrom(request), recordIdFrom(request.params));
    return changePage(reply, agency, agencyFormValues(agency));
  });

  app.post(routes.agencyEdit, adminOnly, async (request, reply) => {
    const actor = actorFrom(request);
    // Find the agency first, so an id from another partnership is a 404 whatever was posted.
    const agency = await agencies.get(actor, recordIdFrom(request.params));
    const form = validateForm(agencyForm, request.body);
    if (!form.ok) return changePage(reply.code(400), agency, postedAgencyValues(form.values), form.errors);
    const result = await agencies.update(actor, agency.id, form.data);
    if (!result.ok) {
      return changePage(reply.code(400), agency, postedAgencyValues(request.body), formErrors([[result.field, result.message]]));
    }
    return reply.redirect(`${paths.admin.agencies.list()}?changed=${agency.id}`, 303);
  });
}
