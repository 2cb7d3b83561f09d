import type { Database } from '../../platform/db/database.ts';
import type { ActionStatus } from '../../platform/db/schema.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/**
 * Test data for dashboards and the performance report: a 2019-22 plan with two priorities; a public
 * monthly indicator with 15 months of values and targets, a restricted one and a
 * public one with a few values; a group with an action plan whose actions are at risk, off track,
 * on track and complete, led by a user, by a named person who is not a user, and by agencies; and
 * a commentary for 2019-Q1.
 */
export interface PerformanceSample {
  planId: number;
  burglaryPriorityId: number;
  townCentrePriorityId: number;
  publicIndicatorId: number;
  restrictedIndicatorId: number;
  townCentreIndicatorId: number;
  names: {
    publicIndicator: string;
    restrictedIndicator: string;
    /** A lead who is not a user of Safer. */
    namedLead: string;
    atRiskAction: string;
    offTrackAction: string;
    commentary: string;
  };
}

/** Burglaries per month, January 2018 to March 2019: a stable process, then a fall. */
export const BURGLARIES: readonly number[] = [52, 48, 55, 50, 47, 53, 51, 49, 54, 50, 46, 52, 41, 38, 36];

export async function seedPerformanceSample(
  db: Database,
  partnershipId: number,
  people: { ownerUserId: number; restrictedOwnerUserId: number; leadUserId: number; commentatorUserId: number },
): Promise<PerformanceSample> {
  const names = {
    publicIndicator: 'Residential burglaries',
    restrictedIndicator: 'Burglary suspects under investigation',
    namedLead: 'Detective Inspector Paula Wren',
    atRiskAction: 'Target-harden homes in the hotspot streets',
    offTrackAction: 'Run a burglary awareness week',
    commentary: 'Burglary fell in the first quarter after the target-hardening began.\n\nWe will keep the patrols going.',
  };
  return db.system(async (trx) => {
    const agency = await trx
      .selectFrom('agencies')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const planId = await insertReturningId(trx, 'plans', {
      partnership_id: partnershipId,
      title: 'Testshire Community Safety Plan',
      starts_year: 2019,
      ends_year: 2022,
    });
    const priority = async (title: string, position: number) =>
      insertReturningId(trx, 'priorities', {
        partnership_id: partnershipId,
        plan_id: planId,
        title,
        objective: `${title}, measurably.`,
        position,
      });
    const burglaryPriorityId = await priority('Reducing burglary', 1);
    const townCentrePriorityId = await priority('A safer town centre', 2);

    const indicator = async (values: {
      name: string;
      priorityId: number;
      ownerUserId: number | null;
      visibility: 'public' | 'restricted';
      definition: string;
    }) =>
      insertReturningId(trx, 'indicators', {
        partnership_id: partnershipId,
        name: values.name,
        definition: values.definition,
        unit: 'crimes',
        priority_id: values.priorityId,
        owner_user_id: values.ownerUserId,
        frequency: 'monthly',
        direction: 'lower',
        source: 'manual',
        measure: 'count',
        visibility: values.visibility,
      });
    const monthOf = (index: number) => `${2018 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    const publicIndicatorId = await indicator({
      name: names.publicIndicator,
      priorityId: burglaryPriorityId,
      ownerUserId: people.ownerUserId,
      visibility: 'public',
      definition: 'Burglaries of homes reported to the police each month.',
    });
    await trx
      .insertInto('indicator_values')
      .values(
        BURGLARIES.map((value, i) => ({
          partnership_id: partnershipId,
          indicator_id: publicIndicatorId,
          period: monthOf(i),
          value,
          evidence: 'Police recorded crime',
        })),
      )
      .execute();
    await trx
      .insertInto('indicator_targets')
      .values(
        ['2019-01', '2019-02', '2019-03'].map((period) => ({
          partnership_id: partnershipId,
          indicator_id: publicIndicatorId,
          period,
          target: 45,
        })),
      )
      .execute();
    const restrictedIndicatorId = await indicator({
      name: names.restrictedIndicator,
      priorityId: burglaryPriorityId,
      ownerUserId: people.restrictedOwnerUserId,
      visibility: 'restricted',
      definition: 'Open investigations with a named suspect.',
    });
    await trx
      .insertInto('indicator_values')
      .values(
        [7, 9, 8].map((value, i) => ({
          partnership_id: partnershipId,
          indicator_id: restrictedIndicatorId,
          period: monthOf(12 + i),
          value,
        })),
      )
      .execute();
    const townCentreIndicatorId = await indicator({
      name: 'Violence in the town centre at night',
      priorityId: townCentrePriorityId,
      ownerUserId: null,
      visibility: 'public',
      definition: 'Violent crimes between 6pm and 6am in the town centre.',
    });
    await trx
      .insertInto('indicator_values')
      .values(
        [30, 28, 33].map((value, i) => ({
          partnership_id: partnershipId,
          indicator_id: townCentreIndicatorId,
          period: monthOf(12 + i),
          value,
        })),
      )
      .execute();

    const bodyId = await insertReturningId(trx, 'bodies', {
      partnership_id: partnershipId,
      name: 'Burglary task group',
      kind: 'sub_group',
    });
    const actionPlanId = await insertReturningId(trx, 'action_plans', {
      partnership_id: partnershipId,
      body_id: bodyId,
      plan_year: 2019,
      title: 'Burglary task group action plan 2019-20',
    });
    type Action = {
      title: string;
      priorityId: number;
      status: ActionStatus;
      reason?: string;
      leadUserId?: number;
      leadName?: string;
      dueOn: string;
    };
    const action = (values: Action) =>
      trx
        .insertInto('actions')
        .values({
          partnership_id: partnershipId,
          action_plan_id: actionPlanId,
          title: values.title,
          priority_id: values.priorityId,
          status: values.status,
          status_reason: values.reason ?? '',
          lead_user_id: values.leadUserId ?? null,
          lead_name: values.leadName ?? '',
          lead_agency_id: agency.id,
          due_on: values.dueOn,
        })
        .execute();
    await action({
      title: names.atRiskAction,
      priorityId: burglaryPriorityId,
      status: 'at_risk',
      reason: 'The locksmith contract has not been signed',
      leadUserId: people.leadUserId,
      dueOn: '2019-06-30',
    });
    await action({
      title: names.offTrackAction,
      priorityId: burglaryPriorityId,
      status: 'off_track',
      reason: 'No venue booked',
      leadName: names.namedLead,
      dueOn: '2019-03-31',
    });
    await action({
      title: 'Patrol the hotspot streets',
      priorityId: burglaryPriorityId,
      status: 'on_track',
      leadUserId: people.leadUserId,
      dueOn: '2019-12-31',
    });
    await action({
      title: 'Fit taxi marshals on Saturdays',
      priorityId: townCentrePriorityId,
      status: 'complete',
      leadName: names.namedLead,
      dueOn: '2019-02-28',
    });

    await trx
      .insertInto('priority_commentaries')
      .values({
        partnership_id: partnershipId,
        priority_id: burglaryPriorityId,
        period: '2019-Q1',
        commentary: names.commentary,
        updated_by: people.commentatorUserId,
      })
      .execute();
    return {
      planId,
      burglaryPriorityId,
      townCentrePriorityId,
      publicIndicatorId,
      restrictedIndicatorId,
      townCentreIndicatorId,
      names,
    };
  });
}
