import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_PASSWORD, type TestApp, type TestPartnership } from '../../../test/helpers/app.ts';
import { appWithPartnerships } from '../../../test/helpers/route-fixtures.ts';
import { insertInvitation, insertUser } from '../users/user-repository.ts';
import { newInvitation } from './auth-service.ts';

const PASSWORDS = ['lantern orchard velvet compass', 'harbour meadow quartz ribbon'] as const;

describe('accepting an invitation', () => {
  let t: TestApp;
  let p: TestPartnership;
  before(async () => {
    [t, p] = await appWithPartnerships(['alpha']);
  });
  after(() => t.close());

  /** A new invitation for the user, as an administrator would make one; returns the link's path. */
  const invite = (userId: number) =>
    t.database.db.system(async (trx) => {
      const invitation = newInvitation();
      await insertInvitation(trx, { partnershipId: p.id, userId, ...invitation });
      return `/invitation/${invitation.token}`;
    });

  const addInvitedUser = (name: string, email: string) =>
    t.database.db.system((trx) => insertUser(trx, { partnershipId: p.id, agencyId: p.agencyId, name, email, role: 'member' }));

  const acceptances = (userId: number) =>
    t.database.db.tenant(p.id, (trx) =>
      trx
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'account.invitation_accepted')
        .where('subject_id', '=', String(userId))
        .execute(),
    );

  test('of two acceptances of one link at once, one sets its password and the other is refused; only its password signs in', async () => {
    const userId = await addInvitedUser('Iris Novak', 'iris.novak@alpha.test');
    const path = await invite(userId);
    const people = [t.agent(), t.agent()];
    for (const person of people) assert.equal((await person.get(path)).statusCode, 200, 'both open the form');

    const accept = (person: (typeof people)[number], password: string) => person.post(path, { password, confirmPassword: password });
    const responses = await Promise.all(people.map((person, i) => accept(person, PASSWORDS[i]!)));

    const winners = responses.flatMap((r, i) => (r.statusCode === 200 && r.body.includes('Your password is set') ? [i] : []));
    const statuses = responses.map((r) => r.statusCode).join(', ');
    assert.equal(winners.length, 1, `exactly one is told their password is set (statuses ${statuses})`);
    const winner = winners[0]!;
    const refused = responses[1 - winner]!;
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /<h1 class="govuk-heading-l">This link has already been used<\/h1>/);
    assert.match(refused.body, /Your password has not been set/);
    assert.ok(!refused.body.includes('Your password is set'));

    const signIn = (password: string) => t.agent().post('/sign-in', { email: 'iris.novak@alpha.test', password });
    const first = await signIn(PASSWORDS[winner]!);
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, '/sign-in/set-up-authenticator');
    assert.equal((await signIn(PASSWORDS[1 - winner]!)).statusCode, 401, "the refused person's password does not sign in");
    assert.equal((await acceptances(userId)).length, 1, 'one acceptance is audited');
    assert.equal((await t.agent().get(path)).statusCode, 404, 'the link is used');
  });

  test('setting a password with an invitation ends sessions that began before it, as any change of password does', async () => {
    const user = p.users.analyst;
    const path = await invite(user.id);
    // Someone who knows the old password signs in after the new link was made.
    const intruder = t.agent();
    await intruder.signIn(user);
    assert.equal((await intruder.get('/')).statusCode, 200);

    const set = await t.agent().post(path, { password: PASSWORDS[0], confirmPassword: PASSWORDS[0] });
    assert.equal(set.statusCode, 200);
    assert.match(set.body, /Your password is set/);
    const next = await intruder.get('/');
    assert.equal(next.statusCode, 302);
    assert.equal(next.headers.location, '/sign-in');
    assert.deepEqual(
      (await acceptances(user.id)).map((a) => a.details),
      [{ sessionsEnded: 1 }],
    );
    const oldPassword = await t.agent().post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    assert.equal(oldPassword.statusCode, 401, 'the old password no longer works');
  });
});
