import { defineFeature } from '../../platform/feature.ts';
import { partnershipCommands } from './partnership-cli.ts';

/** What the audit log shows for each event of this feature. */
const partnershipsEvents = {
  'partnership.created': 'Created the partnership',
} as const;

declare module '../../platform/feature.ts' {
  interface AuditEventRegistry extends Record<keyof typeof partnershipsEvents, string> {}
}

declare module '../audit/events.ts' {
  interface AuditSubjectRegistry {
    partnership: true;
  }
}

/** The partnerships of a deployment: `safer partnership`. */
export const partnershipsFeature = defineFeature({
  name: 'partnerships',
  auditEvents: partnershipsEvents,
  commands: partnershipCommands,
});
