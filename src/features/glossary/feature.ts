import { defineFeature } from '../../platform/feature.ts';
import { glossaryPaths } from './glossary-paths.ts';
import glossaryRoutes from './glossary-routes.ts';
import { createGlossaryService } from './glossary-service.ts';

/** What the audit log shows for each event of this feature. */
export const glossaryEvents = {
  'glossary.saved': 'Changed the glossary',
  'glossary.deleted': 'Deleted a glossary term',
} as const;

declare module '../../platform/feature.ts' {
  interface ServiceRegistry {
    glossary: ReturnType<typeof createGlossaryService>;
  }
  interface AuditEventRegistry extends Record<keyof typeof glossaryEvents, string> {}
}

declare module '../audit/events.ts' {
  interface AuditSubjectRegistry {
    glossary_term: true;
  }
}

/**
 * The glossary of the partnership's plans: its pages, and (acronyms.ts) the acronyms it explains
 * wherever they appear in a plan. Read and changed with the plans' permissions.
 */
export const glossaryFeature = defineFeature({
  name: 'glossary',
  services: (deps) => ({ glossary: createGlossaryService(deps) }),
  routes: glossaryRoutes,
  paths: { glossary: glossaryPaths },
  auditEvents: glossaryEvents,
});
