import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, seedPartnership, type Agent, type TestApp, type TestPartnership } from '../../../test/helpers/app.ts';
import { seedBodyWithPlan } from '../action-plans/action-plan-fixtures.ts';
import { seedGovernanceSample, type GovernanceSample } from '../governance/governance-fixtures.ts';
import { seedPlanSample, type PlanSample } from './plan-fixtures.ts';

/** The text of the first element matching a tag, with tags dropped, entities decoded and spaces collapsed. */
function textOf(html: string, tag: 'title' | 'h1'): string | undefined {
  const match = new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(html);
  if (!match) return undefined;
  return match[1]!
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Every page of plans, governance, funding and action plans, found from the app's own routes, opened
 * by a coordinator: its window title is its h1, " - " and the partnership, as GOV.UK pages are, so
 * screen reader users hear where they are first.
 */
describe('page titles of plans, governance, funding and action plans', () => {
  let t: TestApp;
  let p: TestPartnership;
  let coordinator: Agent;
  let plan: PlanSample;
  let governance: GovernanceSample;
  let actions: { actionPlanId: number | null; actionId: number | null };

  const featurePaths =
    /^\/(plans|priorities|themes|plan-sections|external-priorities|glossary|survey-results|governance|funding|action-plans|actions)(\/|$)/;
  const sampleIds: [RegExp, () => number | null][] = [
    [/^\/plans\/:id/, () => plan.planId],
    [/^\/priorities\/:id/, () => plan.priorityId],
    [/^\/themes\/:id/, () => plan.themeId],
    [/^\/plan-sections\/:id/, () => plan.sectionId],
    [/^\/external-priorities\/:id/, () => plan.externalId],
    [/^\/glossary\/:id/, () => plan.termId],
    [/^\/survey-results\/:id/, () => plan.surveyResultId],
    [/^\/governance\/bodies\/:id/, () => governance.bodyId],
    [/^\/governance\/members\/:id/, () => governance.memberId],
    [/^\/governance\/meetings\/:id/, () => governance.meetingId],
    [/^\/governance\/agenda-items\/:id/, () => governance.agendaItemId],
    [/^\/governance\/decisions\/:id/, () => governance.decisionId],
    [/^\/funding\/funds\/:id/, () => governance.fundId],
    [/^\/funding\/applications\/:id/, () => governance.applicationId],
    [/^\/funding\/spend\/:id/, () => governance.spendId],
    [/^\/action-plans\/:id/, () => actions.actionPlanId],
    [/^\/actions\/:id/, () => actions.actionId],
  ];

  before(async () => {
    t = await createTestApp();
    p = await seedPartnership(t.database.db, t.config, 'alpha');
    plan = await seedPlanSample(t.database.db, p.id);
    governance = await seedGovernanceSample(t.database.db, p.id);
    actions = await seedBodyWithPlan(t.database.db, p.id, {
      name: 'Youth group',
      plan: { year: 2019, title: 'Youth group action plan', action: { title: 'Survey young people', leadUserId: p.users.member.id } },
    });
    coordinator = t.agent();
    await coordinator.signIn(p.users.coordinator);
  });
  after(() => t.close());

  test('every page starts its window title with its h1', async () => {
    const pages = t.app.routeTable.filter((r) => r.method === 'GET' && featurePaths.test(r.url) && !/\/export\.|\/document\./.test(r.url));
    assert.ok(pages.length > 50, `only ${pages.length} pages found`);
    const checked: string[] = [];
    for (const route of pages) {
      const sample = sampleIds.find(([pattern]) => pattern.test(route.url));
      assert.ok(!route.url.includes(':') || sample, `no sample record for ${route.url}`);
      const url = sample ? route.url.replace(/:id/, String(sample[1]())) : route.url;
      const res = await coordinator.get(url);
      assert.equal(res.statusCode, 200, `${url} answered ${res.statusCode}`);
      const h1 = textOf(res.body, 'h1');
      assert.ok(h1, `${url} has an h1`);
      assert.equal(
        textOf(res.body, 'title')?.startsWith(`${h1} - `),
        true,
        `${url}: the title "${textOf(res.body, 'title')}" starts with the h1 "${h1}"`,
      );
      checked.push(url);
    }
    for (const url of [
      `/plans/${plan.planId}`,
      `/governance/bodies/${governance.bodyId}`,
      `/governance/meetings/${governance.meetingId}`,
      `/action-plans/${actions.actionPlanId}/equality`,
    ]) {
      assert.ok(checked.includes(url), `${url} was checked`);
    }
  });
});
