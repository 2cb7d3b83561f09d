import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formErrors, validateForm, type FormErrors, postedFields } from '../../platform/forms.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { recordId, recordIdFrom } from '../../platform/http/params.ts';
import { paths } from '../../platform/paths.ts';
import { forbidden } from '../../platform/errors.ts';
import { formatDate } from '../../platform/format.ts';
import { escapeHtml, fieldText } from '../../platform/view-models.ts';
import type { Services } from '../../platform/feature.ts';
import { exportLinks, exportRoutes } from '../../platform/exports.ts';
import type { ActionRow, AssessmentRow } from './action-plan-repository.ts';
import {
  actionForm,
  actionListQueryFrom,
  actionPlanForm,
  milestoneForm,
  parseEqualityForm,
  progressForm,
  type ActionListQuery,
} from './action-plan-schemas.ts';
import type { ActionActor } from './action-plan-service.ts';
import {
  actionPlansExport,
  actionsExport,
  actionTableRows,
  choiceItems,
  dateItems,
  datePartsOf,
  leadOf,
  postedDateParts,
  statusItems,
  statusTagHtml,
  updateItems,
  yearItems,
} from './action-plan-view-models.ts';
import {
  characteristicLabels,
  financialYear,
  impactLabels,
  impacts,
  isOverdue,
  protectedCharacteristics,
} from './action-rules.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { can } from '../../platform/policies.ts';

const managers = { config: { access: 'action-plans.manage' } } as const;
const updaters = { config: { access: 'actions.update' } } as const;

const actionActor = (request: FastifyRequest): ActionActor => ({ ...actorFrom(request), role: requireAuth(request).role });

type Body = Record<string, unknown>;

const listTitles: Record<NonNullable<ActionListQuery['show']>, string> = {
  all: 'All actions',
  mine: 'My actions',
  overdue: 'Overdue actions',
  'at-risk': 'Actions at risk or off track',
};

/** Action plans per group and year, their actions, progress updates, equality analysis and exports. */
export default async function actionPlanRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const service = opts.services.actionPlans;

  // Lists of actions --------------------------------------------------------------------------

  /** A list's heading, and its filters in words (for the window title and the spreadsheet's title). */
  const listTitle = async (request: FastifyRequest, query: ActionListQuery): Promise<{ heading: string; filters: string }> => {
    const choices = await service.choices(actorFrom(request));
    const parts: string[] = [];
    const priority = choices.priorities.find((p) => p.id === query.priority);
    const body = choices.bodies.find((b) => b.id === query.body);
    const plan = query.plan === undefined ? undefined : (await service.listPlans(actorFrom(request))).find((p) => p.id === query.plan);
    if (plan) parts.push(`action plan: ${plan.title}`);
    if (priority) parts.push(`priority: ${priority.name}`);
    if (body) parts.push(`group: ${body.name}`);
    return { heading: listTitles[query.show ?? 'all'], filters: parts.join(', ') };
  };
  const fullTitle = (title: { heading: string; filters: string }) => (title.filters ? `${title.heading}, ${title.filters}` : title.heading);

  const queryString = (query: ActionListQuery): string => {
    const params = new URLSearchParams();
    if (query.show && query.show !== 'all') params.set('show', query.show);
    if (query.priority) params.set('priority', String(query.priority));
    if (query.body) params.set('body', String(query.body));
    if (query.plan) params.set('plan', String(query.plan));
    const text = params.toString();
    return text ? `?${text}` : '';
  };

  const listPage = async (request: FastifyRequest, reply: FastifyReply, query: ActionListQuery) => {
    const actor = actorFrom(request);
    const [actions, choices, title] = await Promise.all([service.listActions(actor, query), service.choices(actor), listTitle(request, query)]);
    const qs = queryString(query);
    return reply.view('action-plans/views/actions.njk', {
      pageTitle: title.filters ? `${title.heading} - ${title.filters}` : title.heading,
      heading: title.heading,
      rows: actionTableRows(actions),
      count: actions.length,
      show: query.show ?? 'all',
      priorityItems: choiceItems(choices.priorities, query.priority, 'All priorities'),
      bodyItems: choiceItems(choices.bodies, query.body, 'All groups'),
      filterAction: request.url.split('?')[0],
      exports: exportLinks(paths.actions.export, 'this list of actions', qs),
      views: [
        { href: paths.actions.list(), text: 'All actions', current: !query.show || query.show === 'all' },
        { href: paths.actions.mine(), text: 'My actions', current: query.show === 'mine' },
        { href: paths.actions.overdue(), text: 'Overdue', current: query.show === 'overdue' },
        { href: paths.actions.atRisk(), text: 'At risk or off track', current: query.show === 'at-risk' },
      ],
    });
  };

  app.get(paths.actions.list(), { config: { access: 'action-plans.read' } }, async (request, reply) => listPage(request, reply, actionListQueryFrom(request.query)));
  app.get(paths.actions.mine(), { config: { access: 'action-plans.read' } }, async (request, reply) => listPage(request, reply, { ...actionListQueryFrom(request.query), show: 'mine' }));
  app.get(paths.actions.overdue(), { config: { access: 'action-plans.read' } }, async (request, reply) => listPage(request, reply, { ...actionListQueryFrom(request.query), show: 'overdue' }));
  app.get(paths.actions.atRisk(), { config: { access: 'action-plans.read' } }, async (request, reply) => listPage(request, reply, { ...actionListQueryFrom(request.query), show: 'at-risk' }));

  // The list "show" comes from the query here, as the download links carry it (?show=mine).
  exportRoutes(app, 'action-plans.read', paths.actions.export, async (request) => {
    const query = actionListQueryFrom(request.query);
    const actions = await service.listActions(actorFrom(request), query);
    return actionsExport(actions, fullTitle(await listTitle(request, query)));
  });

  // Action plans ------------------------------------------------------------------------------

  app.get(paths.actionPlans.list(), { config: { access: 'action-plans.read' } }, async (request, reply) => {
    const plans = await service.listPlans(actorFrom(request));
    return reply.view('action-plans/views/action-plans.njk', {
      pageTitle: 'Action plans',
      exports: exportLinks(paths.actionPlans.export, 'the action plans'),
      canManage: can(requireAuth(request), 'action-plans.manage'),
      rows: plans.map((p) => [
        { html: `<a class="govuk-link" href="${paths.actionPlans.show(p.id)}">${escapeHtml(p.title)}</a>` },
        { text: p.body_name },
        { text: financialYear(p.plan_year) },
        { text: String(p.action_count), format: 'numeric' },
        { html: p.status === 'approved' ? '<strong class="govuk-tag govuk-tag--green">Approved</strong>' : '<strong class="govuk-tag govuk-tag--grey">Draft</strong>' },
      ]),
    });
  });

  exportRoutes(app, 'action-plans.read', paths.actionPlans.export, async (request) => actionPlansExport(await service.listPlans(actorFrom(request))));

  const planFormPage = async (request: FastifyRequest, reply: FastifyReply, values: Body, errors?: FormErrors) => {
    const choices = await service.choices(actorFrom(request));
    return reply.view('action-plans/views/action-plan-form.njk', {
      pageTitle: 'Add an action plan',
      errors,
      values: { title: fieldText(values['title']) },
      bodyItems: choiceItems(choices.bodies, values['bodyId'], 'Select a group'),
      yearItems: yearItems(values['planYear']),
      hasBodies: choices.bodies.length > 0,
    });
  };

  app.get(paths.actionPlans.create(), managers, async (request, reply) => planFormPage(request, reply, {}));

  app.post(paths.actionPlans.create(), managers, async (request, reply) => {
    const form = validateForm(actionPlanForm, request.body);
    if (!form.ok) return planFormPage(request, reply.code(400), form.values, form.errors);
    const result = await service.createPlan(actionActor(request), form.data);
    if (!result.ok) return planFormPage(request, reply.code(400), postedFields(request.body), formErrors([[result.field, result.message]]));
    return reply.redirect(`${paths.actionPlans.show(result.id)}?done=created`, 303);
  });

  const planPage = async (request: FastifyRequest, reply: FastifyReply, id: number, errors?: FormErrors) => {
    const { plan, actions, assessment } = await service.getPlan(actorFrom(request), id);
    return reply.view('action-plans/views/action-plan.njk', {
      pageTitle: plan.title,
      plan: { ...plan, year: financialYear(plan.plan_year) },
      rows: actionTableRows(actions),
      count: actions.length,
      assessment: assessmentSummary(assessment),
      canManage: can(requireAuth(request), 'action-plans.manage'),
      exports: exportLinks(paths.actions.export, 'the actions of this plan', `?plan=${id}`),
      errors,
      flash: errors ? undefined : noticeFrom(request, { created: 'Action plan added', approved: 'Action plan approved', 'signed-off': 'Equality analysis signed off' }),
    });
  };

  app.get(paths.actionPlans.show(':id'), { config: { access: 'action-plans.read' } }, async (request, reply) => planPage(request, reply, recordIdFrom(request.params)));

  app.post(paths.actionPlans.approve(':id'), managers, async (request, reply) => {
    const id = recordIdFrom(request.params);
    const result = await service.approvePlan(actionActor(request), id);
    if (!result.ok) return planPage(request, reply.code(400), id, formErrors([['approve', result.message]]));
    return reply.redirect(`${paths.actionPlans.show(id)}?done=approved`, 303);
  });

  // Actions -----------------------------------------------------------------------------------

  const actionFormPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    page: { heading: string; caption: string; action: string; backHref: string; submitText: string; version?: number },
    values: Body,
    errors?: FormErrors,
  ) => {
    const choices = await service.choices(actorFrom(request));
    const has = (field: string) => Boolean(errors?.fields[field]);
    return reply.view('action-plans/views/action-form.njk', {
      pageTitle: page.heading,
      ...page,
      errors,
      values: {
        title: fieldText(values['title']),
        description: fieldText(values['description']),
        leadName: fieldText(values['leadName']),
        statusReason: fieldText(values['statusReason']),
      },
      priorityItems: choiceItems(choices.priorities, values['priorityId'], 'None'),
      themeItems: choiceItems(choices.themes, values['themeId'], 'None'),
      userItems: choiceItems(choices.users, values['leadUserId'], 'Not a user of Safer (enter their name below)'),
      agencyItems: choiceItems(choices.agencies, values['leadAgencyId'], 'Select an agency'),
      statusItems: statusItems(fieldText(values['status']) || 'not_started'),
      startsItems: dateItems('startsOn', postedDateParts(values, 'startsOn'), has('startsOn-day')),
      dueItems: dateItems('dueOn', postedDateParts(values, 'dueOn'), has('dueOn-day')),
    });
  };

  const newActionPage = (request: FastifyRequest, reply: FastifyReply, plan: { id: number; title: string }, values: Body, errors?: FormErrors) =>
    actionFormPage(
      request,
      reply,
      { heading: 'Add an action', caption: plan.title, action: paths.actionPlans.newAction(plan.id), backHref: paths.actionPlans.show(plan.id), submitText: 'Add action' },
      values,
      errors,
    );

  app.get(paths.actionPlans.newAction(':id'), managers, async (request, reply) => {
    const { plan } = await service.getPlan(actorFrom(request), recordIdFrom(request.params));
    return newActionPage(request, reply, plan, {});
  });

  app.post(paths.actionPlans.newAction(':id'), managers, async (request, reply) => {
    const { plan } = await service.getPlan(actorFrom(request), recordIdFrom(request.params));
    const form = validateForm(actionForm, request.body);
    if (!form.ok) return newActionPage(request, reply.code(400), plan, form.values, form.errors);
    const result = await service.createAction(actionActor(request), plan.id, form.data);
    if (!result.ok) return newActionPage(request, reply.code(400), plan, postedFields(request.body), formErrors([[result.field, result.message]]));
    return reply.redirect(`${paths.actions.show(result.id)}?done=created`, 303);
  });

  const storedValues = (a: ActionRow): Body => {
    const starts = datePartsOf(a.starts_on);
    const due = datePartsOf(a.due_on);
    return {
      title: a.title,
      description: a.description,
      priorityId: a.priority_id === null ? '' : String(a.priority_id),
      themeId: a.theme_id === null ? '' : String(a.theme_id),
      leadUserId: a.lead_user_id === null ? '' : String(a.lead_user_id),
      leadName: a.lead_name,
      leadAgencyId: a.lead_agency_id === null ? '' : String(a.lead_agency_id),
      status: a.status,
      statusReason: a.status_reason,
      'startsOn-day': starts.day,
      'startsOn-month': starts.month,
      'startsOn-year': starts.year,
      'dueOn-day': due.day,
      'dueOn-month': due.month,
      'dueOn-year': due.year,
    };
  };

  const editPage = (request: FastifyRequest, reply: FastifyReply, action: ActionRow, version: number, values: Body, errors?: FormErrors) =>
    actionFormPage(
      request,
      reply,
      { heading: 'Change action', caption: action.title, action: paths.actions.edit(action.id), backHref: paths.actions.show(action.id), submitText: 'Save changes', version },
      values,
      errors,
    );

  const actionPage = async (request: FastifyRequest, reply: FastifyReply, id: number, extra: { errors?: FormErrors; values?: Body } = {}) => {
    const data = await service.getAction(actionActor(request), id);
    const { action } = data;
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
      milestones: data.milestones,
      updates: updateItems(data.updates),
      canUpdate: data.canUpdate,
      canManage: data.canManage,
      values: { text: fieldText(values['text']), evidenceUrl: fieldText(values['evidenceUrl']), statusReason: fieldText(values['statusReason']) },
      statusItems: statusItems(fieldText(values['status']) || action.status),
      milestoneItems: dateItems('milestoneDue', postedDateParts(values, 'milestoneDue'), Boolean(extra.errors?.fields['milestoneDue-day'])),
      errors: extra.errors,
      flash: extra.errors ? undefined : noticeFrom(request, { created: 'Action added', changed: 'Action changed', posted: 'Progress update posted', milestone: 'Milestones changed' }),
    });
  };

  app.get(paths.actions.show(':id'), { config: { access: 'action-plans.read' } }, async (request, reply) => actionPage(request, reply, recordIdFrom(request.params)));

  app.get(paths.actions.edit(':id'), managers, async (request, reply) => {
    const { action } = await service.getAction(actionActor(request), recordIdFrom(request.params));
    return editPage(request, reply, action, action.version, storedValues(action));
  });

  app.post(paths.actions.edit(':id'), managers, async (request, reply) => {
    const { action } = await service.getAction(actionActor(request), recordIdFrom(request.params));
    const form = validateForm(actionForm, request.body);
    const posted = Number(fieldText(postedFields(request.body)['version'])) || action.version;
    if (!form.ok) return editPage(request, reply.code(400), action, posted, form.values, form.errors);
    const result = await service.updateAction(actionActor(request), action.id, form.data);
    if (!result.ok) return editPage(request, reply.code(400), action, posted, postedFields(request.body), formErrors([[result.field, result.message]]));
    return reply.redirect(`${paths.actions.show(action.id)}?done=changed`, 303);
  });

  app.post(paths.actions.updates(':id'), updaters, async (request, reply) => {
    const id = recordIdFrom(request.params);
    // Find the action first (404 for another partnership's), then check the form.
    const { canUpdate } = await service.getAction(actionActor(request), id);
    const form = validateForm(progressForm, request.body);
    if (canUpdate && !form.ok) return actionPage(request, reply.code(400), id, { errors: form.errors, values: form.values });
    if (!form.ok) throw forbidden();
    await service.postUpdate(actionActor(request), id, form.data);
    return reply.redirect(`${paths.actions.show(id)}?done=posted`, 303);
  });

  app.post(paths.actions.milestones(':id'), updaters, async (request, reply) => {
    const id = recordIdFrom(request.params);
    await service.getAction(actionActor(request), id);
    const form = validateForm(milestoneForm, request.body);
    if (!form.ok) return actionPage(request, reply.code(400), id, { errors: form.errors, values: form.values });
    await service.addMilestone(actionActor(request), id, form.data);
    return reply.redirect(`${paths.actions.show(id)}?done=milestone`, 303);
  });

  app.post(paths.actions.milestoneDone(':id'), updaters, async (request, reply) => {
    const id = recordIdFrom(request.params);
    await service.getAction(actionActor(request), id);
    const parsed = z.object({ milestoneId: recordId, done: z.enum(['yes', 'no']) }).safeParse(postedFields(request.body));
    if (!parsed.success) return actionPage(request, reply.code(400), id, { errors: formErrors([['milestones', 'Choose a milestone to mark']]) });
    await service.setMilestoneDone(actionActor(request), id, parsed.data.milestoneId, parsed.data.done === 'yes');
    return reply.redirect(`${paths.actions.show(id)}?done=milestone`, 303);
  });

  // Equality analysis -------------------------------------------------------------------------

  const equalityPage = async (request: FastifyRequest, reply: FastifyReply, id: number, posted?: Body, errors?: FormErrors) => {
    const { plan, assessment } = await service.getAssessment(actorFrom(request), id);
    const stored = (c: string) => assessment?.impacts.find((i) => i.characteristic === c);
    const value = (c: string, field: 'impact' | 'evidence' | 'mitigation') =>
      posted ? fieldText(posted[`${c}-${field}`]) : (stored(c)?.[field] ?? (field === 'impact' ? '' : ''));
    return reply.view('action-plans/views/equality.njk', {
      pageTitle: `Equality analysis - ${plan.title}`,
      plan,
      assessment: assessmentSummary(assessment),
      canManage: can(requireAuth(request), 'action-plans.manage'),
      summary: posted ? fieldText(posted['summary']) : (assessment?.summary ?? ''),
      characteristics: protectedCharacteristics.map((c) => ({
        key: c,
        label: characteristicLabels[c],
        impactItems: impacts.map((i) => ({ value: i, text: impactLabels[i], checked: value(c, 'impact') === i })),
        evidence: value(c, 'evidence'),
        mitigation: value(c, 'mitigation'),
        impactText: impactLabels[stored(c)?.impact ?? 'unknown'],
      })),
      errors,
      flash: errors ? undefined : noticeFrom(request, { saved: 'Equality analysis saved' }),
    });
  };

  app.get(paths.actionPlans.equality(':id'), { config: { access: 'action-plans.read' } }, async (request, reply) => equalityPage(request, reply, recordIdFrom(request.params)));

  app.post(paths.actionPlans.equality(':id'), managers, async (request, reply) => {
    const id = recordIdFrom(request.params);
    await service.getAssessment(actorFrom(request), id);
    const form = parseEqualityForm(request.body);
    if (!form.ok) return equalityPage(request, reply.code(400), id, postedFields(request.body), formErrors(form.messages));
    await service.saveAssessment(actionActor(request), id, form.data);
    return reply.redirect(`${paths.actionPlans.equality(id)}?done=saved`, 303);
  });

  app.post(paths.actionPlans.signOff(':id'), managers, async (request, reply) => {
    const id = recordIdFrom(request.params);
    const result = await service.signOffAssessment(actionActor(request), id);
    if (!result.ok) return equalityPage(request, reply.code(400), id, undefined, formErrors([['sign-off', result.message]]));
    return reply.redirect(`${paths.actionPlans.show(id)}?done=signed-off`, 303);
  });
}

function assessmentSummary(assessment: AssessmentRow | undefined) {
  if (!assessment) return { status: 'none', text: 'Not started' };
  if (assessment.status === 'signed_off') {
    return { status: 'signed_off', text: 'Signed off', by: assessment.signed_off_by, on: formatDate(assessment.signed_off_on) };
  }
  return { status: 'draft', text: 'Draft, not signed off' };
}
