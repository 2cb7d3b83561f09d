import { defineFeature } from '../../platform/feature.ts';
import applicationRoutes from './application-routes.ts';
import fundRoutes from './fund-routes.ts';
import { fundingPaths } from './funding-paths.ts';
import { createFundingService } from './funding-service.ts';

/** Funding: funds, applications and spending. */
export const fundingFeature = defineFeature({
  name: 'funding',
  services: (deps) => ({ funding: createFundingService(deps) }),
  routes: async (app, opts) => {
    await fundRoutes(app, opts);
    await applicationRoutes(app, opts);
  },
  navigation: [{ text: 'Funding', href: fundingPaths.summary(), permission: 'funding.read', order: 60 }],
  paths: { funding: fundingPaths },
  auditEvents: {
    'funding.saved': 'Changed funding',
    'funding.deleted': 'Deleted a fund or a funding application',
  },
  auditSubjects: ['fund', 'funding_application'],
});
