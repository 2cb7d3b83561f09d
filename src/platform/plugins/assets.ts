import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import * as sass from 'sass';
import { paths } from '../paths.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const assetsDir = path.resolve(here, '../assets');
const govukDist = path.join(path.dirname(fileURLToPath(import.meta.resolve('govuk-frontend/package.json'))), 'dist/govuk');

let stylesheet: Promise<string> | undefined;

/** Compiles GOV.UK Frontend with Safer's settings once per process (about a second). */
export function compileStylesheet(): Promise<string> {
  stylesheet ??= sass
    .compileAsync(path.join(assetsDir, 'safer.scss'), {
      style: 'compressed',
      importers: [new sass.NodePackageImporter()],
      quietDeps: true,
    })
    .then((r) => r.css);
  return stylesheet;
}

/** Static assets: Safer's own, GOV.UK Frontend's images and script, and the compiled stylesheet. */
export default fp(
  async (app) => {
    const cache = app.config.env === 'production' ? 'public, max-age=3600' : 'no-cache';
    app.get(paths.assets('safer.css'), { config: { access: 'public' } }, async (_request, reply) => {
      reply.header('cache-control', cache).type('text/css; charset=utf-8');
      return compileStylesheet();
    });
    const files: Record<string, { dir: string; type: string }> = {
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
