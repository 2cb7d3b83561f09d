import { defineFeature } from '../../platform/feature.ts';
import { paths } from '../../platform/paths.ts';
import homeRoutes from './home-routes.ts';

/** The home page: each user's starting point. */
export const homeFeature = defineFeature({
  name: 'home',
  routes: homeRoutes,
  navigation: [
    { text: 'Home', href: paths.home(), permission: 'home.view', order: 10 },
  ],
});
