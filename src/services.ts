import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import { createAccountService } from './features/account/account-service.ts';
import { createAgencyService } from './features/agencies/agency-service.ts';
import { createAuditService } from './features/audit/audit-service.ts';
import { createAuthService } from './features/auth/auth-service.ts';
import { createExploreService } from './features/explore/explore-service.ts';
import { createUserService } from './features/users/user-service.ts';
import { createActionPlanService } from './features/action-plans/action-plan-service.ts';
import { createGovernanceService } from './features/governance/governance-service.ts';
import { createFundingService } from './features/funding/funding-service.ts';
import { createPlanService } from './features/plans/plan-service.ts';
import { createServiceUsageService } from './features/service-usage/service-usage-service.ts';
import { createIndicatorService } from './features/indicators/indicator-service.ts';
import { createPerformanceService } from './features/performance/performance-service.ts';
import { createImportService } from './features/crime-data/import-service.ts';

/**
 * The one wiring module: builds every service and hands each only what it needs. `log` is where
 * work running in the background (uploaded imports) reports what went wrong.
 */
export function createServices(deps: { db: Database; config: Config; log?: FastifyBaseLogger }) {
  return {
    auth: createAuthService(deps),
    agencies: createAgencyService(deps),
    users: createUserService(deps),
    governance: createGovernanceService(deps),
    funding: createFundingService(deps),
    audit: createAuditService(deps),
    account: createAccountService(deps),
    explore: createExploreService(deps),
    actionPlans: createActionPlanService(deps),
    plans: createPlanService(deps),
    serviceUsage: createServiceUsageService(deps),
    indicators: createIndicatorService(deps),
    performance: createPerformanceService(deps),
    imports: createImportService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
