import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import type { Services } from './platform/feature.ts';
import { features } from './features/index.ts';

export type { Services } from './platform/feature.ts';

/** Every feature's audit events with what the audit log shows for each. */
export const auditEvents: Readonly<Record<string, string>> = Object.freeze(Object.assign({}, ...features.map((f) => f.auditEvents ?? {})));

/**
 * The one wiring module: builds every feature's services, each from only what it needs. Their
 * names and types come from the features (ServiceRegistry in src/platform/feature.ts).
 */
export function createServices(deps: { db: Database; config: Config; log: FastifyBaseLogger }): Services {
  const built: Partial<Services> = {};
  for (const feature of features) {
    const made = feature.services?.({ ...deps, auditEvents }) ?? {};
    for (const name of Object.keys(made)) if (Object.hasOwn(built, name)) throw new Error(`Two features make a service called ${name}`);
    Object.assign(built, made);
  }
  return built as Services;
}
