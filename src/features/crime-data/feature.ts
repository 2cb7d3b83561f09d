import { defineFeature } from '../../platform/feature.ts';
import { importPaths } from './import-paths.ts';
import importRoutes from './import-routes.ts';
import { createImportService } from './import-service.ts';
import { policeImportCommands } from './police-import-cli.ts';

/** What the audit log shows for each event of this feature. */
export const crimeDataEvents = {
  'police_import.started': 'Started a police.uk import',
  'police_import.finished': 'Finished a police.uk import',
  'police_data.changed': "Changed the police.uk data of the partnership's area",
} as const;

declare module '../../platform/feature.ts' {
  interface ServiceRegistry {
    imports: ReturnType<typeof createImportService>;
  }
  interface AuditEventRegistry extends Record<keyof typeof crimeDataEvents, string> {}
}

declare module '../audit/events.ts' {
  interface AuditSubjectRegistry {
    police_import: true;
  }
}

/** police.uk crime data: the import pages and `safer import police-uk`. */
export const crimeDataFeature = defineFeature({
  name: 'crime-data',
  services: (deps) => ({ imports: createImportService(deps) }),
  routes: importRoutes,
  navigation: [{ text: 'Import data', href: importPaths.list(), permission: 'imports.read', order: 80 }],
  paths: { imports: importPaths },
  auditEvents: crimeDataEvents,
  commands: policeImportCommands,
});
