import type { Database, Trx } from '../../platform/db/database.ts';
import type { IndicatorFrequency } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import type { Actor } from '../audit/events.ts';
import { areaChoices } from '../explore/explore-area.ts';
import { defaultHarmWeight } from '../statistics/harm-weights.ts';
import { loadIndicatorsWithSeries } from './indicator-series.ts';
import type { IndicatorInput } from './indicator-schemas.ts';
import * as weightRepo from './harm-weight-repository.ts';
import * as choiceRepo from './indicator-choice-repository.ts';
import * as repo from './indicator-repository.ts';
import { partnershipLsoas, wardNames } from './indicator-source-repository.ts';
import { mustBeAllowed } from '../../platform/policies.ts';

type SaveResult = { ok: true; id: number } | { ok: false; messages: [field: string, message: string][] };

export const STALE_INDICATOR = 'Someone else changed this indicator while you were editing it. Check their change and make yours again.';
const MANAGE_ONLY = 'Only administrators, coordinators and analysts can change indicators';

function requireManager(actor: Actor): void {
  mustBeAllowed(actor, 'indicators.manage', MANAGE_ONLY);
}

interface IndicatorChoices {
  priorities: choiceRepo.Choice[];
  themes: choiceRepo.Choice[];
  users: choiceRepo.Choice[];
  datasets: choiceRepo.Choice[];
  surveyQuestions: choiceRepo.SurveyQuestionRow[];
  wards: { code: string; name: string }[];
  /** How many LSOAs the partnership's area has (0: no geography loaded for it). */
  lsoaCount: number;
}

async function loadChoices(trx: Trx, partnershipId: number): Promise<IndicatorChoices> {
  const lsoas = await partnershipLsoas(trx, partnershipId);
  const wardCodes = [...new Set(lsoas.flatMap((l) => (l.ward_code ? [l.ward_code] : [])))];
  const areas = areaChoices([], lsoas, await wardNames(trx, wardCodes));
  return {
    priorities: await choiceRepo.listPriorities(trx, partnershipId),
    themes: await choiceRepo.listThemes(trx, partnershipId),
    users: await choiceRepo.listActiveUsers(trx, partnershipId),
    datasets: await choiceRepo.listDatasets(trx, partnershipId),
    surveyQuestions: await choiceRepo.listSurveyQuestions(trx, partnershipId),
    wards: areas.wards,
    lsoaCount: lsoas.length,
  };
}

/** The problems with what an indicator refers to: each must be one of the partnership's own. */
async function referenceProblems(
  trx: Trx,
  partnershipId: number,
  input: IndicatorInput,
  current?: repo.IndicatorRow,
): Promise<[string, string][]> {
  const problems: [string, string][] = [];
  const has = (list: choiceRepo.Choice[], id: number | null) => id === null || list.some((c) => c.id === id);
  const priorities = await choiceRepo.listPriorities(trx, partnershipId);
  const themes = await choiceRepo.listThemes(trx, partnershipId);
  if (!has(priorities, input.priorityId) || !has(themes, input.themeId)) {
    problems.push(['groupId', 'Select a priority or theme from the list']);
  }
  // A disabled user stays the owner of what they owned until someone chooses another.
  const keepsOwner = current !== undefined && input.ownerUserId === current.owner_user_id;
  if (!keepsOwner && !has(await choiceRepo.listActiveUsers(trx, partnershipId), input.ownerUserId)) {
    problems.push(['ownerUserId', 'Select an owner from the list']);
  }
  if (input.source === 'police' && input.areaKind !== 'partnership') {
    const lsoas = await partnershipLsoas(trx, partnershipId);
    if (input.areaKind === 'lsoas') {
      const codes = new Set(lsoas.map((l) => l.code));
      const outside = input.areaCodes.filter((c) => !codes.has(c));
      if (outside.length > 0) {
        const shown = outside.slice(0, 5).join(', ') + (outside.length > 5 ? ` and ${outside.length - 5} more` : '');
        problems.push([
          'lsoaCodes',
          `${outside.length === 1 ? 'This LSOA is' : 'These LSOAs are'} not in the partnership's area: ${shown}`,
        ]);
      }
    } else {
      const wards = new Set(lsoas.flatMap((l) => (l.ward_code ? [l.ward_code] : [])));
      if (input.areaCodes.some((c) => !wards.has(c))) problems.push(['wardCodes', 'Select wards from the list']);
    }
  }
  if (input.source === 'service-usage' && !has(await choiceRepo.listDatasets(trx, partnershipId), input.datasetId)) {
    problems.push(['datasetId', 'Select a service-usage dataset from the list']);
  }
  if (input.source === 'survey') {
    const questions = await choiceRepo.listSurveyQuestions(trx, partnershipId);
    if (!questions.some((q) => q.question === input.surveyQuestion))
      problems.push(['surveyQuestion', 'Select a survey question from the list']);
  }
  return problems;
}

const valuesOf = (input: IndicatorInput): repo.IndicatorValues => ({
  name: input.name,
  definition: input.definition,
  unit: input.unit,
  priority_id: input.priorityId,
  theme_id: input.themeId,
  owner_user_id: input.ownerUserId,
  frequency: input.frequency,
  direction: input.direction,
  baseline_period: input.baselinePeriod,
  baseline_value: input.baselineValue,
  visibility: input.visibility,
  source: input.source,
  crime_types: input.crimeTypes,
  area_kind: input.areaKind,
  area_codes: input.areaCodes,
  measure: input.measure,
  dataset_id: input.datasetId,
  service: input.service,
  survey_question: input.surveyQuestion,
  rebase_periods: input.rebasePeriods,
});

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The indicator library: the rules, who may do what, concurrent edits, audit in the same transaction. */
export function createIndicatorService(deps: { db: Database }) {
  const { db } = deps;
  const tenant = <T>(actor: Actor, fn: (trx: Trx) => Promise<T>) => db.tenant(actor.partnershipId, fn);

  async function mustFind(trx: Trx, actor: Actor, id: number): Promise<repo.IndicatorRow> {
    const row = await repo.findIndicator(trx, actor.partnershipId, id);
    if (!row) throw notFound();
    return row;
  }

  return {
    /** Every indicator (or one priority's), with its series for the latest value, and the priorities to filter by. */
    list: (actor: Actor, filter: { priorityId?: number }) =>
      tenant(actor, async (trx) => {
        const rows = await repo.listIndicators(
          trx,
          actor.partnershipId,
          filter.priorityId === undefined ? {} : { priorityId: filter.priorityId },
        );
        const series = await loadIndicatorsWithSeries(trx, actor.partnershipId, { indicatorIds: rows.map((r) => r.id) });
        return { rows, series, priorities: await choiceRepo.listPriorities(trx, actor.partnershipId) };
      }),

    /** What the form offers: priorities, themes, people, datasets, survey questions and wards of the partnership. */
    choices: (actor: Actor) => tenant(actor, (trx) => loadChoices(trx, actor.partnershipId)),

    /** One indicator with its values per period and its targets. */
    get: (actor: Actor, id: number) =>
      tenant(actor, async (trx) => {
        const row = await mustFind(trx, actor, id);
        const [series] = await loadIndicatorsWithSeries(trx, actor.partnershipId, { indicatorIds: [id] });
        if (!series) throw notFound();
        return { row, series };
      }),

    async create(actor: Actor, input: IndicatorInput): Promise<SaveResult> {
      requireManager(actor);
      return tenant(actor, async (trx) => {
        const problems = await referenceProblems(trx, actor.partnershipId, input);
        if (problems.length > 0) return { ok: false, messages: problems };
        const id = await repo.insertIndicator(trx, actor.partnershipId, valuesOf(input));
        await recordAudit(trx, actor, {
          action: 'indicator.created',
          subjectType: 'indicator',
          subjectId: id,
          details: { name: input.name, source: input.source, measure: input.measure, visibility: input.visibility },
        });
        return { ok: true, id };
      });
    },

    /** Changes an indicator. Refused with 409 if someone saved a change since the form was opened. */
    async update(actor: Actor, id: number, input: IndicatorInput): Promise<SaveResult> {
      return tenant(actor, async (trx) => {
        const before = await mustFind(trx, actor, id);
        requireManager(actor);
        if (input.version === undefined) throw new AppError('CONFLICT', STALE_INDICATOR);
        const problems = await referenceProblems(trx, actor.partnershipId, input, before);
        if (problems.length > 0) return { ok: false, messages: problems };
        const values = valuesOf(input);
        if (!(await repo.updateIndicatorIfVersion(trx, id, input.version, values))) throw new AppError('CONFLICT', STALE_INDICATOR);
        const changed = Object.fromEntries(
          (Object.keys(values) as (keyof repo.IndicatorValues)[])
            .filter((k) => !same(before[k], values[k]))
            .map((k) => [k, { from: before[k], to: values[k] }]),
        );
        await recordAudit(trx, actor, { action: 'indicator.updated', subjectType: 'indicator', subjectId: id, details: changed });
        return { ok: true, id };
      });
    },

    targets: (actor: Actor, id: number) =>
      tenant(actor, async (trx) => {
        const row = await mustFind(trx, actor, id);
        return { row, targets: await repo.listTargets(trx, actor.partnershipId, [id]) };
      }),

    /** The indicator's frequency, to check a period against before saving; 404 for another partnership's. */
    frequencyOf: (actor: Actor, id: number): Promise<IndicatorFrequency> =>
      tenant(actor, async (trx) => (await mustFind(trx, actor, id)).frequency),

    async saveTarget(actor: Actor, id: number, input: { period: string; target: number }): Promise<void> {
      await tenant(actor, async (trx) => {
        await mustFind(trx, actor, id);
        requireManager(actor);
        await repo.saveTarget(trx, actor.partnershipId, id, input.period, input.target);
        await recordAudit(trx, actor, { action: 'indicator.target_saved', subjectType: 'indicator', subjectId: id, details: { ...input } });
      });
    },

    async removeTarget(actor: Actor, id: number, period: string): Promise<void> {
      await tenant(actor, async (trx) => {
        await mustFind(trx, actor, id);
        requireManager(actor);
        if (!(await repo.deleteTarget(trx, id, period))) throw notFound();
        await recordAudit(trx, actor, { action: 'indicator.target_removed', subjectType: 'indicator', subjectId: id, details: { period } });
      });
    },

    /** The values entered by hand for a manual indicator; other sources have no such page. */
    values: (actor: Actor, id: number) =>
      tenant(actor, async (trx) => {
        const row = await mustFind(trx, actor, id);
        if (row.source !== 'manual') throw notFound();
        return { row, values: await repo.listValues(trx, actor.partnershipId, id) };
      }),

    async saveValue(actor: Actor, id: number, input: { period: string; value: number; evidence: string }): Promise<void> {
      await tenant(actor, async (trx) => {
        const row = await mustFind(trx, actor, id);
        if (row.source !== 'manual') throw notFound();
        requireManager(actor);
        await repo.saveValue(trx, actor.partnershipId, id, { ...input, enteredBy: actor.userId });
        await recordAudit(trx, actor, {
          action: 'indicator.value_saved',
          subjectType: 'indicator',
          subjectId: id,
          details: { period: input.period, value: input.value },
        });
      });
    },

    async removeValue(actor: Actor, id: number, period: string): Promise<void> {
      await tenant(actor, async (trx) => {
        const row = await mustFind(trx, actor, id);
        if (row.source !== 'manual') throw notFound();
        requireManager(actor);
        if (!(await repo.deleteValue(trx, id, period))) throw notFound();
        await recordAudit(trx, actor, { action: 'indicator.value_removed', subjectType: 'indicator', subjectId: id, details: { period } });
      });
    },

    /** The partnership's own harm weights (types without one use the default). */
    harmWeights: (actor: Actor) => tenant(actor, (trx) => weightRepo.listHarmWeights(trx, actor.partnershipId)),

    /** Saves the weight of every type; only those that differ from the weight in force are written and audited. */
    async saveHarmWeights(actor: Actor, weights: Readonly<Record<string, number>>): Promise<number> {
      requireManager(actor);
      return tenant(actor, async (trx) => {
        const own = new Map((await weightRepo.listHarmWeights(trx, actor.partnershipId)).map((r) => [r.crime_type, r.weight]));
        const changed: Record<string, { from: number; to: number }> = {};
        for (const [crimeType, weight] of Object.entries(weights)) {
          const current = own.get(crimeType) ?? defaultHarmWeight(crimeType).weight;
          if (weight === current) continue;
          await weightRepo.saveHarmWeight(trx, actor.partnershipId, crimeType, weight, actor.userId);
          changed[crimeType] = { from: current, to: weight };
        }
        if (Object.keys(changed).length > 0)
          await recordAudit(trx, actor, { action: 'harm_weights.saved', subjectType: 'harm_weights', details: changed });
        return Object.keys(changed).length;
      });
    },

    /** Every weight back to its default. */
    async resetHarmWeights(actor: Actor): Promise<void> {
      requireManager(actor);
      await tenant(actor, async (trx) => {
        const removed = await weightRepo.deleteHarmWeights(trx, actor.partnershipId);
        await recordAudit(trx, actor, { action: 'harm_weights.reset', subjectType: 'harm_weights', details: { removed } });
      });
    },
  };
}
