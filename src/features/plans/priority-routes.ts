import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, validateForm, type FormErrors } from '../../platform/forms.ts';
import type { Services } from '../../platform/feature.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { formRoutes } from '../../platform/http/form-routes.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { priorityActionItems } from '../action-plans/action-plan-view-models.ts';
import { priorityFields, priorityValues } from './plan-form-fields.ts';
import { byId, formPage, planNotices } from './plan-pages.ts';
import { planPaths } from './plan-paths.ts';
import { alignmentForm, priorityForm } from './plan-schemas.ts';
import { externalGroups, priorityParts } from './plan-view-models.ts';

/** A priority: added to a plan, its page (its text, the actions delivering it, its alignment), changed, and aligned. */
export default async function priorityRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { plans, actionPlans } = opts.services;
  const loadPlan = byId(plans.getPlan);
  const loadPriority = byId(plans.getPriority);

  /** The priority's page, also shown again (400) with the alignment form's errors. */
  const priorityPage = async (request: FastifyRequest, reply: FastifyReply, errors?: FormErrors) => {
    const actor = actorFrom(request);
    const { priority, plan, external, alignedIds, glossary } = await plans.getPriority(actor, recordIdFrom(request.params));
    return reply.view('plans/views/priority.njk', {
      pageTitle: priority.title,
      priority,
      plan,
      priorityActions: priorityActionItems(await actionPlans.actionsForPriority(actor, priority.id)),
      parts: priorityParts(priority, glossary),
      groups: externalGroups(external, alignedIds),
      errors,
      flash: noticeFrom(request, planNotices),
    });
  };

  formRoutes(app, planPaths.newPriority(':id'), {
    access: 'plans.edit',
    load: loadPlan,
    values: () => ({}),
    schema: priorityForm,
    render: formPage(
      (plan) => ({
        pageTitle: 'Add a priority',
        caption: plan.title,
        action: planPaths.newPriority(plan.id),
        backHref: planPaths.show(plan.id),
        submitText: 'Add priority',
      }),
      priorityFields,
    ),
    save: async (request, plan, data) => {
      const priorityId = await plans.addPriority(actorFrom(request), plan.id, data);
      return { redirect: `${planPaths.priority(priorityId)}?done=created` };
    },
  });

  app.get(planPaths.priority(':id'), { config: { access: 'plans.read' } }, async (request, reply) => priorityPage(request, reply));

  formRoutes(app, planPaths.editPriority(':id'), {
    access: 'plans.edit',
    load: loadPriority,
    values: ({ priority }) => priorityValues(priority),
    schema: priorityForm,
    render: formPage(
      ({ priority, plan }) => ({
        pageTitle: 'Change the priority',
        caption: plan.title,
        action: planPaths.editPriority(priority.id),
        backHref: planPaths.priority(priority.id),
        submitText: 'Save changes',
      }),
      priorityFields,
    ),
    save: async (request, { priority }, data) => {
      await plans.updatePriority(actorFrom(request), priority.id, data);
      return { redirect: `${planPaths.priority(priority.id)}?done=saved` };
    },
  });

  // The alignment form is part of the priority's page: its errors show that page again, whole.
  app.post(planPaths.alignments(':id'), { config: { access: 'plans.edit' } }, async (request, reply) => {
    const actor = actorFrom(request);
    const priorityId = recordIdFrom(request.params);
    await plans.getPriority(actor, priorityId);
    const form = validateForm(alignmentForm, request.body);
    const saved = form.ok
      ? await plans.setAlignments(actor, priorityId, form.data.externalIds)
      : { ok: false as const, field: 'externalIds', message: 'Select priorities from the list' };
    if (!saved.ok) return priorityPage(request, reply.code(400), formErrors([[saved.field, saved.message]]));
    return reply.redirect(`${planPaths.priority(priorityId)}?done=saved#alignment`, 303);
  });
}
