import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { authPaths } from '../../features/auth/auth-paths.ts';

interface ErrorPage {
  heading: string;
  paragraphs: string[];
}

const pages: Record<number, ErrorPage> = {
  400: { heading: 'Sorry, there is a problem with your request', paragraphs: ['Check the address or the form and try again.'] },
  401: { heading: 'You need to sign in', paragraphs: ['Sign in to use this service.'] },
  403: {
    heading: 'You do not have permission to see this page',
    paragraphs: ['If you think you should have access, ask your partnership administrator.'],
  },
  404: {
    heading: 'Page not found',
    paragraphs: [
      'If you typed the web address, check it is correct.',
      'If you pasted the web address, check you copied the entire address.',
    ],
  },
  409: { heading: 'Someone else changed this', paragraphs: ['Go back, reload the page and make your change again.'] },
  413: { heading: 'The file is too large', paragraphs: ['Choose a smaller file and try again.'] },
  415: {
    heading: 'Sorry, there is a problem with your request',
    paragraphs: ['The form was sent in a format this service does not accept.'],
  },
  429: { heading: 'Too many attempts', paragraphs: ['Wait a few minutes and try again.'] },
  500: { heading: 'Sorry, there is a problem with the service', paragraphs: ['Try again later.'] },
  503: { heading: 'Sorry, the service is unavailable', paragraphs: ['Try again later.'] },
};

export function renderError(request: FastifyRequest, reply: FastifyReply, status: number, message?: string): FastifyReply {
  const page = pages[status] ?? pages[status >= 500 ? 500 : 400]!;
  reply.code(status);
  const paragraphs = message && status !== 500 && status !== 404 && status !== 401 ? [message] : page.paragraphs;
  if (request.url.startsWith('/health/')) return reply.send({ status: 'error', message: page.heading });
  try {
    return reply.view('errors/error.njk', {
      pageTitle: page.heading,
      heading: page.heading,
      paragraphs,
      status,
      requestId: status >= 500 ? request.id : undefined,
    });
  } catch (error) {
    request.log.error({ err: error }, 'error page failed to render');
    return reply.type('text/plain; charset=utf-8').send(page.heading);
  }
}

/** One error handler: coded errors to their status and page; anything else is a logged 500. */
export default fp(
  async (app) => {
    app.setNotFoundHandler((request, reply) => renderError(request, reply, 404));
    app.setErrorHandler((error, request, reply) => {
      if (error instanceof AppError) {
        if (error.code === 'UNAUTHENTICATED' && request.method === 'GET') return reply.redirect(authPaths.signIn());
        if (error.status >= 500) request.log.error({ err: error }, error.message);
        else request.log.info({ code: error.code }, error.message);
        return renderError(
          request,
          reply,
          error.status,
          error.code === 'NOT_FOUND' || error.message === error.code ? undefined : error.message,
        );
      }
      const status = (error as { statusCode?: number }).statusCode;
      if (status && status >= 400 && status < 500) {
        request.log.info({ err: error }, 'client error');
        return renderError(request, reply, status);
      }
      request.log.error({ err: error }, 'unhandled error');
      return renderError(request, reply, 500);
    });
  },
  { name: 'errors', dependencies: ['views'] },
);
