import type { ActionStatus, Impact, ProtectedCharacteristic } from '../../platform/db/schema.ts';
import { can, type Subject } from '../../platform/policies.ts';

/** The words and rules of actions: statuses, their RAG colours, what is overdue, who may change what. */

// The statuses, characteristics and impacts are the columns' own types, kept with the schema.
export {
  actionStatuses,
  impacts,
  protectedCharacteristics,
  type ActionStatus,
  type Impact,
  type ProtectedCharacteristic,
} from '../../platform/db/schema.ts';

export const statusLabels: Record<ActionStatus, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  complete: 'Complete',
  cancelled: 'Cancelled',
};

type Rag = 'green' | 'amber' | 'red' | 'grey';

/** Red, amber, green (or grey for not started and cancelled), as the partnership reports them. */
export function ragOf(status: ActionStatus): Rag {
  switch (status) {
    case 'on_track':
    case 'complete':
      return 'green';
    case 'at_risk':
      return 'amber';
    case 'off_track':
      return 'red';
    case 'not_started':
    case 'cancelled':
      return 'grey';
  }
}

const ragClasses: Record<Rag, string> = {
  green: 'govuk-tag--green',
  amber: 'govuk-tag--orange',
  red: 'govuk-tag--red',
  grey: 'govuk-tag--grey',
};

export const ragWords: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red', grey: 'Grey' };

/** The govukTag for a status: its words and the class of its RAG colour. */
export function statusTag(status: ActionStatus): { text: string; classes: string } {
  return { text: statusLabels[status], classes: ragClasses[ragOf(status)] };
}

const isOpen = (status: ActionStatus): boolean => status !== 'complete' && status !== 'cancelled';

/** Today in London as YYYY-MM-DD, the way due dates are stored. */
export function londonToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Overdue: due before today and neither complete nor cancelled. */
export function isOverdue(action: { status: ActionStatus; due_on: string | null }, today: string = londonToday()): boolean {
  return action.due_on !== null && action.due_on < today && isOpen(action.status);
}

interface ActionAccess {
  role: Subject['role'];
  userId: number | null;
  /** The user sits on the body whose action plan holds the action. */
  isBodyMember: boolean;
  /** The user is the action's lead. */
  isLead: boolean;
}

/**
 * Who may post a progress update to an action or change its status: those who manage action plans,
 * and others who may update actions where they sit on the action's body or lead the action.
 */
export function canUpdateAction(access: ActionAccess): boolean {
  if (can(access, 'action-plans.manage')) return true;
  if (!can(access, 'actions.update') || access.userId === null) return false;
  return access.isBodyMember || access.isLead;
}

/** The financial year an action plan covers: 2019 is 2019-20. */
export const financialYear = (planYear: number): string => `${planYear}-${String((planYear + 1) % 100).padStart(2, '0')}`;

export const STALE_VERSION = 'Someone else changed this action while you were editing it. Check their change and try again.';

export const characteristicLabels: Record<ProtectedCharacteristic, string> = {
  age: 'Age',
  disability: 'Disability',
  gender_reassignment: 'Gender reassignment',
  marriage_and_civil_partnership: 'Marriage and civil partnership',
  pregnancy_and_maternity: 'Pregnancy and maternity',
  race: 'Race',
  religion_or_belief: 'Religion or belief',
  sex: 'Sex',
  sexual_orientation: 'Sexual orientation',
};

export const impactLabels: Record<Impact, string> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
  unknown: 'Not known yet',
};
