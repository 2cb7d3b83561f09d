import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the tables created by migrations/. Keep in step with the SQL. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const agencyTypes = [
  'district_council',
  'county_council',
  'police',
  'fire_and_rescue',
  'health',
  'probation',
  'housing',
  'voluntary',
  'education',
  'business',
  'other',
] as const;
export type AgencyType = (typeof agencyTypes)[number];

export const roles = ['admin', 'coordinator', 'analyst', 'member', 'viewer'] as const;
export type Role = (typeof roles)[number];

export interface PartnershipsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  district_codes: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
}

export interface AgenciesTable {
  partnership_id: number;
  id: Generated<number>;
  name: string;
  agency_type: AgencyType;
  responsible_authority: boolean;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UsersTable {
  partnership_id: number;
  id: Generated<number>;
  agency_id: number;
  name: string;
  email: string;
  role: Role;
  password_hash: string | null;
  password_changed_at: NullableTimestamp;
  totp_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  totp_last_step: number | null;
  disabled_at: NullableTimestamp;
  /** May change the police.uk data every partnership sees; set only from the command line. */
  data_manager: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RecoveryCodesTable {
  partnership_id: number;
  user_id: number;
  code_hash: string;
  used_at: NullableTimestamp;
}

export interface InvitationsTable {
  partnership_id: number;
  token_hash: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface SessionsTable {
  partnership_id: number;
  id_hash: string;
  user_id: number;
  stage: 'mfa' | 'setup' | 'full';
  pending_totp_secret: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
}

export interface SignInAttemptsTable {
  email_key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: NullableTimestamp;
}

export interface AuditEventsTable {
  partnership_id: number;
  id: Generated<number>;
  occurred_at: CreatedAt;
  actor_user_id: number | null;
  actor_name: string | null;
  actor_agency: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  purpose: string | null;
  request_id: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}


// Plans, governance, meetings, action plans, equality analysis, funding, glossary (migration 0003).

export interface PlansTable {
  partnership_id: number;
  id: Generated<number>;
  title: string;
  starts_year: number;
  ends_year: number;
  vision: ColumnType<string, string | undefined, string>;
  status: ColumnType<string, string | undefined, string>;
  adopted_on: ColumnType<string | null, string | null | undefined, string | null>;
  current_version: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PlanVersionsTable {
  partnership_id: number;
  plan_id: number;
  version: number;
  label: string;
  snapshot: ColumnType<unknown, string, string>;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface PlanSectionsTable {
  partnership_id: number;
  id: Generated<number>;
  plan_id: number;
  heading: string;
  body: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
}

export interface PrioritiesTable {
  partnership_id: number;
  id: Generated<number>;
  plan_id: number;
  title: string;
  why_it_matters: ColumnType<string, string | undefined, string>;
  objective: ColumnType<string, string | undefined, string>;
  focus: ColumnType<string, string | undefined, string>;
  first_year: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
}

export interface ThemesTable {
  partnership_id: number;
  id: Generated<number>;
  plan_id: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
}

export interface ExternalPrioritiesTable {
  partnership_id: number;
  id: Generated<number>;
  source: string;
  title: string;
  position: ColumnType<number, number | undefined, number>;
}

export interface PriorityAlignmentsTable {
  partnership_id: number;
  priority_id: number;
  external_priority_id: number;
}

export interface BodiesTable {
  partnership_id: number;
  id: Generated<number>;
  name: string;
  short_name: ColumnType<string | null, string | null | undefined, string | null>;
  kind: string;
  purpose: ColumnType<string, string | undefined, string>;
  terms_of_reference: ColumnType<string, string | undefined, string>;
  reports_to_body_id: ColumnType<number | null, number | null | undefined, number | null>;
  position: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

export interface BodyMembersTable {
  partnership_id: number;
  id: Generated<number>;
  body_id: number;
  person_name: string;
  agency_id: ColumnType<number | null, number | null | undefined, number | null>;
  user_id: ColumnType<number | null, number | null | undefined, number | null>;
  role: ColumnType<string, string | undefined, string>;
}

export interface BodyPrioritiesTable {
  partnership_id: number;
  body_id: number;
  priority_id: number;
}

export interface BodyThemesTable {
  partnership_id: number;
  body_id: number;
  theme_id: number;
}

export interface MeetingsTable {
  partnership_id: number;
  id: Generated<number>;
  body_id: number;
  held_on: string;
  title: ColumnType<string, string | undefined, string>;
  location: ColumnType<string, string | undefined, string>;
  minutes: ColumnType<string, string | undefined, string>;
}

export interface AgendaItemsTable {
  partnership_id: number;
  id: Generated<number>;
  meeting_id: number;
  title: string;
  notes: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
}

export interface MeetingAttendanceTable {
  partnership_id: number;
  meeting_id: number;
  agency_id: number;
  attended: boolean;
  attendees: ColumnType<string, string | undefined, string>;
}

export interface MeetingDecisionsTable {
  partnership_id: number;
  id: Generated<number>;
  meeting_id: number;
  decision: string;
  position: ColumnType<number, number | undefined, number>;
}

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
  status: ColumnType<ActionPlanStatus, ActionPlanStatus | undefined, ActionPlanStatus>;
  approved_on: ColumnType<string | null, string | null | undefined, string | null>;
  approved_by: ColumnType<string | null, string | null | undefined, string | null>;
  version: ColumnType<number, number | undefined, number>;
}

export interface ActionsTable {
  partnership_id: number;
  id: Generated<number>;
  action_plan_id: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  priority_id: ColumnType<number | null, number | null | undefined, number | null>;
  theme_id: ColumnType<number | null, number | null | undefined, number | null>;
  lead_user_id: ColumnType<number | null, number | null | undefined, number | null>;
  lead_name: ColumnType<string, string | undefined, string>;
  lead_agency_id: ColumnType<number | null, number | null | undefined, number | null>;
  starts_on: ColumnType<string | null, string | null | undefined, string | null>;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  status_reason: ColumnType<string, string | undefined, string>;
  meeting_id: ColumnType<number | null, number | null | undefined, number | null>;
  last_update_at: NullableTimestamp;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ActionMilestonesTable {
  partnership_id: number;
  id: Generated<number>;
  action_id: number;
  title: string;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  done_on: ColumnType<string | null, string | null | undefined, string | null>;
  position: ColumnType<number, number | undefined, number>;
}

export interface ActionUpdatesTable {
  partnership_id: number;
  id: Generated<number>;
  action_id: number;
  posted_at: CreatedAt;
  author_user_id: ColumnType<number | null, number | null | undefined, number | null>;
  author_name: string;
  text: string;
  evidence_url: ColumnType<string | null, string | null | undefined, string | null>;
  status_from: ColumnType<ActionStatus | null, ActionStatus | null | undefined, ActionStatus | null>;
  status_to: ColumnType<ActionStatus | null, ActionStatus | null | undefined, ActionStatus | null>;
}

export interface EqualityAssessmentsTable {
  partnership_id: number;
  id: Generated<number>;
  action_plan_id: number;
  status: ColumnType<AssessmentStatus, AssessmentStatus | undefined, AssessmentStatus>;
  summary: ColumnType<string, string | undefined, string>;
  signed_off_by: ColumnType<string | null, string | null | undefined, string | null>;
  signed_off_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EqualityImpactsTable {
  partnership_id: number;
  assessment_id: number;
  characteristic: ProtectedCharacteristic;
  impact: ColumnType<Impact, Impact | undefined, Impact>;
  evidence: ColumnType<string, string | undefined, string>;
  mitigation: ColumnType<string, string | undefined, string>;
}

export interface FundsTable {
  partnership_id: number;
  id: Generated<number>;
  name: string;
  provider: ColumnType<string, string | undefined, string>;
  financial_year: ColumnType<number | null, number | null | undefined, number | null>;
  amount_available: ColumnType<string | null, string | number | null | undefined, string | number | null>;
}

export interface FundingApplicationsTable {
  partnership_id: number;
  id: Generated<number>;
  fund_id: number;
  body_id: number;
  priority_id: ColumnType<number | null, number | null | undefined, number | null>;
  purpose: string;
  amount_requested: ColumnType<string, string | number, string | number>;
  status: ColumnType<string, string | undefined, string>;
  decided_meeting_id: ColumnType<number | null, number | null | undefined, number | null>;
  amount_awarded: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  outcome_notes: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export interface FundingSpendTable {
  partnership_id: number;
  id: Generated<number>;
  application_id: number;
  spent_on: string;
  amount: ColumnType<string, string | number, string | number>;
  note: ColumnType<string, string | undefined, string>;
}

export interface GlossaryTermsTable {
  partnership_id: number;
  id: Generated<number>;
  term: string;
  meaning: string;
  is_acronym: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface SurveyResultsTable {
  partnership_id: number;
  id: Generated<number>;
  survey: string;
  survey_year: number;
  question: string;
  percent: ColumnType<string, string | number, string | number>;
  respondents: ColumnType<number | null, number | null | undefined, number | null>;
}

export const indicatorFrequencies = ['monthly', 'quarterly', 'annual'] as const;
export type IndicatorFrequency = (typeof indicatorFrequencies)[number];
export const indicatorDirections = ['lower', 'higher', 'more-reporting'] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];
export const indicatorSources = ['police', 'service-usage', 'survey', 'manual'] as const;
export type IndicatorSource = (typeof indicatorSources)[number];
export const indicatorMeasures = ['count', 'rate', 'harm', 'percent', 'value'] as const;
export type IndicatorMeasure = (typeof indicatorMeasures)[number];
export const indicatorAreaKinds = ['partnership', 'lsoas', 'wards'] as const;
export type IndicatorAreaKind = (typeof indicatorAreaKinds)[number];

type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Numeric = ColumnType<string, string | number, string | number>;
type NullableNumeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export interface ServiceUsageDatasetsTable {
  partnership_id: number;
  id: Generated<number>;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  file_name: string;
  mapping: ColumnType<Record<string, unknown>, string, string>;
  rows_total: ColumnType<number, number | undefined, number>;
  rows_accepted: ColumnType<number, number | undefined, number>;
  rows_rejected: ColumnType<number, number | undefined, number>;
  imported_by: number | null;
  imported_at: CreatedAt;
}

export interface ServiceUsageEventsTable {
  partnership_id: number;
  dataset_id: number;
  id: Generated<string>;
  occurred_at: ColumnType<Date, Date | string, Date | string>;
  service: ColumnType<string, string | undefined, string>;
  lsoa_code: string | null;
  postcode_district: string | null;
}

export interface ServiceUsageRejectionsTable {
  partnership_id: number;
  dataset_id: number;
  line: number;
  reason: string;
}

export interface IndicatorsTable {
  partnership_id: number;
  id: Generated<number>;
  name: string;
  definition: ColumnType<string, string | undefined, string>;
  unit: ColumnType<string, string | undefined, string>;
  priority_id: number | null;
  theme_id: number | null;
  owner_user_id: number | null;
  frequency: IndicatorFrequency;
  direction: IndicatorDirection;
  baseline_period: string | null;
  baseline_value: NullableNumeric;
  visibility: ColumnType<'public' | 'restricted', 'public' | 'restricted' | undefined, 'public' | 'restricted'>;
  source: IndicatorSource;
  crime_types: TextArray;
  area_kind: ColumnType<IndicatorAreaKind, IndicatorAreaKind | undefined, IndicatorAreaKind>;
  area_codes: TextArray;
  measure: ColumnType<IndicatorMeasure, IndicatorMeasure | undefined, IndicatorMeasure>;
  dataset_id: number | null;
  service: string | null;
  survey_question: string | null;
  rebase_periods: TextArray;
  position: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface IndicatorTargetsTable {
  partnership_id: number;
  indicator_id: number;
  period: string;
  target: Numeric;
}

export interface IndicatorValuesTable {
  partnership_id: number;
  indicator_id: number;
  period: string;
  value: Numeric;
  evidence: ColumnType<string, string | undefined, string>;
  entered_by: number | null;
  entered_at: Timestamp;
}

export interface HarmWeightsTable {
  partnership_id: number;
  crime_type: string;
  weight: Numeric;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface PriorityCommentariesTable {
  partnership_id: number;
  priority_id: number;
  period: string;
  commentary: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface DB {
  partnerships: PartnershipsTable;
  agencies: AgenciesTable;
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  audit_events: AuditEventsTable;
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  plan_sections: PlanSectionsTable;
  priorities: PrioritiesTable;
  themes: ThemesTable;
  external_priorities: ExternalPrioritiesTable;
  priority_alignments: PriorityAlignmentsTable;
  bodies: BodiesTable;
  body_members: BodyMembersTable;
  body_priorities: BodyPrioritiesTable;
  body_themes: BodyThemesTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_decisions: MeetingDecisionsTable;
  action_plans: ActionPlansTable;
  actions: ActionsTable;
  action_milestones: ActionMilestonesTable;
  action_updates: ActionUpdatesTable;
  equality_assessments: EqualityAssessmentsTable;
  equality_impacts: EqualityImpactsTable;
  funds: FundsTable;
  funding_applications: FundingApplicationsTable;
  funding_spend: FundingSpendTable;
  glossary_terms: GlossaryTermsTable;
  survey_results: SurveyResultsTable;
  service_usage_datasets: ServiceUsageDatasetsTable;
  service_usage_events: ServiceUsageEventsTable;
  service_usage_rejections: ServiceUsageRejectionsTable;
  indicators: IndicatorsTable;
  indicator_targets: IndicatorTargetsTable;
  indicator_values: IndicatorValuesTable;
  harm_weights: HarmWeightsTable;
  priority_commentaries: PriorityCommentariesTable;
}

export type Partnership = Selectable<PartnershipsTable>;
export type Agency = Selectable<AgenciesTable>;
export type NewAgency = Insertable<AgenciesTable>;
export type User = Selectable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
