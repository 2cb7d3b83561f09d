import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../features/audit/events.ts';
import { AppError } from '../errors.ts';
import type { Auth } from './types.ts';

/** The signed-in user of a request; the access plugin has already refused anyone else. */
export function requireAuth(request: FastifyRequest): Auth {
  if (!request.auth) throw new AppError('UNAUTHENTICATED');
  return request.auth;
}

/**
 * The actor of a request by a signed-in user: who they are, for the audit log, and their role and
 * data-manager flag, for the access policy.
 */
export function actorFrom(request: FastifyRequest): Actor {
  const auth = requireAuth(request);
  return {
    partnershipId: auth.partnershipId,
    userId: auth.userId,
    name: auth.name,
    agencyName: auth.agencyName,
    requestId: request.id,
    ip: request.ip,
    role: auth.role,
    dataManager: auth.dataManager,
  };
}
