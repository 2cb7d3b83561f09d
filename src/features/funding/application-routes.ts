import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deleteRoutes, quoted } from '../../platform/deletes.ts';
import { exportLinks, recordExportRoutes } from '../../platform/exports.ts';
import type { Services } from '../../platform/feature.ts';
import { formatDate } from '../../platform/format.ts';
import { validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { formRoutes, savedOr, type FormPage } from '../../platform/http/form-routes.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { can } from '../../platform/policies.ts';
import type { Actor } from '../audit/events.ts';
import { fundingPaths } from './funding-paths.ts';
import { applicationForm, spendForm } from './funding-schemas.ts';
import {
  applicationFormValues,
  applicationFormView,
  applicationSummaryRows,
  blankApplication,
  postedApplicationValues,
  spendExport,
  spendFormView,
  spendTableRows,
} from './funding-view-models.ts';
import { formatPounds } from './money.ts';

const read = { config: { access: 'funding.read' } } as const;
const manage = 'funding.edit';

/** A fund's applications: adding, changing and deleting one, and its page with its spending. */
export default async function applicationRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { funding } = opts.services;

  /** What an application form is shown with: the fund, the application changed (none for a new one) and the choices. */
  interface ApplicationFormContext {
    fund: { id: number; name: string };
    applicationId?: number;
    choices: Awaited<ReturnType<typeof funding.choices>>;
  }
  const withChoices = async (actor: Actor, context: Omit<ApplicationFormContext, 'choices'>): Promise<ApplicationFormContext> => ({
    ...context,
    choices: await funding.choices(actor),
  });

  const applicationFormPage = (reply: FastifyReply, page: FormPage<ApplicationFormContext>) => {
    const {
      loaded: { fund, applicationId, choices },
      values,
      errors,
    } = page;
    return reply.view('funding/views/application-form.njk', {
      pageTitle: applicationId ? 'Change application' : 'Add an application',
      caption: fund.name,
      action: applicationId ? fundingPaths.applications.edit(applicationId) : fundingPaths.funds.newApplication(fund.id),
      backHref: applicationId ? fundingPaths.applications.show(applicationId) : fundingPaths.funds.show(fund.id),
      submitText: applicationId ? 'Save changes' : 'Add application',
      errors,
      ...applicationFormView(postedApplicationValues(values), choices),
    });
  };

  formRoutes(app, fundingPaths.funds.newApplication(':id'), {
    access: manage,
    load: async (request) => {
      const actor = actorFrom(request);
      return withChoices(actor, { fund: (await funding.getFund(actor, recordIdFrom(request.params))).fund });
    },
    values: () => ({ ...blankApplication }),
    schema: applicationForm,
    render: applicationFormPage,
    save: async (request, { fund }, data) => {
      const result = await funding.createApplication(actorFrom(request), fund.id, data);
      return savedOr(result, ({ applicationId }) => `${fundingPaths.applications.show(applicationId)}?done=added`);
    },
  });

  formRoutes(app, fundingPaths.applications.edit(':id'), {
    access: manage,
    load: async (request) => {
      const actor = actorFrom(request);
      const { application } = await funding.getApplication(actor, recordIdFrom(request.params));
      const fund = { id: application.fundId, name: application.fundName };
      return { application, ...(await withChoices(actor, { fund, applicationId: application.id })) };
    },
    values: ({ application }) => ({ ...applicationFormValues(application) }),
    schema: applicationForm,
    render: applicationFormPage,
    save: async (request, { application }, data) => {
      const result = await funding.updateApplication(actorFrom(request), application.id, data);
      return savedOr(result, () => `${fundingPaths.applications.show(application.id)}?done=changed`);
    },
  });

  /** An application's page; `spend` is the add-spending form as posted, with its errors, when it is shown again. */
  const applicationPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    applicationId: number,
    spend: { posted: Record<string, unknown>; errors?: FormErrors } = { posted: {} },
  ) => {
    const { application, spend: spending } = await funding.getApplication(actorFrom(request), applicationId);
    const notices = {
      added: 'The application has been added',
      changed: 'The application has been changed',
      spend: 'The spending has been added',
      removed: 'The spending has been removed',
    };
    return reply.view('funding/views/application.njk', {
      pageTitle: `${application.bodyName}: ${application.fundName}`,
      exports: exportLinks((format) => fundingPaths.applications.spendExport(application.id, format), 'the spending'),
      application,
      rows: applicationSummaryRows(application, can(requireAuth(request), manage)),
      spend: spending,
      spendRows: spendTableRows(spending),
      spendTotal: formatPounds(application.spent),
      ...spendFormView(spend.posted, spend.errors),
      errors: spend.errors,
      flash: spend.errors ? undefined : noticeFrom(request, notices),
    });
  };

  app.get(fundingPaths.applications.show(':id'), read, async (request, reply) =>
    applicationPage(request, reply, recordIdFrom(request.params)),
  );
  recordExportRoutes(app, 'funding.read', fundingPaths.applications.spendExport, async (actor, id) => {
    const { application, spend } = await funding.getApplication(actor, id);
    return spendExport(application, spend);
  });

  deleteRoutes(app, fundingPaths.applications.remove, {
    access: manage,
    find: funding.applicationDeletion,
    remove: funding.deleteApplication,
    what: (application) => `the application ${quoted(application.purpose)}`,
    caption: (application) => `${application.bodyName}: ${application.fundName}`,
    back: (application) => fundingPaths.applications.show(application.id),
    done: (application) => `${fundingPaths.funds.show(application.fundId)}?done=deleted`,
  });

  app.post(fundingPaths.applications.spend(':id'), { config: { access: manage } }, async (request, reply) => {
    const actor = actorFrom(request);
    const applicationId = recordIdFrom(request.params);
    await funding.getApplication(actor, applicationId);
    const form = validateForm(spendForm, request.body);
    if (!form.ok) return applicationPage(request, reply.code(400), applicationId, { posted: form.values, errors: form.errors });
    await funding.addSpend(actor, applicationId, form.data);
    return reply.redirect(`${fundingPaths.applications.show(applicationId)}?done=spend#spend`, 303);
  });

  deleteRoutes(app, fundingPaths.removeSpend, {
    access: manage,
    find: funding.spendDeletion,
    remove: funding.removeSpend,
    what: (spend) => `the spending of ${formatPounds(spend.amount)} on ${formatDate(spend.spentOn)}`,
    back: (spend) => `${fundingPaths.applications.show(spend.applicationId)}#spend`,
    done: 'removed',
  });
}
