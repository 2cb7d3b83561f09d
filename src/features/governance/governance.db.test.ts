import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import { insertPartnership } from '../partnerships/partnership-repository.ts';
import { loadDemoGovernance } from '../demo/demo-governance.ts';
import { loadDemoPlan } from '../demo/demo-plan.ts';
import { calculateAttendance } from './attendance.ts';
import { isBodyMember, listBodies, listPriorityChoices, listThemeChoices } from './body-repository.ts';
import { attendanceReportData } from './meeting-repository.ts';

describe(`governance queries (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let database: TestDatabase;
  let partnershipId: number;
  let otherId: number;
  let bodies: Awaited<ReturnType<typeof loadDemoGovernance>>;
  let memberUserId: number;

  before(async () => {
    database = await createTestDatabase();
    ({ partnershipId, otherId, bodies, memberUserId } = await database.db.system(async (trx) => {
      const partnershipId = await insertPartnership(trx, { slug: 'demo', name: 'Demo Partnership', districtCodes: [] });
      const otherId = await insertPartnership(trx, { slug: 'other', name: 'Other Partnership', districtCodes: [] });
      const agency = async (pid: number, name: string, ra: boolean) =>
        (
          await trx
            .insertInto('agencies')
            .values({ partnership_id: pid, name, agency_type: 'other', responsible_authority: ra })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const police = await agency(partnershipId, 'Kent Police', true);
      await agency(partnershipId, 'Maidstone Borough Council', true);
      await agency(partnershipId, 'Kent County Council', true);
      await agency(partnershipId, 'Change Grow Live', false);
      await agency(otherId, 'Kent Police', true);
      const member = await trx
        .insertInto('users')
        .values({
          partnership_id: partnershipId,
          agency_id: police,
          name: 'Jordan Reeve',
          email: 'member@maidstone.demo.safer.test',
          role: 'member',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const plan = await loadDemoPlan(trx, partnershipId);
      const bodies = await loadDemoGovernance(trx, partnershipId, plan);
      // Loading again changes nothing and gives the same ids.
      assert.deepEqual(await loadDemoGovernance(trx, partnershipId, plan), bodies);
      return { partnershipId, otherId, bodies, memberUserId: member.id };
    }));
  });
  after(() => database.drop());

  test('the demo structure loads once, with the member linked to the Community Youth Safety Group only', async () => {
    const list = await database.db.tenant(partnershipId, (trx) => listBodies(trx));
    assert.equal(list.length, 12);
    const byId = new Map(list.map((b) => [b.id, b]));
    assert.equal(byId.get(bodies.socp)!.reports_to_body_id, bodies.smp);
    assert.equal(byId.get(bodies.smp)!.reports_to_body_id, bodies.smpeg);
    assert.equal(await database.db.tenant(partnershipId, (trx) => isBodyMember(trx, bodies.cysg, memberUserId)), true);
    assert.equal(await database.db.tenant(partnershipId, (trx) => isBodyMember(trx, bodies.socp, memberUserId)), false);
    assert.deepEqual(await database.db.tenant(otherId, (trx) => listBodies(trx)), [], 'another partnership sees none of it');
  });

  test('the attendance report reads the year’s meetings, memberships and attendance of responsible authorities', async () => {
    const data = await database.db.tenant(partnershipId, (trx) => attendanceReportData(trx, 2019));
    assert.deepEqual(
      data.agencies.map((a) => a.name),
      ['Kent County Council', 'Kent Police', 'Maidstone Borough Council'],
    );
    assert.equal(data.meetings.length, 5);
    assert.deepEqual(await database.db.tenant(partnershipId, async (trx) => (await attendanceReportData(trx, 2018)).meetings), []);
    const rows = calculateAttendance({ ...data, scope: 'member' });
    const police = rows.find((r) => r.agencyName === 'Kent Police')!;
    // Police members sit on SMPEG, SMP, SOCP, DAF, CYSG and CSVG: all five 2019 meetings; they attended all five.
    assert.deepEqual([police.meetingsHeld, police.meetingsAttended, police.percent], [5, 5, 100]);
    const kcc = rows.find((r) => r.agencyName === 'Kent County Council')!;
    // KCC sits on SMPEG, SMP, SOCP and CYSG (4 meetings) and attended SMP, one SMPEG and CYSG.
    assert.deepEqual([kcc.meetingsHeld, kcc.meetingsAttended, kcc.percent], [4, 3, 75]);
    const all = calculateAttendance({ ...data, scope: 'all' }).find((r) => r.agencyName === 'Kent County Council')!;
    assert.deepEqual([all.meetingsHeld, all.meetingsAttended], [5, 3]);
  });

  test('the priorities and themes a body may deliver are the plan’s, in its order, with the plan’s title', async () => {
    const stored = await database.db.tenant(partnershipId, async (trx) => ({
      priorities: await trx.selectFrom('priorities').select(['id', 'title']).orderBy('position').orderBy('id').execute(),
      themes: await trx.selectFrom('themes').select(['id', 'title']).orderBy('position').orderBy('id').execute(),
      plan: (await trx.selectFrom('plans').select('title').executeTakeFirstOrThrow()).title,
    }));
    assert.ok(stored.priorities.length > 0 && stored.themes.length > 0);
    const priorities = await database.db.tenant(partnershipId, (trx) => listPriorityChoices(trx));
    const themes = await database.db.tenant(partnershipId, (trx) => listThemeChoices(trx));
    assert.deepEqual(
      priorities,
      stored.priorities.map((p) => ({ ...p, plan_title: stored.plan })),
    );
    assert.deepEqual(
      themes,
      stored.themes.map((t) => ({ ...t, plan_title: stored.plan })),
    );
    assert.deepEqual(await database.db.tenant(otherId, (trx) => listPriorityChoices(trx)), [], 'another partnership sees none of them');
  });
});
