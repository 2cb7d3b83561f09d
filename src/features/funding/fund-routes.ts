import type { FastifyInstance, FastifyReply } from 'fastify';
import { deleteRoutes, quoted } from '../../platform/deletes.ts';
import { exportLinks, exportRoutes, recordExportRoutes } from '../../platform/exports.ts';
import type { Services } from '../../platform/feature.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { formRoutes, type FormPage } from '../../platform/http/form-routes.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { fundingPaths } from './funding-paths.ts';
import { fundForm } from './funding-schemas.ts';
import {
  applicationsExport,
  applicationTableRows,
  blankFund,
  financialYearText,
  fundFormValues,
  fundsExport,
  fundTableRows,
  postedFundValues,
  priorityTotalRows,
  totalsExport,
} from './funding-view-models.ts';
import { formatPounds } from './money.ts';

const read = { config: { access: 'funding.read' } } as const;
const manage = 'funding.edit';

/** Funding's summary and funds: adding, changing and deleting a fund, and its page with its applications. */
export default async function fundRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { funding } = opts.services;

  app.get(fundingPaths.summary(), read, async (request, reply) => {
    const { funds, totals } = await funding.summary(actorFrom(request));
    return reply.view('funding/views/summary.njk', {
      pageTitle: 'Funding',
      fundRows: fundTableRows(funds),
      totalRows: priorityTotalRows(totals),
      fundExports: exportLinks(fundingPaths.fundsExport, 'the funds'),
      totalExports: exportLinks(fundingPaths.totalsExport, 'the totals by priority'),
      flash: noticeFrom(request, { deleted: 'The fund has been deleted' }),
    });
  });
  exportRoutes(app, 'funding.read', fundingPaths.fundsExport, async (request) =>
    fundsExport((await funding.summary(actorFrom(request))).funds),
  );
  exportRoutes(app, 'funding.read', fundingPaths.totalsExport, async (request) =>
    totalsExport((await funding.summary(actorFrom(request))).totals),
  );

  /** The add or change form of a fund: `fund` is the one changed, none for a new fund. */
  const fundFormPage = (reply: FastifyReply, { loaded: { fund }, values, errors }: FormPage<{ fund?: { id: number; name: string } }>) =>
    reply.view('funding/views/fund-form.njk', {
      pageTitle: fund ? 'Change fund' : 'Add a fund',
      caption: fund?.name,
      action: fund ? fundingPaths.funds.edit(fund.id) : fundingPaths.funds.create(),
      backHref: fund ? fundingPaths.funds.show(fund.id) : fundingPaths.summary(),
      submitText: fund ? 'Save changes' : 'Add fund',
      values: postedFundValues(values),
      errors,
    });

  formRoutes(app, fundingPaths.funds.create(), {
    access: manage,
    load: async () => ({}),
    values: () => ({ ...blankFund }),
    schema: fundForm,
    render: fundFormPage,
    save: async (request, _loaded, data) => {
      const fundId = await funding.createFund(actorFrom(request), data);
      return { redirect: `${fundingPaths.funds.show(fundId)}?done=added` };
    },
  });

  formRoutes(app, fundingPaths.funds.edit(':id'), {
    access: manage,
    load: async (request) => ({ fund: (await funding.getFund(actorFrom(request), recordIdFrom(request.params))).fund }),
    values: ({ fund }) => ({ ...fundFormValues(fund) }),
    schema: fundForm,
    render: fundFormPage,
    save: async (request, { fund }, data) => {
      await funding.updateFund(actorFrom(request), fund.id, data);
      return { redirect: `${fundingPaths.funds.show(fund.id)}?done=changed` };
    },
  });

  app.get(fundingPaths.funds.show(':id'), read, async (request, reply) => {
    const { fund, applications } = await funding.getFund(actorFrom(request), recordIdFrom(request.params));
    return reply.view('funding/views/fund.njk', {
      pageTitle: fund.name,
      exports: exportLinks((format) => fundingPaths.funds.applicationsExport(fund.id, format), `the applications to ${fund.name}`),
      fund,
      year: financialYearText(fund.financialYear),
      available: fund.amountAvailable === null ? 'Not set' : formatPounds(fund.amountAvailable),
      applicationRows: applicationTableRows(applications),
      flash: noticeFrom(request, {
        added: 'The fund has been added',
        changed: 'The fund has been changed',
        deleted: 'The application has been deleted',
      }),
    });
  });
  recordExportRoutes(app, 'funding.read', fundingPaths.funds.applicationsExport, async (actor, id) => {
    const { fund, applications } = await funding.getFund(actor, id);
    return applicationsExport(fund, applications);
  });

  deleteRoutes(app, fundingPaths.funds.remove, {
    access: manage,
    find: funding.fundDeletion,
    remove: funding.deleteFund,
    what: (fund) => `the fund ${quoted(fund.name)}`,
    caption: () => 'Funding',
    back: (fund) => fundingPaths.funds.show(fund.id),
    done: () => `${fundingPaths.summary()}?done=deleted`,
  });
}
