import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import access from './platform/plugins/access.ts';
import assets from './platform/plugins/assets.ts';
import csrf from './platform/plugins/csrf.ts';
import db from './platform/plugins/db.ts';
import errors from './platform/plugins/errors.ts';
import health from './platform/plugins/health.ts';
import securityHeaders from './platform/plugins/security-headers.ts';
import requestLog from './platform/plugins/request-log.ts';
import session from './platform/plugins/session.ts';
import views from './platform/plugins/views.ts';
import { createServices } from './services.ts';
import { features } from './features/index.ts';
import type { Access } from './platform/http/types.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  /** Logger settings; tests pass false. */
  logger?: FastifyServerOptions['logger'];
  /** A demo deployment: the demo partnership was loaded at start, and the sign-in page says how to sign in as its users. */
  demo?: boolean;
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RouteEntry[];
    demo: boolean;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Pino settings: JSON in production, readable in a terminal; secrets and personal data redacted. */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.confirmPassword',
        '*.currentPassword',
        '*.code',
        '*.token',
        '*._csrf',
      ],
      censor: '[redacted]',
    },
    // In a terminal, one short line each: the request log's fields are in its message already.
    ...(process.stdout.isTTY && config.env !== 'production'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { singleLine: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,reqId,method,path,statusCode,ms' },
          },
        }
      : {}),
  };
}

/** Assembles the application. It never listens: src/server.ts does that. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? loggerOptions(deps.config),
    // Believe X-Forwarded-For and X-Forwarded-Proto only from the proxies TRUST_PROXY names (none by default).
    trustProxy: deps.config.trustedProxies.length > 0 ? deps.config.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // One line per request instead, from the request-log plugin.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.decorate('config', deps.config);
  app.decorate('demo', deps.demo ?? false);
  // Every route with its access rule, for the tenancy test that tries them all and for docs.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // Deny by default, and say so at start: a route that forgets to declare who may reach it is a mistake.
    if (!route.config?.access)
      throw new Error(`${methods.join(',')} ${route.url} does not declare its access (a permission, 'public' or 'pending')`);
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, access: route.config.access });
    }
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Platform
  await app.register(db, { database: deps.database });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(securityHeaders);
  await app.register(requestLog);
  await app.register(views, {
    navigation: features.flatMap((f) => f.navigation ?? []),
    paths: Object.assign({}, ...features.map((f) => f.paths ?? {})) as Record<string, unknown>,
  });
  await app.register(errors);
  await app.register(session);
  await app.register(access);
  await app.register(csrf);
  await app.register(health);
  await app.register(assets);

  // Features: each registers its own routes, with every feature's services.
  const services = createServices({ db: deps.database, config: deps.config, log: app.log });
  for (const feature of features) if (feature.routes) await app.register(feature.routes, { services });

  return app;
}
