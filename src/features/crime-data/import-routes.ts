import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { formErrors } from '../../platform/forms.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { acceptUploads } from '../../platform/http/multipart-upload.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import type { Services } from '../../platform/feature.ts';
import { importPaths } from './import-paths.ts';
import {
  fileRows,
  formatCount,
  GEOGRAPHY_REJECTIONS_SHOWN,
  geographyImportRows,
  geographyRejectionGroups,
  importListRows,
  importSummaryRows,
  IMPORTS_PAGE_SIZE,
  pagination,
  rangeText,
  rejectionRows,
  REJECTIONS_PAGE_SIZE,
  stateTag,
} from './import-view-models.ts';
import { MAX_UPLOAD_BYTES, readUpload, uploadMessages, type UploadBody } from './upload.ts';

const ACCESS = { access: 'imports.read' } as const;
/** Data managers only, refused before a byte of an upload is read (the access check runs first). */
const UPLOAD = { access: 'imports.upload' } as const;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1) }).catch({ page: 1 });

/**
 * Importing police.uk data from the browser: the list of imports, the upload form, and each
 * import's page with its progress, files and rejected lines. For administrators, coordinators and
 * analysts; the upload form only for those of them who are data managers (police.uk data is shared
 * by every partnership: docs/decisions/0005). An import is shown to the partnership that started it,
 * to every partnership whose area it changed, and, from the command line, to everyone.
 */
export default async function importRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const imports = opts.services.imports;
  app.addHook('onClose', () => imports.stopAll());

  // Multipart forms, for the upload only (this plugin's routes).
  const handOver = acceptUploads(app, readUpload, (form) => form.upload);

  app.get(importPaths.list(), { config: ACCESS }, async (request, reply) => {
    const { page } = pageQuery.parse(request.query);
    const actor = actorFrom(request);
    const { rows, total } = await imports.list(actor, page, IMPORTS_PAGE_SIZE);
    return reply.view('crime-data/views/list.njk', {
      pageTitle: 'Import data',
      rows: importListRows(rows),
      summary: total === 0 ? undefined : rangeText(page, IMPORTS_PAGE_SIZE, rows.length, total, total === 1 ? 'import' : 'imports'),
      pagination: pagination(page, total, IMPORTS_PAGE_SIZE, (p) => `${importPaths.list()}?page=${p}`),
    });
  });

  app.get(importPaths.geography(), { config: ACCESS }, async (request, reply) => {
    const { page } = pageQuery.parse(request.query);
    const found = await imports.geography(actorFrom(request), page, IMPORTS_PAGE_SIZE, GEOGRAPHY_REJECTIONS_SHOWN);
    return reply.view('crime-data/views/geography.njk', {
      pageTitle: 'Geography imports',
      rows: geographyImportRows(found.rows),
      rejectionGroups: geographyRejectionGroups(found.rows, found.rejections),
      summary:
        found.total === 0
          ? undefined
          : rangeText(
              page,
              IMPORTS_PAGE_SIZE,
              found.rows.length,
              found.total,
              found.total === 1 ? 'geography import' : 'geography imports',
            ),
      pagination: pagination(page, found.total, IMPORTS_PAGE_SIZE, (p) => `${importPaths.geography()}?page=${p}`),
    });
  });

  const form = (allowShrink: boolean, errors?: ReturnType<typeof formErrors>) => ({
    pageTitle: 'Upload police.uk data',
    maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
    allowShrink,
    errors,
  });

  app.get(importPaths.create(), { config: UPLOAD }, async (_request, reply) => reply.view('crime-data/views/new.njk', form(false)));

  app.post(importPaths.create(), { config: UPLOAD, bodyLimit: MAX_UPLOAD_BYTES + 1024 * 1024 }, async (request, reply) => {
    const body = request.body as Partial<UploadBody> | undefined;
    const allowShrink = body?.allowShrink === true;
    if (!body?.upload) {
      return reply
        .code(400)
        .view('crime-data/views/new.njk', form(allowShrink, formErrors([['file', body?.error ?? uploadMessages.none]])));
    }
    // The service refuses anyone but a data manager, and deletes the upload.
    handOver(body.upload);
    const importId = await imports.start(actorFrom(request), body.upload, { allowShrink });
    return reply.redirect(importPaths.show(importId), 303);
  });

  app.get(importPaths.show(':id'), { config: ACCESS }, async (request, reply) => {
    const id = recordIdFrom(request.params);
    const { page } = pageQuery.parse(request.query);
    const found = await imports.get(actorFrom(request), id, page, REJECTIONS_PAGE_SIZE);
    if (!found) throw notFound();
    const run = found.import;
    const running = run.status === 'running';
    return reply.view('crime-data/views/show.njk', {
      pageTitle: `Import ${id}`,
      id,
      running,
      state: stateTag(run.status),
      summaryRows: importSummaryRows(run),
      rowsRead: formatCount(Math.max(found.progress?.rows ?? 0, run.rows_total)),
      currentFile: found.progress?.file ?? '',
      files: fileRows(found.files),
      rejections: rejectionRows(found.rejections.rows),
      rejectionsSummary: rangeText(
        page,
        REJECTIONS_PAGE_SIZE,
        found.rejections.rows.length,
        found.rejections.total,
        found.rejections.total === 1 ? 'rejected line' : 'rejected lines',
      ),
      pagination: pagination(page, found.rejections.total, REJECTIONS_PAGE_SIZE, (p) => `${importPaths.show(id)}?page=${p}#rejected`),
    });
  });

  app.get(importPaths.status(':id'), { config: ACCESS }, async (request, reply) => {
    const status = await imports.status(actorFrom(request), recordIdFrom(request.params));
    if (!status) throw notFound();
    const tag = stateTag(status.state);
    return reply.type('application/json; charset=utf-8').send({ ...status, stateText: tag.text, stateClasses: tag.classes });
  });
}
