import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { forbidden } from '../../platform/errors.ts';
import type { Services } from '../../platform/feature.ts';
import { formErrors, postedFields, validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { formRoutes, type FormPage } from '../../platform/http/form-routes.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { recordId, recordIdFrom } from '../../platform/http/params.ts';
import { fieldText, fieldTexts } from '../../platform/view-models.ts';
import type { ActionRow } from './action-plan-repository.ts';
import { actionPaths, actionPlanPaths } from './action-plan-paths.ts';
import { actionForm, milestoneForm, progressForm } from './action-plan-schemas.ts';
import {
  actionFormValuesOf,
  choiceItems,
  dateItems,
  leadOf,
  postedDateParts,
  statusItems,
  statusTagHtml,
  updateItems,
} from './action-plan-view-models.ts';
import { financialYear, isOverdue } from './action-rules.ts';

const readers = { config: { access: 'action-plans.read' } } as const;
const updaters = { config: { access: 'actions.update' } } as const;

const milestoneDoneForm = z.object({ milestoneId: recordId, done: z.enum(['yes', 'no']) });

const notices = { created: 'Action added', changed: 'Action changed', posted: 'Progress update posted', milestone: 'Milestones changed' };

/** Actions: adding one to a plan, its page, changing it, and the progress updates and milestones of those who may update it. */
export default async function actionRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const service = opts.services.actionPlans;

  type Choices = Awaited<ReturnType<typeof service.choices>>;
  type FormHeading = { heading: string; caption: string; action: string; backHref: string; submitText: string };
  type Form = Omit<FormPage<unknown>, 'loaded'>;

  /** The add and change form of an action, with the choices it offers and, for a change, the version it was opened at. */
  const actionFormPage = (reply: FastifyReply, heading: FormHeading, choices: Choices, page: Form, version?: string) => {
    const { values, errors } = page;
    const has = (field: string) => Boolean(errors?.fields[field]);
    return reply.view('action-plans/views/action-form.njk', {
      pageTitle: heading.heading,
      ...heading,
      version,
      errors,
      values: fieldTexts(values, ['title', 'description', 'leadName', 'statusReason']),
      priorityItems: choiceItems(choices.priorities, values['priorityId'], 'None'),
      themeItems: choiceItems(choices.themes, values['themeId'], 'None'),
      userItems: choiceItems(choices.users, values['leadUserId'], 'Not a user of Safer (enter their name below)'),
      agencyItems: choiceItems(choices.agencies, values['leadAgencyId'], 'Select an agency'),
      statusItems: statusItems(fieldText(values['status']) || 'not_started'),
      startsItems: dateItems('startsOn', postedDateParts(values, 'startsOn'), has('startsOn-day')),
      dueItems: dateItems('dueOn', postedDateParts(values, 'dueOn'), has('dueOn-day')),
    });
  };

  formRoutes(app, actionPlanPaths.newAction(':id'), {
    access: 'action-plans.manage',
    load: async (request) => {
      const actor = actorFrom(request);
      const [{ plan }, choices] = await Promise.all([service.getPlan(actor, recordIdFrom(request.params)), service.choices(actor)]);
      return { plan, choices };
    },
    values: () => ({}),
    schema: actionForm,
    render: (reply, page) => {
      const { plan, choices } = page.loaded;
      const heading = { heading: 'Add an action', caption: plan.title, submitText: 'Add action' };
      const links = { action: actionPlanPaths.newAction(plan.id), backHref: actionPlanPaths.show(plan.id) };
      return actionFormPage(reply, { ...heading, ...links }, choices, page);
    },
    save: async (request, { plan }, data) => {
      const result = await service.createAction(actorFrom(request), plan.id, data);
      return result.ok ? { redirect: `${actionPaths.show(result.id)}?done=created` } : { errors: [[result.field, result.message]] };
    },
  });

  type Extra = { errors?: FormErrors; values?: Record<string, unknown> };
  const actionPage = async (request: FastifyRequest, reply: FastifyReply, id: number, extra: Extra = {}) => {
    const { action, milestones, updates, canUpdate } = await service.getAction(actorFrom(request), id);
    const values = extra.values ?? { status: action.status, statusReason: action.status_reason };
    return reply.view('action-plans/views/action.njk', {
      pageTitle: action.title,
      action: {
        ...action,
        lead: leadOf(action),
        year: financialYear(action.plan_year),
        statusHtml: statusTagHtml(action.status),
        overdue: isOverdue(action),
      },
      milestones,
      updates: updateItems(updates),
      canUpdate,
      values: fieldTexts(values, ['text', 'evidenceUrl', 'statusReason']),
      statusItems: statusItems(fieldText(values['status']) || action.status),
      milestoneItems: dateItems('milestoneDue', postedDateParts(values, 'milestoneDue'), Boolean(extra.errors?.fields['milestoneDue-day'])),
      errors: extra.errors,
      flash: extra.errors ? undefined : noticeFrom(request, notices),
    });
  };

  app.get(actionPaths.show(':id'), readers, async (request, reply) => actionPage(request, reply, recordIdFrom(request.params)));

  formRoutes(app, actionPaths.edit(':id'), {
    access: 'action-plans.manage',
    load: async (request): Promise<{ action: ActionRow; choices: Choices }> => {
      const id = recordIdFrom(request.params);
      const [{ action }, choices] = await Promise.all([service.getAction(actorFrom(request), id), service.choices(actorFrom(request))]);
      return { action, choices };
    },
    values: ({ action }) => actionFormValuesOf(action),
    schema: actionForm,
    render: (reply, page) => {
      const { action, choices } = page.loaded;
      const heading = { heading: 'Change action', caption: action.title, submitText: 'Save changes' };
      const links = { action: actionPaths.edit(action.id), backHref: actionPaths.show(action.id) };
      // The version the form was opened at stays with it until a save finds a newer one (409).
      const version = /^[1-9][0-9]*$/.test(fieldText(page.values['version'])) ? fieldText(page.values['version']) : String(action.version);
      return actionFormPage(reply, { ...heading, ...links }, choices, page, version);
    },
    save: async (request, { action }, data) => {
      const result = await service.updateAction(actorFrom(request), action.id, data);
      return result.ok ? { redirect: `${actionPaths.show(action.id)}?done=changed` } : { errors: [[result.field, result.message]] };
    },
  });

  app.post(actionPaths.updates(':id'), updaters, async (request, reply) => {
    const id = recordIdFrom(request.params);
    // Find the action first (404 for another partnership's), then check the form.
    const { canUpdate } = await service.getAction(actorFrom(request), id);
    const form = validateForm(progressForm, request.body);
    if (canUpdate && !form.ok) return actionPage(request, reply.code(400), id, { errors: form.errors, values: form.values });
    if (!form.ok) throw forbidden();
    await service.postUpdate(actorFrom(request), id, form.data);
    return reply.redirect(`${actionPaths.show(id)}?done=posted`, 303);
  });

  app.post(actionPaths.milestones(':id'), updaters, async (request, reply) => {
    const id = recordIdFrom(request.params);
    await service.getAction(actorFrom(request), id);
    const form = validateForm(milestoneForm, request.body);
    if (!form.ok) return actionPage(request, reply.code(400), id, { errors: form.errors, values: form.values });
    await service.addMilestone(actorFrom(request), id, form.data);
    return reply.redirect(`${actionPaths.show(id)}?done=milestone`, 303);
  });

  app.post(actionPaths.milestoneDone(':id'), updaters, async (request, reply) => {
    const id = recordIdFrom(request.params);
    await service.getAction(actorFrom(request), id);
    const parsed = milestoneDoneForm.safeParse(postedFields(request.body));
    if (!parsed.success) {
      return actionPage(request, reply.code(400), id, { errors: formErrors([['milestones', 'Choose a milestone to mark']]) });
    }
    await service.setMilestoneDone(actorFrom(request), id, parsed.data.milestoneId, parsed.data.done === 'yes');
    return reply.redirect(`${actionPaths.show(id)}?done=milestone`, 303);
  });
}
