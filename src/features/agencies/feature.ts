import { defineFeature } from '../../platform/feature.ts';
import { agencyPaths } from './agency-paths.ts';
import agencyRoutes from './agency-routes.ts';
import { createAgencyService } from './agency-service.ts';

/** What the audit log shows for each event of this feature. */
const agenciesEvents = {
  'agency.created': 'Added an agency',
  'agency.updated': 'Changed an agency',
} as const;

declare module '../../platform/feature.ts' {
  interface ServiceRegistry {
    agencies: ReturnType<typeof createAgencyService>;
  }
  interface AuditEventRegistry extends Record<keyof typeof agenciesEvents, string> {}
}

declare module '../audit/events.ts' {
  interface AuditSubjectRegistry {
    agency: true;
  }
}

/** The partnership's member agencies, for its administrators. */
export const agenciesFeature = defineFeature({
  name: 'agencies',
  services: (deps) => ({ agencies: createAgencyService(deps) }),
  routes: agencyRoutes,
  paths: { agencies: agencyPaths },
  auditEvents: agenciesEvents,
});
