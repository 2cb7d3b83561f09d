import { id, type Id } from '../../platform/paths.ts';

/** The users' administration pages (`paths.users` in templates). */
export const userPaths = {
  list: () => '/admin/users',
  create: () => '/admin/users/new',
  show: (userId: Id) => `/admin/users/${id(userId)}`,
  edit: (userId: Id) => `/admin/users/${id(userId)}/edit`,
  disable: (userId: Id) => `/admin/users/${id(userId)}/disable`,
  enable: (userId: Id) => `/admin/users/${id(userId)}/enable`,
  resetAuthenticator: (userId: Id) => `/admin/users/${id(userId)}/reset-authenticator`,
  invite: (userId: Id) => `/admin/users/${id(userId)}/invitation`,
} as const;
