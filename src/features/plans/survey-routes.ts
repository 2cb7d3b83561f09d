import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { quoted } from '../../platform/deletes.ts';
import type { DeleteCheck } from '../../platform/db/record-uses.ts';
import { exportLinks, exportRoutes } from '../../platform/exports.ts';
import type { Services } from '../../platform/feature.ts';
import { validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { can } from '../../platform/policies.ts';
import { surveyExport } from './plan-exports.ts';
import { surveyFields } from './plan-form-fields.ts';
import { confirmDelete, planNotices } from './plan-pages.ts';
import { planPaths } from './plan-paths.ts';
import { surveyForm } from './plan-schemas.ts';
import { surveyRows } from './plan-view-models.ts';

const managers = { config: { access: 'plans.edit' } } as const;

type SurveyResult = { id: number; survey: string; survey_year: number; question: string };

/** Residents' survey results: the list with its add form, downloads, and deleting a result. */
export default async function surveyRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { plans } = opts.services;

  // The add form is part of the list, which everyone may read: the list and the add are two routes, each with its access.
  const listPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.view('plans/views/survey.njk', {
      pageTitle: 'Survey results',
      rows: surveyRows(await plans.surveyResults(actorFrom(request)), can(requireAuth(request), 'plans.edit')),
      exports: exportLinks(planPaths.surveyResultsExport, 'the survey results'),
      fields: surveyFields(values),
      errors,
      flash: noticeFrom(request, planNotices),
    });
  app.get(planPaths.surveyResults(), { config: { access: 'plans.read' } }, async (request, reply) => listPage(request, reply, {}));
  app.post(planPaths.surveyResults(), managers, async (request, reply) => {
    const form = validateForm(surveyForm, request.body);
    if (!form.ok) return listPage(request, reply.code(400), form.values, form.errors);
    await plans.addSurveyResult(actorFrom(request), form.data);
    return reply.redirect(`${planPaths.surveyResults()}?done=saved`, 303);
  });
  exportRoutes(app, 'plans.read', planPaths.surveyResultsExport, async (request) =>
    surveyExport(await plans.surveyResults(actorFrom(request))),
  );

  const deletePage = (reply: FastifyReply, result: SurveyResult, check: DeleteCheck) =>
    confirmDelete(reply, {
      what: `the result ${quoted(result.question)}`,
      caption: `${result.survey} ${result.survey_year}`,
      action: planPaths.deleteSurveyResult(result.id),
      cancelHref: planPaths.surveyResults(),
      check,
    });
  app.get(planPaths.deleteSurveyResult(':id'), managers, async (request, reply) => {
    const { record: result, check } = await plans.surveyResultDeletion(actorFrom(request), recordIdFrom(request.params));
    return deletePage(reply, result, check);
  });
  app.post(planPaths.deleteSurveyResult(':id'), managers, async (request, reply) => {
    const deleted = await plans.deleteSurveyResult(actorFrom(request), recordIdFrom(request.params));
    if (!deleted.ok) return deletePage(reply.code(409), deleted.record, deleted.check);
    return reply.redirect(`${planPaths.surveyResults()}?done=result-deleted`, 303);
  });
}
