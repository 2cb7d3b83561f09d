import { defineFeature } from '../../platform/feature.ts';
import { explorePaths } from './explore-paths.ts';
import exploreRoutes from './explore-routes.ts';
import { createExploreService } from './explore-service.ts';
import { exploreCommands } from './explore-cli.ts';

/** Exploring police.uk crime and anti-social behaviour by place and time, and `safer query counts`. */
export const exploreFeature = defineFeature({
  name: 'explore',
  services: (deps) => ({ explore: createExploreService(deps) }),
  routes: exploreRoutes,
  paths: { explore: explorePaths },
  navigation: [{ text: 'Explore data', href: explorePaths.page(), permission: 'explore.read', order: 70 }],
  commands: exploreCommands,
});
