import type { Command } from 'commander';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from './db/database.ts';
import type { Permission } from './policies.ts';

/**
 * What a feature is: one module (src/features/<name>/feature.ts) declaring its services, routes,
 * navigation entries, paths, audit events and commands. src/features/index.ts lists the features;
 * the app, the services, the navigation, the templates' paths, the audit log and the command line
 * are all assembled from that list, so adding a feature edits the list, a migration and the
 * feature's own folder.
 *
 * The features' services are typed by name in ServiceRegistry below, which src/features/index.ts
 * derives once from the list (src/platform does not import the features), so every route and command
 * sees `services.plans` typed and no feature declares its own types twice.
 */

/** Every feature's services, by name (derived from the features in src/features/index.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServiceRegistry {}

/** The services of every feature. */
export type Services = ServiceRegistry;

/** What a feature's services are built from. */
export interface FeatureDeps {
  db: Database;
  config: Config;
  log: FastifyBaseLogger;
  /** Every feature's audit events with what the audit log shows for each. */
  auditEvents: Readonly<Record<string, string>>;
}

/** An entry of the service navigation, shown to users with its permission, in `order`. */
export interface NavEntry {
  text: string;
  href: string;
  permission: Permission;
  order: number;
  /** Paths under this prefix also mark the entry as the current one (default: href + '/'). */
  prefix?: string;
}

/** The command line's shared pieces, handed to each feature's commands (see src/platform/cli/). */
export interface CommandContext {
  /** Opens and migrates the database, runs fn, and closes the database however fn ends. */
  withDatabase<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T>;
  /** Every feature's services over an open database, for commands that work as a partnership would. */
  services(db: Database, config: Config): Services;
  /** A parent command several features add to (import, report, query), made once. */
  group(name: 'import' | 'report' | 'query', description: string): Command;
}

export interface Feature {
  name: string;
  /** The feature's services by name (not checked against ServiceRegistry, which is derived from this). */
  services?: (deps: FeatureDeps) => object;
  routes?: (app: FastifyInstance, opts: { services: Services }) => Promise<void>;
  navigation?: readonly NavEntry[];
  /** URL builders for templates, as `paths.<key>` (TypeScript imports the feature's paths module). */
  paths?: Readonly<Record<string, unknown>>;
  /** The audit events the feature records, with what the audit log shows for each. */
  auditEvents?: Readonly<Record<string, string>>;
  /** The kinds of record its audit entries are about (audit_events.subject_type). */
  auditSubjects?: readonly string[];
  /** Adds the feature's commands to the `safer` command line. */
  commands?: (program: Command, context: CommandContext) => void;
}

/** Declares a feature (the identity, for type-checking). */
export function defineFeature<const F extends Feature>(feature: F): F {
  return feature;
}
