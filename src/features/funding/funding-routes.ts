import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { paths } from '../../platform/paths.ts';
import type { Services } from '../../platform/feature.ts';
import type { Actor } from '../audit/events.ts';
import { dateError, dateInputItems } from '../governance/governance-view-models.ts';
import { fieldText } from '../../platform/view-models.ts';
import { deletePageContext, quoted, type DeletePage } from '../../platform/deletes.ts';
import { exportLinks, exportRoutes } from '../../platform/exports.ts';
import { formatDate } from '../../platform/format.ts';
import { applicationForm, fundForm, validateSpend } from './funding-schemas.ts';
import {
  applicationFormValues,
  applicationFormView,
  applicationsExport,
  applicationSummaryRows,
  applicationTableRows,
  blankApplication,
  blankFund,
  financialYearText,
  fundFormValues,
  fundsExport,
  fundTableRows,
  postedApplicationValues,
  postedFundValues,
  priorityTotalRows,
  spendExport,
  spendTableRows,
  totalsExport,
  type ApplicationFormValues,
  type FundFormValues,
} from './funding-view-models.ts';
import { formatPounds } from './money.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { can } from '../../platform/policies.ts';

const manage = { config: { access: 'funding.edit' } } as const;

const canManage = (request: FastifyRequest) => can(requireAuth(request), 'funding.edit');


/** Funding: funds, applications by bodies, awards and spend, and totals by priority. */
export default async function fundingRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { funding } = opts.services;

  const confirmDelete = (reply: FastifyReply, page: DeletePage) => reply.view('confirm-delete.njk', deletePageContext(page));

  app.get(paths.funding.summary(), { config: { access: 'funding.read' } }, async (request, reply) => {
    const { funds, totals } = await funding.summary(actorFrom(request));
    return reply.view('funding/views/summary.njk', {
      pageTitle: 'Funding',
      fundRows: fundTableRows(funds),
      totalRows: priorityTotalRows(totals),
      fundExports: exportLinks(paths.funding.fundsExport, 'the funds'),
      totalExports: exportLinks(paths.funding.totalsExport, 'the totals by priority'),
      canManage: canManage(request),
      flash: noticeFrom(request, { deleted: 'The fund has been deleted' }),
    });
  });
  exportRoutes(app, 'funding.read', paths.funding.fundsExport, async (request) => fundsExport((await funding.summary(actorFrom(request))).funds));
  exportRoutes(app, 'funding.read', paths.funding.totalsExport, async (request) => totalsExport((await funding.summary(actorFrom(request))).totals));

  const fundFormPage = (reply: FastifyReply, values: FundFormValues, fund?: { id: number; name: string }, errors?: FormErrors) =>
    reply.view('funding/views/fund-form.njk', {
      pageTitle: fund ? 'Change fund' : 'Add a fund',
      caption: fund?.name,
      action: fund ? paths.funding.funds.edit(fund.id) : paths.funding.funds.create(),
      backHref: fund ? paths.funding.funds.show(fund.id) : paths.funding.summary(),
      submitText: fund ? 'Save changes' : 'Add fund',
      values,
      errors,
    });

  app.get(paths.funding.funds.create(), manage, async (_request, reply) => fundFormPage(reply, blankFund));

  app.post(paths.funding.funds.create(), manage, async (request, reply) => {
    const form = validateForm(fundForm, request.body);
    if (!form.ok) return fundFormPage(reply.code(400), postedFundValues(request.body), undefined, form.errors);
    const fundId = await funding.createFund(actorFrom(request), form.data);
    return reply.redirect(`${paths.funding.funds.show(fundId)}?done=added`, 303);
  });

  app.get(paths.funding.funds.show(':id'), { config: { access: 'funding.read' } }, async (request, reply) => {
    const { fund, applications } = await funding.getFund(actorFrom(request), recordIdFrom(request.params));
    return reply.view('funding/views/fund.njk', {
      pageTitle: fund.name,
      exports: exportLinks((format) => paths.funding.funds.applicationsExport(fund.id, format), `the applications to ${fund.name}`),
      fund,
      year: financialYearText(fund.financialYear),
      available: fund.amountAvailable === null ? 'Not set' : formatPounds(fund.amountAvailable),
      applicationRows: applicationTableRows(applications),
      canManage: canManage(request),
      flash: noticeFrom(request, { added: 'The fund has been added', changed: 'The fund has been changed', deleted: 'The application has been deleted' }),
    });
  });

  exportRoutes(app, 'funding.read', (format) => paths.funding.funds.applicationsExport(':id', format), async (request) => {
    const { fund, applications } = await funding.getFund(actorFrom(request), recordIdFrom(request.params));
    return applicationsExport(fund, applications);
  });

  const fundDeletePage = (reply: FastifyReply, fund: { id: number; name: string }, check: DeletePage['check']) =>
    confirmDelete(reply, { what: `the fund ${quoted(fund.name)}`, caption: 'Funding', action: paths.funding.funds.remove(fund.id), cancelHref: paths.funding.funds.show(fund.id), check });
  app.get(paths.funding.funds.remove(':id'), manage, async (request, reply) => {
    const { record, check } = await funding.fundDeletion(actorFrom(request), recordIdFrom(request.params));
    return fundDeletePage(reply, record, check);
  });
  app.post(paths.funding.funds.remove(':id'), manage, async (request, reply) => {
    const result = await funding.deleteFund(actorFrom(request), recordIdFrom(request.params));
    if (!result.ok) return fundDeletePage(reply.code(409), result.record, result.check);
    return reply.redirect(`${paths.funding.summary()}?done=deleted`, 303);
  });

  app.get(paths.funding.funds.edit(':id'), manage, async (request, reply) => {
    const { fund } = await funding.getFund(actorFrom(request), recordIdFrom(request.params));
    return fundFormPage(reply, fundFormValues(fund), fund);
  });

  app.post(paths.funding.funds.edit(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const { fund } = await funding.getFund(actor, recordIdFrom(request.params));
    const form = validateForm(fundForm, request.body);
    if (!form.ok) return fundFormPage(reply.code(400), postedFundValues(request.body), fund, form.errors);
    await funding.updateFund(actor, fund.id, form.data);
    return reply.redirect(`${paths.funding.funds.show(fund.id)}?done=changed`, 303);
  });

  const applicationFormPage = async (
    reply: FastifyReply,
    actor: Actor,
    page: { fund: { id: number; name: string }; applicationId?: number },
    values: ApplicationFormValues,
    errors?: FormErrors,
  ) =>
    reply.view('funding/views/application-form.njk', {
      pageTitle: page.applicationId ? 'Change application' : 'Add an application',
      caption: page.fund.name,
      action: page.applicationId ? paths.funding.applications.edit(page.applicationId) : paths.funding.funds.newApplication(page.fund.id),
      backHref: page.applicationId ? paths.funding.applications.show(page.applicationId) : paths.funding.funds.show(page.fund.id),
      submitText: page.applicationId ? 'Save changes' : 'Add application',
      errors,
      ...applicationFormView(values, await funding.choices(actor)),
    });

  app.get(paths.funding.funds.newApplication(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const { fund } = await funding.getFund(actor, recordIdFrom(request.params));
    return applicationFormPage(reply, actor, { fund }, blankApplication);
  });

  app.post(paths.funding.funds.newApplication(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const { fund } = await funding.getFund(actor, recordIdFrom(request.params));
    const form = validateForm(applicationForm, request.body);
    if (!form.ok) return applicationFormPage(reply.code(400), actor, { fund }, postedApplicationValues(request.body), form.errors);
    const result = await funding.createApplication(actor, fund.id, form.data);
    if (!result.ok) return applicationFormPage(reply.code(400), actor, { fund }, postedApplicationValues(request.body), formErrors([[result.field, result.message]]));
    return reply.redirect(`${paths.funding.applications.show(result.applicationId)}?done=added`, 303);
  });

  const applicationPage = async (request: FastifyRequest, reply: FastifyReply, applicationId: number, extra: { errors?: FormErrors; spendValues?: Record<string, string> } = {}) => {
    const { application, spend } = await funding.getApplication(actorFrom(request), applicationId);
    const manager = canManage(request);
    const notices = {
      added: 'The application has been added',
      changed: 'The application has been changed',
      spend: 'The spending has been added',
      removed: 'The spending has been removed',
    };
    const spendValues = extra.spendValues ?? { day: '', month: '', year: '', amount: '', note: '' };
    return reply.view('funding/views/application.njk', {
      pageTitle: `${application.bodyName}: ${application.fundName}`,
      exports: exportLinks((format) => paths.funding.applications.spendExport(application.id, format), 'the spending'),
      application,
      rows: applicationSummaryRows(application, manager),
      spend,
      spendRows: spendTableRows(spend),
      spendTotal: formatPounds(application.spent),
      canManage: manager,
      spendValues,
      dateItems: dateInputItems('spentOn', { day: spendValues['day'] ?? '', month: spendValues['month'] ?? '', year: spendValues['year'] ?? '' }, extra.errors?.fields),
      dateError: dateError('spentOn', extra.errors?.fields),
      errors: extra.errors,
      flash: extra.errors ? undefined : noticeFrom(request, notices),
    });
  };

  app.get(paths.funding.applications.show(':id'), { config: { access: 'funding.read' } }, async (request, reply) => applicationPage(request, reply, recordIdFrom(request.params)));
  exportRoutes(app, 'funding.read', (format) => paths.funding.applications.spendExport(':id', format), async (request) => {
    const { application, spend } = await funding.getApplication(actorFrom(request), recordIdFrom(request.params));
    return spendExport(application, spend);
  });

  const applicationDeletePage = (reply: FastifyReply, application: { id: number; bodyName: string; fundName: string; purpose: string }, check: DeletePage['check']) =>
    confirmDelete(reply, {
      what: `the application ${quoted(application.purpose)}`,
      caption: `${application.bodyName}: ${application.fundName}`,
      action: paths.funding.applications.remove(application.id),
      cancelHref: paths.funding.applications.show(application.id),
      check,
    });
  app.get(paths.funding.applications.remove(':id'), manage, async (request, reply) => {
    const { record, check } = await funding.applicationDeletion(actorFrom(request), recordIdFrom(request.params));
    return applicationDeletePage(reply, record, check);
  });
  app.post(paths.funding.applications.remove(':id'), manage, async (request, reply) => {
    const result = await funding.deleteApplication(actorFrom(request), recordIdFrom(request.params));
    if (!result.ok) return applicationDeletePage(reply.code(409), result.record, result.check);
    return reply.redirect(`${paths.funding.funds.show(result.record.fundId)}?done=deleted`, 303);
  });

  app.get(paths.funding.applications.edit(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const { application } = await funding.getApplication(actor, recordIdFrom(request.params));
    return applicationFormPage(reply, actor, { fund: { id: application.fundId, name: application.fundName }, applicationId: application.id }, applicationFormValues(application));
  });

  app.post(paths.funding.applications.edit(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const { application } = await funding.getApplication(actor, recordIdFrom(request.params));
    const page = { fund: { id: application.fundId, name: application.fundName }, applicationId: application.id };
    const form = validateForm(applicationForm, request.body);
    if (!form.ok) return applicationFormPage(reply.code(400), actor, page, postedApplicationValues(request.body), form.errors);
    const result = await funding.updateApplication(actor, application.id, form.data);
    if (!result.ok) return applicationFormPage(reply.code(400), actor, page, postedApplicationValues(request.body), formErrors([[result.field, result.message]]));
    return reply.redirect(`${paths.funding.applications.show(application.id)}?done=changed`, 303);
  });

  app.post(paths.funding.applications.spend(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const applicationId = recordIdFrom(request.params);
    await funding.getApplication(actor, applicationId);
    const form = validateSpend(request.body);
    if (!form.ok) {
      const v = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
      const spendValues = {
        day: fieldText(v['spentOn-day']),
        month: fieldText(v['spentOn-month']),
        year: fieldText(v['spentOn-year']),
        amount: fieldText(v['amount']),
        note: fieldText(v['note']),
      };
      return applicationPage(request, reply.code(400), applicationId, { errors: form.errors, spendValues });
    }
    await funding.addSpend(actor, applicationId, form.data);
    return reply.redirect(`${paths.funding.applications.show(applicationId)}?done=spend#spend`, 303);
  });

  const spendDeletePage = (reply: FastifyReply, spend: { id: number; applicationId: number; spentOn: string; amount: number }, check: DeletePage['check']) =>
    confirmDelete(reply, {
      what: `the spending of ${formatPounds(spend.amount)} on ${formatDate(spend.spentOn)}`,
      action: paths.funding.removeSpend(spend.id),
      cancelHref: `${paths.funding.applications.show(spend.applicationId)}#spend`,
      check,
    });
  app.get(paths.funding.removeSpend(':id'), manage, async (request, reply) => {
    const { record, check } = await funding.spendDeletion(actorFrom(request), recordIdFrom(request.params));
    return spendDeletePage(reply, record, check);
  });
  app.post(paths.funding.removeSpend(':id'), manage, async (request, reply) => {
    const result = await funding.removeSpend(actorFrom(request), recordIdFrom(request.params));
    if (!result.ok) return spendDeletePage(reply.code(409), result.record, result.check);
    return reply.redirect(`${paths.funding.applications.show(result.record.applicationId)}?done=removed#spend`, 303);
  });
}
