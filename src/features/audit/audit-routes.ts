import type { FastifyInstance } from 'fastify';
import { actorFrom } from '../../platform/http/actor.ts';
import type { Services } from '../../platform/feature.ts';
import { auditPaths } from './audit-paths.ts';
import { parseAuditQuery } from './audit-schemas.ts';
import {
  AUDIT_PAGE_SIZE,
  actionSelectItems,
  auditEventRows,
  auditPagination,
  dateInputItems,
  isFiltered,
  resultsSummary,
  userSelectItems,
} from './audit-view-models.ts';

const TEMPLATE = 'audit/views/audit-log.njk';
const PAGE_TITLE = 'Audit log';

/** The audit log, for the partnership's administrators. Reading it is not itself audited. */
export default async function auditRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;

  app.get(auditPaths.log(), { config: { access: 'audit.read' } }, async (request, reply) => {
    const actor = actorFrom(request);
    const users = await services.users.list(actor);
    const parsed = parseAuditQuery(request.query, new Set(users.map((u) => u.id)), services.audit.events);
    const { values } = parsed;
    const dateErrors = parsed.ok ? {} : parsed.dateErrors;
    const filtered = isFiltered(values);
    const form = {
      pageTitle: PAGE_TITLE,
      userItems: userSelectItems(users, values.user),
      actionItems: actionSelectItems(values.action, services.audit.events),
      fromItems: dateInputItems(values, 'from', dateErrors.from),
      toItems: dateInputItems(values, 'to', dateErrors.to),
      filtered,
    };
    if (!parsed.ok) return reply.code(400).view(TEMPLATE, { ...form, errors: parsed.errors });

    const { page } = parsed.query;
    const { rows, total } = await services.audit.search(actor, { ...parsed.query, pageSize: AUDIT_PAGE_SIZE });
    return reply.view(TEMPLATE, {
      ...form,
      rows: auditEventRows(rows, services.audit.events),
      summary: resultsSummary(page, rows.length, total, filtered),
      pagination: auditPagination(values, page, total),
    });
  });
}
