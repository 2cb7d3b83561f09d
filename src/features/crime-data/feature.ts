import { defineFeature } from '../../platform/feature.ts';
import { paths } from '../../platform/paths.ts';
import importRoutes from './import-routes.ts';
import { policeImportCommands } from './police-import-cli.ts';

/** police.uk crime data: the import pages and `safer import police-uk`. */
export const crimeDataFeature = defineFeature({
  name: 'crime-data',
  routes: importRoutes,
  navigation: [
    { text: 'Import data', href: paths.imports.list(), permission: 'imports.read', order: 80 },
  ],
  commands: policeImportCommands,
});
