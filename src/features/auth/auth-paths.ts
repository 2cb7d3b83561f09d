import { id } from '../../platform/paths.ts';

/** The sign-in pages, sign-out and invitation links. Templates write them as `paths.signIn()` and so on. */
export const authPaths = {
  signIn: () => '/sign-in',
  signInCode: () => '/sign-in/code',
  signInSetUp: () => '/sign-in/set-up-authenticator',
  signOut: () => '/sign-out',
  invitation: (token: string) => `/invitation/${id(token)}`,
} as const;

/** Route patterns for Fastify, from the same builders. */
export const authRoutePatterns = {
  invitation: authPaths.invitation(':token'),
} as const;
