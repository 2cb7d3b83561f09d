import { defineFeature } from '../../platform/feature.ts';
import { homePaths } from './home-paths.ts';
import homeRoutes from './home-routes.ts';

/** The home page: each user's starting point. */
export const homeFeature = defineFeature({
  name: 'home',
  routes: homeRoutes,
  paths: homePaths,
  navigation: [{ text: 'Home', href: homePaths.home(), permission: 'home.view', order: 10 }],
});
