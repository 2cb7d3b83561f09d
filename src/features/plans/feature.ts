import type { FastifyInstance } from 'fastify';
import { defineFeature, type Services } from '../../platform/feature.ts';
import externalRoutes from './external-routes.ts';
import { planCommands } from './plan-cli.ts';
import planListRoutes from './plan-list-routes.ts';
import { planPaths } from './plan-paths.ts';
import planRoutes from './plan-routes.ts';
import { createPlanService } from './plan-service.ts';
import priorityRoutes from './priority-routes.ts';
import surveyRoutes from './survey-routes.ts';

/** The feature's pages, by page group; coordinators and admins change, everyone reads. */
async function routes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  for (const group of [planRoutes, priorityRoutes, planListRoutes, externalRoutes, surveyRoutes]) await group(app, opts);
}

/** The partnership plan: versions, priorities, themes, alignment, survey results, the published document, and `safer report plan`. */
export const plansFeature = defineFeature({
  name: 'plans',
  services: (deps) => ({ plans: createPlanService(deps) }),
  routes,
  navigation: [{ text: 'Plans', href: planPaths.list(), permission: 'plans.read', order: 20 }],
  paths: { plans: planPaths },
  auditEvents: {
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
    'survey.saved': 'Changed survey results',
    'survey.deleted': 'Deleted a survey result',
  },
  auditSubjects: ['plan', 'plan_section', 'priority', 'theme', 'survey_result'],
  commands: planCommands,
});
