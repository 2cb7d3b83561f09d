import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { exportLinks, exportRoutes } from '../../platform/exports.ts';
import type { Services } from '../../platform/feature.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import type { Actor } from '../audit/events.ts';
import { actionListQueryString, actionListTitle, actionListViews, exportTitle, pageTitle } from './action-list-view-models.ts';
import { actionPaths } from './action-plan-paths.ts';
import { actionListQueryFrom, type ActionListQuery } from './action-plan-schemas.ts';
import { actionsExport, actionTableRows, choiceItems } from './action-plan-view-models.ts';

const readers = { config: { access: 'action-plans.read' } } as const;

/** The lists of actions: all, mine, overdue, at risk or off track, each filtered by priority or group, and their downloads. */
export default async function actionListRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const service = opts.services.actionPlans;

  /** The list's actions, the choices its filters offer and its title. */
  const load = async (actor: Actor, query: ActionListQuery) => {
    const [actions, choices, plans] = await Promise.all([
      service.listActions(actor, query),
      service.choices(actor),
      query.plan === undefined ? [] : service.listPlans(actor),
    ]);
    return { actions, choices, title: actionListTitle(query, choices, plans) };
  };

  const listPage = async (request: FastifyRequest, reply: FastifyReply, query: ActionListQuery) => {
    const { actions, choices, title } = await load(actorFrom(request), query);
    return reply.view('action-plans/views/actions.njk', {
      pageTitle: pageTitle(title),
      heading: title.heading,
      rows: actionTableRows(actions),
      count: actions.length,
      priorityItems: choiceItems(choices.priorities, query.priority, 'All priorities'),
      bodyItems: choiceItems(choices.bodies, query.body, 'All groups'),
      filterAction: request.url.split('?')[0],
      exports: exportLinks(actionPaths.export, 'this list of actions', actionListQueryString(query)),
      views: actionListViews(query.show),
    });
  };

  const lists = [
    [actionPaths.list(), undefined],
    [actionPaths.mine(), 'mine'],
    [actionPaths.overdue(), 'overdue'],
    [actionPaths.atRisk(), 'at-risk'],
  ] as const;
  for (const [url, show] of lists) {
    app.get(url, readers, async (request, reply) => {
      const query = actionListQueryFrom(request.query);
      return listPage(request, reply, show ? { ...query, show } : query);
    });
  }

  // The list "show" comes from the query here, as the download links carry it (?show=mine).
  exportRoutes(app, 'action-plans.read', actionPaths.export, async (request) => {
    const query = actionListQueryFrom(request.query);
    const { actions, title } = await load(actorFrom(request), query);
    return actionsExport(actions, exportTitle(title));
  });
}
