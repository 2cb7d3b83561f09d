import type { Trx } from '../../platform/db/database.ts';
import type { ActionStatus, Impact, ProtectedCharacteristic } from '../action-plans/action-rules.ts';
import { protectedCharacteristics } from '../action-plans/action-rules.ts';
import type { DemoPlanIds, DemoPriorityKey, DemoThemeKey } from './demo-plan.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/** The groups that hold the demo's 2019-20 action plans, by the governance loader's keys. */
export type DemoActionBodyKey = 'socp' | 'da_forum' | 'cysg' | 'substance_misuse' | 'csvg';

interface DemoAction {
  title: string;
  description: string;
  priority: DemoPriorityKey;
  theme?: DemoThemeKey;
  lead: { user: 'coordinator' | 'member' } | { name: string };
  startsOn: string;
  dueOn: string;
  status: ActionStatus;
  reason?: string;
  updates?: { on: string; by: 'coordinator' | 'member'; text: string; from?: ActionStatus; to?: ActionStatus }[];
  milestones?: { title: string; dueOn: string; doneOn?: string }[];
}

/** The "first 12 months" actions of the demo plan, in Safer's own words. */
const demoActionPlans: { body: DemoActionBodyKey; title: string; actions: DemoAction[] }[] = [
  {
    body: 'socp',
    title: 'Serious Organised Crime Panel action plan 2019-20',
    actions: [
      {
        title: 'Hold days of action through the year against organised crime groups',
        description: 'Joint days of action with trading standards and immigration enforcement, aimed at rogue traders and illegal working.',
        priority: 'soc',
        lead: { name: 'Detective Inspector, Kent Police' },
        startsOn: '2019-04-01',
        dueOn: '2020-03-31',
        status: 'on_track',
        milestones: [
          { title: 'First day of action (rogue traders)', dueOn: '2019-06-30', doneOn: '2019-06-14' },
          { title: 'Second day of action (illegal working)', dueOn: '2019-10-31' },
        ],
      },
      {
        title: 'Raise awareness of intelligence reporting across the partnership',
        description: 'Short briefings for partner staff on what to report, how, and how information is shared safely.',
        priority: 'soc',
        lead: { user: 'coordinator' },
        startsOn: '2019-05-01',
        dueOn: '2019-12-31',
        status: 'at_risk',
        reason: 'Briefing slots with two partner agencies have not yet been agreed.',
      },
      {
        title: 'Make sure the right people are referred to Integrated Offender Management',
        description: 'Review referral criteria with probation and IOM partners and check recent referrals against them.',
        priority: 'soc',
        theme: 'reoffending',
        lead: { name: 'IOM manager, Probation Service' },
        startsOn: '2019-04-01',
        dueOn: '2020-01-31',
        status: 'not_started',
      },
    ],
  },
  {
    body: 'da_forum',
    title: 'Domestic Abuse Forum action plan 2019-20',
    actions: [
      {
        title: "Raise awareness of Clare's Law and stalking, including a campaign for hairdressers and barbers",
        description:
          "Tailored training on the Domestic Violence Disclosure Scheme (Clare's Law) and stalking, for hair and beauty businesses and " +
          'colleges.',
        priority: 'domestic_abuse',
        lead: { user: 'coordinator' },
        startsOn: '2019-04-01',
        dueOn: '2020-03-31',
        status: 'on_track',
        updates: [
          {
            on: '2019-09-12',
            by: 'coordinator',
            text: 'Twelve salons and one college have signed up to the training.',
            from: 'not_started',
            to: 'on_track',
          },
        ],
      },
      {
        title: 'Review use of the one-stop shop, including pop-ups in rural areas',
        description:
          'Compare attendance with reported incidents across the borough, test whether rural pop-ups are needed and check that anyone ' +
          'can attend on their own.',
        priority: 'domestic_abuse',
        lead: { name: 'Domestic abuse coordinator, Maidstone Borough Council' },
        startsOn: '2019-06-01',
        dueOn: '2019-11-30',
        status: 'off_track',
        reason: 'Attendance data from the provider has not been received, so the review has not started.',
      },
    ],
  },
  {
    body: 'cysg',
    title: 'Community Youth Safety Group action plan 2019-20',
    actions: [
      {
        title: 'Review the places where anti-social behaviour is most common',
        description: 'Map ASB reports with partners and agree what can be done at each hotspot.',
        priority: 'young_people',
        theme: 'asb',
        lead: { user: 'member' },
        startsOn: '2019-04-01',
        dueOn: '2019-09-30',
        status: 'complete',
        updates: [
          {
            on: '2019-07-02',
            by: 'member',
            text: 'Hotspot map agreed; patrol plans in place for the three worst locations.',
            from: 'on_track',
            to: 'on_track',
          },
          { on: '2019-09-20', by: 'member', text: 'Review finished and reported to the partnership.', from: 'on_track', to: 'complete' },
        ],
      },
      {
        title: 'Run a youth safety survey on fear and knife carrying',
        description: "Understand young people's fears, especially around carrying knives, through a survey in secondary schools.",
        priority: 'young_people',
        lead: { user: 'member' },
        startsOn: '2019-09-01',
        dueOn: '2020-02-28',
        status: 'at_risk',
        reason: 'Two schools have still to agree dates for the survey.',
        updates: [
          {
            on: '2019-11-05',
            by: 'member',
            text: 'Survey questions agreed with the youth service; waiting on two schools.',
            from: 'on_track',
            to: 'at_risk',
          },
        ],
      },
      {
        title: 'Hold an event for senior staff of secondary schools',
        description: 'Raise awareness of the threats young people face, with the option of education packages for pupils and staff.',
        priority: 'young_people',
        theme: 'prevent',
        lead: { user: 'coordinator' },
        startsOn: '2019-09-01',
        dueOn: '2020-03-31',
        status: 'on_track',
      },
    ],
  },
  {
    body: 'substance_misuse',
    title: 'Substance misuse action plan 2019-20',
    actions: [
      {
        title: 'Review the public spaces protection order for drinking',
        description: 'Check the order is still needed and proportionate, or needs changing, and how officers enforce it.',
        priority: 'substance_misuse',
        theme: 'asb',
        lead: { name: 'Community Protection Team manager' },
        startsOn: '2019-04-01',
        dueOn: '2019-12-31',
        status: 'on_track',
      },
      {
        title: 'Launch the Blue Light project for treatment-resistant drinkers',
        description: 'Work with drinkers who place a heavy demand on public services and do not take up treatment.',
        priority: 'substance_misuse',
        lead: { name: 'Service manager, Change Grow Live' },
        startsOn: '2019-06-01',
        dueOn: '2020-03-31',
        status: 'not_started',
      },
    ],
  },
  {
    body: 'csvg',
    title: 'Community Safety and Vulnerability Group action plan 2019-20',
    actions: [
      {
        title: 'Set up a strategic overview of the CSVG',
        description: 'A steering group to set direction, and to spot gaps in services and trends that need more support.',
        priority: 'mental_health',
        lead: { user: 'coordinator' },
        startsOn: '2019-04-01',
        dueOn: '2019-10-31',
        status: 'on_track',
      },
      {
        title: 'Produce a leaflet on self-neglect and how to refer people for support',
        description: 'For front-line staff and the public: the signs of self-neglect and where to refer.',
        priority: 'mental_health',
        lead: { name: 'Community Safety Unit' },
        startsOn: '2019-07-01',
        dueOn: '2020-01-31',
        status: 'not_started',
      },
    ],
  },
];

const cysgEquality: Record<ProtectedCharacteristic, { impact: Impact; evidence: string; mitigation?: string }> = {
  age: { impact: 'positive', evidence: 'The actions are aimed at young people aged 11 to 18.' },
  disability: {
    impact: 'negative',
    evidence: 'A written survey can exclude young people with learning disabilities.',
    mitigation: 'An easy-read version and support from school staff.',
  },
  gender_reassignment: { impact: 'neutral', evidence: 'No difference expected.' },
  marriage_and_civil_partnership: { impact: 'neutral', evidence: 'Not relevant to the age group.' },
  pregnancy_and_maternity: { impact: 'neutral', evidence: 'No difference expected.' },
  race: { impact: 'neutral', evidence: 'Schools across the borough take part, reflecting its population.' },
  religion_or_belief: { impact: 'neutral', evidence: 'No difference expected.' },
  sex: { impact: 'positive', evidence: 'Results are looked at separately for boys and girls, whose fears differ.' },
  sexual_orientation: { impact: 'neutral', evidence: 'No difference expected.' },
};

/**
 * The demo's 2019-20 action plans with their actions, milestones, updates and one signed-off
 * equality analysis (CYSG). Idempotent: a group that already has its 2019 plan is left alone.
 * Groups missing from `bodies` are skipped.
 */
export async function loadDemoActions(
  trx: Trx,
  partnershipId: number,
  plan: Pick<DemoPlanIds, 'priorityIds' | 'themeIds'>,
  bodies: Partial<Record<DemoActionBodyKey, number>>,
  users: { coordinator: number; member: number; coordinatorName: string; memberName: string },
): Promise<number> {
  let added = 0;
  for (const ap of demoActionPlans) {
    const bodyId = bodies[ap.body];
    if (!bodyId) continue;
    const exists = await trx
      .selectFrom('action_plans')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('body_id', '=', bodyId)
      .where('plan_year', '=', 2019)
      .executeTakeFirst();
    if (exists) continue;
    const actionPlanId = await insertReturningId(trx, 'action_plans', {
      partnership_id: partnershipId,
      body_id: bodyId,
      plan_year: 2019,
      title: ap.title,
    });
    added++;
    for (const a of ap.actions) {
      const lastUpdate = a.updates?.at(-1);
      const actionId = await insertReturningId(trx, 'actions', {
        partnership_id: partnershipId,
        action_plan_id: actionPlanId,
        title: a.title,
        description: a.description,
        priority_id: plan.priorityIds[a.priority] || null,
        theme_id: a.theme ? plan.themeIds[a.theme] || null : null,
        lead_user_id: 'user' in a.lead ? users[a.lead.user] : null,
        lead_name: 'name' in a.lead ? a.lead.name : '',
        starts_on: a.startsOn,
        due_on: a.dueOn,
        status: a.status,
        status_reason: a.reason ?? '',
        last_update_at: lastUpdate ? new Date(`${lastUpdate.on}T10:00:00Z`) : null,
      });
      for (const [position, m] of (a.milestones ?? []).entries()) {
        await trx
          .insertInto('action_milestones')
          .values({
            partnership_id: partnershipId,
            action_id: actionId,
            title: m.title,
            due_on: m.dueOn,
            done_on: m.doneOn ?? null,
            position,
          })
          .execute();
      }
      for (const u of a.updates ?? []) {
        const changed = u.from !== undefined && u.to !== undefined && u.from !== u.to;
        await trx
          .insertInto('action_updates')
          .values({
            partnership_id: partnershipId,
            action_id: actionId,
            posted_at: new Date(`${u.on}T10:00:00Z`),
            author_user_id: users[u.by],
            author_name: u.by === 'member' ? users.memberName : users.coordinatorName,
            text: u.text,
            status_from: changed ? (u.from ?? null) : null,
            status_to: changed ? (u.to ?? null) : null,
          })
          .execute();
      }
    }
    if (ap.body === 'cysg') {
      const assessmentId = await insertReturningId(trx, 'equality_assessments', {
        partnership_id: partnershipId,
        action_plan_id: actionPlanId,
        status: 'signed_off',
        summary: 'The plan is aimed at young people and should improve their safety; the survey is made accessible.',
        signed_off_by: users.coordinatorName,
        signed_off_on: '2019-05-15',
      });
      await trx
        .insertInto('equality_impacts')
        .values(
          protectedCharacteristics.map((c) => ({
            partnership_id: partnershipId,
            assessment_id: assessmentId,
            characteristic: c,
            impact: cysgEquality[c].impact,
            evidence: cysgEquality[c].evidence,
            mitigation: cysgEquality[c].mitigation ?? '',
          })),
        )
        .execute();
      await trx
        .updateTable('action_plans')
        .set({ status: 'approved', approved_by: users.coordinatorName, approved_on: '2019-05-20' })
        .where('id', '=', actionPlanId)
        .execute();
    }
  }
  return added;
}
