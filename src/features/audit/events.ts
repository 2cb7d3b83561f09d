import type { AuditEventRegistry } from '../../platform/feature.ts';

/**
 * The audit events every feature records: each feature declares its own in its feature.ts, with
 * what the audit log shows for it, and adds them to AuditEventRegistry there, so recordAudit()
 * takes exactly the events some feature declares. The key is what is stored in
 * audit_events.action; the audit log page shows the text.
 */
export type AuditAction = keyof AuditEventRegistry & string;

/** The kinds of record an audit entry can be about (audit_events.subject_type), added to by features. */
export interface AuditSubjectRegistry {
  session: true;
}

type AuditSubject = keyof AuditSubjectRegistry & string;

/** Events of the platform itself, not of one feature. */
export const auditEvents = {
  'report.generated': 'Generated a report',
} as const;

declare module '../../platform/feature.ts' {
  interface AuditEventRegistry extends Record<keyof typeof auditEvents, string> {}
}

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
  subjectType?: AuditSubject;
  subjectId?: number | string;
  /** Why a sensitive record was read or changed, where the user gave a reason. */
  purpose?: string;
  details?: Record<string, unknown>;
}
