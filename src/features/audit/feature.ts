import { defineFeature } from '../../platform/feature.ts';
import { auditPaths } from './audit-paths.ts';
import auditRoutes from './audit-routes.ts';
import { createAuditService } from './audit-service.ts';

/** The audit log: the writer every feature uses (recordAudit) and the log page for administrators. */
export const auditFeature = defineFeature({
  name: 'audit',
  services: (deps) => ({ audit: createAuditService(deps) }),
  routes: auditRoutes,
  paths: { audit: auditPaths },
  /** Events of several features: 'report.generated' is recorded by the plans' and the performance reports. */
  auditEvents: { 'report.generated': 'Generated a report' },
});
