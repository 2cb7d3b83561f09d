import type { Database } from '../../platform/db/database.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

export interface GovernanceSample {
  bodyId: number;
  memberId: number;
  meetingId: number;
  agendaItemId: number;
  decisionId: number;
  fundId: number;
  applicationId: number;
  spendId: number;
}

/** One of each governance and funding record for a partnership, for tests that try every route. */
export async function seedGovernanceSample(db: Database, partnershipId: number, prefix = 'Sample'): Promise<GovernanceSample> {
  return db.system(async (trx) => {
    const bodyId = await insertReturningId(trx, 'bodies', {
      partnership_id: partnershipId,
      name: `${prefix} governance body`,
      kind: 'sub_group',
    });
    const memberId = await insertReturningId(trx, 'body_members', {
      partnership_id: partnershipId,
      body_id: bodyId,
      person_name: `${prefix} member name`,
      role: 'chair',
    });
    const meetingId = await insertReturningId(trx, 'meetings', {
      partnership_id: partnershipId,
      body_id: bodyId,
      held_on: '2019-03-01',
      title: `${prefix} meeting title`,
    });
    const agendaItemId = await insertReturningId(trx, 'agenda_items', {
      partnership_id: partnershipId,
      meeting_id: meetingId,
      title: `${prefix} agenda item`,
    });
    const decisionId = await insertReturningId(trx, 'meeting_decisions', {
      partnership_id: partnershipId,
      meeting_id: meetingId,
      decision: `${prefix} decision`,
    });
    const fundId = await insertReturningId(trx, 'funds', { partnership_id: partnershipId, name: `${prefix} fund name` });
    const applicationId = await insertReturningId(trx, 'funding_applications', {
      partnership_id: partnershipId,
      fund_id: fundId,
      body_id: bodyId,
      purpose: `${prefix} application purpose`,
      amount_requested: '100.00',
    });
    const spendId = await insertReturningId(trx, 'funding_spend', {
      partnership_id: partnershipId,
      application_id: applicationId,
      spent_on: '2019-04-01',
      amount: '10.00',
    });
    return { bodyId, memberId, meetingId, agendaItemId, decisionId, fundId, applicationId, spendId };
  });
}
