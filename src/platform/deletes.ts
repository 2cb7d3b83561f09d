import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../features/audit/events.ts';
import type { DeleteCheck, DeleteResult } from './db/record-uses.ts';
import { actorFrom } from './http/actor.ts';
import { recordIdFrom } from './http/params.ts';
import type { Access } from './http/types.ts';
import type { Id } from './paths.ts';

/** What the delete confirmation page (confirm-delete.njk) shows for one record. */
export interface DeletePage {
  /** The record in words, with its kind: the priority “Reducing ASB”. */
  what: string;
  caption?: string;
  /** Where the form posts to delete it. */
  action: string;
  /** Where Cancel and Back go: the record's page or its list. */
  cancelHref: string;
  check: DeleteCheck;
}

/**
 * The page asking "Are you sure you want to delete …?" with a warning button; or, while other
 * records still use it, the page saying it cannot be deleted and what uses it.
 */
export function deletePageContext(page: DeletePage): Record<string, unknown> {
  const blocked = page.check.blockers.length > 0;
  const heading = blocked ? `You cannot delete ${page.what}` : `Are you sure you want to delete ${page.what}?`;
  return {
    pageTitle: heading,
    heading,
    caption: page.caption,
    blocked,
    blockers: page.check.blockers,
    alsoDeleted: page.check.alsoDeleted,
    action: page.action,
    cancelHref: page.cancelHref,
  };
}

/** A name for a delete page: quoted, and cut to 80 characters with … if longer. */
export function quoted(name: string): string {
  const text = name.replace(/\s+/g, ' ').trim();
  return `“${text.length > 80 ? `${text.slice(0, 79).trimEnd()}…` : text}”`;
}

/** A record's delete routes: how to find it and what uses it, how to delete it, its page and where to go after. */
export interface DeleteSpec<T extends { id: number }> {
  access: Access;
  /** The record (a 404 for one the user may not see) and what still uses it. */
  find: (actor: Actor, id: number) => Promise<{ record: T; check: DeleteCheck }>;
  /** Deletes the record unless other records use it. */
  remove: (actor: Actor, id: number) => Promise<DeleteResult<T>>;
  /** The record in words, with its kind: the priority “Reducing ASB”. */
  what: (record: T) => string;
  caption?: (record: T) => string;
  /** Where Cancel and Back go: the record's page, or the section (`#members`) of the page it is part of. */
  back: (record: T) => string;
  /**
   * Where to go once it is deleted, with the ?done= key of the message to show there; or only the
   * key, to go back where Cancel goes (the section of the page the record was part of) with it.
   */
  done: string | ((record: T) => string);
}

/** A link with a ?done= notice key, before its #section if it has one. */
export function withNotice(href: string, key: string): string {
  const [page, section] = href.split('#');
  return `${page}?done=${key}${section === undefined ? '' : `#${section}`}`;
}

/**
 * The delete pattern, the same for every record at `path(':id')`:
 * - GET asks "Are you sure you want to delete …?", or says what still uses the record;
 * - POST deletes it and goes where done says (303), or, when other records have started using it
 *   since, shows what uses it with 409 and deletes nothing.
 */
export function deleteRoutes<T extends { id: number }>(app: FastifyInstance, path: (id: Id) => string, spec: DeleteSpec<T>): void {
  const config = { config: { access: spec.access } };
  const confirm = (reply: FastifyReply, record: T, check: DeleteCheck) => {
    const page = { what: spec.what(record), caption: spec.caption?.(record), action: path(record.id), cancelHref: spec.back(record) };
    return reply.view('confirm-delete.njk', deletePageContext({ ...page, check }));
  };
  const done = (record: T) => (typeof spec.done === 'string' ? withNotice(spec.back(record), spec.done) : spec.done(record));
  app.get(path(':id'), config, async (request, reply) => {
    const { record, check } = await spec.find(actorFrom(request), recordIdFrom(request.params));
    return confirm(reply, record, check);
  });
  app.post(path(':id'), config, async (request, reply) => {
    const result = await spec.remove(actorFrom(request), recordIdFrom(request.params));
    if (!result.ok) return confirm(reply.code(409), result.record, result.check);
    return reply.redirect(done(result.record), 303);
  });
}
