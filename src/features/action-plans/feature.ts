import { defineFeature } from '../../platform/feature.ts';
import actionListRoutes from './action-list-routes.ts';
import { actionPaths, actionPlanPaths } from './action-plan-paths.ts';
import actionPlanRoutes from './action-plan-routes.ts';
import { createActionPlanService } from './action-plan-service.ts';
import actionRoutes from './action-routes.ts';

/** Action plans, actions with owners and progress updates, and equality analyses. */
export const actionPlansFeature = defineFeature({
  name: 'action-plans',
  services: (deps) => ({ actionPlans: createActionPlanService(deps) }),
  routes: async (app, opts) => {
    for (const routes of [actionPlanRoutes, actionRoutes, actionListRoutes]) await routes(app, opts);
  },
  navigation: [
    { text: 'Action plans', href: actionPlanPaths.list(), permission: 'action-plans.read', order: 30 },
    { text: 'My actions', href: actionPaths.mine(), permission: 'actions.view-mine', order: 35 },
  ],
  paths: { actionPlans: actionPlanPaths, actions: actionPaths },
  auditEvents: {
    'action_plan.created': 'Added an action plan',
    'action_plan.approved': 'Approved an action plan',
    'action.created': 'Added an action',
    'action.updated': 'Changed an action',
    'action.progress_posted': 'Posted a progress update',
    'equality.saved': 'Changed an equality analysis',
    'equality.signed_off': 'Signed off an equality analysis',
  },
  auditSubjects: ['action_plan', 'action', 'equality_assessment'],
});
