import type { Role } from '../../platform/db/schema.ts';
import { SYSTEM_ROLE } from '../../platform/policies.ts';

/**
 * The audit events every feature records: each feature declares its own in its feature.ts
 * (`auditEvents`, with what the audit log shows for each, and `auditSubjects`, the kinds of record
 * they are about), and src/features/index.ts derives the two registries below from the list of
 * features, so recordAudit() takes exactly the events and kinds of record some feature declares.
 * The key is what is stored in audit_events.action; the audit log page shows the text.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuditEventRegistry {}

/** The kinds of record an audit entry can be about (audit_events.subject_type). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuditSubjectRegistry {}

export type AuditAction = keyof AuditEventRegistry & string;

type AuditSubject = keyof AuditSubjectRegistry & string;

/** Who did it, as the audit log records it: a signed-in user, the command line, or someone signing in. */
export interface AuditActor {
  partnershipId: number;
  userId: number | null;
  name: string | null;
  agencyName: string | null;
  requestId: string | null;
  ip: string | null;
}

/**
 * Who asks a service to do something: who they are, for the audit log, and what they may do, by the
 * access policy (src/platform/policies.ts): a signed-in user's role and data-manager flag
 * (actorFrom() in src/platform/http/actor.ts), or the operator's role for the command line and the
 * demo loader (operatorActor()). Services check it with can() or mustBeAllowed() before they change
 * anything.
 */
export interface Actor extends AuditActor {
  role: Role | typeof SYSTEM_ROLE;
  dataManager: boolean;
}

/** The operator acting for a partnership (the command line, the demo loader): every permission, named as given in the audit log. */
export function operatorActor(partnershipId: number, name: string): Actor {
  return { partnershipId, userId: null, name, agencyName: null, requestId: null, ip: null, role: SYSTEM_ROLE, dataManager: true };
}

export interface AuditEntry {
  action: AuditAction;
  subjectType?: AuditSubject;
  subjectId?: number | string;
  /** Why a sensitive record was read or changed, where the user gave a reason. */
  purpose?: string;
  details?: Record<string, unknown>;
}
