import { id, type Id } from '../../platform/paths.ts';

/** The imports pages' URLs; templates write `paths.imports.list()`. */
export const importPaths = {
  list: () => '/imports',
  create: () => '/imports/new',
  geography: () => '/imports/geography',
  show: (importId: Id) => `/imports/${id(importId)}`,
  status: (importId: Id) => `/imports/${id(importId)}/status`,
} as const;
