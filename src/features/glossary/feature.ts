import { defineFeature } from '../../platform/feature.ts';
import { glossaryPaths } from './glossary-paths.ts';
import glossaryRoutes from './glossary-routes.ts';
import { createGlossaryService } from './glossary-service.ts';

/**
 * The glossary of the partnership's plans: its pages, and (acronyms.ts) the acronyms it explains
 * wherever they appear in a plan. Read and changed with the plans' permissions.
 */
export const glossaryFeature = defineFeature({
  name: 'glossary',
  services: (deps) => ({ glossary: createGlossaryService(deps) }),
  routes: glossaryRoutes,
  paths: { glossary: glossaryPaths },
  auditEvents: {
    'glossary.saved': 'Changed the glossary',
    'glossary.deleted': 'Deleted a glossary term',
  },
  auditSubjects: ['glossary_term'],
});
