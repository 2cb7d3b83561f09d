import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, seedPartnership, type Agent, type TestApp, type TestPartnership } from '../../test/helpers/app.ts';
import { seedBodyWithPlan } from '../features/action-plans/action-plan-fixtures.ts';
import { importFrom, userStarter } from '../features/crime-data/police-import-fixtures.ts';
import { seedGovernanceSample, type GovernanceSample } from '../features/governance/governance-fixtures.ts';
import { seedPlanSample, type PlanSample } from '../features/plans/plan-fixtures.ts';
import { holdSampleUpload, seedServiceUsageDataset } from '../features/service-usage/service-usage-fixtures.ts';
import { seedManualIndicator } from '../features/indicators/indicator-fixtures.ts';

/**
 * Partnerships are isolated: every route of the app, tried by the most privileged user of another
 * partnership (its admin) with this partnership's record ids, answers 404 and shows none of its data.
 * A new route with a parameter must be added to `sampleIds`, so no route escapes this test.
 */
describe('partnership isolation on every route', () => {
  let t: TestApp;
  let a: TestPartnership;
  let b: TestPartnership;
  let outsider: Agent;
  let secrets: string[];
  let alphaActions: { actionPlanId: number | null; actionId: number | null };
  let alphaImport: number;
  let alphaGovernance: GovernanceSample;
  let alphaPlan: PlanSample;
  let alphaDataset: number;
  let alphaUpload: string;
  let alphaIndicator: number;

  // Which of partnership A's records a route parameter stands for, by the route's path.
  const sampleIds: { pattern: RegExp; id: () => string }[] = [
    { pattern: /^\/admin\/agencies\/:id/, id: () => String(a.agencyId) },
    { pattern: /^\/admin\/users\/:id/, id: () => String(a.users.coordinator.id) },
    // A police.uk import started by A's admin from the upload page (command-line imports are everyone's).
    { pattern: /^\/imports\/:id/, id: () => String(alphaImport) },
    { pattern: /^\/action-plans\/:id/, id: () => String(alphaActions.actionPlanId) },
    { pattern: /^\/actions\/:id/, id: () => String(alphaActions.actionId) },
    { pattern: /^\/governance\/bodies\/:id/, id: () => String(alphaGovernance.bodyId) },
    { pattern: /^\/governance\/members\/:id/, id: () => String(alphaGovernance.memberId) },
    { pattern: /^\/governance\/meetings\/:id/, id: () => String(alphaGovernance.meetingId) },
    { pattern: /^\/governance\/agenda-items\/:id/, id: () => String(alphaGovernance.agendaItemId) },
    { pattern: /^\/governance\/decisions\/:id/, id: () => String(alphaGovernance.decisionId) },
    { pattern: /^\/funding\/funds\/:id/, id: () => String(alphaGovernance.fundId) },
    { pattern: /^\/funding\/applications\/:id/, id: () => String(alphaGovernance.applicationId) },
    { pattern: /^\/funding\/spend\/:id/, id: () => String(alphaGovernance.spendId) },
    { pattern: /^\/plans\/:id/, id: () => String(alphaPlan.planId) },
    { pattern: /^\/priorities\/:id/, id: () => String(alphaPlan.priorityId) },
    { pattern: /^\/themes\/:id/, id: () => String(alphaPlan.themeId) },
    { pattern: /^\/plan-sections\/:id/, id: () => String(alphaPlan.sectionId) },
    { pattern: /^\/external-priorities\/:id/, id: () => String(alphaPlan.externalId) },
    { pattern: /^\/glossary\/:id/, id: () => String(alphaPlan.termId) },
    { pattern: /^\/survey-results\/:id/, id: () => String(alphaPlan.surveyResultId) },
    { pattern: /^\/indicators\/:id/, id: () => String(alphaIndicator) },
    // A priority of A's plan, whose dashboard and commentary are A's.
    { pattern: /^\/performance\/priorities\/:id/, id: () => String(alphaPlan.priorityId) },
    // A service-usage dataset of A's, and a file A's admin uploaded that waits for its columns to be mapped.
    { pattern: /^\/service-usage\/uploads\/:uploadId/, id: () => alphaUpload },
    { pattern: /^\/service-usage\/:id/, id: () => String(alphaDataset) },
    // Invitation links are bearer tokens: one nobody was given must not open anything.
    { pattern: /^\/invitation\/:token/, id: () => 'x'.repeat(43) },
  ];

  before(async () => {
    t = await createTestApp();
    a = await seedPartnership(t.database.db, t.config, 'alpha');
    b = await seedPartnership(t.database.db, t.config, 'bravo');
    alphaActions = await seedBodyWithPlan(t.database.db, a.id, {
      name: 'Alpha sub-group',
      plan: { year: 2019, title: 'Alpha action plan', action: { title: 'Alpha secret action', leadUserId: a.users.member.id } },
    });
    alphaGovernance = await seedGovernanceSample(t.database.db, a.id, 'Alpha');
    alphaPlan = await seedPlanSample(t.database.db, a.id);
    alphaDataset = await seedServiceUsageDataset(t.database.db, a.id, 'Alpha secret visits');
    alphaIndicator = await seedManualIndicator(t.database.db, a.id, { name: 'Alpha secret indicator' });
    alphaImport = (await importFrom(t.database.db, [], '2019-01-kent-street.csv', { starter: userStarter(a.id, a.users.admin, 'alpha') }))
      .importId;
    // Give A some audit history, so a leak of A's log would show.
    const insider = t.agent();
    await insider.signIn(a.users.admin);
    alphaUpload = await holdSampleUpload(insider, 'Alpha held upload');
    outsider = t.agent();
    await outsider.signIn(b.users.admin);
    secrets = [
      'alpha Borough Council',
      ...Object.values(a.users).flatMap((u) => [u.email, u.name]),
      'Safer alpha Partnership',
      'Alpha action plan',
      'Alpha secret action',
      'Alpha governance body',
      'Alpha member name',
      'Alpha meeting title',
      'Alpha fund name',
      'Alpha application purpose',
      'Maidstone Community Safety Partnership Plan',
      'Keeping children and young people safe',
      'Serious Organised Crime Panel',
      'Alpha secret visits',
      'Alpha held upload',
      'Alpha secret indicator',
    ];
  });
  after(() => t.close());

  const fill = (url: string): string | undefined => {
    if (!url.includes(':')) return url;
    const sample = sampleIds.find((s) => s.pattern.test(url));
    return sample ? url.replace(/:[A-Za-z]+/, sample.id()) : undefined;
  };

  test('the app has routes with parameters, and each has a sample record', () => {
    const withParams = t.app.routeTable.filter((r) => r.url.includes(':'));
    assert.ok(withParams.length > 0);
    for (const r of withParams) {
      if (r.url.startsWith('/assets/')) continue;
      assert.ok(fill(r.url), `no sample record for ${r.method} ${r.url}: add it to sampleIds`);
    }
  });

  test("another partnership's admin gets 404 for every record route and never sees the data", async () => {
    let tried = 0;
    for (const route of t.app.routeTable) {
      if (route.url.startsWith('/assets/') || route.url.startsWith('/health/')) continue;
      // Signing out is tried last, below, so that the outsider stays signed in for the rest.
      if (route.url === '/sign-out') continue;
      const url = fill(route.url);
      assert.ok(url, `no sample for ${route.url}`);
      const res = route.method === 'GET' ? await outsider.get(url) : await outsider.post(url, { name: 'x', email: 'x@x.test' });
      tried++;
      for (const secret of secrets) {
        assert.ok(!res.body.includes(secret), `${route.method} ${route.url} showed "${secret}" to another partnership`);
      }
      if (route.url.includes(':')) {
        assert.equal(res.statusCode, 404, `${route.method} ${url} answered ${res.statusCode}, not 404`);
      }
    }
    assert.ok(tried >= 5, `only ${tried} routes tried`);
    // The outsider is still signed in: the checks above were not passed by being signed out.
    const home = await outsider.get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Safer bravo Partnership/);
    const out = await outsider.post('/sign-out');
    for (const secret of secrets) assert.ok(!out.body.includes(secret));
  });
});
