import type { Generated } from 'kysely';
import type { ChangedAt, CreatedAt, NullableTimestamp } from './columns.ts';

/** Action plans, their actions, milestones and progress updates, and equality analysis (migrations 0003 and 0011). */

/** An action plan is a draft until it is approved (with a signed-off equality analysis). */
export type ActionPlanStatus = 'draft' | 'approved';
/** The statuses of an action (actions.status, and the change an update records in action_updates). */
export const actionStatuses = ['not_started', 'on_track', 'at_risk', 'off_track', 'complete', 'cancelled'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export type AssessmentStatus = 'draft' | 'signed_off';
/** The nine protected characteristics of the Equality Act 2010, in the Act's order. */
export const protectedCharacteristics = [
  'age',
  'disability',
  'gender_reassignment',
  'marriage_and_civil_partnership',
  'pregnancy_and_maternity',
  'race',
  'religion_or_belief',
  'sex',
  'sexual_orientation',
] as const;
export type ProtectedCharacteristic = (typeof protectedCharacteristics)[number];
export const impacts = ['positive', 'neutral', 'negative', 'unknown'] as const;
export type Impact = (typeof impacts)[number];

export interface ActionPlansTable {
  partnership_id: number;
  id: Generated<number>;
  body_id: number;
  plan_year: number;
  title: string;
  status: Generated<ActionPlanStatus>;
  /** 'YYYY-MM-DD' */
  approved_on: string | null;
  approved_by: string | null;
  version: Generated<number>;
}

export interface ActionsTable {
  partnership_id: number;
  id: Generated<number>;
  action_plan_id: number;
  title: string;
  description: Generated<string>;
  priority_id: number | null;
  theme_id: number | null;
  lead_user_id: number | null;
  lead_name: Generated<string>;
  lead_agency_id: number | null;
  /** 'YYYY-MM-DD' */
  starts_on: string | null;
  /** 'YYYY-MM-DD' */
  due_on: string | null;
  status: Generated<ActionStatus>;
  status_reason: Generated<string>;
  meeting_id: number | null;
  last_update_at: NullableTimestamp;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: ChangedAt;
}

export interface ActionMilestonesTable {
  partnership_id: number;
  id: Generated<number>;
  action_id: number;
  title: string;
  /** 'YYYY-MM-DD' */
  due_on: string | null;
  /** 'YYYY-MM-DD' */
  done_on: string | null;
  position: Generated<number>;
}

export interface ActionUpdatesTable {
  partnership_id: number;
  id: Generated<number>;
  action_id: number;
  posted_at: CreatedAt;
  author_user_id: number | null;
  author_name: string;
  text: string;
  evidence_url: string | null;
  /** The change of status the update records, if any. */
  status_from: ActionStatus | null;
  status_to: ActionStatus | null;
}

export interface EqualityAssessmentsTable {
  partnership_id: number;
  id: Generated<number>;
  action_plan_id: number;
  status: Generated<AssessmentStatus>;
  summary: Generated<string>;
  signed_off_by: string | null;
  /** 'YYYY-MM-DD' */
  signed_off_on: string | null;
}

export interface EqualityImpactsTable {
  partnership_id: number;
  assessment_id: number;
  characteristic: ProtectedCharacteristic;
  impact: Generated<Impact>;
  evidence: Generated<string>;
  mitigation: Generated<string>;
}

export interface ActionPlanTables {
  action_plans: ActionPlansTable;
  actions: ActionsTable;
  action_milestones: ActionMilestonesTable;
  action_updates: ActionUpdatesTable;
  equality_assessments: EqualityAssessmentsTable;
  equality_impacts: EqualityImpactsTable;
}
