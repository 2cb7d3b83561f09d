import { defineFeature } from '../../platform/feature.ts';
import { paths } from '../../platform/paths.ts';
import accountRoutes from './account-routes.ts';
import { createAccountService } from './account-service.ts';

/** What the audit log shows for each event of this feature. */
export const accountEvents = {
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
  navigation: [
    { text: 'Your account', href: paths.account.show(), permission: 'account.manage-own', order: 100 },
  ],
  auditEvents: accountEvents,
});
