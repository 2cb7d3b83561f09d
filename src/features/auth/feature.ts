import { defineFeature } from '../../platform/feature.ts';
import { authPaths } from './auth-paths.ts';
import authRoutes from './auth-routes.ts';
import { createAuthService } from './auth-service.ts';

/** Signing in with a password and an authenticator app, signing out, and invitations. */
export const authFeature = defineFeature({
  name: 'auth',
  services: (deps) => ({ auth: createAuthService(deps) }),
  routes: authRoutes,
  paths: authPaths,
  auditEvents: {
    'auth.sign_in': 'Signed in',
    'auth.sign_in_failed': 'Failed sign-in',
    'auth.locked': 'Sign-in locked after failed attempts',
    'auth.sign_out': 'Signed out',
    'auth.second_factor_failed': 'Wrong authenticator code',
    'auth.recovery_code_used': 'Signed in with a recovery code',
    'mfa.enabled': 'Set up an authenticator app',
    'mfa.recovery_codes_replaced': 'Replaced recovery codes',
    'mfa.reset': 'Reset authenticator app',
  },
  auditSubjects: ['session'],
});
