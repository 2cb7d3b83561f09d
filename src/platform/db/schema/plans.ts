import type { Generated } from 'kysely';
import type { ChangedAt, CreatedAt, Json, Numeric } from './columns.ts';

/** Plans and their annual versions, priorities, themes and alignment, the glossary and survey results (migration 0003). */

export const planStatuses = ['draft', 'adopted'] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** The other plans a priority may align with: the county community safety agreement and the PCC's plan. */
export const externalPrioritySources = ['county_agreement', 'pcc_plan'] as const;
export type ExternalPrioritySource = (typeof externalPrioritySources)[number];

export interface PlansTable {
  partnership_id: number;
  id: Generated<number>;
  title: string;
  starts_year: number;
  ends_year: number;
  vision: Generated<string>;
  status: Generated<PlanStatus>;
  /** 'YYYY-MM-DD' */
  adopted_on: string | null;
  current_version: Generated<number>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: ChangedAt;
}

export interface PlanVersionsTable {
  partnership_id: number;
  plan_id: number;
  version: number;
  label: string;
  /** The plan as it stood, read back through the zod schema of src/features/plans/plan-snapshot.ts. */
  snapshot: Json<unknown>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface PlanSectionsTable {
  partnership_id: number;
  id: Generated<number>;
  plan_id: number;
  heading: string;
  body: Generated<string>;
  position: Generated<number>;
}

export interface PrioritiesTable {
  partnership_id: number;
  id: Generated<number>;
  plan_id: number;
  title: string;
  why_it_matters: Generated<string>;
  objective: Generated<string>;
  focus: Generated<string>;
  first_year: Generated<string>;
  position: Generated<number>;
}

export interface ThemesTable {
  partnership_id: number;
  id: Generated<number>;
  plan_id: number;
  title: string;
  description: Generated<string>;
  position: Generated<number>;
}

export interface ExternalPrioritiesTable {
  partnership_id: number;
  id: Generated<number>;
  source: ExternalPrioritySource;
  title: string;
  position: Generated<number>;
}

export interface PriorityAlignmentsTable {
  partnership_id: number;
  priority_id: number;
  external_priority_id: number;
}

export interface GlossaryTermsTable {
  partnership_id: number;
  id: Generated<number>;
  term: string;
  meaning: string;
  is_acronym: Generated<boolean>;
}

export interface SurveyResultsTable {
  partnership_id: number;
  id: Generated<number>;
  survey: string;
  survey_year: number;
  question: string;
  percent: Numeric;
  respondents: number | null;
}

export interface PlanTables {
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  plan_sections: PlanSectionsTable;
  priorities: PrioritiesTable;
  themes: ThemesTable;
  external_priorities: ExternalPrioritiesTable;
  priority_alignments: PriorityAlignmentsTable;
  glossary_terms: GlossaryTermsTable;
  survey_results: SurveyResultsTable;
}
