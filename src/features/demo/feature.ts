import { defineFeature } from '../../platform/feature.ts';
import { demoCommands } from './demo-cli.ts';

/** The demo partnership with the Kent open data, and `safer demo`. */
export const demoFeature = defineFeature({
  name: 'demo',
  commands: demoCommands,
});
