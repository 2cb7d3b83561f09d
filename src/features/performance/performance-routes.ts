import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formErrors, postedFields, validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { fieldText } from '../../platform/view-models.ts';
import { forbidden } from '../../platform/errors.ts';
import type { Services } from '../../platform/feature.ts';
import type { DocumentFormat } from '../plans/plan-document.ts';
import { spcChartOf, spcTableOf } from './performance-charts.ts';
import { performancePaths } from './performance-paths.ts';
import { COMMENTARY_MAX, commentaryForm, periodFromQuery, reportQuery } from './performance-schemas.ts';
import {
  actionRows,
  commentaryHeading,
  commentaryUpdated,
  dashboardHref,
  indicatorSummary,
  overviewIndicatorRows,
  quarterItems,
  rollupTable,
} from './performance-view-models.ts';
import { quarterKey, quarterLabel, type Quarter } from './quarters.ts';
import { noticeFrom } from '../../platform/http/notices.ts';

/** Writers of commentaries; the service narrows members to those who lead an action of the priority. */
const commentators = { config: { access: 'performance.comment' } } as const;

const periodErrors = (message: string): FormErrors => formErrors([['period', message]]);

/** The partnership overview, priority dashboards with their commentaries, and the quarterly performance report. */
export default async function performanceRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const service = opts.services.performance;

  /** The quarter of ?period=, or the page again with an error when it is not one. */
  const askedQuarter = (request: FastifyRequest): { quarter: Quarter | undefined; errors?: FormErrors } => {
    const asked = periodFromQuery(request.query);
    return asked.ok ? { quarter: asked.quarter } : { quarter: undefined, errors: periodErrors(asked.message) };
  };

  app.get(performancePaths.overview(), { config: { access: 'performance.read' } }, async (request, reply) => {
    const asked = askedQuarter(request);
    const data = await service.overview(actorFrom(request), asked.quarter);
    if (asked.errors) reply.code(400);
    return reply.view('performance/views/overview.njk', {
      pageTitle: 'Performance',
      errors: asked.errors,
      plan: data.plan,
      quarter: { key: quarterKey(data.quarter), label: quarterLabel(data.quarter) },
      quarterItems: quarterItems(data.quarters, data.quarter),
      priorities: data.priorities.map((p) => ({
        id: p.id,
        number: p.number,
        title: p.title,
        href: dashboardHref(p.id, data.quarter),
        indicatorRows: overviewIndicatorRows(p.indicators, p.id, data.quarter),
        rollup: rollupTable(p.rollup),
      })),
    });
  });

  const dashboardPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    priorityId: number,
    asked: { quarter: Quarter | undefined; errors?: FormErrors },
    posted?: Record<string, unknown>,
  ) => {
    const data = await service.dashboard(actorFrom(request), priorityId, asked.quarter);
    // A form posted by someone who may not write the commentary is refused, mistakes and all.
    if (posted && !data.canComment) throw forbidden();
    return reply.view('performance/views/dashboard.njk', {
      pageTitle: data.priority.title,
      errors: asked.errors,
      flash: asked.errors ? undefined : noticeFrom(request, { saved: 'Commentary saved' }),
      plan: data.plan,
      priority: data.priority,
      quarter: { key: quarterKey(data.quarter), label: quarterLabel(data.quarter) },
      quarterItems: quarterItems(data.quarters, data.quarter),
      indicators: data.indicators.map((i) => ({ ...indicatorSummary(i), chart: spcChartOf(i, `spc-${i.id}`), table: spcTableOf(i) })),
      rollup: rollupTable(data.rollup),
      actionRows: actionRows(data.actions),
      commentary: data.commentary ? { text: data.commentary.commentary, updated: commentaryUpdated(data.commentary) } : null,
      commentaryHeading: commentaryHeading(data.quarter),
      canComment: data.canComment,
      commentaryValue: posted ? fieldText(posted['commentary']) : (data.commentary?.commentary ?? ''),
      commentaryMax: COMMENTARY_MAX,
    });
  };

  app.get(performancePaths.priority(':id'), { config: { access: 'performance.read' } }, async (request, reply) => {
    const id = recordIdFrom(request.params);
    const asked = askedQuarter(request);
    if (asked.errors) reply.code(400);
    return dashboardPage(request, reply, id, asked);
  });

  app.post(performancePaths.commentary(':id'), commentators, async (request, reply) => {
    const id = recordIdFrom(request.params);
    const form = validateForm(commentaryForm, request.body);
    if (!form.ok) {
      // Show the dashboard of the quarter the form was for, with the text as typed.
      const period = periodFromQuery({ period: fieldText(postedFields(request.body)['period']) });
      return dashboardPage(
        request,
        reply.code(400),
        id,
        { quarter: period.ok ? period.quarter : undefined, errors: form.errors },
        form.values,
      );
    }
    await service.saveCommentary(actorFrom(request), id, form.data);
    return reply.redirect(`${dashboardHref(id, form.data.period)}&done=saved#commentary-heading`, 303);
  });

  const reportPage = async (request: FastifyRequest, reply: FastifyReply, errors?: FormErrors) => {
    const choices = await service.reportChoices(actorFrom(request));
    const query = z
      .object({ period: z.string().optional(), version: z.string().optional() })
      .catch({})
      .parse(request.query ?? {});
    const chosen = periodFromQuery({ period: query.period });
    const quarter = chosen.ok && chosen.quarter ? chosen.quarter : choices.quarter;
    return reply.view('performance/views/report.njk', {
      pageTitle: 'Quarterly performance report',
      errors,
      quarterItems: quarterItems(choices.quarters, quarter),
      versionItems: [
        {
          value: 'full',
          text: 'Full version',
          hint: { text: 'For the executive group and the scrutiny committee: every indicator, and who owns and leads what' },
          checked: query.version !== 'public',
        },
        {
          value: 'public',
          text: 'Public version',
          hint: { text: 'Leaves out restricted indicators and the names of people; agencies stay' },
          checked: query.version === 'public',
        },
      ],
    });
  };

  app.get(performancePaths.report(), { config: { access: 'performance.read' } }, async (request, reply) => reportPage(request, reply));

  const download = (format: DocumentFormat) => async (request: FastifyRequest, reply: FastifyReply) => {
    const query = validateForm(reportQuery, request.query);
    if (!query.ok) return reportPage(request, reply.code(400), query.errors);
    const file = await service.report(actorFrom(request), {
      quarter: query.data.period,
      version: query.data.version,
      format,
      styleNonce: request.cspNonce,
    });
    reply.type(file.contentType);
    if (format !== 'html') reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    return reply.send(file.body);
  };
  app.get(performancePaths.reportFile('html'), { config: { access: 'performance.read' } }, download('html'));
  app.get(performancePaths.reportFile('docx'), { config: { access: 'performance.read' } }, download('docx'));
  app.get(performancePaths.reportFile('pdf'), { config: { access: 'performance.read' } }, download('pdf'));
}
