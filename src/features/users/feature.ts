import { defineFeature } from '../../platform/feature.ts';
import { userPaths } from './user-paths.ts';
import userRoutes from './user-routes.ts';
import { createUserService } from './user-service.ts';
import { userCommands } from './user-cli.ts';

/** The partnership's users and their roles, for its administrators, and `safer user`. */
export const usersFeature = defineFeature({
  name: 'users',
  services: (deps) => ({ users: createUserService(deps) }),
  routes: userRoutes,
  paths: { users: userPaths },
  navigation: [{ text: 'Administration', href: userPaths.list(), permission: 'users.manage', order: 90, prefix: '/admin/' }],
  auditEvents: {
    'user.created': 'Added a user',
    'user.updated': 'Changed a user',
    'user.disabled': 'Disabled a user',
    'user.enabled': 'Enabled a user',
    'user.invited': 'Created an invitation link',
    'user.data_manager_granted': 'Made a user a data manager (may change police.uk data)',
    'user.data_manager_revoked': 'Stopped a user being a data manager',
  },
  auditSubjects: ['user'],
  commands: userCommands,
});
