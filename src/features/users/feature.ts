import { defineFeature } from '../../platform/feature.ts';
import { userPaths } from './user-paths.ts';
import userRoutes from './user-routes.ts';
import { createUserService } from './user-service.ts';
import { userCommands } from './user-cli.ts';

/** What the audit log shows for each event of this feature. */
const usersEvents = {
  'user.created': 'Added a user',
  'user.updated': 'Changed a user',
  'user.disabled': 'Disabled a user',
  'user.enabled': 'Enabled a user',
  'user.invited': 'Created an invitation link',
  'user.data_manager_granted': 'Made a user a data manager (may change police.uk data)',
  'user.data_manager_revoked': 'Stopped a user being a data manager',
} as const;

declare module '../../platform/feature.ts' {
  interface ServiceRegistry {
    users: ReturnType<typeof createUserService>;
  }
  interface AuditEventRegistry extends Record<keyof typeof usersEvents, string> {}
}

declare module '../audit/events.ts' {
  interface AuditSubjectRegistry {
    user: true;
  }
}

/** The partnership's users and their roles, for its administrators, and `safer user`. */
export const usersFeature = defineFeature({
  name: 'users',
  services: (deps) => ({ users: createUserService(deps) }),
  routes: userRoutes,
  paths: { users: userPaths },
  navigation: [{ text: 'Administration', href: userPaths.list(), permission: 'users.manage', order: 90, prefix: '/admin/' }],
  auditEvents: usersEvents,
  commands: userCommands,
});
