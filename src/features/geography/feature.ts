import { defineFeature } from '../../platform/feature.ts';
import { geographyCommands } from './geography-cli.ts';

/** What the audit log shows for each event of this feature. */
export const geographyEvents = {
  'geography_import.finished': 'Imported a geography file',
} as const;

declare module '../../platform/feature.ts' {
  interface AuditEventRegistry extends Record<keyof typeof geographyEvents, string> {}
}

declare module '../audit/events.ts' {
  interface AuditSubjectRegistry {
    geography_import: true;
  }
}

/**
 * ONS geography (LSOAs, boundaries, population, deprivation, rural-urban class, wards):
 * `safer import geography` and `geography-bundle`.
 */
export const geographyFeature = defineFeature({
  name: 'geography',
  auditEvents: geographyEvents,
  commands: geographyCommands,
});
