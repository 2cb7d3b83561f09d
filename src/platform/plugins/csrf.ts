import { randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyReply {
    rotateCsrfToken(): FastifyReply;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function submittedToken(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body['_csrf'] : undefined;
  if (typeof fromBody === 'string') return fromBody;
  const header = request.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

/**
 * CSRF protection for every state-changing request: a random token in a __Host- cookie that the
 * page also puts in each form (`_csrf`). A POST whose form token does not match gets 403. The token
 * is replaced at sign-in so one planted before sign-in is worthless after it.
 */
export default fp(
  async (app) => {
    const secure = app.config.session.secureCookies;
    const name = secure ? '__Host-safer-csrf' : 'safer-csrf';
    const options = { path: '/', httpOnly: true, secure, sameSite: 'lax' as const };

    app.decorateRequest('csrfToken', '');
    app.decorateReply('rotateCsrfToken', function (this: FastifyReply) {
      const token = randomBytes(32).toString('base64url');
      this.request.csrfToken = token;
      return this.setCookie(name, token, options);
    });

    app.addHook('onRequest', async (request, reply) => {
      const token = request.cookies[name];
      if (token && TOKEN_PATTERN.test(token)) {
        request.csrfToken = token;
      } else if (SAFE_METHODS.has(request.method)) {
        reply.rotateCsrfToken();
      }
    });

    app.addHook('preValidation', async (request) => {
      if (SAFE_METHODS.has(request.method)) return;
      const submitted = submittedToken(request);
      if (!request.csrfToken || !submitted || !sameToken(submitted, request.csrfToken)) {
        throw new AppError('CSRF_FAILED', 'The form could not be checked. Go back, reload the page and try again.');
      }
    });
  },
  { name: 'csrf', dependencies: ['@fastify/cookie'] },
);
