import { id, type Id } from '../../platform/paths.ts';

/** The member agencies' administration pages (`paths.agencies` in templates). */
export const agencyPaths = {
  list: () => '/admin/agencies',
  create: () => '/admin/agencies/new',
  edit: (agencyId: Id) => `/admin/agencies/${id(agencyId)}`,
} as const;
