import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../platform/http/actor.ts';
import { homePaths } from './home-paths.ts';

export default async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get(homePaths.home(), { config: { access: 'home.view' } }, async (request, reply) => {
    const auth = requireAuth(request);
    return reply.view('home/views/home.njk', { pageTitle: 'Home', partnershipName: auth.partnershipName });
  });
}
