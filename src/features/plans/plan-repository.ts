import type { Trx } from '../../platform/db/database.ts';
import type { ExternalPrioritySource, PlanStatus } from '../../platform/db/schema.ts';
import { listGlossary } from '../glossary/glossary-repository.ts';
import type { PlanDocument } from './plan-document.ts';
import { parseSnapshot, type PlanSnapshot } from './plan-snapshot.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/** The SQL of plans, priorities, themes, alignment and survey results (row-level security confines every query). */

export interface PlanRow {
  id: number;
  title: string;
  starts_year: number;
  ends_year: number;
  vision: string;
  status: string;
  adopted_on: string | null;
  current_version: number;
  updated_at: Date;
}

const planColumns = ['id', 'title', 'starts_year', 'ends_year', 'vision', 'status', 'adopted_on', 'current_version', 'updated_at'] as const;

export const listPlans = (trx: Trx): Promise<PlanRow[]> =>
  trx.selectFrom('plans').select(planColumns).orderBy('starts_year', 'desc').orderBy('id', 'desc').execute();

export const findPlan = (trx: Trx, planId: number): Promise<PlanRow | undefined> =>
  trx.selectFrom('plans').select(planColumns).where('id', '=', planId).executeTakeFirst();

export interface PlanValues {
  title: string;
  startsYear: number;
  endsYear: number;
  vision: string;
  status: PlanStatus;
  adoptedOn: string | null;
}

const planRow = (v: PlanValues) => ({
  title: v.title,
  starts_year: v.startsYear,
  ends_year: v.endsYear,
  vision: v.vision,
  status: v.status,
  adopted_on: v.adoptedOn,
});

export async function insertPlan(trx: Trx, partnershipId: number, v: PlanValues): Promise<number> {
  return insertReturningId(trx, 'plans', { partnership_id: partnershipId, ...planRow(v) });
}

export async function updatePlan(trx: Trx, planId: number, v: PlanValues): Promise<void> {
  await trx
    .updateTable('plans')
    .set({ ...planRow(v), updated_at: new Date() })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', planId)
    .execute();
}

const sectionColumns = ['id', 'plan_id', 'heading', 'body', 'position'] as const;

export const listSections = (trx: Trx, planId: number) =>
  trx.selectFrom('plan_sections').select(sectionColumns).where('plan_id', '=', planId).orderBy('position').orderBy('id').execute();

export const findSection = (trx: Trx, id: number) =>
  trx.selectFrom('plan_sections').select(sectionColumns).where('id', '=', id).executeTakeFirst();

interface SectionValues {
  heading: string;
  body: string;
  position: number;
}

export async function insertSection(trx: Trx, partnershipId: number, planId: number, v: SectionValues): Promise<number> {
  return insertReturningId(trx, 'plan_sections', { partnership_id: partnershipId, plan_id: planId, ...v });
}

export async function updateSection(trx: Trx, id: number, v: SectionValues): Promise<void> {
  await trx.updateTable('plan_sections').set(v).where('id', '=', id).execute();
}

const priorityColumns = ['id', 'plan_id', 'title', 'why_it_matters', 'objective', 'focus', 'first_year', 'position'] as const;

export type PriorityRow = NonNullable<Awaited<ReturnType<typeof findPriority>>>;

export const listPriorities = (trx: Trx, planId: number) =>
  trx.selectFrom('priorities').select(priorityColumns).where('plan_id', '=', planId).orderBy('position').orderBy('id').execute();

export function findPriority(trx: Trx, id: number) {
  return trx.selectFrom('priorities').select(priorityColumns).where('id', '=', id).executeTakeFirst();
}

export interface PriorityValues {
  title: string;
  whyItMatters: string;
  objective: string;
  focus: string;
  firstYear: string;
  position: number;
}

const priorityRow = (v: PriorityValues) => ({
  title: v.title,
  why_it_matters: v.whyItMatters,
  objective: v.objective,
  focus: v.focus,
  first_year: v.firstYear,
  position: v.position,
});

export async function insertPriority(trx: Trx, partnershipId: number, planId: number, v: PriorityValues): Promise<number> {
  return insertReturningId(trx, 'priorities', { partnership_id: partnershipId, plan_id: planId, ...priorityRow(v) });
}

export async function updatePriority(trx: Trx, id: number, v: PriorityValues): Promise<void> {
  await trx.updateTable('priorities').set(priorityRow(v)).where('id', '=', id).execute();
}

export async function nextPosition(trx: Trx, table: 'priorities' | 'themes' | 'plan_sections', planId: number): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

const themeColumns = ['id', 'plan_id', 'title', 'description', 'position'] as const;

export const listThemes = (trx: Trx, planId: number) =>
  trx.selectFrom('themes').select(themeColumns).where('plan_id', '=', planId).orderBy('position').orderBy('id').execute();

export const findTheme = (trx: Trx, id: number) => trx.selectFrom('themes').select(themeColumns).where('id', '=', id).executeTakeFirst();

interface ThemeValues {
  title: string;
  description: string;
  position: number;
}

export async function insertTheme(trx: Trx, partnershipId: number, planId: number, v: ThemeValues): Promise<number> {
  return insertReturningId(trx, 'themes', { partnership_id: partnershipId, plan_id: planId, ...v });
}

export async function updateTheme(trx: Trx, id: number, v: ThemeValues): Promise<void> {
  await trx.updateTable('themes').set(v).where('id', '=', id).execute();
}

export const listExternalPriorities = (trx: Trx) =>
  trx
    .selectFrom('external_priorities')
    .select(['id', 'source', 'title', 'position'])
    .orderBy('source')
    .orderBy('position')
    .orderBy('id')
    .execute();

export const findExternalPriority = (trx: Trx, id: number) =>
  trx.selectFrom('external_priorities').select(['id', 'source', 'title', 'position']).where('id', '=', id).executeTakeFirst();

export interface ExternalValues {
  source: ExternalPrioritySource;
  title: string;
  position: number;
}

export async function insertExternalPriority(trx: Trx, partnershipId: number, v: ExternalValues): Promise<number> {
  return insertReturningId(trx, 'external_priorities', { partnership_id: partnershipId, ...v });
}

export async function updateExternalPriority(trx: Trx, id: number, v: ExternalValues): Promise<void> {
  await trx.updateTable('external_priorities').set(v).where('id', '=', id).execute();
}

/** Alignments of every priority of a plan, with the external priority's title and source. */
export const listAlignments = (trx: Trx, planId: number) =>
  trx
    .selectFrom('priority_alignments as a')
    .innerJoin('priorities as p', (j) => j.onRef('p.id', '=', 'a.priority_id').onRef('p.partnership_id', '=', 'a.partnership_id'))
    .innerJoin('external_priorities as e', (j) =>
      j.onRef('e.id', '=', 'a.external_priority_id').onRef('e.partnership_id', '=', 'a.partnership_id'),
    )
    .select(['a.priority_id', 'a.external_priority_id', 'e.title as external_title', 'e.source'])
    .where('p.plan_id', '=', planId)
    .orderBy('p.position')
    .orderBy('e.source')
    .orderBy('e.position')
    .execute();

export async function replaceAlignments(
  trx: Trx,
  partnershipId: number,
  priorityId: number,
  externalIds: readonly number[],
): Promise<void> {
  await trx.deleteFrom('priority_alignments').where('priority_id', '=', priorityId).execute();
  if (externalIds.length) {
    await trx
      .insertInto('priority_alignments')
      .values(externalIds.map((id) => ({ partnership_id: partnershipId, priority_id: priorityId, external_priority_id: id })))
      .execute();
  }
}

export const listVersions = (trx: Trx, planId: number) =>
  trx
    .selectFrom('plan_versions')
    .select(['version', 'label', 'created_by', 'created_at'])
    .where('plan_id', '=', planId)
    .orderBy('version')
    .execute();

export interface PlanVersion {
  version: number;
  label: string;
  created_by: string | null;
  created_at: Date;
  snapshot: PlanSnapshot;
}

/** A kept version of a plan with its snapshot, checked against the snapshot's schema. */
export async function findVersionSnapshot(trx: Trx, planId: number, version: number): Promise<PlanVersion | undefined> {
  const row = await trx
    .selectFrom('plan_versions')
    .select(['version', 'label', 'created_by', 'created_at', 'snapshot'])
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? { ...row, snapshot: parseSnapshot(row.snapshot, `version ${version} of plan ${planId}`) } : undefined;
}

/** The plan as it stands now, in the shape a version keeps. */
export async function snapshotOf(trx: Trx, plan: PlanRow): Promise<PlanSnapshot> {
  return {
    plan: {
      title: plan.title,
      starts_year: plan.starts_year,
      ends_year: plan.ends_year,
      vision: plan.vision,
      status: plan.status,
      adopted_on: plan.adopted_on,
    },
    sections: (await listSections(trx, plan.id)).map(({ id, heading, body, position }) => ({ id, heading, body, position })),
    priorities: (await listPriorities(trx, plan.id)).map(({ plan_id: _planId, ...p }) => p),
    themes: (await listThemes(trx, plan.id)).map(({ id, title, description, position }) => ({ id, title, description, position })),
    alignments: await listAlignments(trx, plan.id),
  };
}

export async function insertVersion(
  trx: Trx,
  partnershipId: number,
  planId: number,
  version: number,
  label: string,
  snapshot: PlanSnapshot,
  createdBy: string | null,
): Promise<void> {
  await trx
    .insertInto('plan_versions')
    .values({ partnership_id: partnershipId, plan_id: planId, version, label, snapshot: JSON.stringify(snapshot), created_by: createdBy })
    .execute();
  await trx
    .updateTable('plans')
    .set({ current_version: version + 1, updated_at: new Date() })
    .where('id', '=', planId)
    .execute();
}

export const listSurveyResults = (trx: Trx) =>
  trx
    .selectFrom('survey_results')
    .select(['id', 'survey', 'survey_year', 'question', 'percent', 'respondents'])
    .orderBy('survey_year', 'desc')
    .orderBy('survey')
    .orderBy('id')
    .execute();

export interface SurveyValues {
  survey: string;
  surveyYear: number;
  question: string;
  percent: number;
  respondents: number | null;
}

export async function insertSurveyResult(trx: Trx, partnershipId: number, v: SurveyValues): Promise<number> {
  return insertReturningId(trx, 'survey_results', {
    partnership_id: partnershipId,
    survey: v.survey,
    survey_year: v.surveyYear,
    question: v.question,
    percent: v.percent,
    respondents: v.respondents,
  });
}

/** Everything the published plan is made from. */
export async function documentData(trx: Trx, partnershipName: string, plan: PlanRow): Promise<PlanDocument> {
  const priorities = await listPriorities(trx, plan.id);
  const priorityIds = priorities.map((p) => p.id);
  return {
    partnershipName,
    plan,
    sections: await listSections(trx, plan.id),
    priorities,
    themes: await listThemes(trx, plan.id),
    bodies: await trx
      .selectFrom('bodies')
      .select(['id', 'name', 'short_name', 'kind', 'purpose', 'reports_to_body_id'])
      .orderBy('position')
      .orderBy('id')
      .execute(),
    bodyPriorities: priorityIds.length
      ? await trx.selectFrom('body_priorities').select(['body_id', 'priority_id']).where('priority_id', 'in', priorityIds).execute()
      : [],
    externalPriorities: await listExternalPriorities(trx),
    alignments: (await listAlignments(trx, plan.id)).map(({ priority_id, external_priority_id }) => ({
      priority_id,
      external_priority_id,
    })),
    glossary: await listGlossary(trx),
  };
}

export async function partnershipName(trx: Trx, partnershipId: number): Promise<string> {
  const row = await trx.selectFrom('partnerships').select('name').where('id', '=', partnershipId).executeTakeFirst();
  return row?.name ?? '';
}

/** The tables of a plan's ordered lists. */
export type PlanListTable = 'priorities' | 'themes' | 'plan_sections';

/** The ids of a plan's list in their order (position, then when added). */
export async function orderedIds(trx: Trx, table: PlanListTable, planId: number): Promise<number[]> {
  const rows = await trx.selectFrom(table).select('id').where('plan_id', '=', planId).orderBy('position').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Numbers a plan's list 1, 2, 3… in the order of the ids given, changing only the rows that move. */
export async function setOrder(trx: Trx, table: PlanListTable, planId: number, ids: readonly number[]): Promise<void> {
  const current = await trx.selectFrom(table).select(['id', 'position']).where('plan_id', '=', planId).execute();
  const positionOf = new Map(current.map((r) => [r.id, r.position]));
  for (const [i, id] of ids.entries()) {
    if (positionOf.get(id) !== i + 1)
      await trx
        .updateTable(table)
        .set({ position: i + 1 })
        .where('id', '=', id)
        .execute();
  }
}

export async function deleteFromPlan(trx: Trx, table: PlanListTable, id: number): Promise<void> {
  await trx.deleteFrom(table).where('id', '=', id).execute();
}

export const findSurveyResult = (trx: Trx, id: number) =>
  trx
    .selectFrom('survey_results')
    .select(['id', 'survey', 'survey_year', 'question', 'percent', 'respondents'])
    .where('id', '=', id)
    .executeTakeFirst();

export async function deleteSurveyResult(trx: Trx, id: number): Promise<void> {
  await trx.deleteFrom('survey_results').where('id', '=', id).execute();
}
