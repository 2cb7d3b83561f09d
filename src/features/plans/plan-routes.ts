import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { exportLinks, exportRoutes, recordExportRoutes } from '../../platform/exports.ts';
import type { Services } from '../../platform/feature.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { formRoutes } from '../../platform/http/form-routes.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { can } from '../../platform/policies.ts';
import { documentFormats, periodLabel, type DocumentFormat } from './plan-document.ts';
import { plansExport, prioritiesExport, themesExport } from './plan-exports.ts';
import { planFields, planFormValues, refreshFields } from './plan-form-fields.ts';
import { byId, formPage, planNotices } from './plan-pages.ts';
import { planPaths } from './plan-paths.ts';
import { planForm, refreshForm, versionQuery } from './plan-schemas.ts';
import { planContents, planSummaryRows, planTableRows, versionView } from './plan-view-models.ts';

const readers = { config: { access: 'plans.read' } } as const;

/** Plans themselves: the list, a plan's page, its details, its refresh and versions, and the published plan. */
export default async function planRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { plans } = opts.services;
  const loadPlan = byId(plans.getPlan);

  app.get(planPaths.list(), readers, async (request, reply) =>
    reply.view('plans/views/list.njk', {
      pageTitle: 'Plans',
      rows: planTableRows(await plans.list(actorFrom(request))),
      exports: exportLinks(planPaths.export, 'the plans'),
    }),
  );
  exportRoutes(app, 'plans.read', planPaths.export, async (request) => plansExport(await plans.list(actorFrom(request))));

  formRoutes(app, planPaths.create(), {
    access: 'plans.edit',
    load: async () => undefined,
    values: () => ({}),
    schema: planForm,
    render: formPage(
      () => ({ pageTitle: 'Create a plan', action: planPaths.create(), backHref: planPaths.list(), submitText: 'Create plan' }),
      planFields,
    ),
    save: async (request, _none, data) => ({ redirect: `${planPaths.show(await plans.create(actorFrom(request), data))}?done=created` }),
  });

  app.get(planPaths.show(':id'), readers, async (request, reply) => {
    const { plan, sections, priorities, themes, glossary } = await plans.get(actorFrom(request), recordIdFrom(request.params));
    return reply.view('plans/views/plan.njk', {
      pageTitle: plan.title,
      priorityExports: exportLinks((format) => planPaths.prioritiesExport(plan.id, format), 'the priorities'),
      themeExports: exportLinks((format) => planPaths.themesExport(plan.id, format), 'the cross-cutting themes'),
      plan,
      period: periodLabel(plan.starts_year, plan.ends_year),
      summary: planSummaryRows(plan, can(requireAuth(request), 'plans.edit'), glossary),
      ...planContents(sections, themes, glossary),
      priorities,
      flash: noticeFrom(request, planNotices),
    });
  });

  formRoutes(app, planPaths.edit(':id'), {
    access: 'plans.edit',
    load: loadPlan,
    values: planFormValues,
    schema: planForm,
    render: formPage(
      (plan) => ({
        pageTitle: 'Change the plan details',
        action: planPaths.edit(plan.id),
        backHref: planPaths.show(plan.id),
        submitText: 'Save changes',
      }),
      planFields,
    ),
    save: async (request, plan, data) => {
      await plans.update(actorFrom(request), plan.id, data);
      return { redirect: `${planPaths.show(plan.id)}?done=saved` };
    },
  });

  formRoutes(app, planPaths.refresh(':id'), {
    access: 'plans.edit',
    load: loadPlan,
    values: () => ({}),
    schema: refreshForm,
    render: formPage(
      (plan) => ({
        pageTitle: 'Refresh the plan for a new year',
        caption: plan.title,
        intro:
          `The plan as it stands now is kept as version ${plan.current_version}, under the name you give it, ` +
          'and can always be read again. ' +
          `You then carry on changing version ${plan.current_version + 1}.`,
        action: planPaths.refresh(plan.id),
        backHref: planPaths.show(plan.id),
        submitText: 'Refresh the plan',
      }),
      refreshFields,
    ),
    save: async (request, plan, data) => {
      await plans.refresh(actorFrom(request), plan.id, data.label);
      return { redirect: `${planPaths.versions(plan.id)}?done=refreshed` };
    },
  });

  app.get(planPaths.versions(':id'), readers, async (request, reply) => {
    const query = versionQuery.safeParse(request.query);
    const result = await plans.versions(actorFrom(request), recordIdFrom(request.params), query.success ? query.data.version : undefined);
    const selected = result.selected && versionView(result.selected, result.glossary ?? []);
    return reply.view('plans/views/versions.njk', {
      pageTitle: selected ? `Version ${selected.version}: ${selected.label}` : 'Versions of the plan',
      plan: result.plan,
      versions: result.versions,
      selected,
      flash: noticeFrom(request, planNotices),
    });
  });

  recordExportRoutes(app, 'plans.read', planPaths.prioritiesExport, async (actor, id) => {
    const { plan, priorities } = await plans.get(actor, id);
    return prioritiesExport(plan, priorities);
  });
  recordExportRoutes(app, 'plans.read', planPaths.themesExport, async (actor, id) => {
    const { plan, themes } = await plans.get(actor, id);
    return themesExport(plan, themes);
  });

  // The published plan

  app.get(planPaths.document(':id'), readers, async (request, reply) => {
    const plan = await plans.getPlan(actorFrom(request), recordIdFrom(request.params));
    return reply.view('plans/views/document.njk', {
      pageTitle: 'Download the plan',
      plan,
      period: periodLabel(plan.starts_year, plan.ends_year),
    });
  });
  const download = (format: DocumentFormat) => async (request: FastifyRequest, reply: FastifyReply) => {
    const file = await plans.document(actorFrom(request), recordIdFrom(request.params), format, { styleNonce: request.cspNonce });
    reply.type(file.contentType);
    if (format !== 'html') reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    return reply.send(file.body);
  };
  for (const format of documentFormats) app.get(planPaths.documentFile(':id', format), readers, download(format));
}
