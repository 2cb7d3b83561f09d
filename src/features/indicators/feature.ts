import { defineFeature } from '../../platform/feature.ts';
import harmWeightRoutes from './harm-weight-routes.ts';
import indicatorDataRoutes from './indicator-data-routes.ts';
import { harmWeightPaths, indicatorPaths } from './indicator-paths.ts';
import indicatorRoutes from './indicator-routes.ts';
import { createIndicatorService } from './indicator-service.ts';

/** The indicator library: indicators, targets, values entered by hand, and the harm weights. */
export const indicatorsFeature = defineFeature({
  name: 'indicators',
  services: (deps) => ({ indicators: createIndicatorService(deps) }),
  routes: async (app, opts) => {
    for (const routes of [indicatorRoutes, indicatorDataRoutes, harmWeightRoutes]) await routes(app, opts);
  },
  paths: { indicators: indicatorPaths, harmWeights: harmWeightPaths },
  auditEvents: {
    'indicator.created': 'Added an indicator',
    'indicator.updated': 'Changed an indicator',
    'indicator.target_saved': 'Set an indicator target',
    'indicator.target_removed': 'Removed an indicator target',
    'indicator.value_saved': 'Entered an indicator value',
    'indicator.value_removed': 'Removed an indicator value',
    'harm_weights.saved': 'Changed harm weights',
    'harm_weights.reset': 'Reset harm weights to the defaults',
  },
  auditSubjects: ['indicator', 'harm_weights'],
});
