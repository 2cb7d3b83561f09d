import type { Generated } from 'kysely';
import type { CreatedAt, NullableNumeric, Numeric } from './columns.ts';

/** Governance bodies, their members, meetings and what they deliver, and funding (migration 0003). */

/** The kinds of governance body, in the order the list and the structure diagram show them. */
export const bodyKinds = ['executive_group', 'scrutiny_committee', 'partnership', 'sub_group', 'working_group', 'linked_board'] as const;
export type BodyKind = (typeof bodyKinds)[number];

export const memberRoles = ['chair', 'co_chair', 'vice_chair', 'member', 'secretary', 'adviser'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const fundingApplicationStatuses = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type FundingApplicationStatus = (typeof fundingApplicationStatuses)[number];

export interface BodiesTable {
  partnership_id: number;
  id: Generated<number>;
  name: string;
  short_name: string | null;
  kind: BodyKind;
  purpose: Generated<string>;
  terms_of_reference: Generated<string>;
  reports_to_body_id: number | null;
  position: Generated<number>;
  created_at: CreatedAt;
}

export interface BodyMembersTable {
  partnership_id: number;
  id: Generated<number>;
  body_id: number;
  person_name: string;
  agency_id: number | null;
  user_id: number | null;
  role: Generated<MemberRole>;
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
  /** 'YYYY-MM-DD' */
  held_on: string;
  title: Generated<string>;
  location: Generated<string>;
  minutes: Generated<string>;
}

export interface AgendaItemsTable {
  partnership_id: number;
  id: Generated<number>;
  meeting_id: number;
  title: string;
  notes: Generated<string>;
  position: Generated<number>;
}

export interface MeetingAttendanceTable {
  partnership_id: number;
  meeting_id: number;
  agency_id: number;
  attended: boolean;
  attendees: Generated<string>;
}

export interface MeetingDecisionsTable {
  partnership_id: number;
  id: Generated<number>;
  meeting_id: number;
  decision: string;
  position: Generated<number>;
}

export interface FundsTable {
  partnership_id: number;
  id: Generated<number>;
  name: string;
  provider: Generated<string>;
  financial_year: number | null;
  amount_available: NullableNumeric;
}

export interface FundingApplicationsTable {
  partnership_id: number;
  id: Generated<number>;
  fund_id: number;
  body_id: number;
  priority_id: number | null;
  purpose: string;
  amount_requested: Numeric;
  status: Generated<FundingApplicationStatus>;
  decided_meeting_id: number | null;
  amount_awarded: NullableNumeric;
  outcome_notes: Generated<string>;
  created_at: CreatedAt;
}

export interface FundingSpendTable {
  partnership_id: number;
  id: Generated<number>;
  application_id: number;
  /** 'YYYY-MM-DD' */
  spent_on: string;
  amount: Numeric;
  note: Generated<string>;
}

export interface GovernanceTables {
  bodies: BodiesTable;
  body_members: BodyMembersTable;
  body_priorities: BodyPrioritiesTable;
  body_themes: BodyThemesTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_decisions: MeetingDecisionsTable;
  funds: FundsTable;
  funding_applications: FundingApplicationsTable;
  funding_spend: FundingSpendTable;
}
