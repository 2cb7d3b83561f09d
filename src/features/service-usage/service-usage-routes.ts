import type { FastifyInstance, FastifyReply } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { formErrors, postedFields, type FormErrors } from '../../platform/forms.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { formRoutes } from '../../platform/http/form-routes.ts';
import { acceptUploads } from '../../platform/http/multipart-upload.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { fieldText } from '../../platform/view-models.ts';
import type { Services } from '../../platform/feature.ts';
import { serviceUsagePaths } from './service-usage-paths.ts';
import type { HeldUpload } from './service-usage-service.ts';
import { REJECTIONS_SHOWN } from './service-usage-service.ts';
import type { MappingChoice } from './service-usage-mapping.ts';
import { datasetFields, mappingForm, uploadIdParams } from './service-usage-schemas.ts';
import {
  datasetListRows,
  datasetSummaryRows,
  formatCount,
  mappingSelects,
  mappingValues,
  monthRows,
  previewTable,
  rejectionRows,
  rejectionsSummary,
  serviceRows,
} from './service-usage-view-models.ts';
import { MAX_UPLOAD_BYTES, readUploadForm, uploadMessages, type UploadForm } from './upload.ts';
import { noticeFrom } from '../../platform/http/notices.ts';

const ACCESS = { access: 'service-usage.manage' } as const;

const uploadIdFrom = (params: unknown): string => {
  const parsed = uploadIdParams.safeParse(params);
  if (!parsed.success) throw notFound();
  return parsed.data.uploadId;
};

/**
 * Service-usage data (one-stop-shop visits and the like): the datasets, uploading a CSV file,
 * mapping its columns, each dataset's report and deleting one. For administrators, coordinators
 * and analysts.
 */
export default async function serviceUsageRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { serviceUsage } = opts.services;
  app.addHook('onClose', () => serviceUsage.discardAll());

  // Multipart forms, for the upload only (this plugin's routes).
  const handOver = acceptUploads(app, readUploadForm, (form) => form.file);

  app.get(serviceUsagePaths.list(), { config: ACCESS }, async (request, reply) => {
    const datasets = await serviceUsage.list(actorFrom(request));
    return reply.view('service-usage/views/list.njk', {
      pageTitle: 'Service-usage data',
      rows: datasetListRows(datasets),
      flash: noticeFrom(request, { deleted: 'The data has been deleted' }),
    });
  });

  const uploadPage = (reply: FastifyReply, values: Record<string, unknown> = {}, errors?: FormErrors) =>
    reply.view('service-usage/views/upload.njk', {
      pageTitle: 'Upload service-usage data',
      maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
      values: { name: fieldText(values['name']), description: fieldText(values['description']) },
      errors,
    });

  app.get(serviceUsagePaths.upload(), { config: ACCESS }, async (_request, reply) => uploadPage(reply));

  app.post(serviceUsagePaths.upload(), { config: ACCESS, bodyLimit: MAX_UPLOAD_BYTES + 1024 * 1024 }, async (request, reply) => {
    const body = request.body as Partial<UploadForm> | undefined;
    const fields = body?.fields ?? postedFields(request.body);
    const parsed = datasetFields.safeParse(fields);
    const problems: [string, string][] = parsed.success ? [] : parsed.error.issues.map((i) => [String(i.path[0]), i.message]);
    if (!body?.file) problems.push(['file', body?.fileError ?? uploadMessages.none]);
    if (!parsed.success || !body?.file) return uploadPage(reply.code(400), fields, formErrors(problems));
    handOver(body.file);
    const held = await serviceUsage.holdUpload(actorFrom(request), parsed.data, body.file);
    if (!held.ok) return uploadPage(reply.code(400), fields, formErrors(held.errors));
    return reply.redirect(serviceUsagePaths.mapping(held.uploadId), 303);
  });

  const mappingPage = (reply: FastifyReply, upload: HeldUpload, choice: MappingChoice, errors?: FormErrors) =>
    reply.view('service-usage/views/mapping.njk', {
      pageTitle: 'Match the columns',
      upload: { id: upload.id, name: upload.name, fileName: upload.file.fileName, bytes: formatCount(upload.file.bytes) },
      preview: previewTable(upload.preview),
      previewRows: upload.preview.rows.length,
      selects: mappingSelects(upload.preview.header, choice),
      errors,
    });

  // The mapping form: the held upload's columns, guessed at first; the import starts when it is saved.
  formRoutes(app, serviceUsagePaths.mapping(':uploadId'), {
    access: ACCESS.access,
    load: (request) => serviceUsage.heldUpload(actorFrom(request), uploadIdFrom(request.params)),
    values: ({ guess }) => mappingValues(guess),
    schema: mappingForm,
    render: (reply, { loaded, values, errors }) => mappingPage(reply, loaded.upload, mappingForm.parse(values), errors),
    save: async (request, { upload }, choice) => {
      const result = await serviceUsage.confirm(actorFrom(request), upload.id, choice);
      if (result.ok) return { redirect: serviceUsagePaths.show(result.datasetId) };
      // A problem with the file or the name is shown against the preview: there is no field for it here.
      return { errors: result.errors.map(([field, message]) => [field === 'file' || field === 'name' ? 'preview' : field, message]) };
    },
  });

  app.get(serviceUsagePaths.show(':id'), { config: ACCESS }, async (request, reply) => {
    const report = await serviceUsage.get(actorFrom(request), recordIdFrom(request.params));
    const d = report.dataset;
    return reply.view('service-usage/views/show.njk', {
      pageTitle: d.name,
      dataset: d,
      summaryRows: datasetSummaryRows(d, report.places),
      months: monthRows(report.months),
      services: serviceRows(report.services),
      hasServiceColumn: d.mapping.serviceColumn !== null,
      rejections: rejectionRows(report.rejections),
      rejectionsSummary: rejectionsSummary(Math.min(REJECTIONS_SHOWN, report.rejections.length), d.rows_rejected),
      indicators: report.indicators,
    });
  });

  app.get(serviceUsagePaths.remove(':id'), { config: ACCESS }, async (request, reply) => {
    const { dataset, indicators } = await serviceUsage.deletion(actorFrom(request), recordIdFrom(request.params));
    return reply.view('service-usage/views/delete.njk', {
      pageTitle: `Delete ${dataset.name}`,
      dataset,
      indicators,
      rows: formatCount(dataset.rows_accepted),
    });
  });

  app.post(serviceUsagePaths.remove(':id'), { config: ACCESS }, async (request, reply) => {
    const result = await serviceUsage.delete(actorFrom(request), recordIdFrom(request.params));
    if (!result.ok) {
      const { dataset, indicators } = result;
      return reply.code(409).view('service-usage/views/delete.njk', {
        pageTitle: `Delete ${dataset.name}`,
        dataset,
        indicators,
        rows: formatCount(dataset.rows_accepted),
      });
    }
    return reply.redirect(`${serviceUsagePaths.list()}?done=deleted`, 303);
  });
}
