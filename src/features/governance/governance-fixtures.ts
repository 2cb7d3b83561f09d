import type { Database } from '../../platform/db/database.ts';

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
    const id = (row: { id: number }) => row.id;
    const bodyId = id(
      await trx
        .insertInto('bodies')
        .values({ partnership_id: partnershipId, name: `${prefix} governance body`, kind: 'sub_group' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const memberId = id(
      await trx
        .insertInto('body_members')
        .values({ partnership_id: partnershipId, body_id: bodyId, person_name: `${prefix} member name`, role: 'chair' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const meetingId = id(
      await trx
        .insertInto('meetings')
        .values({ partnership_id: partnershipId, body_id: bodyId, held_on: '2019-03-01', title: `${prefix} meeting title` })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const agendaItemId = id(
      await trx
        .insertInto('agenda_items')
        .values({ partnership_id: partnershipId, meeting_id: meetingId, title: `${prefix} agenda item` })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const decisionId = id(
      await trx
        .insertInto('meeting_decisions')
        .values({ partnership_id: partnershipId, meeting_id: meetingId, decision: `${prefix} decision` })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const fundId = id(
      await trx
        .insertInto('funds')
        .values({ partnership_id: partnershipId, name: `${prefix} fund name` })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const applicationId = id(
      await trx
        .insertInto('funding_applications')
        .values({
          partnership_id: partnershipId,
          fund_id: fundId,
          body_id: bodyId,
          purpose: `${prefix} application purpose`,
          amount_requested: '100.00',
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const spendId = id(
      await trx
        .insertInto('funding_spend')
        .values({ partnership_id: partnershipId, application_id: applicationId, spent_on: '2019-04-01', amount: '10.00' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    return { bodyId, memberId, meetingId, agendaItemId, decisionId, fundId, applicationId, spendId };
  });
}
