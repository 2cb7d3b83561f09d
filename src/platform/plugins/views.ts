import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';
import type { NavEntry } from '../feature.ts';
import { navigationFor } from '../navigation.ts';
import { paths } from '../paths.ts';
import { can, type Permission } from '../policies.ts';
import { formatDate, formatDateTime } from '../format.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.resolve(here, '../..');
const govukDir = path.dirname(fileURLToPath(import.meta.resolve('govuk-frontend/package.json')));

export function createViewEnvironment(options: { watch?: boolean; paths?: Readonly<Record<string, unknown>> } = {}): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.join(srcDir, 'platform/views'), path.join(srcDir, 'features'), path.join(govukDir, 'dist')], {
      noCache: options.watch ?? false,
    }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addGlobal('paths', { ...paths, ...options.paths });
  env.addGlobal('serviceName', 'Safer');
  env.addFilter('date', (value: Date | string | null | undefined) => formatDate(value));
  env.addFilter('dateTime', (value: Date | string | null | undefined) => formatDateTime(value));
  return env;
}

/**
 * Renders Nunjucks pages with GOV.UK Frontend, adding what every page needs to the context: the
 * nonce, the CSRF token, the user, the navigation, and can('permission') to show or hide buttons.
 */
export default fp(
  async (app, opts: { navigation: readonly NavEntry[]; paths: Readonly<Record<string, unknown>> }) => {
    const env = createViewEnvironment({ watch: app.config.env === 'development', paths: opts.paths });
    app.decorateReply('view', function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const request = this.request;
      const html = env.render(template, {
        cspNonce: request.cspNonce,
        csrfToken: request.csrfToken,
        auth: request.auth,
        currentPath: request.url.split('?')[0],
        navigation: navigationFor(request.auth, request.url.split('?')[0] ?? '/', opts.navigation),
        can: (permission: Permission) => can(request.auth?.stage === 'full' ? request.auth : null, permission),
        ...context,
      });
      return this.type('text/html; charset=utf-8').send(html);
    });
  },
  { name: 'views' },
);
