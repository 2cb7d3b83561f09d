import { defineFeature } from '../../platform/feature.ts';
import { geographyCommands } from './geography-cli.ts';

/**
 * ONS geography (LSOAs, boundaries, population, deprivation, rural-urban class, wards):
 * `safer import geography` and `geography-bundle`.
 */
export const geographyFeature = defineFeature({
  name: 'geography',
  commands: geographyCommands,
});
