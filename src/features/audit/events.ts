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
  'plan.created': 'Created a plan',
  'plan.updated': 'Changed a plan',
  'plan.refreshed': 'Refreshed a plan (new version)',
  'plan_section.saved': 'Changed a plan section',
  'plan_section.deleted': 'Deleted a plan section',
  'priority.created': 'Added a priority',
  'priority.updated': 'Changed a priority',
  'priority.deleted': 'Removed a priority',
  'theme.created': 'Added a cross-cutting theme',
  'theme.updated': 'Changed a cross-cutting theme',
  'theme.deleted': 'Deleted a cross-cutting theme',
  'alignment.updated': 'Changed priority alignments',
  'body.created': 'Added a governance body',
  'body.updated': 'Changed a governance body',
  'body.deleted': 'Deleted a governance body',
  'body_member.added': 'Added a member to a body',
  'body_member.removed': 'Removed a member from a body',
  'meeting.created': 'Added a meeting',
  'meeting.updated': 'Changed a meeting',
  'meeting.deleted': 'Deleted a meeting',
  'action_plan.created': 'Added an action plan',
  'action_plan.approved': 'Approved an action plan',
  'action.created': 'Added an action',
  'action.updated': 'Changed an action',
  'action.progress_posted': 'Posted a progress update',
  'equality.saved': 'Changed an equality analysis',
  'equality.signed_off': 'Signed off an equality analysis',
  'funding.saved': 'Changed funding',
  'funding.deleted': 'Deleted a fund or a funding application',
  'glossary.saved': 'Changed the glossary',
  'glossary.deleted': 'Deleted a glossary term',
  'survey.saved': 'Changed survey results',
  'survey.deleted': 'Deleted a survey result',
  'reminder.sent': 'Sent an update reminder',
  'report.generated': 'Generated a report',
  'service_usage.imported': 'Imported service-usage data',
  'service_usage.deleted': 'Deleted service-usage data',
  'indicator.created': 'Added an indicator',
  'indicator.updated': 'Changed an indicator',
  'indicator.target_saved': 'Set an indicator target',
  'indicator.target_removed': 'Removed an indicator target',
  'indicator.value_saved': 'Entered an indicator value',
  'indicator.value_removed': 'Removed an indicator value',
  'harm_weights.saved': 'Changed harm weights',
  'harm_weights.reset': 'Reset harm weights to the defaults',
  'commentary.saved': 'Changed the commentary of a priority',
  'user.data_manager_granted': 'Made a user a data manager (may change police.uk data)',
  'user.data_manager_revoked': 'Stopped a user being a data manager',
  'police_import.started': 'Started a police.uk import',
  'police_import.finished': 'Finished a police.uk import',
  'police_data.changed': "Changed the police.uk data of the partnership's area",
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
  subjectType?:
    | 'user'
    | 'agency'
    | 'partnership'
    | 'session'
    | 'plan'
    | 'priority'
    | 'theme'
    | 'body'
    | 'meeting'
    | 'action_plan'
    | 'action'
    | 'equality_assessment'
    | 'fund'
    | 'funding_application'
    | 'glossary_term'
    | 'survey_result'
    | 'service_usage_dataset'
    | 'indicator'
    | 'harm_weights'
    | 'police_import';
  subjectId?: number | string;
  /** Why a sensitive record was read or changed, where the user gave a reason. */
  purpose?: string;
  details?: Record<string, unknown>;
}
