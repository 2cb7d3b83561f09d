import type { FastifyInstance, FastifyReply } from 'fastify';
import { deletePageContext, quoted, type DeletePage } from '../../platform/deletes.ts';
import { exportLinks, exportRoutes } from '../../platform/exports.ts';
import type { Services } from '../../platform/feature.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { formRoutes, type FormPage, type SaveOutcome } from '../../platform/http/form-routes.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { glossaryPaths } from './glossary-paths.ts';
import type { TermRow } from './glossary-repository.ts';
import { glossaryForm } from './glossary-schemas.ts';
import type { SaveTermResult } from './glossary-service.ts';
import { glossaryExport, termFormView, termValues } from './glossary-view-models.ts';

const managers = { config: { access: 'plans.edit' } } as const;

const notices = {
  saved: 'Your changes have been saved',
  deleted: 'The term has been deleted',
} as const;

/** The add form (no term yet) or the change form of a term, which also offers to delete it. */
function termPage(reply: FastifyReply, { loaded: term, values, errors }: FormPage<TermRow | undefined>): FastifyReply {
  return reply.view('glossary/views/term.njk', {
    pageTitle: term ? 'Change a glossary term' : 'Add a glossary term',
    action: term ? glossaryPaths.edit(term.id) : glossaryPaths.create(),
    submitText: term ? 'Save changes' : 'Add term',
    deleteHref: term ? glossaryPaths.remove(term.id) : undefined,
    errors,
    ...termFormView(values),
  });
}

const termDeletePage = (reply: FastifyReply, term: { id: number; term: string }, check: DeletePage['check']) =>
  reply.view(
    'confirm-delete.njk',
    deletePageContext({
      what: `the term ${quoted(term.term)}`,
      caption: 'Glossary',
      action: glossaryPaths.remove(term.id),
      cancelHref: glossaryPaths.edit(term.id),
      check,
    }),
  );

/** The glossary of the partnership's plans: everyone reads it; coordinators and admins change it. */
export default async function glossaryRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { glossary } = opts.services;

  app.get(glossaryPaths.list(), { config: { access: 'plans.read' } }, async (request, reply) =>
    reply.view('glossary/views/glossary.njk', {
      pageTitle: 'Glossary',
      terms: await glossary.list(actorFrom(request)),
      exports: exportLinks(glossaryPaths.export, 'the glossary'),
      flash: noticeFrom(request, notices),
    }),
  );
  exportRoutes(app, 'plans.read', glossaryPaths.export, async (request) => glossaryExport(await glossary.list(actorFrom(request))));

  const saved = (result: SaveTermResult): SaveOutcome =>
    result.ok ? { redirect: `${glossaryPaths.list()}?done=saved` } : { errors: [[result.field, result.message]] };

  formRoutes(app, glossaryPaths.create(), {
    access: 'plans.edit',
    load: async () => undefined,
    values: () => ({}),
    schema: glossaryForm,
    render: termPage,
    save: async (request, _none, data) => saved(await glossary.save(actorFrom(request), undefined, data)),
  });
  formRoutes(app, glossaryPaths.edit(':id'), {
    access: 'plans.edit',
    load: (request) => glossary.get(actorFrom(request), recordIdFrom(request.params)),
    values: termValues,
    schema: glossaryForm,
    render: termPage,
    save: async (request, term, data) => saved(await glossary.save(actorFrom(request), term.id, data)),
  });

  app.get(glossaryPaths.remove(':id'), managers, async (request, reply) => {
    const { term, check } = await glossary.deletion(actorFrom(request), recordIdFrom(request.params));
    return termDeletePage(reply, term, check);
  });
  app.post(glossaryPaths.remove(':id'), managers, async (request, reply) => {
    const result = await glossary.remove(actorFrom(request), recordIdFrom(request.params));
    if (!result.ok) return termDeletePage(reply.code(409), result.term, result.check);
    return reply.redirect(`${glossaryPaths.list()}?done=deleted`, 303);
  });
}
