import { defineFeature } from '../../platform/feature.ts';
import { paths } from '../../platform/paths.ts';
import planRoutes from './plan-routes.ts';
import { createPlanService } from './plan-service.ts';
import { planCommands } from './plan-cli.ts';

/** What the audit log shows for each event of this feature. */
export const plansEvents = {
  'plan.created': 'Created a plan',
  'plan.updated': 'Changed a plan',
  'plan.refreshed': 'Refreshed a plan (new version)',
  'plan_section.saved': 'Changed a plan section',
  'plan_section.deleted': 'Deleted a plan section',
  'priority.created': 'Added a priority',
  'priority.updated': 'Changed a priority',
  'priority.deleted': 'Removed a priority',
  'theme.created': 'Added a cross-cutting theme',
  'theme.updated': 'Changed a cross-cutting theme',
  'theme.deleted': 'Deleted a cross-cutting theme',
  'alignment.updated': 'Changed priority alignments',
  'glossary.saved': 'Changed the glossary',
  'glossary.deleted': 'Deleted a glossary term',
  'survey.saved': 'Changed survey results',
  'survey.deleted': 'Deleted a survey result',
} as const;

declare module '../../platform/feature.ts' {
  interface ServiceRegistry {
    plans: ReturnType<typeof createPlanService>;
  }
  interface AuditEventRegistry extends Record<keyof typeof plansEvents, string> {}
}

declare module '../audit/events.ts' {
  interface AuditSubjectRegistry {
    plan: true;
    plan_section: true;
    priority: true;
    theme: true;
    glossary_term: true;
    survey_result: true;
  }
}

/** The partnership plan: versions, priorities, themes, alignment, glossary, survey results, the published document, and `safer report plan`. */
export const plansFeature = defineFeature({
  name: 'plans',
  services: (deps) => ({ plans: createPlanService(deps) }),
  routes: planRoutes,
  navigation: [
    { text: 'Plans', href: paths.plans.list(), permission: 'plans.read', order: 20 },
  ],
  auditEvents: plansEvents,
  commands: planCommands,
});
