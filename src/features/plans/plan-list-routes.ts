import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DeleteCheck } from '../../platform/db/record-uses.ts';
import { quoted } from '../../platform/deletes.ts';
import type { Services } from '../../platform/feature.ts';
import { postedFields } from '../../platform/forms.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { formRoutes } from '../../platform/http/form-routes.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import type { Actor } from '../audit/events.ts';
import { moveForm } from '../governance/governance-schemas.ts';
import { sectionFields, themeFields, type FormField } from './plan-form-fields.ts';
import { byId, confirmDelete, formPage, type planNotices } from './plan-pages.ts';
import { planPaths } from './plan-paths.ts';
import type { PlanRow } from './plan-repository.ts';
import { sectionForm, themeForm } from './plan-schemas.ts';
import type { PlanListKind } from './plan-service.ts';

type ItemPath = (id: number | ':id') => string;
type PlanItem = { id: number; plan_id: number };

/** Priorities, themes and introduction sections: their words and addresses for moving and deleting. */
interface PlanList {
  what: string;
  move: ItemPath;
  remove: ItemPath;
  /** The heading of the list on the plan's page. */
  anchor: string;
  deleted: keyof typeof planNotices;
}

const planLists: Record<PlanListKind, PlanList> = {
  priority: {
    what: 'the priority',
    move: planPaths.movePriority,
    remove: planPaths.deletePriority,
    anchor: 'priorities',
    deleted: 'priority-deleted',
  },
  theme: {
    what: 'the cross-cutting theme',
    move: planPaths.moveTheme,
    remove: planPaths.deleteTheme,
    anchor: 'themes',
    deleted: 'theme-deleted',
  },
  section: {
    what: 'the introduction section',
    move: planPaths.moveSection,
    remove: planPaths.deleteSection,
    anchor: 'introduction',
    deleted: 'section-deleted',
  },
};

const managers = { config: { access: 'plans.edit' } } as const;

/** What differs between the add and change forms of a cross-cutting theme and of an introduction section. */
interface TextItemForms<S extends z.ZodType, Item extends PlanItem> {
  addTitle: string;
  changeTitle: string;
  addButton: string;
  newPath: ItemPath;
  editPath: ItemPath;
  /** Where on the plan's page the item is, to go back to after a save. */
  anchor: string;
  schema: S;
  fields: (values: Record<string, unknown>) => FormField[];
  loadPlan: (request: FastifyRequest) => Promise<PlanRow>;
  loadItem: (request: FastifyRequest) => Promise<Item>;
  add: (actor: Actor, planId: number, data: z.output<S>) => Promise<unknown>;
  update: (actor: Actor, id: number, data: z.output<S>) => Promise<unknown>;
}

/** The add form of an item of a plan (under its plan) and its change form; both go back to the plan's page. */
function textItemForms<S extends z.ZodType, Item extends PlanItem>(app: FastifyInstance, spec: TextItemForms<S, Item>): void {
  const saved = (planId: number) => ({ redirect: `${planPaths.show(planId)}?done=saved#${spec.anchor}` });
  formRoutes(app, spec.newPath(':id'), {
    access: 'plans.edit',
    load: spec.loadPlan,
    values: () => ({}),
    schema: spec.schema,
    render: formPage(
      (plan) => ({
        pageTitle: spec.addTitle,
        caption: plan.title,
        action: spec.newPath(plan.id),
        backHref: planPaths.show(plan.id),
        submitText: spec.addButton,
      }),
      spec.fields,
    ),
    save: async (request, plan, data) => {
      await spec.add(actorFrom(request), plan.id, data);
      return saved(plan.id);
    },
  });
  formRoutes(app, spec.editPath(':id'), {
    access: 'plans.edit',
    load: spec.loadItem,
    values: (item) => ({ ...item }),
    schema: spec.schema,
    render: formPage(
      (item) => ({
        pageTitle: spec.changeTitle,
        action: spec.editPath(item.id),
        backHref: planPaths.show(item.plan_id),
        submitText: 'Save changes',
      }),
      spec.fields,
    ),
    save: async (request, item, data) => {
      await spec.update(actorFrom(request), item.id, data);
      return saved(item.plan_id);
    },
  });
}

/**
 * The plan's ordered lists: cross-cutting themes and introduction sections added and changed, and
 * priorities, themes and sections moved up and down and deleted.
 */
export default async function planListRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { plans } = opts.services;

  textItemForms(app, {
    addTitle: 'Add a cross-cutting theme',
    changeTitle: 'Change the cross-cutting theme',
    addButton: 'Add theme',
    newPath: planPaths.newTheme,
    editPath: planPaths.editTheme,
    anchor: 'themes',
    schema: themeForm,
    fields: themeFields,
    loadPlan: byId(plans.getPlan),
    loadItem: byId(plans.getTheme),
    add: plans.addTheme,
    update: plans.updateTheme,
  });
  textItemForms(app, {
    addTitle: 'Add an introduction section',
    changeTitle: 'Change the introduction section',
    addButton: 'Add section',
    newPath: planPaths.newSection,
    editPath: planPaths.editSection,
    anchor: 'introduction',
    schema: sectionForm,
    fields: sectionFields,
    loadPlan: byId(plans.getPlan),
    loadItem: byId(plans.getSection),
    add: plans.addSection,
    update: plans.updateSection,
  });

  for (const [kind, list] of Object.entries(planLists) as [PlanListKind, PlanList][]) {
    // Cancel goes back to the priority's own page, or to the theme or section on its plan's page.
    const cancelHref = (item: PlanItem) =>
      kind === 'priority' ? planPaths.priority(item.id) : `${planPaths.show(item.plan_id)}#${list.anchor}`;
    const deletePage = (item: PlanItem, name: string, check: DeleteCheck) => ({
      what: `${list.what} ${quoted(name)}`,
      action: list.remove(item.id),
      cancelHref: cancelHref(item),
      check,
    });

    app.post(list.move(':id'), managers, async (request, reply) => {
      const form = moveForm.safeParse(postedFields(request.body));
      const direction = form.success ? form.data.direction : undefined;
      const planId = await plans.moveInPlan(actorFrom(request), kind, recordIdFrom(request.params), direction);
      return reply.redirect(`${planPaths.show(planId)}?done=moved#${list.anchor}`, 303);
    });
    app.get(list.remove(':id'), managers, async (request, reply) => {
      const { item, name, check } = await plans.deletionOf(actorFrom(request), kind, recordIdFrom(request.params));
      return confirmDelete(reply, deletePage(item, name, check));
    });
    app.post(list.remove(':id'), managers, async (request, reply) => {
      const result = await plans.deleteFromPlan(actorFrom(request), kind, recordIdFrom(request.params));
      if (!result.ok) return confirmDelete(reply.code(409), deletePage(result.item, result.name, result.check));
      return reply.redirect(`${planPaths.show(result.item.plan_id)}?done=${list.deleted}#${list.anchor}`, 303);
    });
  }
}
