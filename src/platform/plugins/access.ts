import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import { authPaths } from '../../features/auth/auth-paths.ts';
import { homePaths } from '../../features/home/home-paths.ts';
import { can, refusalOf } from '../policies.ts';

/**
 * Deny by default: every route declares who may reach it (see Access in http/types.ts), and a
 * permission needs a fully signed-in user who has it by the access policy. Record-level rules live
 * in the services, behind row-level security.
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      if (request.is404) return;
      const access = request.routeOptions.config.access;
      if (access === 'public') return;
      const auth = request.auth;
      if (!auth) {
        if (request.method === 'GET') return reply.redirect(authPaths.signIn());
        throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
      }
      if (access === 'pending') {
        if (auth.stage === 'full') return reply.redirect(homePaths.home());
        return;
      }
      if (auth.stage !== 'full') {
        return reply.redirect(auth.stage === 'mfa' ? authPaths.signInCode() : authPaths.signInSetUp());
      }
      if (!access || !can(auth, access)) throw new AppError('FORBIDDEN', access ? refusalOf(auth, access) : undefined);
    });
  },
  { name: 'access', dependencies: ['session'] },
);
