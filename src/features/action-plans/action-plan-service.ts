import type { Database, Trx } from '../../platform/db/database.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import { changedFields } from '../audit/changes.ts';
import type { Actor } from '../audit/events.ts';
import * as repo from './action-plan-repository.ts';
import * as progress from './action-progress-repository.ts';
import * as equality from './equality-repository.ts';
import { canUpdateAction, londonToday, protectedCharacteristics, STALE_VERSION } from './action-rules.ts';
import type { ActionForm, ActionListQuery, ActionPlanForm, ProgressForm } from './action-plan-schemas.ts';
import { can, mustBeAllowed } from '../../platform/policies.ts';

type FieldResult = { ok: true; id: number } | { ok: false; field: string; message: string };

const MANAGE_ONLY = 'Only coordinators and administrators can change action plans';
const NOT_YOURS = 'You can only update actions of groups you sit on, or actions you lead';
const NEEDS_SIGN_OFF = 'Sign off the equality analysis before you approve the action plan';
const ASSESS_ALL = 'Assess the impact on every protected characteristic before you sign off';

function requireManager(actor: Actor): void {
  mustBeAllowed(actor, 'action-plans.manage', MANAGE_ONLY);
}

/** The rules of action plans and actions: who may do what, concurrent edits, audit in the same transaction. */
export function createActionPlanService(deps: { db: Database }) {
  const { db } = deps;
  const tenant = <T>(actor: Actor, fn: (trx: Trx) => Promise<T>) => db.tenant(actor.partnershipId, fn);

  async function mayUpdate(trx: Trx, actor: Actor, action: repo.ActionRow): Promise<boolean> {
    if (can(actor, 'action-plans.manage')) return true;
    const isLead = actor.userId !== null && action.lead_user_id === actor.userId;
    const isMember = actor.userId !== null && (await repo.isBodyMember(trx, action.body_id, actor.userId));
    return canUpdateAction({ role: actor.role, userId: actor.userId, isBodyMember: isMember, isLead });
  }

  async function checkActionRefs(trx: Trx, input: repo.ActionValues): Promise<{ field: string; message: string } | null> {
    const has = (list: repo.Choice[], id: number | null) => id === null || list.some((c) => c.id === id);
    if (!has(await repo.listPriorities(trx), input.priority_id)) return { field: 'priorityId', message: 'Select a priority from the list' };
    if (!has(await repo.listThemes(trx), input.theme_id)) return { field: 'themeId', message: 'Select a theme from the list' };
    if (!has(await repo.listActiveUsers(trx), input.lead_user_id)) {
      return { field: 'leadUserId', message: 'Select a lead person from the list' };
    }
    if (!has(await repo.listAgencies(trx), input.lead_agency_id)) {
      return { field: 'leadAgencyId', message: 'Select a lead agency from the list' };
    }
    if (input.lead_user_id === null && input.lead_name === '') {
      return { field: 'leadUserId', message: 'Select a lead person or enter their name' };
    }
    return null;
  }

  return {
    listPlans: (actor: Actor) => tenant(actor, (trx) => repo.listActionPlans(trx)),

    async getPlan(actor: Actor, id: number) {
      return tenant(actor, async (trx) => {
        const plan = await repo.findActionPlan(trx, id);
        if (!plan) throw notFound();
        const [actions, assessment] = await Promise.all([repo.listActions(trx, { actionPlanId: id }), equality.findAssessment(trx, id)]);
        return { plan, actions, assessment };
      });
    },

    /** The choices the forms offer: groups, priorities, themes, people and agencies of the partnership. */
    choices: (actor: Actor) =>
      tenant(actor, async (trx) => ({
        bodies: await repo.listBodies(trx),
        priorities: await repo.listPriorities(trx),
        themes: await repo.listThemes(trx),
        users: await repo.listActiveUsers(trx),
        agencies: await repo.listAgencies(trx),
      })),

    async createPlan(actor: Actor, input: ActionPlanForm): Promise<FieldResult> {
      requireManager(actor);
      return tenant(actor, async (trx) => {
        if (!(await repo.listBodies(trx)).some((b) => b.id === input.bodyId))
          return { ok: false, field: 'bodyId', message: 'Select a group' };
        if (await repo.actionPlanExists(trx, input.bodyId, input.planYear)) {
          return { ok: false, field: 'planYear', message: 'This group already has an action plan for that year' };
        }
        const id = await repo.insertActionPlan(trx, { partnershipId: actor.partnershipId, ...input });
        await recordAudit(trx, actor, { action: 'action_plan.created', subjectType: 'action_plan', subjectId: id, details: { ...input } });
        return { ok: true, id };
      });
    },

    /** Approves an action plan; only with a signed-off equality analysis. */
    async approvePlan(actor: Actor, id: number): Promise<{ ok: true } | { ok: false; message: string }> {
      return tenant(actor, async (trx) => {
        const plan = await repo.findActionPlan(trx, id);
        if (!plan) throw notFound();
        requireManager(actor);
        const assessment = await equality.findAssessment(trx, id);
        if (assessment?.status !== 'signed_off') return { ok: false, message: NEEDS_SIGN_OFF };
        await repo.approveActionPlan(trx, id, actor.name ?? 'Unknown', londonToday());
        await recordAudit(trx, actor, { action: 'action_plan.approved', subjectType: 'action_plan', subjectId: id });
        return { ok: true };
      });
    },

    /** Lists actions by the filters of a list page. `mine` is the actor's own as lead. */
    listActions: (actor: Actor, query: ActionListQuery) =>
      tenant(actor, (trx) =>
        repo.listActions(trx, {
          priorityId: query.priority,
          bodyId: query.body,
          actionPlanId: query.plan,
          ...(query.show === 'mine' ? { leadUserId: actor.userId ?? 0 } : {}),
          ...(query.show === 'overdue' ? { overdueOn: londonToday() } : {}),
          ...(query.show === 'at-risk' ? { atRisk: true } : {}),
        }),
      ),

    /** The actions delivering a priority, for the priority's page. */
    actionsForPriority: (actor: Actor, priorityId: number) => tenant(actor, (trx) => repo.listActions(trx, { priorityId })),

    /** The actions a meeting set or reviewed, for the meeting's page. */
    actionsForMeeting: (actor: Actor, meetingId: number) => tenant(actor, (trx) => repo.listActions(trx, { meetingId })),

    async getAction(actor: Actor, id: number) {
      return tenant(actor, async (trx) => {
        const action = await repo.findAction(trx, id);
        if (!action) throw notFound();
        return {
          action,
          milestones: await progress.listMilestones(trx, id),
          updates: await progress.listUpdates(trx, id),
          canUpdate: await mayUpdate(trx, actor, action),
        };
      });
    },

    async createAction(actor: Actor, actionPlanId: number, input: ActionForm): Promise<FieldResult> {
      return tenant(actor, async (trx) => {
        if (!(await repo.findActionPlan(trx, actionPlanId))) throw notFound();
        requireManager(actor);
        const { values } = input;
        const problem = await checkActionRefs(trx, values);
        if (problem) return { ok: false, ...problem };
        const id = await repo.insertAction(trx, actor.partnershipId, actionPlanId, values);
        await recordAudit(trx, actor, {
          action: 'action.created',
          subjectType: 'action',
          subjectId: id,
          details: { actionPlanId, title: values.title, status: values.status, leadUserId: values.lead_user_id },
        });
        return { ok: true, id };
      });
    },

    /** Changes an action. Refused with 409 if someone saved a change since the form was opened. */
    async updateAction(actor: Actor, id: number, input: ActionForm): Promise<FieldResult> {
      return tenant(actor, async (trx) => {
        const before = await repo.findAction(trx, id);
        if (!before) throw notFound();
        requireManager(actor);
        const { values, version } = input;
        if (version === undefined) throw new AppError('CONFLICT', STALE_VERSION);
        const problem = await checkActionRefs(trx, values);
        if (problem) return { ok: false, ...problem };
        if (!(await repo.updateActionIfVersion(trx, id, version, values))) throw new AppError('CONFLICT', STALE_VERSION);
        const changed = changedFields((Object.keys(values) as (keyof repo.ActionValues)[]).map((k) => [k, before[k], values[k]]));
        await recordAudit(trx, actor, { action: 'action.updated', subjectType: 'action', subjectId: id, details: changed });
        return { ok: true, id };
      });
    },

    /** A progress update, by a manager, a member of the action's group or its lead; it may change the status. */
    async postUpdate(actor: Actor, id: number, input: ProgressForm): Promise<void> {
      await tenant(actor, async (trx) => {
        const action = await repo.findAction(trx, id);
        if (!action) throw notFound();
        if (!(await mayUpdate(trx, actor, action))) throw forbidden(NOT_YOURS);
        const statusChanged = input.status !== action.status;
        const now = new Date();
        const saved = await repo.updateActionIfVersion(trx, id, input.version, {
          last_update_at: now,
          ...(statusChanged || input.statusReason !== '' ? { status: input.status, status_reason: input.statusReason } : {}),
        });
        if (!saved) throw new AppError('CONFLICT', STALE_VERSION);
        const updateId = await progress.insertUpdate(trx, {
          partnershipId: actor.partnershipId,
          actionId: id,
          authorUserId: actor.userId,
          authorName: actor.name ?? 'Unknown',
          text: input.text,
          evidenceUrl: input.evidenceUrl,
          statusFrom: statusChanged ? action.status : null,
          statusTo: statusChanged ? input.status : null,
          postedAt: now,
        });
        await recordAudit(trx, actor, {
          action: 'action.progress_posted',
          subjectType: 'action',
          subjectId: id,
          details: { updateId, ...(statusChanged ? { status: { from: action.status, to: input.status } } : {}) },
        });
      });
    },

    async addMilestone(actor: Actor, actionId: number, input: { title: string; dueOn: string | null }): Promise<void> {
      await tenant(actor, async (trx) => {
        const action = await repo.findAction(trx, actionId);
        if (!action) throw notFound();
        if (!(await mayUpdate(trx, actor, action))) throw forbidden(NOT_YOURS);
        const milestoneId = await progress.insertMilestone(trx, actor.partnershipId, actionId, { title: input.title, due_on: input.dueOn });
        await recordAudit(trx, actor, {
          action: 'action.updated',
          subjectType: 'action',
          subjectId: actionId,
          details: { milestoneAdded: { milestoneId, title: input.title } },
        });
      });
    },

    async setMilestoneDone(actor: Actor, actionId: number, milestoneId: number, done: boolean): Promise<void> {
      await tenant(actor, async (trx) => {
        const action = await repo.findAction(trx, actionId);
        if (!action) throw notFound();
        if (!(await mayUpdate(trx, actor, action))) throw forbidden(NOT_YOURS);
        if (!(await progress.setMilestoneDone(trx, actionId, milestoneId, done ? londonToday() : null))) throw notFound();
        await recordAudit(trx, actor, {
          action: 'action.updated',
          subjectType: 'action',
          subjectId: actionId,
          details: { milestone: { milestoneId, done } },
        });
      });
    },

    async getAssessment(actor: Actor, actionPlanId: number) {
      return tenant(actor, async (trx) => {
        const plan = await repo.findActionPlan(trx, actionPlanId);
        if (!plan) throw notFound();
        return { plan, assessment: await equality.findAssessment(trx, actionPlanId) };
      });
    },

    async saveAssessment(actor: Actor, actionPlanId: number, input: equality.AssessmentInput): Promise<void> {
      await tenant(actor, async (trx) => {
        if (!(await repo.findActionPlan(trx, actionPlanId))) throw notFound();
        requireManager(actor);
        const id = await equality.saveAssessment(trx, actor.partnershipId, actionPlanId, input);
        await recordAudit(trx, actor, {
          action: 'equality.saved',
          subjectType: 'equality_assessment',
          subjectId: id,
          details: { actionPlanId, impacts: Object.fromEntries(input.impacts.map((i) => [i.characteristic, i.impact])) },
        });
      });
    },

    /** Signs off the equality analysis: every characteristic assessed, mitigation for every negative impact. */
    async signOffAssessment(actor: Actor, actionPlanId: number): Promise<{ ok: true } | { ok: false; message: string }> {
      return tenant(actor, async (trx) => {
        if (!(await repo.findActionPlan(trx, actionPlanId))) throw notFound();
        requireManager(actor);
        const assessment = await equality.findAssessment(trx, actionPlanId);
        const assessed = (c: string) => assessment?.impacts.find((i) => i.characteristic === c && i.impact !== 'unknown');
        if (!assessment || !protectedCharacteristics.every(assessed)) return { ok: false, message: ASSESS_ALL };
        await equality.signOffAssessment(trx, assessment.id, actor.name ?? 'Unknown', londonToday());
        await recordAudit(trx, actor, {
          action: 'equality.signed_off',
          subjectType: 'equality_assessment',
          subjectId: assessment.id,
          details: { actionPlanId },
        });
        return { ok: true };
      });
    },
  };
}
