import type { Config } from '../../config.ts';
import type { Database } from '../db/database.ts';
import type { Role } from '../db/schema.ts';

/** Who is signed in on this request. `stage` is 'full' once the second factor is done. */
export interface Auth {
  sessionHash: string;
  stage: 'mfa' | 'setup' | 'full';
  userId: number;
  partnershipId: number;
  partnershipName: string;
  partnershipSlug: string;
  role: Role;
  name: string;
  email: string;
  agencyId: number;
  agencyName: string;
}

/**
 * Who may reach a route. Deny by default: a route without `access` needs a fully signed-in user.
 * - 'public': anyone (sign-in, health, assets)
 * - 'pending': a user part-way through sign-in (second factor or its set-up)
 * - a list of roles: a fully signed-in user with one of them
 */
export type Access = 'public' | 'pending' | readonly Role[];

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Database;
  }
  interface FastifyRequest {
    cspNonce: string;
    csrfToken: string;
    auth: Auth | null;
  }
  interface FastifyReply {
    view(template: string, context?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}
