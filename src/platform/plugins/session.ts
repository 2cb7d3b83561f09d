import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import { loadSession } from '../session/session-store.ts';

declare module 'fastify' {
  interface FastifyReply {
    setSessionCookie(token: string): FastifyReply;
    clearSessionCookie(): FastifyReply;
  }
}

/**
 * Reads the session cookie on every request and sets request.auth. The cookie is __Host- prefixed,
 * Secure, HttpOnly and SameSite=Lax; only SECURE_COOKIES=false (refused in production) drops the
 * prefix and Secure, for plain-HTTP development on another machine.
 */
export default fp(
  async (app) => {
    const secure = app.config.session.secureCookies;
    const name = secure ? '__Host-safer-session' : 'safer-session';
    const options = { path: '/', httpOnly: true, secure, sameSite: 'lax' as const };

    app.decorateRequest('auth', null);
    app.decorateReply('setSessionCookie', function (this: FastifyReply, token: string) {
      return this.setCookie(name, token, options);
    });
    app.decorateReply('clearSessionCookie', function (this: FastifyReply) {
      return this.clearCookie(name, options);
    });

    app.addHook('onRequest', async (request, reply) => {
      const token = request.cookies[name];
      if (!token) return;
      request.auth = await loadSession(app.db, token, app.config.session);
      if (!request.auth) reply.clearSessionCookie();
    });
  },
  { name: 'session', dependencies: ['db', '@fastify/cookie'] },
);
