import type { ExportFormat } from '../../platform/exports.ts';
import { id, type Id } from '../../platform/paths.ts';
import type { DocumentFormat } from './plan-document.ts';

/**
 * The plans feature's URLs: plans and their versions, priorities, themes, introduction sections,
 * the priorities of other plans, survey results and the published plan. Routes register them with
 * ':id' (`planPaths.show(':id')`); templates write `paths.plans.show(plan.id)`.
 */
export const planPaths = {
  list: () => '/plans',
  export: (format: ExportFormat) => `/plans/export.${format}`,
  create: () => '/plans/new',
  show: (planId: Id) => `/plans/${id(planId)}`,
  edit: (planId: Id) => `/plans/${id(planId)}/edit`,
  refresh: (planId: Id) => `/plans/${id(planId)}/refresh`,
  versions: (planId: Id, version?: number) => `/plans/${id(planId)}/versions${version === undefined ? '' : `?version=${version}`}`,
  newPriority: (planId: Id) => `/plans/${id(planId)}/priorities/new`,
  newTheme: (planId: Id) => `/plans/${id(planId)}/themes/new`,
  newSection: (planId: Id) => `/plans/${id(planId)}/sections/new`,
  document: (planId: Id) => `/plans/${id(planId)}/document`,
  documentFile: (planId: Id, format: DocumentFormat) => `/plans/${id(planId)}/document.${format}`,
  prioritiesExport: (planId: Id, format: ExportFormat) => `/plans/${id(planId)}/priorities/export.${format}`,
  themesExport: (planId: Id, format: ExportFormat) => `/plans/${id(planId)}/themes/export.${format}`,
  priority: (priorityId: Id) => `/priorities/${id(priorityId)}`,
  editPriority: (priorityId: Id) => `/priorities/${id(priorityId)}/edit`,
  alignments: (priorityId: Id) => `/priorities/${id(priorityId)}/alignments`,
  movePriority: (priorityId: Id) => `/priorities/${id(priorityId)}/move`,
  deletePriority: (priorityId: Id) => `/priorities/${id(priorityId)}/delete`,
  editTheme: (themeId: Id) => `/themes/${id(themeId)}/edit`,
  moveTheme: (themeId: Id) => `/themes/${id(themeId)}/move`,
  deleteTheme: (themeId: Id) => `/themes/${id(themeId)}/delete`,
  editSection: (sectionId: Id) => `/plan-sections/${id(sectionId)}/edit`,
  moveSection: (sectionId: Id) => `/plan-sections/${id(sectionId)}/move`,
  deleteSection: (sectionId: Id) => `/plan-sections/${id(sectionId)}/delete`,
  external: () => '/external-priorities',
  externalExport: (format: ExportFormat) => `/external-priorities/export.${format}`,
  editExternal: (externalId: Id) => `/external-priorities/${id(externalId)}/edit`,
  surveyResults: () => '/survey-results',
  surveyResultsExport: (format: ExportFormat) => `/survey-results/export.${format}`,
  deleteSurveyResult: (resultId: Id) => `/survey-results/${id(resultId)}/delete`,
} as const;
