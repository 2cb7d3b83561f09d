import type { Feature } from '../platform/feature.ts';
import { accountFeature } from './account/feature.ts';
import { actionPlansFeature } from './action-plans/feature.ts';
import { agenciesFeature } from './agencies/feature.ts';
import { auditFeature } from './audit/feature.ts';
import { authFeature } from './auth/feature.ts';
import { crimeDataFeature } from './crime-data/feature.ts';
import { demoFeature } from './demo/feature.ts';
import { exploreFeature } from './explore/feature.ts';
import { fundingFeature } from './funding/feature.ts';
import { geographyFeature } from './geography/feature.ts';
import { glossaryFeature } from './glossary/feature.ts';
import { governanceFeature } from './governance/feature.ts';
import { homeFeature } from './home/feature.ts';
import { indicatorsFeature } from './indicators/feature.ts';
import { partnershipsFeature } from './partnerships/feature.ts';
import { performanceFeature } from './performance/feature.ts';
import { plansFeature } from './plans/feature.ts';
import { remindersFeature } from './reminders/feature.ts';
import { serviceUsageFeature } from './service-usage/feature.ts';
import { statisticsFeature } from './statistics/feature.ts';
import { usersFeature } from './users/feature.ts';

/**
 * Every feature of Safer, the one list the app, the services, the navigation, the templates' paths,
 * the audit log and the command line are assembled from. Adding a feature: its folder with a
 * feature.ts, a migration, and a line here (see docs/ARCHITECTURE.md, "Adding a feature").
 */
export const features: readonly Feature[] = [
  authFeature,
  homeFeature,
  accountFeature,
  agenciesFeature,
  usersFeature,
  auditFeature,
  partnershipsFeature,
  plansFeature,
  glossaryFeature,
  governanceFeature,
  fundingFeature,
  actionPlansFeature,
  indicatorsFeature,
  performanceFeature,
  exploreFeature,
  crimeDataFeature,
  geographyFeature,
  serviceUsageFeature,
  statisticsFeature,
  remindersFeature,
  demoFeature,
];
