import fp from 'fastify-plugin';

/** What a request's line names: its path without the query, or the route's pattern when the path holds a token. */
export function loggedPath(url: string, route: string | undefined): string {
  return route?.includes(':token') ? route : url.split('?')[0]!;
}

/**
 * One short line per request, "GET /plans/3 200 12 ms", in place of Fastify's two long ones
 * (disableRequestLogging in app.ts); outside production none for assets, so what Safer prints at
 * start (the demo sign-in) stays readable.
 */
export default fp(
  async (app) => {
    const assetsToo = app.config.env === 'production';
    app.addHook('onResponse', async (request, reply) => {
      if (!assetsToo && request.url.startsWith('/assets/')) return;
      const path = loggedPath(request.url, request.routeOptions.url);
      const ms = Math.round(reply.elapsedTime);
      request.log.info(
        { method: request.method, path, statusCode: reply.statusCode, ms },
        `${request.method} ${path} ${reply.statusCode} ${ms} ms`,
      );
    });
  },
  { name: 'request-log' },
);
