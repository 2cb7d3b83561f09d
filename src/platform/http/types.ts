import type { Config } from '../../config.ts';
import type { Database } from '../db/database.ts';
import type { Role, SessionStage } from '../db/schema.ts';
import type { Permission } from '../policies.ts';

/** Who is signed in on this request. `stage` is 'full' once the second factor is done. */
export interface Auth {
  sessionHash: string;
  stage: SessionStage;
  userId: number;
  partnershipId: number;
  partnershipName: string;
  partnershipSlug: string;
  role: Role;
  name: string;
  email: string;
  agencyId: number;
  agencyName: string;
  /** May change the shared open data (docs/decisions/0005). */
  dataManager: boolean;
}

/**
 * Who may reach a route. Every route declares it (buildApp refuses a route that does not):
 * - 'public': anyone (sign-in, health, assets)
 * - 'pending': a user part-way through sign-in (second factor or its set-up)
 * - a permission of the access policy (src/platform/policies.ts): a fully signed-in user who has it
 */
export type Access = 'public' | 'pending' | Permission;

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
