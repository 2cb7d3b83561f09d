import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FormErrors } from '../../platform/forms.ts';
import { formRoutes } from '../../platform/http/form-routes.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import type { Services } from '../../platform/feature.ts';
import { agencyPaths } from './agency-paths.ts';
import { agencyForm, agencyListFlashFrom } from './agency-schemas.ts';
import { agencyFormValues, agencyFormView, agencyTableRows, postedAgencyValues } from './agency-view-models.ts';

const ACCESS = 'agencies.manage';

/** The partnership's member agencies: list, add and change. Partnership administrators only. */
export default async function agencyRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { agencies } = opts.services;

  /** The add or change form, with the values as stored or as posted. */
  const formPage = (
    reply: FastifyReply,
    page: { heading: string; caption?: string; action: string; submitText: string },
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) => reply.view('agencies/views/form.njk', { pageTitle: page.heading, ...page, errors, ...agencyFormView(postedAgencyValues(values)) });

  app.get(agencyPaths.list(), { config: { access: ACCESS } }, async (request, reply) => {
    const list = await agencies.list(actorFrom(request));
    const { added, changed } = agencyListFlashFrom(request.query);
    const named = (id: number | undefined) => (id === undefined ? undefined : list.find((a) => a.id === id)?.name);
    const addedName = named(added);
    const changedName = named(changed);
    const flash = addedName ? `${addedName} has been added` : changedName ? `${changedName} has been changed` : undefined;
    return reply.view('agencies/views/list.njk', { pageTitle: 'Agencies', rows: agencyTableRows(list), flash });
  });

  formRoutes(app, agencyPaths.create(), {
    access: ACCESS,
    load: async () => null,
    values: () => ({ name: '', agencyType: '', responsibleAuthority: '' }),
    schema: agencyForm,
    render: (reply, page) =>
      formPage(reply, { heading: 'Add an agency', action: agencyPaths.create(), submitText: 'Add agency' }, page.values, page.errors),
    save: async (request, _loaded, data) => {
      const result = await agencies.create(actorFrom(request), data);
      if (!result.ok) return { errors: [[result.field, result.message]] };
      return { redirect: `${agencyPaths.list()}?added=${result.agencyId}` };
    },
  });

  formRoutes(app, agencyPaths.edit(':id'), {
    access: ACCESS,
    // Found first, so an id from another partnership is a 404 whatever was posted.
    load: (request) => agencies.get(actorFrom(request), recordIdFrom(request.params)),
    values: agencyFormValues,
    schema: agencyForm,
    render: (reply, { loaded: agency, values, errors }) =>
      formPage(
        reply,
        { heading: 'Change agency details', caption: agency.name, action: agencyPaths.edit(agency.id), submitText: 'Save changes' },
        values,
        errors,
      ),
    save: async (request, agency, data) => {
      const result = await agencies.update(actorFrom(request), agency.id, data);
      if (!result.ok) return { errors: [[result.field, result.message]] };
      return { redirect: `${agencyPaths.list()}?changed=${agency.id}` };
    },
  });
}
