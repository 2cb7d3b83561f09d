import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';

export default async function governanceRoutes(_app: FastifyInstance, _opts: { services: Services }) {}
