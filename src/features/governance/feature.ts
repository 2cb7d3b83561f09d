import { defineFeature } from '../../platform/feature.ts';
import bodyRoutes from './body-routes.ts';
import { governancePaths } from './governance-paths.ts';
import governanceRoutes from './governance-routes.ts';
import meetingRoutes from './meeting-routes.ts';
import { createGovernanceService } from './governance-service.ts';

/** Governance: bodies, members, the structure diagram, meetings, agendas, attendance and decisions. */
export const governanceFeature = defineFeature({
  name: 'governance',
  services: (deps) => ({ governance: createGovernanceService(deps) }),
  routes: async (app, opts) => {
    await governanceRoutes(app, opts);
    await bodyRoutes(app, opts);
    await meetingRoutes(app, opts);
  },
  navigation: [{ text: 'Governance', href: governancePaths.overview(), permission: 'governance.read', order: 50 }],
  paths: { governance: governancePaths },
  auditEvents: {
    'body.created': 'Added a governance body',
    'body.updated': 'Changed a governance body',
    'body.deleted': 'Deleted a governance body',
    'body_member.added': 'Added a member to a body',
    'body_member.removed': 'Removed a member from a body',
    'meeting.created': 'Added a meeting',
    'meeting.updated': 'Changed a meeting',
    'meeting.deleted': 'Deleted a meeting',
  },
  auditSubjects: ['body', 'meeting'],
});
