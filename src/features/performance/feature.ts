import { defineFeature } from '../../platform/feature.ts';
import { performancePaths } from './performance-paths.ts';
import performanceRoutes from './performance-routes.ts';
import { createPerformanceService } from './performance-service.ts';
import { performanceCommands } from './performance-report-cli.ts';

/**
 * Performance: every priority's indicators and actions, dashboards with commentary, the quarterly
 * report, and `safer report performance`.
 */
export const performanceFeature = defineFeature({
  name: 'performance',
  services: (deps) => ({ performance: createPerformanceService(deps) }),
  routes: performanceRoutes,
  navigation: [{ text: 'Performance', href: performancePaths.overview(), permission: 'performance.read', order: 40 }],
  paths: { performance: performancePaths },
  auditEvents: {
    'commentary.saved': 'Changed the commentary of a priority',
  },
  commands: performanceCommands,
});
