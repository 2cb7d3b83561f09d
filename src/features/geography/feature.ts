import { defineFeature } from '../../platform/feature.ts';
import { geographyCommands } from './geography-cli.ts';

/**
 * ONS geography (LSOAs, boundaries, population, deprivation, rural-urban class, wards):
 * `safer import geography` and `geography-bundle`.
 */
export const geographyFeature = defineFeature({
  name: 'geography',
  auditEvents: {
    'geography_import.finished': 'Imported a geography file',
  },
  auditSubjects: ['geography_import'],
  commands: geographyCommands,
});
