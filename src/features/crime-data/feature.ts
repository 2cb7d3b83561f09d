import { defineFeature } from '../../platform/feature.ts';
import { importPaths } from './import-paths.ts';
import importRoutes from './import-routes.ts';
import { createImportService } from './import-service.ts';
import { policeImportCommands } from './police-import-cli.ts';

/** police.uk crime data: the import pages and `safer import police-uk`. */
export const crimeDataFeature = defineFeature({
  name: 'crime-data',
  services: (deps) => ({ imports: createImportService(deps) }),
  routes: importRoutes,
  navigation: [{ text: 'Import data', href: importPaths.list(), permission: 'imports.read', order: 80 }],
  paths: { imports: importPaths },
  auditEvents: {
    'police_import.started': 'Started a police.uk import',
    'police_import.finished': 'Finished a police.uk import',
    'police_data.changed': "Changed the police.uk data of the partnership's area",
  },
  auditSubjects: ['police_import'],
  commands: policeImportCommands,
});
