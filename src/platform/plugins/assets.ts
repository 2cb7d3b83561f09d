import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { paths } from '../paths.ts';
import { ASSETS_DIR as assetsDir, BUILT_STYLESHEET } from '../stylesheet.ts';

const govukDist = path.join(path.dirname(fileURLToPath(import.meta.resolve('govuk-frontend/package.json'))), 'dist/govuk');

/** Static assets: Safer's own (with the stylesheet built ahead, see stylesheet.ts), GOV.UK Frontend's images and script. */
export default fp(
  async (app) => {
    if (!existsSync(BUILT_STYLESHEET)) throw new Error(`${BUILT_STYLESHEET} is missing: run "npm run build:css"`);
    const cache = app.config.env === 'production' ? 'public, max-age=3600' : 'no-cache';
    const files: Record<string, { dir: string; type: string }> = {
      'safer.css': { dir: assetsDir, type: 'text/css; charset=utf-8' },
      'safer.js': { dir: assetsDir, type: 'text/javascript; charset=utf-8' },
      'safer-icon.svg': { dir: assetsDir, type: 'image/svg+xml' },
      'govuk-frontend.min.js': { dir: govukDist, type: 'text/javascript; charset=utf-8' },
    };
    await app.register(fastifyStatic, { root: govukDist, serve: false });
    for (const [file, { dir, type }] of Object.entries(files)) {
      app.get(paths.assets(file), { config: { access: 'public' } }, (_request, reply) => {
        reply.header('cache-control', cache).type(type);
        return reply.sendFile(file, dir);
      });
    }
    app.get(paths.assets('images/:file'), { config: { access: 'public' } }, (request, reply) => {
      const { file } = request.params as { file: string };
      if (!/^[a-z0-9-]+\.(svg|png|ico)$/.test(file)) return reply.callNotFound();
      reply.header('cache-control', cache);
      return reply.sendFile(file, path.join(govukDist, 'assets/images'));
    });
  },
  { name: 'assets' },
);
