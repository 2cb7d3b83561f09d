import fp from 'fastify-plugin';
import { paths } from '../paths.ts';

/** Liveness (the process answers) and readiness (the database answers). */
export default fp(
  async (app) => {
    app.get(paths.health.live(), { config: { access: 'public' } }, async () => ({ status: 'ok' }));
    app.get(paths.health.ready(), { config: { access: 'public' } }, async (request, reply) => {
      try {
        await app.db.ping();
        return { status: 'ok', database: app.db.kind };
      } catch (error) {
        request.log.error({ err: error }, 'readiness check failed');
        return reply.code(503).send({ status: 'unavailable', database: app.db.kind });
      }
    });
  },
  { name: 'health', dependencies: ['db'] },
);
