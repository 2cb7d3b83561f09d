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

export interface DB {
  partnerships: PartnershipsTable;
  agencies: AgenciesTable;
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  audit_events: AuditEventsTable;
}

export type Partnership = Selectable<PartnershipsTable>;
export type Agency = Selectable<AgenciesTable>;
export type NewAgency = Insertable<AgenciesTable>;
export type User = Selectable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
