import type { Database, Trx } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import { can, type Subject } from '../../platform/policies.ts';
import type { Actor } from '../audit/events.ts';
import type { IndicatorWithSeries } from '../indicators/indicator-types.ts';
import { loadIndicatorsWithSeries } from '../indicators/indicator-series.ts';
import { computeSpc } from '../statistics/spc.ts';
import { documentContentTypes, type DocumentFormat } from '../plans/plan-document.ts';
import { indicatorResult, latestQuarterWithData, needsAttention, statusRollup, type IndicatorResult } from './performance-model.ts';
import { reportFileName, reportHtml, type PerformanceReport } from './performance-report.ts';
import { reportDocx } from './performance-report-docx.ts';
import { reportPdf } from './performance-report-pdf.ts';
import * as repo from './performance-repository.ts';
import type { CommentaryForm, ReportVersion } from './performance-schemas.ts';
import { compareQuarters, quarterKey, quarterOfDate, quarterOfPeriod, quartersBetween, type Quarter } from './quarters.ts';

const MAY_NOT_COMMENT = 'Only coordinators, analysts, administrators and the leads of its actions can write the commentary of a priority';

/** Who may write a priority's commentary: those who may comment on any, and others who may comment where they lead one of its actions. */
function mayComment(actor: Subject, leadsAnAction: boolean): boolean {
  return can(actor, 'performance.comment-any') || (can(actor, 'performance.comment') && leadsAnAction);
}

/** The quarters offered by the period chooser: from the first with data (or the plan's start) to this one, newest first. */
function quarterChoices(indicators: readonly IndicatorWithSeries[], plan: repo.PlanRow | undefined, today: Date): Quarter[] {
  const now = quarterOfDate(today);
  let first: Quarter = plan ? { year: plan.starts_year, quarter: 1 } : now;
  for (const indicator of indicators) {
    for (const p of indicator.points) {
      const q = p.value === null ? null : quarterOfPeriod(p.period);
      if (q && compareQuarters(q, first) < 0) first = q;
    }
  }
  const last = latestQuarterWithData(indicators, quarterOfPeriod);
  return quartersBetween(first, last && compareQuarters(last, now) > 0 ? last : now);
}

/** The quarter asked for, else the latest with data, else this one. */
const chosenQuarter = (asked: Quarter | undefined, indicators: readonly IndicatorWithSeries[], today: Date): Quarter =>
  asked ?? latestQuarterWithData(indicators, quarterOfPeriod) ?? quarterOfDate(today);

/** The priority dashboards, the partnership overview, commentaries and the quarterly performance report. */
export function createPerformanceService(deps: { db: Database; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const tenant = <T>(actor: Actor, fn: (trx: Trx) => Promise<T>) => db.tenant(actor.partnershipId, fn);

  const results = (indicators: readonly IndicatorWithSeries[], quarter: Quarter): IndicatorResult[] =>
    indicators.map((i) => indicatorResult(i, quarter, computeSpc));

  /** Everything the report is made of, read in one transaction. The public version reads no person's name. */
  async function reportData(trx: Trx, actor: Actor, quarter: Quarter, version: ReportVersion): Promise<PerformanceReport> {
    const plan = await repo.planFor(trx, quarter.year);
    const priorities = plan ? await repo.listPriorities(trx, plan.id) : [];
    const ids = priorities.map((p) => p.id);
    const period = quarterKey(quarter);
    const full = version === 'full';
    const indicators = (await loadIndicatorsWithSeries(trx, actor.partnershipId, { publicOnly: !full }))
      .filter((i) => i.priorityId !== null && ids.includes(i.priorityId))
      // The public report carries no owner from here on: the name is dropped where it is read.
      .map((i) => (full ? i : { ...i, ownerName: null }));
    const actions: (repo.PublicActionRow & { lead_name?: string })[] = full
      ? await repo.listActions(trx, ids)
      : await repo.listPublicActions(trx, ids);
    const commentaries: (repo.PublicCommentaryRow & { updated_by_name?: string | null })[] = full
      ? await repo.listCommentaries(trx, ids, period)
      : await repo.listPublicCommentaries(trx, ids, period);
    return {
      version,
      partnershipName: await repo.partnershipName(trx, actor.partnershipId),
      plan: plan ? { title: plan.title, startsYear: plan.starts_year, endsYear: plan.ends_year } : null,
      quarter,
      generatedAt: now(),
      priorities: priorities.map((p, index) => {
        const own = actions.filter((a) => a.priority_id === p.id);
        const commentary = commentaries.find((c) => c.priority_id === p.id);
        return {
          id: p.id,
          number: index + 1,
          title: p.title,
          objective: p.objective,
          indicators: results(
            indicators.filter((i) => i.priorityId === p.id),
            quarter,
          ),
          rollup: statusRollup(own),
          attention: own
            .filter((a) => needsAttention(a.status))
            .map((a) => ({
              title: a.title,
              group: a.body_name,
              agency: a.lead_agency_name,
              ...(a.lead_name !== undefined ? { lead: a.lead_name } : {}),
              status: a.status,
              reason: a.status_reason,
              dueOn: a.due_on,
            })),
          commentary: commentary
            ? {
                text: commentary.commentary,
                updatedAt: commentary.updated_at,
                ...(commentary.updated_by_name !== undefined ? { author: commentary.updated_by_name } : {}),
              }
            : null,
        };
      }),
    };
  }

  return {
    /** Every priority of the plan with its indicators as of the quarter and its actions' status roll-up. */
    overview: (actor: Actor, asked?: Quarter) =>
      tenant(actor, async (trx) => {
        const all = await loadIndicatorsWithSeries(trx, actor.partnershipId, {});
        const quarter = chosenQuarter(asked, all, now());
        const plan = await repo.planFor(trx, quarter.year);
        const priorities = plan ? await repo.listPriorities(trx, plan.id) : [];
        const actions = await repo.listPublicActions(
          trx,
          priorities.map((p) => p.id),
        );
        return {
          plan,
          quarter,
          quarters: quarterChoices(all, plan, now()),
          priorities: priorities.map((p, index) => ({
            ...p,
            number: index + 1,
            indicators: results(
              all.filter((i) => i.priorityId === p.id),
              quarter,
            ),
            rollup: statusRollup(actions.filter((a) => a.priority_id === p.id)),
          })),
        };
      }),

    /** A priority's dashboard for a quarter: indicators with SPC, actions, and the commentary. */
    dashboard: (actor: Actor, priorityId: number, asked?: Quarter) =>
      tenant(actor, async (trx) => {
        const priority = await repo.findPriority(trx, priorityId);
        if (!priority) throw notFound();
        const plan = await repo.findPlan(trx, priority.plan_id);
        const indicators = await loadIndicatorsWithSeries(trx, actor.partnershipId, { priorityId });
        const quarter = chosenQuarter(asked, indicators, now());
        const actions = await repo.listActions(trx, [priorityId]);
        const [commentary] = await repo.listCommentaries(trx, [priorityId], quarterKey(quarter));
        const leads = actor.userId !== null && (await repo.leadsActionUnder(trx, actor.userId, priorityId));
        return {
          plan,
          priority,
          quarter,
          quarters: quarterChoices(indicators, plan, now()),
          indicators: results(indicators, quarter),
          actions,
          rollup: statusRollup(actions),
          commentary: commentary ?? null,
          canComment: mayComment(actor, leads),
        };
      }),

    /** Saves the commentary of a priority for a quarter (the last save wins), with its audit. */
    saveCommentary: (actor: Actor, priorityId: number, input: CommentaryForm) =>
      tenant(actor, async (trx) => {
        const priority = await repo.findPriority(trx, priorityId);
        if (!priority) throw notFound();
        const leads = actor.userId !== null && (await repo.leadsActionUnder(trx, actor.userId, priorityId));
        if (!mayComment(actor, leads)) throw forbidden(MAY_NOT_COMMENT);
        const period = quarterKey(input.period);
        const saved = await repo.saveCommentary(trx, {
          partnershipId: actor.partnershipId,
          priorityId,
          period,
          commentary: input.commentary,
          updatedBy: actor.userId,
        });
        await recordAudit(trx, actor, {
          action: 'commentary.saved',
          subjectType: 'priority',
          subjectId: priorityId,
          details: { period, [saved]: true, characters: input.commentary.length },
        });
      }),

    /** The quarters the report page offers, and the one chosen first (the latest with data). */
    reportChoices: (actor: Actor) =>
      tenant(actor, async (trx) => {
        const all = await loadIndicatorsWithSeries(trx, actor.partnershipId, {});
        const quarter = chosenQuarter(undefined, all, now());
        return { quarter, quarters: quarterChoices(all, await repo.planFor(trx, quarter.year), now()) };
      }),

    /** The quarterly performance report, made from the data, in a format; its making is audited. */
    report: (actor: Actor, request: { quarter: Quarter; version: ReportVersion; format: DocumentFormat; styleNonce?: string }) =>
      tenant(actor, async (trx) => {
        const data = await reportData(trx, actor, request.quarter, request.version);
        const body =
          request.format === 'html'
            ? Buffer.from(reportHtml(data, { styleNonce: request.styleNonce }), 'utf8')
            : request.format === 'docx'
              ? await reportDocx(data)
              : await reportPdf(data);
        await recordAudit(trx, actor, {
          action: 'report.generated',
          details: { report: 'performance', period: quarterKey(request.quarter), version: request.version, format: request.format },
        });
        return { body, fileName: reportFileName(data, request.format), contentType: documentContentTypes[request.format] };
      }),
  };
}
