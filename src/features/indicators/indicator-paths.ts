import { id, type Id } from '../../platform/paths.ts';

/** The addresses of the indicator library, as links (with an id) and as route patterns (with ':id'). */
export const indicatorPaths = {
  list: () => '/indicators',
  create: () => '/indicators/new',
  show: (indicatorId: Id) => `/indicators/${id(indicatorId)}`,
  edit: (indicatorId: Id) => `/indicators/${id(indicatorId)}/edit`,
  targets: (indicatorId: Id) => `/indicators/${id(indicatorId)}/targets`,
  removeTarget: (indicatorId: Id) => `/indicators/${id(indicatorId)}/targets/remove`,
  values: (indicatorId: Id) => `/indicators/${id(indicatorId)}/values`,
  removeValue: (indicatorId: Id) => `/indicators/${id(indicatorId)}/values/remove`,
} as const;

/** The partnership's harm weights. */
export const harmWeightPaths = {
  edit: () => '/harm-weights',
  reset: () => '/harm-weights/reset',
} as const;
