import { defineFeature } from '../../platform/feature.ts';
import { spcCommands } from './spc-cli.ts';

/** Statistics with no database (SPC, intervals, harm weights), and `safer spc`. */
export const statisticsFeature = defineFeature({
  name: 'statistics',
  commands: spcCommands,
});
