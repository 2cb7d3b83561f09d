import { defineFeature } from '../../platform/feature.ts';
import harmWeightRoutes from './harm-weight-routes.ts';
import indicatorDataRoutes from './indicator-data-routes.ts';
import { harmWeightPaths, indicatorPaths } from './indicator-paths.ts';
import indicatorRoutes from './indicator-routes.ts';
import { createIndicatorService } from './indicator-service.ts';

/** What the audit log shows for each event of this feature. */
export const indicatorsEvents = {
  'indicator.created': 'Added an indicator',
  'indicator.updated': 'Changed an indicator',
  'indicator.target_saved': 'Set an indicator target',
  'indicator.target_removed': 'Removed an indicator target',
  'indicator.value_saved': 'Entered an indicator value',
  'indicator.value_removed': 'Removed an indicator value',
  'harm_weights.saved': 'Changed harm weights',
  'harm_weights.reset': 'Reset harm weights to the defaults',
} as const;

declare module '../../platform/feature.ts' {
  interface ServiceRegistry {
    indicators: ReturnType<typeof createIndicatorService>;
  }
  interface AuditEventRegistry extends Record<keyof typeof indicatorsEvents, string> {}
}

declare module '../audit/events.ts' {
  interface AuditSubjectRegistry {
    indicator: true;
    harm_weights: true;
  }
}

/** The indicator library: indicators, targets, values entered by hand, and the harm weights. */
export const indicatorsFeature = defineFeature({
  name: 'indicators',
  services: (deps) => ({ indicators: createIndicatorService(deps) }),
  routes: async (app, opts) => {
    for (const routes of [indicatorRoutes, indicatorDataRoutes, harmWeightRoutes]) await routes(app, opts);
  },
  paths: { indicators: indicatorPaths, harmWeights: harmWeightPaths },
  auditEvents: indicatorsEvents,
});
