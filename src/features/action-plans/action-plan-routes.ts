import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { exportLinks, exportRoutes } from '../../platform/exports.ts';
import type { Services } from '../../platform/feature.ts';
import { formErrors, postedFields, type FormErrors } from '../../platform/forms.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { formRoutes } from '../../platform/http/form-routes.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { fieldText } from '../../platform/view-models.ts';
import { actionPaths, actionPlanPaths } from './action-plan-paths.ts';
import { actionPlanForm, parseEqualityForm } from './action-plan-schemas.ts';
import {
  actionPlansExport,
  actionPlanTableRows,
  actionTableRows,
  assessmentSummary,
  choiceItems,
  equalityItems,
  yearItems,
} from './action-plan-view-models.ts';
import { financialYear } from './action-rules.ts';

const readers = { config: { access: 'action-plans.read' } } as const;
const managers = { config: { access: 'action-plans.manage' } } as const;

/** The signed-in user as the actor the rules of action plans need, with their role. */

/** Action plans per group and year: the list and its downloads, a plan with its actions, its approval and its equality analysis. */
export default async function actionPlanRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const service = opts.services.actionPlans;

  app.get(actionPlanPaths.list(), readers, async (request, reply) =>
    reply.view('action-plans/views/action-plans.njk', {
      pageTitle: 'Action plans',
      exports: exportLinks(actionPlanPaths.export, 'the action plans'),
      rows: actionPlanTableRows(await service.listPlans(actorFrom(request))),
    }),
  );

  exportRoutes(app, 'action-plans.read', actionPlanPaths.export, async (request) =>
    actionPlansExport(await service.listPlans(actorFrom(request))),
  );

  formRoutes(app, actionPlanPaths.create(), {
    access: 'action-plans.manage',
    load: (request) => service.choices(actorFrom(request)),
    values: () => ({}),
    schema: actionPlanForm,
    render: (reply, { loaded: choices, values, errors }) =>
      reply.view('action-plans/views/action-plan-form.njk', {
        pageTitle: 'Add an action plan',
        errors,
        values: { title: fieldText(values['title']) },
        bodyItems: choiceItems(choices.bodies, values['bodyId'], 'Select a group'),
        yearItems: yearItems(values['planYear']),
        hasBodies: choices.bodies.length > 0,
      }),
    save: async (request, _choices, data) => {
      const result = await service.createPlan(actorFrom(request), data);
      return result.ok ? { redirect: `${actionPlanPaths.show(result.id)}?done=created` } : { errors: [[result.field, result.message]] };
    },
  });

  const planPage = async (request: FastifyRequest, reply: FastifyReply, id: number, errors?: FormErrors) => {
    const { plan, actions, assessment } = await service.getPlan(actorFrom(request), id);
    return reply.view('action-plans/views/action-plan.njk', {
      pageTitle: plan.title,
      plan: { ...plan, year: financialYear(plan.plan_year) },
      rows: actionTableRows(actions),
      count: actions.length,
      assessment: assessmentSummary(assessment),
      exports: exportLinks(actionPaths.export, 'the actions of this plan', `?plan=${id}`),
      errors,
      flash: errors
        ? undefined
        : noticeFrom(request, {
            created: 'Action plan added',
            approved: 'Action plan approved',
            'signed-off': 'Equality analysis signed off',
          }),
    });
  };

  app.get(actionPlanPaths.show(':id'), readers, async (request, reply) => planPage(request, reply, recordIdFrom(request.params)));

  app.post(actionPlanPaths.approve(':id'), managers, async (request, reply) => {
    const id = recordIdFrom(request.params);
    const result = await service.approvePlan(actorFrom(request), id);
    if (!result.ok) return planPage(request, reply.code(400), id, formErrors([['approve', result.message]]));
    return reply.redirect(`${actionPlanPaths.show(id)}?done=approved`, 303);
  });

  // Equality analysis: read by everyone, changed and signed off by those who manage action plans.

  type Posted = Record<string, unknown>;
  const equalityPage = async (request: FastifyRequest, reply: FastifyReply, id: number, posted?: Posted, errors?: FormErrors) => {
    const { plan, assessment } = await service.getAssessment(actorFrom(request), id);
    return reply.view('action-plans/views/equality.njk', {
      pageTitle: `Equality analysis - ${plan.title}`,
      plan,
      assessment: assessmentSummary(assessment),
      summary: posted ? fieldText(posted['summary']) : (assessment?.summary ?? ''),
      characteristics: equalityItems(assessment, posted),
      errors,
      flash: errors ? undefined : noticeFrom(request, { saved: 'Equality analysis saved' }),
    });
  };

  app.get(actionPlanPaths.equality(':id'), readers, async (request, reply) => equalityPage(request, reply, recordIdFrom(request.params)));

  app.post(actionPlanPaths.equality(':id'), managers, async (request, reply) => {
    const id = recordIdFrom(request.params);
    await service.getAssessment(actorFrom(request), id);
    const form = parseEqualityForm(request.body);
    if (!form.ok) return equalityPage(request, reply.code(400), id, postedFields(request.body), formErrors(form.messages));
    await service.saveAssessment(actorFrom(request), id, form.data);
    return reply.redirect(`${actionPlanPaths.equality(id)}?done=saved`, 303);
  });

  app.post(actionPlanPaths.signOff(':id'), managers, async (request, reply) => {
    const id = recordIdFrom(request.params);
    const result = await service.signOffAssessment(actorFrom(request), id);
    if (!result.ok) return equalityPage(request, reply.code(400), id, undefined, formErrors([['sign-off', result.message]]));
    return reply.redirect(`${actionPlanPaths.show(id)}?done=signed-off`, 303);
  });
}
