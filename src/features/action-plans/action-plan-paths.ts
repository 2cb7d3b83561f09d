import type { ExportFormat } from '../../platform/exports.ts';
import { id, type Id } from '../../platform/paths.ts';

/** The addresses of action plans, as links (with an id) and as route patterns (with ':id'). */
export const actionPlanPaths = {
  list: () => '/action-plans',
  export: (format: ExportFormat) => `/action-plans/export.${format}`,
  create: () => '/action-plans/new',
  show: (planId: Id) => `/action-plans/${id(planId)}`,
  approve: (planId: Id) => `/action-plans/${id(planId)}/approve`,
  newAction: (planId: Id) => `/action-plans/${id(planId)}/actions/new`,
  equality: (planId: Id) => `/action-plans/${id(planId)}/equality`,
  signOff: (planId: Id) => `/action-plans/${id(planId)}/equality/sign-off`,
} as const;

/** The addresses of actions: the lists, one action and its progress updates and milestones. */
export const actionPaths = {
  list: () => '/actions',
  mine: () => '/actions/mine',
  overdue: () => '/actions/overdue',
  atRisk: () => '/actions/at-risk',
  export: (format: ExportFormat) => `/actions/export.${format}`,
  show: (actionId: Id) => `/actions/${id(actionId)}`,
  edit: (actionId: Id) => `/actions/${id(actionId)}/edit`,
  updates: (actionId: Id) => `/actions/${id(actionId)}/updates`,
  milestones: (actionId: Id) => `/actions/${id(actionId)}/milestones`,
  milestoneDone: (actionId: Id) => `/actions/${id(actionId)}/milestones/done`,
} as const;
