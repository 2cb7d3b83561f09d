import { priorityActionItems } from '../action-plans/action-plan-view-models.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { formErrors, validateForm, type FormErrors, postedFields } from '../../platform/forms.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { paths, routes } from '../../platform/paths.ts';
import type { Services } from '../../platform/feature.ts';
import type { Actor } from '../audit/events.ts';
import { deletePageContext, quoted, type DeletePage } from '../../platform/deletes.ts';
import { exportLinks, exportRoutes } from '../../platform/exports.ts';
import { moveForm } from '../governance/governance-schemas.ts';
import { periodLabel, type DocumentFormat } from './plan-document.ts';
import { alignmentForm, externalForm, glossaryForm, planForm, priorityForm, refreshForm, sectionForm, surveyForm, themeForm, versionQuery } from './plan-schemas.ts';
import type { PlanListKind } from './plan-service.ts';
import {
  diffSummary,
  externalExport,
  externalFields,
  externalGroups,
  glossaryExport,
  glossaryFields,
  planFields,
  planFormValues,
  planSummaryRows,
  planTableRows,
  postedPlanValues,
  priorityFields,
  plansExport,
  prioritiesExport,
  priorityValues,
  richText,
  sectionFields,
  surveyExport,
  surveyFields,
  surveyRows,
  themeFields,
  themesExport,
  type FormField,
} from './plan-view-models.ts';
import { markAcronyms } from '../glossary/acronyms.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { can } from '../../platform/policies.ts';

const managers = { config: { access: 'plans.edit' } } as const;

const notices = {
  saved: 'Your changes have been saved',
  created: 'Added',
  refreshed: 'The plan has been refreshed. Earlier versions stay readable',
  deleted: 'The term has been deleted',
  moved: 'The order has been changed',
  'priority-deleted': 'The priority has been deleted',
  'theme-deleted': 'The cross-cutting theme has been deleted',
  'section-deleted': 'The introduction section has been deleted',
  'result-deleted': 'The survey result has been deleted',
} as const;

/** Priorities, themes and introduction sections: their words and addresses for moving and deleting. */
const planLists: Record<PlanListKind, { what: string; move: (id: number | ':id') => string; remove: (id: number | ':id') => string; anchor: string; deleted: keyof typeof notices }> = {
  priority: { what: 'the priority', move: paths.plans.movePriority, remove: paths.plans.deletePriority, anchor: 'priorities', deleted: 'priority-deleted' },
  theme: { what: 'the cross-cutting theme', move: paths.plans.moveTheme, remove: paths.plans.deleteTheme, anchor: 'themes', deleted: 'theme-deleted' },
  section: { what: 'the introduction section', move: paths.plans.moveSection, remove: paths.plans.deleteSection, anchor: 'introduction', deleted: 'section-deleted' },
};

const BLANK_PLAN = { title: '', startsYear: '', endsYear: '', vision: '', status: 'draft', day: '', month: '', year: '' };

interface FormPage {
  pageTitle: string;
  caption?: string;
  intro?: string;
  action: string;
  backHref: string;
  submitText: string;
  fields: FormField[];
  errors?: FormErrors;
  deleteHref?: string;
}


/** Plans, priorities, themes, alignment, glossary, survey results and the published plan. Coordinators and admins change; everyone reads. */
export default async function planRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { plans } = opts.services;

  const form = (reply: FastifyReply, page: FormPage) => reply.view('plans/views/form.njk', { heading: page.pageTitle, ...page });

  // Plans

  const confirmDelete = (reply: FastifyReply, page: DeletePage) => reply.view('confirm-delete.njk', deletePageContext(page));

  /**
   * A form to add or change a record, for managers: GET shows it with the record's values; POST
   * checks it and shows it again with the errors (400), or saves and goes where save() says.
   */
  const formRoutes = <Loaded, Schema extends z.ZodType>(
    route: string,
    spec: {
      load: (actor: Actor, id: number) => Promise<Loaded>;
      page: (loaded: Loaded) => Omit<FormPage, 'fields'>;
      fields: (values: Record<string, unknown>) => FormField[];
      values: (loaded: Loaded) => Record<string, unknown>;
      schema: Schema;
      save: (actor: Actor, loaded: Loaded, data: z.output<Schema>) => Promise<string>;
    },
  ) => {
    app.get(route, managers, async (request, reply) => {
      const loaded = await spec.load(actorFrom(request), recordIdFrom(request.params));
      return form(reply, { ...spec.page(loaded), fields: spec.fields(spec.values(loaded)) });
    });
    app.post(route, managers, async (request, reply) => {
      const actor = actorFrom(request);
      const loaded = await spec.load(actor, recordIdFrom(request.params));
      const result = validateForm(spec.schema, request.body);
      if (!result.ok) return form(reply.code(400), { ...spec.page(loaded), fields: spec.fields(result.values), errors: result.errors });
      return reply.redirect(await spec.save(actor, loaded, result.data), 303);
    });
  };

  app.get(paths.plans.list(), { config: { access: 'plans.read' } }, async (request, reply) => {
    const list = await plans.list(actorFrom(request));
    return reply.view('plans/views/list.njk', {
      pageTitle: 'Plans',
      rows: planTableRows(list),
      exports: exportLinks(paths.plans.export, 'the plans'),
      manage: can(requireAuth(request), 'plans.edit'),
    });
  });
  exportRoutes(app, 'plans.read', paths.plans.export, async (request) => plansExport(await plans.list(actorFrom(request))));

  const planForm_ = (reply: FastifyReply, values: typeof BLANK_PLAN, planId?: number, errors?: FormErrors) =>
    form(reply, {
      pageTitle: planId ? 'Change the plan details' : 'Create a plan',
      action: planId ? paths.plans.edit(planId) : paths.plans.create(),
      backHref: planId ? paths.plans.show(planId) : paths.plans.list(),
      submitText: planId ? 'Save changes' : 'Create plan',
      fields: planFields(values),
      errors,
    });

  app.get(paths.plans.create(), managers, async (_request, reply) => planForm_(reply, BLANK_PLAN));
  app.post(paths.plans.create(), managers, async (request, reply) => {
    const result = validateForm(planForm, request.body);
    if (!result.ok) return planForm_(reply.code(400), postedPlanValues(request.body), undefined, result.errors);
    const id = await plans.create(actorFrom(request), result.data);
    return reply.redirect(`${paths.plans.show(id)}?done=created`, 303);
  });

  app.get(routes.planShow, { config: { access: 'plans.read' } }, async (request, reply) => {
    const { plan, sections, priorities, themes, glossary } = await plans.get(actorFrom(request), recordIdFrom(request.params));
    return reply.view('plans/views/plan.njk', {
      pageTitle: plan.title,
      priorityExports: exportLinks((format) => paths.plans.prioritiesExport(plan.id, format), 'the priorities'),
      themeExports: exportLinks((format) => paths.plans.themesExport(plan.id, format), 'the cross-cutting themes'),
      plan,
      period: periodLabel(plan.starts_year, plan.ends_year),
      summary: planSummaryRows(plan, can(requireAuth(request), 'plans.edit'), glossary),
      sections: sections.map((s) => ({ ...s, html: richText(s.body, glossary) })),
      priorities,
      themes: themes.map((t) => ({ ...t, html: richText(t.description, glossary) })),
      manage: can(requireAuth(request), 'plans.edit'),
      flash: noticeFrom(request, notices),
    });
  });

  app.get(routes.planEdit, managers, async (request, reply) => {
    const plan = await plans.getPlan(actorFrom(request), recordIdFrom(request.params));
    return planForm_(reply, planFormValues(plan), plan.id);
  });
  app.post(routes.planEdit, managers, async (request, reply) => {
    const actor = actorFrom(request);
    const plan = await plans.getPlan(actor, recordIdFrom(request.params));
    const result = validateForm(planForm, request.body);
    if (!result.ok) return planForm_(reply.code(400), postedPlanValues(request.body), plan.id, result.errors);
    await plans.update(actor, plan.id, result.data);
    return reply.redirect(`${paths.plans.show(plan.id)}?done=saved`, 303);
  });

  const refreshPage = async (request: FastifyRequest, reply: FastifyReply, label: string, errors?: FormErrors) => {
    const plan = await plans.getPlan(actorFrom(request), recordIdFrom(request.params));
    return form(reply, {
      pageTitle: 'Refresh the plan for a new year',
      caption: plan.title,
      intro: `The plan as it stands now is kept as version ${plan.current_version}, under the name you give it, and can always be read again. You then carry on changing version ${plan.current_version + 1}.`,
      action: paths.plans.refresh(plan.id),
      backHref: paths.plans.show(plan.id),
      submitText: 'Refresh the plan',
      fields: [{ type: 'input', name: 'label', label: 'Name for this version', hint: 'For example, 2020-21 refresh', value: label }],
      errors,
    });
  };
  app.get(routes.planRefresh, managers, async (request, reply) => refreshPage(request, reply, ''));
  app.post(routes.planRefresh, managers, async (request, reply) => {
    const actor = actorFrom(request);
    const plan = await plans.getPlan(actor, recordIdFrom(request.params));
    const result = validateForm(refreshForm, request.body);
    if (!result.ok) return refreshPage(request, reply.code(400), String(result.values['label'] ?? ''), result.errors);
    await plans.refresh(actor, plan.id, result.data.label);
    return reply.redirect(`${paths.plans.versions(plan.id)}?done=refreshed`, 303);
  });

  app.get(routes.planVersions, { config: { access: 'plans.read' } }, async (request, reply) => {
    const query = versionQuery.safeParse(request.query);
    const version = query.success ? query.data.version : undefined;
    const result = await plans.versions(actorFrom(request), recordIdFrom(request.params), version);
    const glossary = result.glossary ?? [];
    const selected = result.selected;
    return reply.view('plans/views/versions.njk', {
      pageTitle: selected ? `Version ${selected.version}: ${selected.label}` : 'Versions of the plan',
      plan: result.plan,
      versions: result.versions,
      selected: selected && {
        ...selected,
        vision: markAcronyms(selected.snapshot.plan.vision, glossary),
        period: periodLabel(selected.snapshot.plan.starts_year, selected.snapshot.plan.ends_year),
        sections: selected.snapshot.sections.map((s) => ({ heading: s.heading, html: richText(s.body, glossary) })),
        priorities: selected.snapshot.priorities.map((p) => ({
          title: p.title,
          parts: [
            ['Why it matters', p.why_it_matters],
            ['Objective', p.objective],
            ['What we will focus on', p.focus],
            ['In the first 12 months', p.first_year],
          ].map(([heading, text]) => ({ heading, html: richText(text ?? '', glossary) })),
        })),
        themes: selected.snapshot.themes.map((t) => ({ title: t.title, html: richText(t.description, glossary) })),
        changes: diffSummary(selected.diff),
      },
      flash: noticeFrom(request, notices),
    });
  });

  exportRoutes(app, 'plans.read', (format) => paths.plans.prioritiesExport(':id', format), async (request) => {
    const { plan, priorities } = await plans.get(actorFrom(request), recordIdFrom(request.params));
    return prioritiesExport(plan, priorities);
  });
  exportRoutes(app, 'plans.read', (format) => paths.plans.themesExport(':id', format), async (request) => {
    const { plan, themes } = await plans.get(actorFrom(request), recordIdFrom(request.params));
    return themesExport(plan, themes);
  });

  // Moving and deleting priorities, themes and introduction sections

  for (const [kind, list] of Object.entries(planLists) as [PlanListKind, (typeof planLists)[PlanListKind]][]) {
    const cancelHref = (item: { id: number; plan_id: number }) => (kind === 'priority' ? paths.plans.priority(item.id) : `${paths.plans.show(item.plan_id)}#${list.anchor}`);
    app.post(list.move(':id'), managers, async (request, reply) => {
      const direction = moveForm.safeParse(postedFields(request.body));
      const planId = await plans.moveInPlan(actorFrom(request), kind, recordIdFrom(request.params), direction.success ? direction.data.direction : undefined);
      return reply.redirect(`${paths.plans.show(planId)}?done=moved#${list.anchor}`, 303);
    });
    app.get(list.remove(':id'), managers, async (request, reply) => {
      const { item, name, check } = await plans.deletionOf(actorFrom(request), kind, recordIdFrom(request.params));
      return confirmDelete(reply, { what: `${list.what} ${quoted(name)}`, action: list.remove(item.id), cancelHref: cancelHref(item), check });
    });
    app.post(list.remove(':id'), managers, async (request, reply) => {
      const result = await plans.deleteFromPlan(actorFrom(request), kind, recordIdFrom(request.params));
      if (!result.ok) return confirmDelete(reply.code(409), { what: `${list.what} ${quoted(result.name)}`, action: list.remove(result.item.id), cancelHref: cancelHref(result.item), check: result.check });
      return reply.redirect(`${paths.plans.show(result.item.plan_id)}?done=${list.deleted}#${list.anchor}`, 303);
    });
  }

  // Priorities

  formRoutes(routes.planNewPriority, {
    load: (actor, id) => plans.getPlan(actor, id),
    page: (plan) => ({ pageTitle: 'Add a priority', caption: plan.title, action: paths.plans.newPriority(plan.id), backHref: paths.plans.show(plan.id), submitText: 'Add priority' }),
    fields: priorityFields,
    values: () => ({}),
    schema: priorityForm,
    save: async (actor, plan, data) => `${paths.plans.priority(await plans.addPriority(actor, plan.id, data))}?done=created`,
  });

  app.get(routes.priorityShow, { config: { access: 'plans.read' } }, async (request, reply) => {
    const actor = actorFrom(request);
    const { priority, plan, external, alignedIds, glossary } = await plans.getPriority(actor, recordIdFrom(request.params));
    const priorityActions = priorityActionItems(await opts.services.actionPlans.actionsForPriority(actor, priority.id));
    return reply.view('plans/views/priority.njk', {
      pageTitle: priority.title,
      priority,
      plan,
      priorityActions,
      parts: [
        ['Why it matters', priority.why_it_matters],
        ['Objective', priority.objective],
        ['What we will focus on', priority.focus],
        ['In the first 12 months', priority.first_year],
      ].map(([heading, text]) => ({ heading, html: text ? richText(text, glossary) : '<p class="govuk-body">Not written yet.</p>' })),
      groups: externalGroups(external, alignedIds),
      manage: can(requireAuth(request), 'plans.edit'),
      flash: noticeFrom(request, notices),
    });
  });

  formRoutes(routes.priorityEdit, {
    load: (actor, id) => plans.getPriority(actor, id),
    page: ({ priority, plan }) => ({ pageTitle: 'Change the priority', caption: plan.title, action: paths.plans.editPriority(priority.id), backHref: paths.plans.priority(priority.id), submitText: 'Save changes' }),
    fields: priorityFields,
    values: ({ priority }) => priorityValues(priority),
    schema: priorityForm,
    save: async (actor, { priority }, data) => {
      await plans.updatePriority(actor, priority.id, data);
      return `${paths.plans.priority(priority.id)}?done=saved`;
    },
  });

  app.post(routes.priorityAlignments, managers, async (request, reply) => {
    const actor = actorFrom(request);
    const priorityId = recordIdFrom(request.params);
    await plans.getPriority(actor, priorityId);
    const result = validateForm(alignmentForm, request.body);
    const saved = result.ok ? await plans.setAlignments(actor, priorityId, result.data.externalIds) : { ok: false as const, field: 'externalIds', message: 'Select priorities from the list' };
    if (!saved.ok) {
      const { priority, plan, external, alignedIds } = await plans.getPriority(actor, priorityId);
      return reply.code(400).view('plans/views/priority.njk', {
        pageTitle: priority.title, priority, plan, parts: [], groups: externalGroups(external, alignedIds), manage: true, errors: formErrors([[saved.field, saved.message]]),
      });
    }
    return reply.redirect(`${paths.plans.priority(priorityId)}?done=saved#alignment`, 303);
  });

  // Cross-cutting themes and introduction sections

  formRoutes(routes.planNewTheme, {
    load: (actor, id) => plans.getPlan(actor, id),
    page: (plan) => ({ pageTitle: 'Add a cross-cutting theme', caption: plan.title, action: paths.plans.newTheme(plan.id), backHref: paths.plans.show(plan.id), submitText: 'Add theme' }),
    fields: themeFields,
    values: () => ({}),
    schema: themeForm,
    save: async (actor, plan, data) => {
      await plans.addTheme(actor, plan.id, data);
      return `${paths.plans.show(plan.id)}?done=saved#themes`;
    },
  });
  formRoutes(routes.themeEdit, {
    load: (actor, id) => plans.getTheme(actor, id),
    page: (theme) => ({ pageTitle: 'Change the cross-cutting theme', action: paths.plans.editTheme(theme.id), backHref: paths.plans.show(theme.plan_id), submitText: 'Save changes' }),
    fields: themeFields,
    values: (theme) => theme,
    schema: themeForm,
    save: async (actor, theme, data) => {
      await plans.updateTheme(actor, theme.id, data);
      return `${paths.plans.show(theme.plan_id)}?done=saved#themes`;
    },
  });

  formRoutes(routes.planNewSection, {
    load: (actor, id) => plans.getPlan(actor, id),
    page: (plan) => ({ pageTitle: 'Add an introduction section', caption: plan.title, action: paths.plans.newSection(plan.id), backHref: paths.plans.show(plan.id), submitText: 'Add section' }),
    fields: sectionFields,
    values: () => ({}),
    schema: sectionForm,
    save: async (actor, plan, data) => {
      await plans.addSection(actor, plan.id, data);
      return `${paths.plans.show(plan.id)}?done=saved#introduction`;
    },
  });
  formRoutes(routes.sectionEdit, {
    load: (actor, id) => plans.getSection(actor, id),
    page: (section) => ({ pageTitle: 'Change the introduction section', action: paths.plans.editSection(section.id), backHref: paths.plans.show(section.plan_id), submitText: 'Save changes' }),
    fields: sectionFields,
    values: (section) => section,
    schema: sectionForm,
    save: async (actor, section, data) => {
      await plans.updateSection(actor, section.id, data);
      return `${paths.plans.show(section.plan_id)}?done=saved#introduction`;
    },
  });

  // External priorities (county agreement, PCC plan)

  const externalPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) => {
    const external = await plans.listExternal(actorFrom(request));
    return reply.view('plans/views/external.njk', {
      pageTitle: 'Priorities of other plans',
      groups: externalGroups(external),
      exports: exportLinks(paths.plans.externalExport, 'the priorities of other plans'),
      fields: externalFields(values),
      manage: can(requireAuth(request), 'plans.edit'),
      errors,
      flash: noticeFrom(request, notices),
    });
  };
  app.get(paths.plans.external(), { config: { access: 'plans.read' } }, async (request, reply) => externalPage(request, reply, {}));
  exportRoutes(app, 'plans.read', paths.plans.externalExport, async (request) => externalExport(await plans.listExternal(actorFrom(request))));
  app.post(paths.plans.external(), managers, async (request, reply) => {
    const result = validateForm(externalForm, request.body);
    if (!result.ok) return externalPage(request, reply.code(400), result.values, result.errors);
    await plans.addExternal(actorFrom(request), result.data);
    return reply.redirect(`${paths.plans.external()}?done=saved`, 303);
  });
  app.get(routes.externalEdit, managers, async (request, reply) => {
    const e = await plans.getExternal(actorFrom(request), recordIdFrom(request.params));
    return form(reply, { pageTitle: 'Change a priority of another plan', action: paths.plans.editExternal(e.id), backHref: paths.plans.external(), submitText: 'Save changes', fields: externalFields(e) });
  });
  app.post(routes.externalEdit, managers, async (request, reply) => {
    const actor = actorFrom(request);
    const e = await plans.getExternal(actor, recordIdFrom(request.params));
    const result = validateForm(externalForm, request.body);
    if (!result.ok) {
      return form(reply.code(400), { pageTitle: 'Change a priority of another plan', action: paths.plans.editExternal(e.id), backHref: paths.plans.external(), submitText: 'Save changes', fields: externalFields(result.values), errors: result.errors });
    }
    await plans.updateExternal(actor, e.id, result.data);
    return reply.redirect(`${paths.plans.external()}?done=saved`, 303);
  });

  // Glossary

  app.get(paths.glossary.list(), { config: { access: 'plans.read' } }, async (request, reply) => {
    const terms = await plans.glossary(actorFrom(request));
    return reply.view('plans/views/glossary.njk', {
      pageTitle: 'Glossary',
      terms,
      exports: exportLinks(paths.glossary.export, 'the glossary'),
      manage: can(requireAuth(request), 'plans.edit'),
      flash: noticeFrom(request, notices),
    });
  });
  exportRoutes(app, 'plans.read', paths.glossary.export, async (request) => glossaryExport(await plans.glossary(actorFrom(request))));
  const termPage = (reply: FastifyReply, id: number | undefined, values: Record<string, unknown>, errors?: FormErrors) =>
    form(reply, {
      pageTitle: id ? 'Change a glossary term' : 'Add a glossary term',
      action: id ? paths.glossary.edit(id) : paths.glossary.create(),
      backHref: paths.glossary.list(),
      submitText: id ? 'Save changes' : 'Add term',
      fields: glossaryFields(values),
      deleteHref: id ? paths.glossary.remove(id) : undefined,
      errors,
    });
  app.get(paths.glossary.create(), managers, async (_request, reply) => termPage(reply, undefined, {}));
  app.post(paths.glossary.create(), managers, async (request, reply) => {
    const result = validateForm(glossaryForm, request.body);
    if (!result.ok) return termPage(reply.code(400), undefined, result.values, result.errors);
    const saved = await plans.saveTerm(actorFrom(request), undefined, result.data);
    if (!saved.ok) return termPage(reply.code(400), undefined, postedFields(request.body), formErrors([[saved.field, saved.message]]));
    return reply.redirect(`${paths.glossary.list()}?done=saved`, 303);
  });
  app.get(routes.glossaryEdit, managers, async (request, reply) => {
    const term = await plans.getTerm(actorFrom(request), recordIdFrom(request.params));
    return termPage(reply, term.id, { term: term.term, meaning: term.meaning, isAcronym: term.is_acronym });
  });
  app.post(routes.glossaryEdit, managers, async (request, reply) => {
    const actor = actorFrom(request);
    const term = await plans.getTerm(actor, recordIdFrom(request.params));
    const result = validateForm(glossaryForm, request.body);
    if (!result.ok) return termPage(reply.code(400), term.id, result.values, result.errors);
    const saved = await plans.saveTerm(actor, term.id, result.data);
    if (!saved.ok) return termPage(reply.code(400), term.id, postedFields(request.body), formErrors([[saved.field, saved.message]]));
    return reply.redirect(`${paths.glossary.list()}?done=saved`, 303);
  });
  const termDeletePage = (reply: FastifyReply, term: { id: number; term: string }, check: DeletePage['check']) =>
    confirmDelete(reply, { what: `the term ${quoted(term.term)}`, caption: 'Glossary', action: paths.glossary.remove(term.id), cancelHref: paths.glossary.edit(term.id), check });
  app.get(routes.glossaryDelete, managers, async (request, reply) => {
    const { term, check } = await plans.termDeletion(actorFrom(request), recordIdFrom(request.params));
    return termDeletePage(reply, term, check);
  });
  app.post(routes.glossaryDelete, managers, async (request, reply) => {
    const result = await plans.deleteTerm(actorFrom(request), recordIdFrom(request.params));
    if (!result.ok) return termDeletePage(reply.code(409), result.term, result.check);
    return reply.redirect(`${paths.glossary.list()}?done=deleted`, 303);
  });

  // Survey results

  const surveyPage = async (request: FastifyRequest, reply: FastifyReply, body: unknown, errors?: FormErrors) => {
    const results = await plans.surveyResults(actorFrom(request));
    return reply.view('plans/views/survey.njk', {
      pageTitle: 'Survey results',
      rows: surveyRows(results, can(requireAuth(request), 'plans.edit')),
      exports: exportLinks(paths.surveyResultsExport, 'the survey results'),
      fields: surveyFields(body),
      manage: can(requireAuth(request), 'plans.edit'),
      errors,
      flash: noticeFrom(request, notices),
    });
  };
  app.get(paths.surveyResults(), { config: { access: 'plans.read' } }, async (request, reply) => surveyPage(request, reply, {}));
  app.post(paths.surveyResults(), managers, async (request, reply) => {
    const result = validateForm(surveyForm, request.body);
    if (!result.ok) return surveyPage(request, reply.code(400), request.body, result.errors);
    await plans.addSurveyResult(actorFrom(request), result.data);
    return reply.redirect(`${paths.surveyResults()}?done=saved`, 303);
  });
  exportRoutes(app, 'plans.read', paths.surveyResultsExport, async (request) => surveyExport(await plans.surveyResults(actorFrom(request))));
  const surveyDeletePage = (reply: FastifyReply, result: { id: number; survey: string; survey_year: number; question: string }, check: DeletePage['check']) =>
    confirmDelete(reply, {
      what: `the result ${quoted(result.question)}`,
      caption: `${result.survey} ${result.survey_year}`,
      action: paths.deleteSurveyResult(result.id),
      cancelHref: paths.surveyResults(),
      check,
    });
  app.get(paths.deleteSurveyResult(':id'), managers, async (request, reply) => {
    const { result, check } = await plans.surveyResultDeletion(actorFrom(request), recordIdFrom(request.params));
    return surveyDeletePage(reply, result, check);
  });
  app.post(paths.deleteSurveyResult(':id'), managers, async (request, reply) => {
    const deleted = await plans.deleteSurveyResult(actorFrom(request), recordIdFrom(request.params));
    if (!deleted.ok) return surveyDeletePage(reply.code(409), deleted.result, deleted.check);
    return reply.redirect(`${paths.surveyResults()}?done=result-deleted`, 303);
  });

  // The published plan

  app.get(routes.planDocument, { config: { access: 'plans.read' } }, async (request, reply) => {
    const plan = await plans.getPlan(actorFrom(request), recordIdFrom(request.params));
    return reply.view('plans/views/document.njk', { pageTitle: 'Download the plan', plan, period: periodLabel(plan.starts_year, plan.ends_year) });
  });
  const download = (format: DocumentFormat) => async (request: FastifyRequest, reply: FastifyReply) => {
    const file = await plans.document(actorFrom(request), recordIdFrom(request.params), format, { styleNonce: request.cspNonce });
    reply.type(file.contentType);
    if (format !== 'html') reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    return reply.send(file.body);
  };
  app.get(routes.planDocumentHtml, { config: { access: 'plans.read' } }, download('html'));
  app.get(routes.planDocumentDocx, { config: { access: 'plans.read' } }, download('docx'));
  app.get(routes.planDocumentPdf, { config: { access: 'plans.read' } }, download('pdf'));
}
