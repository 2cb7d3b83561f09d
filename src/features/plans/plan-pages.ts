import type { FastifyReply, FastifyRequest } from 'fastify';
import { deletePageContext, type DeletePage } from '../../platform/deletes.ts';
import type { FormPage } from '../../platform/http/form-routes.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import type { Actor } from '../audit/events.ts';
import type { FormField } from './plan-form-fields.ts';

/** What the plans' route modules share: the messages after a change, the form page and the delete page. */

/** The messages a page of plans shows after a change (?done=<key>). */
export const planNotices = {
  saved: 'Your changes have been saved',
  created: 'Added',
  refreshed: 'The plan has been refreshed. Earlier versions stay readable',
  moved: 'The order has been changed',
  'priority-deleted': 'The priority has been deleted',
  'theme-deleted': 'The cross-cutting theme has been deleted',
  'section-deleted': 'The introduction section has been deleted',
  'result-deleted': 'The survey result has been deleted',
} as const;

/** The words of a form page (views/form.njk) for one record; its fields come from the form's values. */
interface FormPageText {
  pageTitle: string;
  caption?: string;
  intro?: string;
  action: string;
  backHref: string;
  submitText: string;
}

/** formRoutes()'s render for the shared form page: the page's words for the record, and the fields for the values. */
export function formPage<Loaded>(text: (loaded: Loaded) => FormPageText, fields: (values: Record<string, unknown>) => FormField[]) {
  return (reply: FastifyReply, page: FormPage<Loaded>): FastifyReply => {
    const words = text(page.loaded);
    return reply.view('plans/views/form.njk', { heading: words.pageTitle, ...words, fields: fields(page.values), errors: page.errors });
  };
}

/** formRoutes()'s load for a record found by the route's :id with a service method (a 404 if it is not the partnership's). */
export const byId =
  <T>(find: (actor: Actor, id: number) => Promise<T>) =>
  (request: FastifyRequest): Promise<T> =>
    find(actorFrom(request), recordIdFrom(request.params));

/** The "Are you sure you want to delete …?" page, or the page saying what still uses the record. */
export const confirmDelete = (reply: FastifyReply, page: DeletePage): FastifyReply =>
  reply.view('confirm-delete.njk', deletePageContext(page));
