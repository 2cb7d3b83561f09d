import type { ExportFormat } from '../../platform/exports.ts';
import { id, type Id } from '../../platform/paths.ts';

/** The glossary's URLs; templates write `paths.glossary.list()`. */
export const glossaryPaths = {
  list: () => '/glossary',
  create: () => '/glossary/new',
  edit: (termId: Id) => `/glossary/${id(termId)}/edit`,
  remove: (termId: Id) => `/glossary/${id(termId)}/delete`,
  export: (format: ExportFormat) => `/glossary/export.${format}`,
} as const;
