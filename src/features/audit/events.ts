/**
 * Every event the audit log records, in one typed list. Later features add theirs here.
 * The key is what is stored in audit_events.action; the text is what the audit log page shows.
 */
export const auditActions = {
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Failed sign-in',
  'auth.locked': 'Sign-in locked after failed attempts',
  'auth.sign_out': 'Signed out',
  'auth.second_factor_failed': 'Wrong authenticator code',
  'auth.recovery_code_used': 'Signed in with a recovery code',
  'mfa.enabled': 'Set up an authenticator app',
  'mfa.recovery_codes_replaced': 'Replaced recovery codes',
  'mfa.reset': 'Reset authenticator app',
  'account.password_changed': 'Changed password',
  'account.invitation_accepted': 'Accepted invitation and set a password',
  'user.created': 'Added a user',
  'user.updated': 'Changed a user',
  'user.disabled': 'Disabled a user',
  'user.enabled': 'Enabled a user',
  'user.invited': 'Created an invitation link',
  'agency.created': 'Added an agency',
  'agency.updated': 'Changed an agency',
  'partnership.created': 'Created the partnership',
} as const;

export type AuditAction = keyof typeof auditActions;

export const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(auditActions, value);

/** Who did it: a signed-in user, the command line, or someone not yet known (a failed sign-in). */
export interface Actor {
  partnershipId: number;
  userId: number | null;
  name: string | null;
  agencyName: string | null;
  requestId: string | null;
  ip: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  subjectType?: 'user' | 'agency' | 'partnership' | 'session';
  subjectId?: number | string;
  /** Why a sensitive record was read or changed, where the user gave a reason. */
  purpose?: string;
  details?: Record<string, unknown>;
}
