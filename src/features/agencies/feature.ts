import { defineFeature } from '../../platform/feature.ts';
import { agencyPaths } from './agency-paths.ts';
import agencyRoutes from './agency-routes.ts';
import { createAgencyService } from './agency-service.ts';

/** The partnership's member agencies, for its administrators. */
export const agenciesFeature = defineFeature({
  name: 'agencies',
  services: (deps) => ({ agencies: createAgencyService(deps) }),
  routes: agencyRoutes,
  paths: { agencies: agencyPaths },
  auditEvents: {
    'agency.created': 'Added an agency',
    'agency.updated': 'Changed an agency',
  },
  auditSubjects: ['agency'],
});
