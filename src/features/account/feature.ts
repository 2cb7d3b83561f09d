import { defineFeature } from '../../platform/feature.ts';
import { accountPaths } from './account-paths.ts';
import accountRoutes from './account-routes.ts';
import { createAccountService } from './account-service.ts';

/** Your own account: password, recovery codes and details. */
export const accountFeature = defineFeature({
  name: 'account',
  services: (deps) => ({ account: createAccountService(deps) }),
  routes: accountRoutes,
  paths: { account: accountPaths },
  navigation: [{ text: 'Your account', href: accountPaths.show(), permission: 'account.manage-own', order: 100 }],
  auditEvents: {
    'account.password_changed': 'Changed password',
    'account.invitation_accepted': 'Accepted invitation and set a password',
  },
});
