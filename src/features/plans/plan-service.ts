import type { Database, Trx } from '../../platform/db/database.ts';
import { AppError, mustFind } from '../../platform/errors.ts';
import { tenantIfAllowed } from '../../platform/policies.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import { changedFields } from '../audit/changes.ts';
import type { Actor, AuditAction } from '../audit/events.ts';
import { deleteCheck, type DeleteCheck } from '../../platform/db/record-uses.ts';
import { listGlossary } from '../glossary/glossary-repository.ts';
import { diffPlans, type PlanDiff } from './plan-diff.ts';
import { documentContentTypes, documentFileName, documentHtml, type DocumentFormat } from './plan-document.ts';
import { documentDocx } from './plan-document-docx.ts';
import { documentPdf } from './plan-document-pdf.ts';
import { createPlanEvidenceOperations } from './plan-evidence-service.ts';
import * as repo from './plan-repository.ts';
import type { PlanSnapshot } from './plan-snapshot.ts';

export type FieldResult = { ok: true; id: number } | { ok: false; field: string; message: string };

/** The ordered lists of a plan that can be reordered and deleted from. */
export type PlanListKind = 'priority' | 'theme' | 'section';

type PlanListItem = { id: number; plan_id: number; title?: string; heading?: string };

const planListName = (item: PlanListItem): string => item.title ?? item.heading ?? '';

const planLists: Record<
  PlanListKind,
  {
    table: repo.PlanListTable;
    find: (trx: Trx, id: number) => Promise<PlanListItem | undefined>;
    audit: {
      moved: AuditAction;
      deleted: AuditAction;
      subjectType: (item: PlanListItem) => 'priority' | 'theme' | 'plan';
      subjectId: (item: PlanListItem) => number;
      details: (item: PlanListItem) => Record<string, unknown>;
    };
  }
> = {
  priority: {
    table: 'priorities',
    find: repo.findPriority,
    audit: {
      moved: 'priority.updated',
      deleted: 'priority.deleted',
      subjectType: () => 'priority',
      subjectId: (p) => p.id,
      details: (p) => ({ planId: p.plan_id, title: p.title }),
    },
  },
  theme: {
    table: 'themes',
    find: repo.findTheme,
    audit: {
      moved: 'theme.updated',
      deleted: 'theme.deleted',
      subjectType: () => 'theme',
      subjectId: (t) => t.id,
      details: (t) => ({ planId: t.plan_id, title: t.title }),
    },
  },
  section: {
    table: 'plan_sections',
    find: repo.findSection,
    audit: {
      moved: 'plan_section.saved',
      deleted: 'plan_section.deleted',
      subjectType: () => 'plan',
      subjectId: (s) => s.plan_id,
      details: (s) => ({ sectionId: s.id, heading: s.heading }),
    },
  },
};

/** Plans and everything in them: the rules, the audit and the transactions live here. */
export function createPlanService(deps: { db: Database }) {
  const { db } = deps;
  const tenant = <T>(actor: Actor, fn: (trx: Trx) => Promise<T>) => db.tenant(actor.partnershipId, fn);
  /** Every change to a plan, its lists, alignments and survey results: for those who may edit plans. */
  const edit = tenantIfAllowed(db, 'plans.edit');

  /** Moves an item of a plan's list one place up or down; the first cannot go up, nor the last down. */
  async function move(
    trx: Trx,
    table: repo.PlanListTable,
    item: { id: number; plan_id: number },
    direction: 'up' | 'down',
  ): Promise<boolean> {
    const ids = await repo.orderedIds(trx, table, item.plan_id);
    const from = ids.indexOf(item.id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= ids.length) return false;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    await repo.setOrder(trx, table, item.plan_id, ids);
    return true;
  }

  /** Deletes an item of a plan's list, unless other records use it, and numbers the rest 1, 2, 3… again. */
  async function removeFromPlan(trx: Trx, table: repo.PlanListTable, item: { id: number; plan_id: number }): Promise<DeleteCheck> {
    const check = await deleteCheck(trx, table, item.id);
    if (check.blockers.length) return check;
    await repo.deleteFromPlan(trx, table, item.id);
    await repo.setOrder(trx, table, item.plan_id, await repo.orderedIds(trx, table, item.plan_id));
    return check;
  }

  return {
    list: (actor: Actor) => tenant(actor, (trx) => repo.listPlans(trx)),

    /** The plan with its sections, priorities, themes and alignments; a 404 if not this partnership's. */
    get: (actor: Actor, planId: number) =>
      tenant(actor, async (trx) => {
        const plan = await mustFind(repo.findPlan)(trx, planId);
        return {
          plan,
          sections: await repo.listSections(trx, planId),
          priorities: await repo.listPriorities(trx, planId),
          themes: await repo.listThemes(trx, planId),
          glossary: await listGlossary(trx),
        };
      }),

    getPlan: (actor: Actor, planId: number) => tenant(actor, (trx) => mustFind(repo.findPlan)(trx, planId)),

    create: (actor: Actor, input: repo.PlanValues) =>
      edit(actor, async (trx) => {
        const id = await repo.insertPlan(trx, actor.partnershipId, input);
        await recordAudit(trx, actor, { action: 'plan.created', subjectType: 'plan', subjectId: id, details: { title: input.title } });
        return id;
      }),

    update: (actor: Actor, planId: number, input: repo.PlanValues) =>
      edit(actor, async (trx) => {
        const before = await mustFind(repo.findPlan)(trx, planId);
        await repo.updatePlan(trx, planId, input);
        const changed = changedFields([
          ['title', before.title, input.title],
          ['startsYear', before.starts_year, input.startsYear],
          ['endsYear', before.ends_year, input.endsYear],
          ['vision', before.vision, input.vision],
          ['status', before.status, input.status],
          ['adoptedOn', before.adopted_on, input.adoptedOn],
        ]);
        await recordAudit(trx, actor, { action: 'plan.updated', subjectType: 'plan', subjectId: planId, details: changed });
      }),

    /** Keeps the plan as it stands now as its current version, under the label, and starts the next one. */
    refresh: (actor: Actor, planId: number, label: string) =>
      edit(actor, async (trx) => {
        const plan = await mustFind(repo.findPlan)(trx, planId);
        const snapshot = await repo.snapshotOf(trx, plan);
        await repo.insertVersion(trx, actor.partnershipId, planId, plan.current_version, label, snapshot, actor.name);
        await recordAudit(trx, actor, {
          action: 'plan.refreshed',
          subjectType: 'plan',
          subjectId: planId,
          details: { version: plan.current_version, label },
        });
        return plan.current_version + 1;
      }),

    /** Every kept version; with a version number, that version and what changed between it and the next (or the plan now). */
    versions: (actor: Actor, planId: number, version?: number) =>
      tenant(actor, async (trx) => {
        const plan = await mustFind(repo.findPlan)(trx, planId);
        const versions = await repo.listVersions(trx, planId);
        if (version === undefined) return { plan, versions, selected: undefined };
        const shown = await mustFind(repo.findVersionSnapshot)(trx, planId, version);
        const next = await repo.findVersionSnapshot(trx, planId, version + 1);
        const nextSnapshot: PlanSnapshot = next ? next.snapshot : await repo.snapshotOf(trx, plan);
        const diff: PlanDiff = diffPlans(shown.snapshot, nextSnapshot);
        return {
          plan,
          versions,
          selected: {
            ...shown,
            diff,
            nextLabel: next ? `version ${next.version} (${next.label})` : `the plan now (version ${plan.current_version})`,
          },
          glossary: await listGlossary(trx),
        };
      }),

    addSection: (actor: Actor, planId: number, input: { heading: string; body: string }) =>
      edit(actor, async (trx) => {
        await mustFind(repo.findPlan)(trx, planId);
        const id = await repo.insertSection(trx, actor.partnershipId, planId, {
          ...input,
          position: await repo.nextPosition(trx, 'plan_sections', planId),
        });
        await recordAudit(trx, actor, {
          action: 'plan_section.saved',
          subjectType: 'plan',
          subjectId: planId,
          details: { sectionId: id, heading: input.heading, added: true },
        });
        return id;
      }),

    getSection: (actor: Actor, id: number) => tenant(actor, (trx) => mustFind(repo.findSection)(trx, id)),

    updateSection: (actor: Actor, id: number, input: { heading: string; body: string }) =>
      edit(actor, async (trx) => {
        const before = await mustFind(repo.findSection)(trx, id);
        await repo.updateSection(trx, id, { heading: input.heading, body: input.body, position: before.position });
        await recordAudit(trx, actor, {
          action: 'plan_section.saved',
          subjectType: 'plan',
          subjectId: before.plan_id,
          details: { sectionId: id, heading: input.heading },
        });
        return before.plan_id;
      }),

    addPriority: (actor: Actor, planId: number, input: Omit<repo.PriorityValues, 'position'>) =>
      edit(actor, async (trx) => {
        await mustFind(repo.findPlan)(trx, planId);
        const id = await repo.insertPriority(trx, actor.partnershipId, planId, {
          ...input,
          position: await repo.nextPosition(trx, 'priorities', planId),
        });
        await recordAudit(trx, actor, {
          action: 'priority.created',
          subjectType: 'priority',
          subjectId: id,
          details: { planId, title: input.title },
        });
        return id;
      }),

    /** A priority with its plan, the external priorities and which of them it aligns with. */
    getPriority: (actor: Actor, id: number) =>
      tenant(actor, async (trx) => {
        const priority = await mustFind(repo.findPriority)(trx, id);
        const plan = await mustFind(repo.findPlan)(trx, priority.plan_id);
        const alignments = (await repo.listAlignments(trx, plan.id)).filter((a) => a.priority_id === id);
        return {
          priority,
          plan,
          external: await repo.listExternalPriorities(trx),
          alignedIds: alignments.map((a) => a.external_priority_id),
          glossary: await listGlossary(trx),
        };
      }),

    updatePriority: (actor: Actor, id: number, input: Omit<repo.PriorityValues, 'position'>) =>
      edit(actor, async (trx) => {
        const before = await mustFind(repo.findPriority)(trx, id);
        await repo.updatePriority(trx, id, { ...input, position: before.position });
        const changed = (['title', 'objective'] as const).filter((f) => before[f] !== input[f]);
        await recordAudit(trx, actor, {
          action: 'priority.updated',
          subjectType: 'priority',
          subjectId: id,
          details: { title: input.title, changed },
        });
      }),

    setAlignments: (actor: Actor, priorityId: number, externalIds: readonly number[]): Promise<FieldResult> =>
      edit(actor, async (trx) => {
        await mustFind(repo.findPriority)(trx, priorityId);
        const known = new Set((await repo.listExternalPriorities(trx)).map((e) => e.id));
        if (externalIds.some((id) => !known.has(id)))
          return { ok: false as const, field: 'externalIds', message: 'Select priorities from the list' };
        const unique = [...new Set(externalIds)];
        await repo.replaceAlignments(trx, actor.partnershipId, priorityId, unique);
        await recordAudit(trx, actor, {
          action: 'alignment.updated',
          subjectType: 'priority',
          subjectId: priorityId,
          details: { externalIds: unique },
        });
        return { ok: true as const, id: priorityId };
      }),

    addTheme: (actor: Actor, planId: number, input: { title: string; description: string }) =>
      edit(actor, async (trx) => {
        await mustFind(repo.findPlan)(trx, planId);
        const id = await repo.insertTheme(trx, actor.partnershipId, planId, {
          ...input,
          position: await repo.nextPosition(trx, 'themes', planId),
        });
        await recordAudit(trx, actor, {
          action: 'theme.created',
          subjectType: 'theme',
          subjectId: id,
          details: { planId, title: input.title },
        });
        return id;
      }),

    getTheme: (actor: Actor, id: number) => tenant(actor, (trx) => mustFind(repo.findTheme)(trx, id)),

    updateTheme: (actor: Actor, id: number, input: { title: string; description: string }) =>
      edit(actor, async (trx) => {
        const before = await mustFind(repo.findTheme)(trx, id);
        await repo.updateTheme(trx, id, { title: input.title, description: input.description, position: before.position });
        await recordAudit(trx, actor, { action: 'theme.updated', subjectType: 'theme', subjectId: id, details: { title: input.title } });
        return before.plan_id;
      }),

    /** Moves a priority, theme or introduction section one place up or down its plan's list; returns its plan. */
    moveInPlan: (actor: Actor, kind: PlanListKind, id: number, direction: 'up' | 'down' | undefined) =>
      edit(actor, async (trx) => {
        const { table, find, audit } = planLists[kind];
        const item = await mustFind(find)(trx, id);
        if (!direction) throw new AppError('BAD_REQUEST', 'Choose to move it up or down');
        if (await move(trx, table, item, direction)) {
          await recordAudit(trx, actor, {
            action: audit.moved,
            subjectType: audit.subjectType(item),
            subjectId: audit.subjectId(item),
            details: { ...audit.details(item), moved: direction },
          });
        }
        return item.plan_id;
      }),

    /** A priority, theme or introduction section and whether it can be deleted (what uses it, what goes with it). */
    deletionOf: (actor: Actor, kind: PlanListKind, id: number) =>
      tenant(actor, async (trx) => {
        const { table, find } = planLists[kind];
        const item = await mustFind(find)(trx, id);
        return { item, name: planListName(item), check: await deleteCheck(trx, table, id) };
      }),

    /** Deletes a priority, theme or introduction section, unless other records still use it. */
    deleteFromPlan: (actor: Actor, kind: PlanListKind, id: number) =>
      edit(actor, async (trx) => {
        const { table, find, audit } = planLists[kind];
        const item = await mustFind(find)(trx, id);
        const check = await removeFromPlan(trx, table, item);
        if (check.blockers.length) return { ok: false as const, item, name: planListName(item), check };
        await recordAudit(trx, actor, {
          action: audit.deleted,
          subjectType: audit.subjectType(item),
          subjectId: audit.subjectId(item),
          details: { ...audit.details(item), deleted: true, alsoDeleted: check.alsoDeleted },
        });
        return { ok: true as const, item, name: planListName(item), check };
      }),

    ...createPlanEvidenceOperations(db),

    /** The partnership's latest plan (the one starting latest), if it has one. */
    latestPlanId: (actor: Actor) => tenant(actor, async (trx) => (await repo.listPlans(trx))[0]?.id),

    /** The published plan in a format, built from the data, with the audit of its making. */
    document: (actor: Actor, planId: number, format: DocumentFormat, options: { styleNonce?: string } = {}) =>
      tenant(actor, async (trx) => {
        const plan = await mustFind(repo.findPlan)(trx, planId);
        const data = await repo.documentData(trx, await repo.partnershipName(trx, actor.partnershipId), plan);
        const body =
          format === 'html'
            ? Buffer.from(documentHtml(data, { styleNonce: options.styleNonce }), 'utf8')
            : format === 'docx'
              ? await documentDocx(data)
              : await documentPdf(data);
        await recordAudit(trx, actor, {
          action: 'report.generated',
          subjectType: 'plan',
          subjectId: planId,
          details: { report: 'plan', format },
        });
        return { body, fileName: documentFileName(data, format), contentType: documentContentTypes[format] };
      }),
  };
}
