import { defineFeature } from '../../platform/feature.ts';
import { serviceUsagePaths } from './service-usage-paths.ts';
import serviceUsageRoutes from './service-usage-routes.ts';
import { createServiceUsageService } from './service-usage-service.ts';
import { serviceUsageImportCommand } from './service-usage-cli.ts';

/**
 * A partnership's own service-usage datasets (one-stop-shop visits, say): upload, column mapping,
 * reports, and `safer import service-usage`.
 */
export const serviceUsageFeature = defineFeature({
  name: 'service-usage',
  services: (deps) => ({ serviceUsage: createServiceUsageService(deps) }),
  routes: serviceUsageRoutes,
  paths: { serviceUsage: serviceUsagePaths },
  auditEvents: {
    'service_usage.imported': 'Imported service-usage data',
    'service_usage.import_refused': 'Tried to import service-usage data, and the file was refused',
    'service_usage.deleted': 'Deleted service-usage data',
  },
  auditSubjects: ['service_usage_dataset'],
  commands: (_program, cli) => void cli.group('import', 'import open data').addCommand(serviceUsageImportCommand(cli.withDatabase)),
});
