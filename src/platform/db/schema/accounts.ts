import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ChangedAt, CreatedAt, NullableTimestamp, TextArray, Timestamp } from './columns.ts';

/** Partnerships, their agencies and users, sign-in and the audit log (migrations 0001 and 0008). */

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

/** How far through signing in a session is: a second factor to give, one to set up, or signed in. */
export type SessionStage = 'mfa' | 'setup' | 'full';

export interface PartnershipsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  district_codes: TextArray;
  created_at: CreatedAt;
}

export interface AgenciesTable {
  partnership_id: number;
  id: Generated<number>;
  name: string;
  agency_type: AgencyType;
  responsible_authority: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ChangedAt;
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
  updated_at: ChangedAt;
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
  stage: SessionStage;
  pending_totp_secret: string | null;
  created_at: CreatedAt;
  last_seen_at: ChangedAt;
}

/** Not a tenant table: failures by the address typed, whether or not an account has it. */
export interface SignInAttemptsTable {
  email_key: string;
  failures: Generated<number>;
  window_started_at: ChangedAt;
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

/** The migrations applied, made and written by src/platform/db/migrate.ts. */
export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: CreatedAt;
}

export interface AccountTables {
  partnerships: PartnershipsTable;
  agencies: AgenciesTable;
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  audit_events: AuditEventsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Partnership = Selectable<PartnershipsTable>;
export type Agency = Selectable<AgenciesTable>;
export type NewAgency = Insertable<AgenciesTable>;
export type User = Selectable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
