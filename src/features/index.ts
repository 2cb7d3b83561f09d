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
const featureList = [
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
] as const satisfies readonly Feature[];

export const features: readonly Feature[] = featureList;

// The registries of services, audit events and audit subjects, derived once from the list above
// (src/platform does not import the features, so the list fills in its ServiceRegistry here).

/** The members of a union as one intersection: every feature's services, say, as one object. */
type Together<U> = (U extends unknown ? (u: U) => void : never) extends (all: infer I) => void ? I : never;

/** What the features F declare as K, each (a feature that declares none adds nothing). */
type Each<F, K extends keyof Feature> = F extends { [k in K]: infer V } ? V : never;

type Listed = (typeof featureList)[number];
type FeatureServices = Together<ReturnType<Each<Listed, 'services'>>>;

declare module '../platform/feature.ts' {
  interface ServiceRegistry extends Pick<FeatureServices, keyof FeatureServices> {}
}
declare module './audit/events.ts' {
  interface AuditEventRegistry extends Record<keyof Together<Each<Listed, 'auditEvents'>>, string> {}
  interface AuditSubjectRegistry extends Record<Each<Listed, 'auditSubjects'>[number], true> {}
}
