import { defineFeature } from '../../platform/feature.ts';
import { partnershipCommands } from './partnership-cli.ts';

/** The partnerships of a deployment: `safer partnership`. */
export const partnershipsFeature = defineFeature({
  name: 'partnerships',
  auditEvents: {
    'partnership.created': 'Created the partnership',
  },
  auditSubjects: ['partnership'],
  commands: partnershipCommands,
});
