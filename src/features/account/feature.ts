import { defineFeature } from '../../platform/feature.ts';
import { accountPaths } from './account-paths.ts';
import accountRoutes from './account-routes.ts';
import { createAccountService } from './account-service.ts';

/** What the audit log shows for each event of this feature. */
const accountEvents = {
  'account.password_changed': 'Changed password',
  'account.invitation_accepted': 'Accepted invitation and set a password',
} as const;

declare module '../../platform/feature.ts' {
  interface ServiceRegistry {
    account: ReturnType<typeof createAccountService>;
  }
  interface AuditEventRegistry extends Record<keyof typeof accountEvents, string> {}
}

/** Your own account: password, recovery codes and details. */
export const accountFeature = defineFeature({
  name: 'account',
  services: (deps) => ({ account: createAccountService(deps) }),
  routes: accountRoutes,
  paths: { account: accountPaths },
  navigation: [{ text: 'Your account', href: accountPaths.show(), permission: 'account.manage-own', order: 100 }],
  auditEvents: accountEvents,
});
