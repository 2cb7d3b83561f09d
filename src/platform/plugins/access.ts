import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import { paths } from '../paths.ts';

/**
 * Deny by default: every route needs a fully signed-in user unless its config says otherwise
 * (see Access in http/types.ts). Record-level rules live in the services, behind row-level security.
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      if (request.is404) return;
      const access = request.routeOptions.config.access;
      if (access === 'public') return;
      const auth = request.auth;
      if (!auth) {
        if (request.method === 'GET') return reply.redirect(paths.signIn());
        throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
      }
      if (access === 'pending') {
        if (auth.stage === 'full') return reply.redirect(paths.home());
        return;
      }
      if (auth.stage !== 'full') {
        return reply.redirect(auth.stage === 'mfa' ? paths.signInCode() : paths.signInSetUp());
      }
      if (access && !access.includes(auth.role)) throw new AppError('FORBIDDEN');
    });
  },
  { name: 'access', dependencies: ['session'] },
);
