import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { seedPartnership, testConfig, type TestPartnership } from '../../../test/helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import type { Config } from '../../config.ts';
import { insertInvitation, insertUser } from '../users/user-repository.ts';
import { claimInvitation } from './auth-repository.ts';
import { createAuthService, newInvitation } from './auth-service.ts';
import { verifyPassword } from './passwords.ts';

const info = { requestId: 'invitation-race-test', ip: '127.0.0.1' };

describe('an invitation is accepted once, however many acceptances arrive at once', () => {
  let t: TestDatabase;
  let config: Config;
  let p: TestPartnership;
  before(async () => {
    t = await createTestDatabase();
    config = testConfig();
    p = await seedPartnership(t.db, config, 'alpha');
  });
  after(() => t.drop());

  const invitedUser = (email: string) =>
    t.db.system(async (trx) => {
      const userId = await insertUser(trx, { partnershipId: p.id, agencyId: p.agencyId, name: email, email, role: 'viewer' });
      const invitation = newInvitation();
      await insertInvitation(trx, { partnershipId: p.id, userId, ...invitation });
      return { userId, ...invitation };
    });

  test('the statement that marks it used lets one transaction through; a second, waiting on the first, changes nothing', async () => {
    const { tokenHash } = await invitedUser('claim@alpha.test');
    let firstClaimed!: () => void;
    const claimedByFirst = new Promise<void>((resolve) => (firstClaimed = resolve));
    const first = t.db.tenant(p.id, async (trx) => {
      const claimed = await claimInvitation(trx, tokenHash);
      firstClaimed();
      await sleep(200); // still open while the second tries
      return claimed;
    });
    await claimedByFirst;
    const second = t.db.tenant(p.id, (trx) => claimInvitation(trx, tokenHash));
    assert.deepEqual(await Promise.all([first, second]), [true, false]);
  });

  test('of four acceptances at once, one sets its password and three are told the link was used', async () => {
    const auth = createAuthService({ db: t.db, config, log: pino({ enabled: false }) });
    for (let round = 0; round < 3; round++) {
      const { userId, token } = await invitedUser(`race${round}@alpha.test`);
      const passwords = [0, 1, 2, 3].map((i) => `round ${round} person ${i} chooses this password`);
      const results = await Promise.all(passwords.map((password) => auth.acceptInvitation(token, password, info)));

      assert.deepEqual(results.map((r) => r.kind).sort(), ['ok', 'used', 'used', 'used'], `round ${round}`);
      const winner = passwords[results.findIndex((r) => r.kind === 'ok')]!;
      const { hash, accepted } = await t.db.tenant(p.id, async (trx) => ({
        hash: (await trx.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash,
        accepted: await trx
          .selectFrom('audit_events')
          .select('id')
          .where('action', '=', 'account.invitation_accepted')
          .where('subject_id', '=', String(userId))
          .execute(),
      }));
      const log = pino({ enabled: false });
      for (const password of passwords) assert.equal(await verifyPassword(hash, password, log), password === winner, password);
      assert.equal(accepted.length, 1);
    }
  });
});
