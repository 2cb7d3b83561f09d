import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { paths } from '../../platform/paths.ts';
import type { Services } from '../../services.ts';
import type { Actor } from '../audit/events.ts';
import { dateError, dateInputItems } from '../governance/governance-view-models.ts';
import { fieldText } from '../../platform/view-models.ts';
import { applicationForm, fundForm, validateSpend } from './funding-schemas.ts';
import {
  applicationFormValues,
  applicationFormView,
  applicationSummaryRows,
  applicationTableRows,
  blankApplication,
  blankFund,
  financialYearText,
  fundFormValues,
  fundTableRows,
  postedApplicationValues,
  postedFundValues,
  priorityTotalRows,
  spendTableRows,
  type ApplicationFormValues,
  type FundFormValues,
} from './funding-view-models.ts';
import { formatPounds } from './money.ts';

const manage = { config: { access: ['admin', 'coordinator'] as const } };

const canManage = (request: FastifyRequest) => ['admin', 'coordinator'].includes(requireAuth(request).role);

const doneFrom = (request: FastifyRequest) => fieldText((request.query as Record<string, unknown> | undefined)?.['done']);

/** Funding: funds, applications by bodies, awards and spend, and totals by priority. */
export default async function fundingRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { funding } = opts.services;

  app.get(paths.funding.summary(), async (request, reply) => {
    const { funds, totals } = await funding.summary(actorFrom(request));
    return reply.view('funding/views/summary.njk', {
      pageTitle: 'Funding',
      fundRows: fundTableRows(funds),
      totalRows: priorityTotalRows(totals),
      canManage: canManage(request),
    });
  });

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

  app.get(paths.funding.funds.show(':id'), async (request, reply) => {
    const { fund, applications } = await funding.getFund(actorFrom(request), recordIdFrom(request.params));
    const flashes: Record<string, string> = { added: 'The fund has been added', changed: 'The fund has been changed' };
    return reply.view('funding/views/fund.njk', {
      pageTitle: fund.name,
      fund,
      year: financialYearText(fund.financialYear),
      available: fund.amountAvailable === null ? 'Not set' : formatPounds(fund.amountAvailable),
      applicationRows: applicationTableRows(applications),
      canManage: canManage(request),
      flash: flashes[doneFrom(request)],
    });
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
    const flashes: Record<string, string> = {
      added: 'The application has been added',
      changed: 'The application has been changed',
      spend: 'The spending has been added',
      removed: 'The spending has been removed',
    };
    const spendValues = extra.spendValues ?? { day: '', month: '', year: '', amount: '', note: '' };
    return reply.view('funding/views/application.njk', {
      pageTitle: `Application: ${application.purpose.slice(0, 60)}`,
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
      flash: extra.errors ? undefined : flashes[doneFrom(request)],
    });
  };

  app.get(paths.funding.applications.show(':id'), async (request, reply) => applicationPage(request, reply, recordIdFrom(request.params)));

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

  app.post(paths.funding.removeSpend(':id'), manage, async (request, reply) => {
    const applicationId = await funding.removeSpend(actorFrom(request), recordIdFrom(request.params));
    return reply.redirect(`${paths.funding.applications.show(applicationId)}?done=removed#spend`, 303);
  });
}
