import type { ExportFormat } from '../../platform/exports.ts';
import { id, type Id } from '../../platform/paths.ts';

/** Funding's URLs: routes register them with ':id', templates build links with `paths.funding`. */
export const fundingPaths = {
  summary: () => '/funding',
  fundsExport: (format: ExportFormat) => `/funding/funds/export.${format}`,
  totalsExport: (format: ExportFormat) => `/funding/totals/export.${format}`,
  funds: {
    create: () => '/funding/funds/new',
    show: (fundId: Id) => `/funding/funds/${id(fundId)}`,
    edit: (fundId: Id) => `/funding/funds/${id(fundId)}/edit`,
    newApplication: (fundId: Id) => `/funding/funds/${id(fundId)}/applications/new`,
    remove: (fundId: Id) => `/funding/funds/${id(fundId)}/delete`,
    applicationsExport: (fundId: Id, format: ExportFormat) => `/funding/funds/${id(fundId)}/applications/export.${format}`,
  },
  applications: {
    show: (applicationId: Id) => `/funding/applications/${id(applicationId)}`,
    edit: (applicationId: Id) => `/funding/applications/${id(applicationId)}/edit`,
    spend: (applicationId: Id) => `/funding/applications/${id(applicationId)}/spend`,
    remove: (applicationId: Id) => `/funding/applications/${id(applicationId)}/delete`,
    spendExport: (applicationId: Id, format: ExportFormat) => `/funding/applications/${id(applicationId)}/spend/export.${format}`,
  },
  removeSpend: (spendId: Id) => `/funding/spend/${id(spendId)}/remove`,
} as const;
